package dev.compact.security;

import dev.compact.access.Clearance;
import dev.compact.access.CompactAuthentication;
import dev.compact.access.DashboardSessions;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;

/**
 * Asks again, with the API's own token check, whether the bearer token a request came with still
 * authenticates an account cleared as far as it was: for an event stream, which outlives the request
 * that opened it (and the same of a dashboard session, for the dashboard's stream). A token revoked or expired since, an account disabled, an identity unlinked, roles
 * lowered, or an identity provider that cannot be reached all answer no (the stream ends, and the
 * client that reconnects is checked like any request). So does a check that fails (the database cannot be read): a
 * stream is not kept open on credentials nobody could confirm, and the reconnect is checked like any request.
 */
final class TokenRecheck implements dev.compact.access.StreamCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(TokenRecheck.class);
  private final AuthenticationManager tokens;
  private final DashboardSessions sessions;

  TokenRecheck(AuthenticationManager tokens, DashboardSessions sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  /** The check itself, as the API's filter chain asks it for every request. */
  AuthenticationManager tokens() {
    return tokens;
  }

  @Override
  public BooleanSupplier stillCleared(String authorization, Clearance clearance) {
    // Parsed as the API's filter chain parsed it (which already refused a malformed header).
    String bearerToken = BearerTokens.token(authorization).orElse(null);
    if (bearerToken == null || clearance == Clearance.PUBLIC) {
      return () -> true;
    }
    return () -> {
      try {
        Authentication authentication = tokens.authenticate(new BearerTokenAuthenticationToken(bearerToken));
        return authentication instanceof CompactAuthentication account
            && Clearance.of(account.getPrincipal()).compareTo(clearance) >= 0;
      } catch (AuthenticationException e) {
        return false;
      } catch (RuntimeException e) {
        return failedClosed("token", e);
      }
    };
  }

  /**
   * The session read again from the store, as the next request with its cookie would find it: gone (signed out,
   * its account disabled, expired by Spring Session's own timeout) or over by the service's clock is a no.
   */
  @Override
  public BooleanSupplier stillSignedIn(String sessionId, Clearance clearance) {
    if (sessionId == null || clearance == Clearance.PUBLIC) {
      return () -> true;
    }
    return () -> {
      try {
        Session session = sessions.repository().findById(sessionId);
        if (session == null || session.isExpired()
            || !(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context)
            || !(context.getAuthentication() instanceof CompactAuthentication account)) {
          return false;
        }
        return Clearance.of(account.getPrincipal()).compareTo(clearance) >= 0
            && sessions.state(account.getName(), session.getAttribute(DashboardSessions.SIGNED_IN), session.getAttribute(DashboardSessions.ACTIVE),
                session.getAttribute(DashboardSessions.TOKEN), false) != DashboardSessions.State.ENDED;
      } catch (RuntimeException e) {
        return failedClosed("dashboard session", e);
      }
    };
  }

  /**
   * A check that could not be made answers no: the stream ends as if the credentials had lapsed, and the client's
   * reconnect meets the ordinary request checks, which refuse it while the database is down. One line, not a trace:
   * an outage ends every open stream, and each would otherwise log its own.
   */
  private static boolean failedClosed(String what, RuntimeException e) {
    // The innermost cause says what failed (a table missing, a connection refused); Spring's wrapper adds the SQL.
    Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
    String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("").strip();
    LOG.warn("an event stream's {} could not be checked again, so the stream was ended: {}", what,
        message.isEmpty() ? cause.getClass().getSimpleName() : message);
    return false;
  }
}

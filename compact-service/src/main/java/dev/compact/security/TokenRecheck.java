package dev.compact.security;

import dev.compact.access.Clearance;
import dev.compact.access.CompactAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.BooleanSupplier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Asks again, with the API's own token check, whether the bearer token a request came with still
 * authenticates an account cleared as far as it was: for an event stream, which outlives the request
 * that opened it. A token revoked or expired since, an account disabled, an identity unlinked, roles
 * lowered, or an identity provider that cannot be reached all answer no (the stream ends, and the
 * client that reconnects is checked like any request).
 */
public final class TokenRecheck {
  private final AuthenticationManager tokens;

  TokenRecheck(AuthenticationManager tokens) {
    this.tokens = tokens;
  }

  /** The check itself, as the API's filter chain asks it for every request. */
  AuthenticationManager tokens() {
    return tokens;
  }

  /**
   * A check for the stream this request opens at {@code clearance}: always yes for a request without
   * a token (the public stream needs none), else whether its token still authenticates at that clearance or higher.
   */
  public BooleanSupplier of(HttpServletRequest request, Clearance clearance) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ") || clearance == Clearance.PUBLIC) {
      return () -> true;
    }
    String token = header.substring("Bearer ".length()).strip();
    return () -> {
      try {
        Authentication authentication = tokens.authenticate(new BearerTokenAuthenticationToken(token));
        return authentication instanceof CompactAuthentication account
            && Clearance.of(account.getPrincipal()).compareTo(clearance) >= 0;
      } catch (AuthenticationException e) {
        return false;
      }
    };
  }
}

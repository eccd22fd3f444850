package dev.compact.web;

import dev.compact.access.Actor;
import dev.compact.access.CompactAuthentication;
import dev.compact.access.DashboardSessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is using the dashboard: the account Spring Security found in the session of the
 * {@value DashboardSessions#COOKIE} cookie (see the security package), over the same accounts as
 * the API. What stays here is what Spring Security does not do: a form post takes one write from
 * the account's rate, and a post without an account is a page that asks to sign in. The service
 * layer checks the account's roles for each event, as for the API.
 */
@Component
class DashboardAuth {
  static final String COOKIE = DashboardSessions.COOKIE;
  private static final String COUNTED = DashboardAuth.class.getName() + ".counted";
  private final dev.compact.access.WriteRate rate;

  DashboardAuth(dev.compact.access.WriteRate rate) {
    this.rate = rate;
  }

  Optional<Actor> actor(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication instanceof CompactAuthentication account ? Optional.of(account.getPrincipal()) : Optional.empty();
  }

  /**
   * The signed-in actor, or a page that asks to sign in. A form post takes one write from the
   * account's rate, as an API write does (once per request, however often a handler asks).
   */
  Actor require(HttpServletRequest request) {
    Actor actor = actor(request).orElseThrow(NotSignedIn::new);
    if ("POST".equals(request.getMethod()) && request.getAttribute(COUNTED) == null) {
      request.setAttribute(COUNTED, Boolean.TRUE);
      java.util.Optional<java.time.Duration> refused = rate.take(actor.name());
      if (refused.isPresent()) {
        throw new dev.compact.access.WriteRate.TooFast(actor.name(), rate.perSecond(), refused.get());
      }
    }
    return actor;
  }

  /** A form was posted without a valid sign-in. */
  static final class NotSignedIn extends RuntimeException {
    NotSignedIn() {
      super("sign in to record (with your account's name and password, or an API token); nothing was recorded");
    }
  }
}

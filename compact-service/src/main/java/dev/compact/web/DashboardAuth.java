package dev.compact.web;

import dev.compact.access.Accounts;
import dev.compact.access.Actor;
import dev.compact.access.Sessions;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who is using the dashboard: the account of the server-side session whose id is in the
 * {@value #COOKIE} cookie, over the same accounts as the API. Every form post resumes the session
 * again, and the service layer checks the account's roles for each event, as for the API.
 */
@Component
class DashboardAuth {
  static final String COOKIE = "compact_session";
  // A page asks several times per request (the header, the form's handler); the database once.
  private static final String RESOLVED = DashboardAuth.class.getName() + ".actor";
  private static final String COUNTED = DashboardAuth.class.getName() + ".counted";
  private final Sessions sessions;
  private final dev.compact.access.WriteRate rate;

  DashboardAuth(Accounts accounts, dev.compact.access.WriteRate rate) {
    this.sessions = accounts.sessions();
    this.rate = rate;
  }

  @SuppressWarnings("unchecked")
  Optional<Actor> actor(HttpServletRequest request) {
    if (request.getAttribute(RESOLVED) instanceof Optional<?> resolved) {
      return (Optional<Actor>) resolved;
    }
    Optional<Actor> actor = sessionId(request).flatMap(id -> sessions.resume(id, byPerson(request))).map(Actor::of);
    request.setAttribute(RESOLVED, actor);
    return actor;
  }

  /**
   * The signed-in actor, or a page that asks to sign in. A form post takes one write from the
   * account's rate, as an API write does (once per request, however often a handler asks).
   */
  Actor require(HttpServletRequest request) {
    Actor actor = actor(request).orElseThrow(NotSignedIn::new);
    if ("POST".equals(request.getMethod()) && request.getAttribute(COUNTED) == null) {
      request.setAttribute(COUNTED, Boolean.TRUE);
      if (!rate.admit(actor.name())) {
        throw new dev.compact.access.WriteRate.TooFast(actor.name(), rate.perSecond());
      }
    }
    return actor;
  }

  static Optional<String> sessionId(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
        return Optional.of(cookie.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a person opened the page or sent the form, rather than an open page fetching itself
   * again for its live refresh: only the first keeps an idle session alive. Browsers say which in
   * Sec-Fetch-Mode; a client that does not say is taken as a person.
   */
  private static boolean byPerson(HttpServletRequest request) {
    String mode = request.getHeader("Sec-Fetch-Mode");
    return mode == null || "navigate".equals(mode);
  }

  /** A form was posted without a valid sign-in. */
  static final class NotSignedIn extends RuntimeException {
    NotSignedIn() {
      super("sign in to record (with your account's name and password, or an API token); nothing was recorded");
    }
  }
}

package dev.compact.web;

import dev.compact.access.Accounts;
import dev.compact.access.Actor;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who is recording through the dashboard: the same accounts and API tokens as the API. Signing in
 * puts the token in an HttpOnly, SameSite=Strict cookie; every form post authenticates it again,
 * and the service layer checks the account's roles for each event, as for the API.
 */
@Component
class DashboardAuth {
  static final String COOKIE = "compact_token";
  private final Accounts accounts;

  DashboardAuth(Accounts accounts) {
    this.accounts = accounts;
  }

  Optional<Actor> actor(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
        return accounts.authenticate(cookie.getValue()).map(Actor::of);
      }
    }
    return Optional.empty();
  }

  /** The signed-in actor, or a page that asks to sign in. */
  Actor require(HttpServletRequest request) {
    return actor(request).orElseThrow(NotSignedIn::new);
  }

  Optional<Accounts.Account> authenticate(String token) {
    return accounts.authenticate(token);
  }

  /** A form was posted without a valid sign-in. */
  static final class NotSignedIn extends RuntimeException {
    NotSignedIn() {
      super("sign in with an API token to record (see compact users token); nothing was recorded");
    }
  }
}

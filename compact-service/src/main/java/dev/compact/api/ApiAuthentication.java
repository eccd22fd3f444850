package dev.compact.api;

import dev.compact.access.Actor;
import dev.compact.access.Clearance;
import dev.compact.access.CompactAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling the API, as Spring Security authenticated them (see the security package): an
 * account's actor, or nobody. Reads without a token see the public record; a write reaching a
 * handler without an account (which the API's filter chain already refuses) is refused again here.
 */
final class ApiAuthentication {
  private ApiAuthentication() {}

  /** What the reader of this request may see: public without a token. */
  static Clearance clearance(HttpServletRequest request) {
    return Clearance.of(caller().orElse(null));
  }

  /** The actor of an authenticated API request. */
  static Actor actor(HttpServletRequest request) {
    return caller().orElseThrow(Unauthenticated::new);
  }

  /**
   * The actor of an authenticated API request whose roles allow what it asks, else 403. For routes that
   * take large bodies, called before the body is read: a request its account may not make costs the
   * service nothing to refuse, whatever it sends.
   */
  static Actor actorAllowed(HttpServletRequest request, java.util.function.Function<java.util.Set<dev.compact.access.Role>,
      dev.compact.access.Permissions.Verdict> permission) {
    Actor actor = actor(request);
    dev.compact.access.Permissions.Verdict verdict = permission.apply(actor.roles());
    if (!actor.system() && !verdict.allowed()) {
      throw new dev.compact.access.Forbidden(actor.name() + ": " + verdict.reason());
    }
    return actor;
  }

  static Optional<Actor> caller() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication instanceof CompactAuthentication account ? Optional.of(account.getPrincipal()) : Optional.empty();
  }

  /** A write reached its handler without an account: refused as unauthenticated, never a server error. */
  static final class Unauthenticated extends RuntimeException {
    Unauthenticated() {
      super("writes need an API token: Authorization: Bearer <token>", null, false, false);
    }
  }
}

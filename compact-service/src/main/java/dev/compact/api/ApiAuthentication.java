package dev.compact.api;

import dev.compact.access.Accounts;
import dev.compact.access.Actor;
import dev.compact.identity.IdentityLinks;
import dev.compact.identity.OidcVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates writes to the API with bearer tokens: Compact's own API tokens, or, where an
 * identity provider is configured, its OpenID Connect tokens for identities linked to an account.
 * Reads stay open; a write without a valid token is a 401 problem before anything is parsed. What
 * an authenticated account may write is decided later, in the service layer.
 */
@Component
class ApiAuthentication extends OncePerRequestFilter {
  static final String ACTOR = "compact.actor";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Accounts accounts;
  private final OidcVerifier oidc;
  private final IdentityLinks links;
  private final dev.compact.access.WriteRate rate;

  ApiAuthentication(Accounts accounts, OidcVerifier oidc, IdentityLinks links, dev.compact.access.WriteRate rate) {
    this.accounts = accounts;
    this.oidc = oidc;
    this.links = links;
    this.rate = rate;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // The path as the handlers are matched to it: decoded, without ;parameters. The raw URI would let
    // /%61pi/incidents or /api;x=1/incidents reach a handler without passing here.
    String path = lookupPath(request);
    String method = request.getMethod();
    // Reads, the stateless validation of a draft, and the test clock (on only in tests and demos) need no account.
    boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    // A read with a token is authenticated too, so that it may see what the account is cleared for.
    // Checking a draft and screening a name read nothing from the record and write nothing to it.
    return !path.startsWith("/api/") || (read && request.getHeader("Authorization") == null)
        || path.equals("/api/agreements/check") || (path.equals("/api/clock") && !read) || path.startsWith("/api/screen");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    Caller caller = header != null && header.startsWith("Bearer ") ? caller(header.substring("Bearer ".length()).strip())
        : new Caller.Unknown(header == null ? "writes need an API token: Authorization: Bearer <token> (see compact users token)"
            : "the token is unknown, expired or revoked");
    Accounts.Account account;
    switch (caller) {
      case Caller.Known known -> account = known.account();
      case Caller.Unknown unknown -> {
        problem(response, 401, "unauthenticated", "Unauthenticated", unknown.detail());
        return;
      }
      case Caller.Unchecked unchecked -> {
        // Only tokens of the identity provider get here: Compact's own tokens never depend on it.
        response.setHeader("Retry-After", "30");
        problem(response, 503, "identity-provider-unavailable", "Identity provider unavailable", unchecked.detail());
        return;
      }
    }
    boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD") || request.getMethod().equals("OPTIONS");
    if (!read && !rate.admit(account.name())) {
      response.setHeader("Retry-After", "1");
      problem(response, 429, "too-many-writes", "Too many writes",
          "this account writes faster than " + rate.perSecond() + " per second; nothing was recorded, retry shortly");
      return;
    }
    request.setAttribute(ACTOR, Actor.of(account));
    chain.doFilter(request, response);
  }

  /** Who presents a bearer token: an account, nobody, or (only for identity-provider tokens) not known right now. */
  private sealed interface Caller {
    record Known(Accounts.Account account) implements Caller {}

    record Unknown(String detail) implements Caller {}

    record Unchecked(String detail) implements Caller {}
  }

  /** Compact's tokens start with cpt_, identity-provider tokens are JWTs: telling them apart costs no lookup. */
  private Caller caller(String token) {
    if (!token.startsWith("cpt_") && OidcVerifier.looksLikeJwt(token)) {
      return switch (oidc.verify(token)) {
        case OidcVerifier.Outcome.Verified(String issuer, String subject) -> links.account(issuer, subject)
            .<Caller>map(Caller.Known::new)
            .orElseGet(() -> new Caller.Unknown("the identity token is valid, but this identity is not linked to an active Compact account; "
                + "an administrator links it with compact users link"));
        case OidcVerifier.Outcome.Refused(String reason) -> new Caller.Unknown("the identity token was refused: " + reason);
        case OidcVerifier.Outcome.Unavailable(String reason) -> new Caller.Unchecked("the identity provider could not be reached to "
            + "check this token; nothing was recorded. Retry later; Compact API tokens are not affected");
      };
    }
    return accounts.authenticate(token).<Caller>map(Caller.Known::new)
        .orElseGet(() -> new Caller.Unknown("the token is unknown, expired or revoked"));
  }

  private static void problem(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
    response.setStatus(status);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"compact\"");
    }
    response.setContentType("application/problem+json");
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", Problems.BASE + type);
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    response.getWriter().write(JSON.writeValueAsString(problem));
  }

  /** What the reader of this request may see: public without a token. */
  static dev.compact.access.Clearance clearance(HttpServletRequest request) {
    return dev.compact.access.Clearance.of(request.getAttribute(ACTOR) instanceof Actor a ? a : null);
  }

  /** The actor of an authenticated API request. */
  static Actor actor(HttpServletRequest request) {
    Object actor = request.getAttribute(ACTOR);
    if (actor instanceof Actor a) {
      return a;
    }
    throw new Unauthenticated();
  }

  /** A write reached its handler without an account: refused as unauthenticated, never a server error. */
  static final class Unauthenticated extends RuntimeException {
    Unauthenticated() {
      super("writes need an API token: Authorization: Bearer <token>", null, false, false);
    }
  }

  /** The path handlers are matched on: decoded, without ;parameters. */
  static String lookupPath(HttpServletRequest request) {
    return PATHS.getLookupPathForRequest(request);
  }

  private static final org.springframework.web.util.UrlPathHelper PATHS = paths();

  private static org.springframework.web.util.UrlPathHelper paths() {
    org.springframework.web.util.UrlPathHelper helper = new org.springframework.web.util.UrlPathHelper();
    helper.setUrlDecode(true);
    helper.setRemoveSemicolonContent(true);
    return helper;
  }
}

package dev.compact.api;

import dev.compact.access.Accounts;
import dev.compact.access.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates writes to the API with bearer tokens. Reads stay open; a write without a valid
 * token is a 401 problem before anything is parsed. What an authenticated account may write is
 * decided later, in the service layer.
 */
@Component
class ApiAuthentication extends OncePerRequestFilter {
  static final String ACTOR = "compact.actor";
  private final Accounts accounts;

  ApiAuthentication(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    String method = request.getMethod();
    // Reads, the stateless validation of a draft, and the test clock (on only in tests and demos) need no account.
    return !path.startsWith("/api/") || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
        || path.equals("/api/agreements/check") || path.equals("/api/clock");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    Optional<Accounts.Account> account = header != null && header.startsWith("Bearer ")
        ? accounts.authenticate(header.substring("Bearer ".length()).strip())
        : Optional.empty();
    if (account.isEmpty()) {
      response.setStatus(401);
      response.setHeader("WWW-Authenticate", "Bearer realm=\"compact\"");
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"" + Problems.BASE + "unauthenticated\",\"title\":\"Unauthenticated\",\"status\":401,"
          + "\"detail\":\"" + (header == null ? "writes need an API token: Authorization: Bearer <token> (see compact users token)"
          : "the token is unknown, expired or revoked") + "\"}");
      return;
    }
    request.setAttribute(ACTOR, Actor.of(account.get()));
    chain.doFilter(request, response);
  }

  /** The actor of an authenticated API request. */
  static Actor actor(HttpServletRequest request) {
    Object actor = request.getAttribute(ACTOR);
    if (actor instanceof Actor a) {
      return a;
    }
    throw new IllegalStateException("no authenticated actor on " + request.getRequestURI());
  }
}

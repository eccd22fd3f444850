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
  private final double perSecond;
  private final double burst;
  /** One bucket per account: writes refill at {@code perSecond} up to {@code burst}. */
  private final java.util.concurrent.ConcurrentHashMap<String, double[]> buckets = new java.util.concurrent.ConcurrentHashMap<>();

  ApiAuthentication(Accounts accounts, @org.springframework.beans.factory.annotation.Value("${compact.write-rate:20}") double perSecond,
      @org.springframework.beans.factory.annotation.Value("${compact.write-burst:100}") double burst) {
    this.accounts = accounts;
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes one write from the account's bucket; false when it is empty. */
  private boolean admit(String account) {
    long now = System.nanoTime();
    double[] bucket = buckets.computeIfAbsent(account, a -> new double[] {burst, now});
    synchronized (bucket) {
      bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) / 1e9 * perSecond);
      bucket[1] = now;
      if (bucket[0] < 1) {
        return false;
      }
      bucket[0] -= 1;
      return true;
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    String method = request.getMethod();
    // Reads, the stateless validation of a draft, and the test clock (on only in tests and demos) need no account.
    boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    // A read with a token is authenticated too, so that it may see what the account is cleared for.
    // Checking a draft and screening a name read nothing from the record and write nothing to it.
    return !path.startsWith("/api/") || (read && request.getHeader("Authorization") == null)
        || path.equals("/api/agreements/check") || path.equals("/api/clock") || path.startsWith("/api/screen");
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
    boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD") || request.getMethod().equals("OPTIONS");
    if (!read && !admit(account.get().name())) {
      response.setStatus(429);
      response.setHeader("Retry-After", "1");
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"" + Problems.BASE + "too-many-writes\",\"title\":\"Too many writes\",\"status\":429,"
          + "\"detail\":\"this account writes faster than " + perSecond + " per second; nothing was recorded, retry shortly\"}");
      return;
    }
    request.setAttribute(ACTOR, Actor.of(account.get()));
    chain.doFilter(request, response);
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
    throw new IllegalStateException("no authenticated actor on " + request.getRequestURI());
  }
}

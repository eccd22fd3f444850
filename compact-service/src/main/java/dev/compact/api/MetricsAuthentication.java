package dev.compact.api;

import dev.compact.access.Accounts;
import dev.compact.access.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Metrics need an account with the monitor role (or the secretariat). They count requests per path
 * and status, and so every classified record written: open to all, they would tell the public how
 * many hidden incidents, consultations and deliveries there are. Health stays open for probes.
 */
@Component
class MetricsAuthentication extends OncePerRequestFilter {
  private final Accounts accounts;

  MetricsAuthentication(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = ApiAuthentication.lookupPath(request);
    return !path.startsWith("/actuator") || path.startsWith("/actuator/health");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    Optional<Accounts.Account> account = header != null && header.startsWith("Bearer ")
        ? accounts.authenticate(header.substring("Bearer ".length()).strip()) : Optional.empty();
    if (account.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"compact\"");
      refuse(response, 401, "unauthenticated", "Unauthenticated",
          "metrics need the token of an account with the monitor role (compact users add NAME --role monitor)");
      return;
    }
    if (!account.get().roles().contains(new Role.Monitor()) && !account.get().roles().contains(new Role.Secretariat())) {
      refuse(response, 403, "forbidden", "Forbidden", "only the monitor role or the secretariat may read metrics");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.getWriter().write("{\"type\":\"" + Problems.BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\"}");
  }
}

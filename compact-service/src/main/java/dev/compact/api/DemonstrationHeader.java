package dev.compact.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks every API answer of a demonstration record ({@code compact.demonstration=true}) with
 * {@value #NAME}{@code : true}: the dashboard's pages say it in their text, and a client that reads
 * only {@code /api/obligations?state=breached} must be told too that the breaches are no finding about
 * any state. Set before anything else writes the answer, so refusals and errors carry it as well. Not
 * registered at all on a real record, which pays nothing for it.
 */
@Component
@ConditionalOnProperty(name = "compact.demonstration", havingValue = "true")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemonstrationHeader extends OncePerRequestFilter {
  static final String NAME = "Compact-Demonstration";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(NAME, "true");
    chain.doFilter(request, response);
  }
}

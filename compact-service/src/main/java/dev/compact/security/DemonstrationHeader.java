package dev.compact.security;

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
 * Marks every answer of a demonstration record ({@code compact.demonstration=true}) with
 * {@value #NAME}{@code : true}: a client that reads only {@code /api/obligations?state=breached}, a
 * yente client of {@code /match}, a CSV export or the dashboard's stream must be told too that the
 * breaches are no finding about any state, and a page carries it as well as its text. Every path, so
 * that no route added later can lack it. Set before anything else writes the answer, so refusals and
 * errors carry it as well (and {@link ContainerErrors} adds it to what Tomcat refuses itself). Not
 * registered at all on a real record, which pays nothing for it.
 */
@Component
@ConditionalOnProperty(name = "compact.demonstration", havingValue = "true")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemonstrationHeader extends OncePerRequestFilter {
  static final String NAME = "Compact-Demonstration";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(NAME, "true");
    chain.doFilter(request, response);
  }
}

package dev.compact.security;

import dev.compact.access.CompactAuthentication;
import dev.compact.access.WriteRate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes one write from the account's rate for each authenticated API write, after authentication
 * and before anything is parsed; beyond the rate the write is a 429 that records nothing. Spring
 * Security has no rate limit of its own.
 */
final class WriteRateFilter extends OncePerRequestFilter {
  private final WriteRate rate;

  WriteRateFilter(WriteRate rate) {
    this.rate = rate;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof CompactAuthentication account && !BearerTokens.isRead(request)) {
      java.util.Optional<java.time.Duration> refused = rate.take(account.getName());
      if (refused.isPresent()) {
        long seconds = dev.compact.access.RetryAfter.seconds(refused.get());
        response.setHeader("Retry-After", Long.toString(seconds));
        // The sentence a form's refusal gives too (WriteRate.TooFast), built in one place.
        Refusals.problem(response, 429, "too-many-writes", "Too many writes",
            new dev.compact.access.WriteRate.TooFast("this account", rate.perSecond(), refused.get()).getMessage());
        return;
      }
    }
    chain.doFilter(request, response);
  }
}

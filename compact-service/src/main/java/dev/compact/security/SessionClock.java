package dev.compact.security;

import dev.compact.access.CompactAuthentication;
import dev.compact.access.DashboardSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a dashboard session that is over by the service's clock (idle, too old, its account
 * disabled, its token revoked or expired), and keeps the person's activity: Spring Session's own
 * timeout counts the machine's time and every request, including a page refreshing itself.
 */
final class SessionClock extends OncePerRequestFilter {
  private final DashboardSessions sessions;

  SessionClock(DashboardSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && SecurityContextHolder.getContext().getAuthentication() instanceof CompactAuthentication account) {
      DashboardSessions.State state = sessions.state(account.getName(), (Long) session.getAttribute(DashboardSessions.SIGNED_IN),
          (Long) session.getAttribute(DashboardSessions.ACTIVE), (String) session.getAttribute(DashboardSessions.TOKEN), byPerson(request));
      switch (state) {
        case LIVE -> { }
        case TOUCH -> session.setAttribute(DashboardSessions.ACTIVE, sessions.now());
        case ENDED -> {
          session.invalidate();
          SecurityContextHolder.clearContext();
        }
      }
    }
    chain.doFilter(request, response);
  }

  /**
   * Whether a person opened the page or sent the form, rather than an open page fetching itself
   * again for its live refresh: only the first keeps an idle session alive. Browsers say which in
   * Sec-Fetch-Mode; a client that does not say is taken as a person.
   */
  static boolean byPerson(HttpServletRequest request) {
    String mode = request.getHeader("Sec-Fetch-Mode");
    return mode == null || "navigate".equals(mode);
  }
}

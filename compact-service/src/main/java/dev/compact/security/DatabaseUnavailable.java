package dev.compact.security;

import dev.compact.access.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * A database failure met outside any controller, where no problem handler sees it: Spring Session reading or saving
 * a dashboard session (also when an event stream ends, in its asynchronous dispatch), or a filter of the security
 * chain counting a write. Tomcat logged each as a stack trace and answered a bare 500, or cut an event stream short.
 * It is one line in the log now, and a 503 while the answer can still be written: a page for a browser's page request,
 * the problem document for everything else. In front of Spring Session.
 */
final class DatabaseUnavailable extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailable.class);

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException e) {
      if (!DatabaseOutage.causedIt(e)) {
        throw e;
      }
      LOG.warn(DatabaseOutage.logLine(request.getMethod(), request.getRequestURI(), e));
      if (!response.isCommitted()) {
        response.resetBuffer();
        String detail = DatabaseOutage.detail(request.getMethod());
        if (wantsAPage(request)) {
          page(request, response, detail);
        } else {
          Refusals.problem(response, 503, "unavailable", "Service unavailable", detail);
        }
      }
    }
  }

  /** A browser asking for a dashboard page (or posting its form) is shown a page; the API and its clients get the problem. */
  static boolean wantsAPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return accept != null && accept.contains("text/html") && !path.startsWith("/api/") && !path.startsWith("/match/");
  }

  /**
   * The dashboard's problem page, written here: no controller and no template engine runs in a filter, and this page
   * must not need the database. Its text is the service's own, never the request's.
   */
  private static void page(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    String root = HtmlUtils.htmlEscape(request.getContextPath());
    response.setStatus(503);
    response.setContentType("text/html;charset=UTF-8");
    response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Service unavailable</title>"
        + "<link rel=\"stylesheet\" href=\"" + root + "/dashboard/dashboard.css\"></head>\n<body>\n<main id=\"main\">\n"
        + "<h1>Service unavailable</h1>\n<div class=\"error\" role=\"alert\"><p>" + HtmlUtils.htmlEscape(detail) + ".</p></div>\n"
        + "<p>Return to the <a href=\"" + root + "/\">overview</a> once it answers again.</p>\n</main>\n</body>\n</html>\n");
  }
}

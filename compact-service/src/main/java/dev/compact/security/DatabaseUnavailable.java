package dev.compact.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A database failure met outside any controller, where no problem handler sees it: Spring Session reading or saving
 * a dashboard session (also when an event stream ends, in its asynchronous dispatch), or a filter of the security
 * chain counting a write. Tomcat logged each as a stack trace and answered a bare 500, or cut an event stream short.
 * It is one line in the log now, and a 503 problem while the answer can still be written. In front of Spring Session.
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
      if (!fromTheDatabase(e)) {
        throw e;
      }
      Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
      String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("").strip();
      LOG.warn("{} {} could not be answered, the database could not be read: {}", request.getMethod(), request.getRequestURI(), message);
      if (!response.isCommitted()) {
        response.resetBuffer();
        Refusals.problem(response, 503, "unavailable", "Service unavailable", detail(request.getMethod()));
      }
    }
  }

  /**
   * What the client may conclude. Not "nothing was recorded" for a write: Spring Session saves the session after the
   * handler has run, so a form's command may be on the record when that save fails.
   */
  static String detail(String method) {
    boolean read = switch (method) {
      case "GET", "HEAD", "OPTIONS" -> true;
      default -> false;
    };
    return read ? "the service's database cannot be read just now. Try again shortly"
        : "the service's database cannot be read just now, and this request may or may not have been recorded before that"
            + " failed: look before sending it again (an API client may repeat it with the same Idempotency-Key, which never"
            + " records twice)";
  }

  /** Spring's data access failures, and any other with an SQL failure among its causes (the store's own exceptions). */
  static boolean fromTheDatabase(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessException || t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }
}

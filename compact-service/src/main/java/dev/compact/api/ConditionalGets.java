package dev.compact.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Conditional GET for the API's reads: every answer carries an {@code ETag} (the one a handler set,
 * such as a record's version, or else a hash of the body), and a request whose
 * {@code If-None-Match} names it gets 304 with no body. The event stream is left alone: it never
 * ends, so it has no body to hash.
 */
@Component
class ConditionalGets extends ShallowEtagHeaderFilter {
  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return true;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) || !path.startsWith("/api/")
        || path.equals("/api/stream") || path.startsWith("/api/docs");
  }
}

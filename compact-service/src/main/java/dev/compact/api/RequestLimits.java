package dev.compact.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses what no handler should see, before anything reads it, with a problem document: request
 * bodies over the limit (an agreement is a few tens of kilobytes, an event far less), query or form
 * parameters that are not valid percent-encoded UTF-8, and direct requests for the error page.
 * Runs after the character-encoding filter, so parameters are decoded as they will be later.
 */
@Component
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10)
class RequestLimits extends OncePerRequestFilter {
  /** Compiled once: String.matches would compile it again for every POST. */
  private static final java.util.regex.Pattern LIST_VERSIONS = java.util.regex.Pattern.compile("/api/lists/[^/]+/versions");
  private final long requestBytes;
  /** Sanctions list files are larger than any other body (OFAC's sdn.csv alone is over 2 MB): they have their own limit. */
  private final long listBytes;

  RequestLimits(@Value("${compact.max-request-bytes:2000000}") long maxBytes,
      @Value("${compact.max-list-bytes:200000000}") long listBytes) {
    this.requestBytes = maxBytes;
    this.listBytes = listBytes;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    long maxBytes = request.getMethod().equals("POST") && (LIST_VERSIONS.matcher(request.getRequestURI()).matches() || request.getRequestURI().equals("/api/watchlist")) ? listBytes
        : requestBytes;
    boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length > maxBytes || (chunked && request.getMethod().equals("POST"))) {
      response.setStatus(length > maxBytes ? 413 : 411);
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"" + Problems.BASE + (length > maxBytes ? "too-large" : "length-required")
          + "\",\"title\":\"" + (length > maxBytes ? "Request too large" : "Length required") + "\",\"status\":"
          + (length > maxBytes ? 413 : 411) + ",\"detail\":\"request bodies are limited to " + maxBytes
          + " bytes and must state their Content-Length\"}");
      return;
    }
    if (request.getDispatcherType() == jakarta.servlet.DispatcherType.REQUEST && request.getRequestURI().equals("/error")) {
      refuse(response, 404, "not-found", "Not found", "no such page");
      return;
    }
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
      try {
        // Parsed here, once, so that a malformed parameter is a 400 wherever it would first be read. The
        // container's message quotes the parameter's value (a password, on /signin): it is never logged.
        request.getParameterMap();
      } catch (IllegalStateException e) {
        refuse(response, 400, "bad-request", "Bad request",
            "a query or form parameter is not valid percent-encoded UTF-8 (a '%' must be followed by two hexadecimal digits)");
        return;
      }
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

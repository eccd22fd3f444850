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
 * Refuses request bodies over the limit before they are read, with a problem document: an
 * agreement is a few tens of kilobytes, an event far less.
 */
@Component
class RequestLimits extends OncePerRequestFilter {
  private final long maxBytes;

  RequestLimits(@Value("${compact.max-request-bytes:2000000}") long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
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
    chain.doFilter(request, response);
  }
}

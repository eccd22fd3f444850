package dev.compact.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the request's CSRF token before the page is rendered. Spring Security makes it lazily,
 * when a form asks for it; by then a long page may have sent its headers, and the cookie that
 * carries a new token could no longer be set, so that the form would be refused when sent.
 */
final class CsrfCookie extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      token.getToken();
    }
    chain.doFilter(request, response);
  }
}

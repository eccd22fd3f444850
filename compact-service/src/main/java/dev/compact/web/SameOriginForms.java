package dev.compact.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses dashboard form posts sent from another site. A plain HTML form can be posted across
 * sites without the browser asking first (unlike the API's JSON), so without this check any page a
 * desk officer visits could record an incident in their name. Browsers say where a request comes
 * from (Sec-Fetch-Site, Origin); a request that says nothing (curl, tests) is let through.
 */
@Component
class SameOriginForms extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // The yente-compatible /match API is JSON for programs, like /api, and needs no account: not a dashboard form.
    return !"POST".equals(request.getMethod()) || request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/match/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String site = request.getHeader("Sec-Fetch-Site");
    String origin = request.getHeader("Origin");
    boolean crossSite = "cross-site".equals(site) || ("same-site".equals(site) && !sameHost(origin, request));
    if (!crossSite && site == null && origin != null) {
      // "null" is what a sandboxed frame or a data: page sends: never the dashboard itself.
      crossSite = "null".equals(origin) || !sameHost(origin, request);
    }
    if (crossSite) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "dashboard forms are accepted from the dashboard's own pages only");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean sameHost(String origin, HttpServletRequest request) {
    if (origin == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String host = request.getHeader("Host");
      return host != null && host.equalsIgnoreCase(uri.getAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}

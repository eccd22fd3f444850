package dev.compact.security;

import dev.compact.access.CompactAuthentication;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Headers that keep browsers from sniffing types, framing the pages, leaking addresses, running
 * scripts the service did not serve, or handing the pages a camera, microphone or location; one
 * content security policy per surface.
 */
final class Headers {

  /**
   * The dashboard: its own script, style sheet and Chart.js, and nothing inline, so that text which
   * slipped into a page unescaped still could not run. Pages fetch the record and its event stream
   * from the same origin, and forms post only to it. 'report-sample' puts the start of a refused
   * script or style into the violation report, which says what to fix.
   */
  static final String DASHBOARD_POLICY = "default-src 'none'; script-src 'self' 'report-sample'; style-src 'self' 'report-sample';"
      + " img-src 'self'; connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  /** JSON, CSV, calendars and problem documents are data: a browser that renders one loads nothing for it. */
  static final String API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /**
   * The Swagger UI at /api/docs (springdoc's bundle of swagger-ui). Its scripts are files, like the
   * dashboard's, but it draws icons from data: URLs in its style sheet, and its logo is an SVG with
   * one inline style element (in swagger-ui-standalone-preset.js). Rather than allow every inline
   * style, the policy allows that one by its hash; when an upgrade changes the logo,
   * DashboardBrowserTests reports the refused style, and the hash to put here is the SHA-256, in
   * base64, of the element's text.
   */
  static final String DOCS_POLICY = "default-src 'none'; script-src 'self' 'report-sample';"
      + " style-src 'self' 'report-sample' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; img-src 'self' data:;"
      + " connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  /** Powerful browser features no page of the service uses. */
  static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

  /** A year, as browsers' preload lists expect; sent only over HTTPS, where it means something. */
  static final String HSTS = "max-age=31536000; includeSubDomains";

  private Headers() {}

  /**
   * A dashboard page shown to a signed-in reader holds what the account is cleared for: no cache may
   * keep it (a shared one would hand it to the next reader, the browser's would show it after signing
   * out). The public's pages and the dashboard's files are the same for everyone and stay cacheable.
   */
  static final HeaderWriter SIGNED_IN_PAGES = (request, response) -> {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof CompactAuthentication
        && !request.getRequestURI().startsWith("/dashboard/") && !response.containsHeader("Cache-Control")) {
      response.setHeader("Cache-Control", "no-store");
    }
  };

  /**
   * The API chain's protective headers written directly, for answers no filter chain writes (the
   * firewall refuses a request before any chain runs). {@code RejectedRequestsIntegrationTests}
   * checks that they are the ones {@link #with} gives an API answer.
   */
  static void writeApiHeaders(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Content-Security-Policy", API_POLICY);
    response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", HSTS);
    }
  }

  /**
   * Spring Security's header writers with the given policy. Its default cache headers are left out:
   * the API answers conditional GETs with ETags, and the dashboard's files are cacheable.
   */
  static Customizer<HeadersConfigurer<HttpSecurity>> with(String policy) {
    return headers -> headers
        .cacheControl(HeadersConfigurer.CacheControlConfig::disable)
        .httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable)
        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
        .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
        .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
        // Over plain HTTP a man in the middle could strip or forge the header, so browsers ignore it there.
        .addHeaderWriter((request, response) -> {
          if (request.isSecure() && !response.containsHeader("Strict-Transport-Security")) {
            response.setHeader("Strict-Transport-Security", HSTS);
          }
        });
  }
}

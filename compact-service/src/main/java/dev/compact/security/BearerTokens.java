package dev.compact.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.web.util.UrlPathHelper;

/**
 * Finds the bearer token of an API request. Routes that read and write nothing of the record (the
 * check of a draft, screening a name, the test clock) never look at it, so a stale token there
 * does not fail a request that needs none. Any other Authorization header that is not a bearer
 * token is refused rather than ignored, so that a client learns at once that it sent the wrong thing.
 */
final class BearerTokens implements BearerTokenResolver {
  static final String UNKNOWN = "the token is unknown, expired or revoked";
  private static final UrlPathHelper PATHS = paths();

  @Override
  public String resolve(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || tokenless(request)) {
      return null;
    }
    return token(header).orElseThrow(() -> new InvalidBearerTokenException(UNKNOWN));
  }

  /** The token of an Authorization header ({@code Bearer TOKEN}); empty for any other header, or none. */
  static java.util.Optional<String> token(String header) {
    if (header == null || !header.startsWith("Bearer ") || header.substring("Bearer ".length()).isBlank()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(header.substring("Bearer ".length()).strip());
  }

  /** Checking a draft, screening a name and setting the test clock (on only in tests and demos) need no account. */
  static boolean tokenless(HttpServletRequest request) {
    String path = lookupPath(request);
    boolean read = isRead(request);
    return path.equals("/api/agreements/check") || (path.equals("/api/clock") && !read) || path.equals("/api/screen")
        || path.startsWith("/api/screen/");
  }

  static boolean isRead(HttpServletRequest request) {
    String method = request.getMethod();
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  /** The path handlers are matched on: decoded, without ;parameters. */
  static String lookupPath(HttpServletRequest request) {
    return PATHS.getLookupPathForRequest(request);
  }

  private static UrlPathHelper paths() {
    UrlPathHelper helper = new UrlPathHelper();
    helper.setUrlDecode(true);
    helper.setRemoveSemicolonContent(true);
    return helper;
  }
}

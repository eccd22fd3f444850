package dev.compact.security;

import dev.compact.access.DashboardSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * The dashboard's session cookie, {@value DashboardSessions#COOKIE}: HttpOnly, SameSite=Strict,
 * Secure when the request came over https, for 12 hours at most. It carries the session's secret;
 * Spring Session is given, and stores, only the secret's SHA-256.
 */
final class HashedSessionCookies implements HttpSessionIdResolver {
  private final DashboardSessions sessions;
  private final CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();

  HashedSessionCookies(DashboardSessions sessions) {
    this.sessions = sessions;
    DefaultCookieSerializer serializer = new DefaultCookieSerializer();
    serializer.setCookieName(DashboardSessions.COOKIE);
    serializer.setCookiePath("/");
    serializer.setUseHttpOnlyCookie(true);
    serializer.setSameSite("Strict");
    serializer.setUseBase64Encoding(false);
    serializer.setCookieMaxAge((int) DashboardSessions.LIFETIME.toSeconds());
    cookies.setCookieSerializer(serializer);
  }

  @Override
  public List<String> resolveSessionIds(HttpServletRequest request) {
    return cookies.resolveSessionIds(request).stream().map(DashboardSessions::idOf).flatMap(Optional::stream).toList();
  }

  /** Only a session minted in this request has its secret at hand; any other id is never written to a cookie. */
  @Override
  public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
    sessions.secretFor(sessionId).ifPresent(secret -> cookies.setSessionId(request, response, secret));
  }

  @Override
  public void expireSession(HttpServletRequest request, HttpServletResponse response) {
    cookies.expireSession(request, response);
  }
}

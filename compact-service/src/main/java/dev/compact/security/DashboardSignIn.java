package dev.compact.security;

import dev.compact.access.Accounts;
import dev.compact.access.DashboardSessions;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * What happens around the dashboard's sign-in: the session that a sign-in opens is marked with the
 * service's time (and, when opened with an API token, the token's id), the browser is sent back
 * where it came from (only a path on this site), and a refused sign-in shows the form again with
 * the reason, its status and, when throttled, Retry-After; the page itself is the dashboard's.
 */
final class DashboardSignIn {
  /** Where a refused sign-in is shown; request attributes say why (DashboardSessions.REFUSAL, WAIT). */
  static final String REFUSED_PAGE = "/signin/refused";
  private static final String TOKEN_ID = DashboardSignIn.class.getName() + ".token";

  private DashboardSignIn() {}

  static AuthenticationSuccessHandler opened(DashboardSessions sessions) {
    return (request, response, authentication) -> {
      HttpSession session = request.getSession();
      long now = sessions.now();
      session.setAttribute(DashboardSessions.SIGNED_IN, now);
      session.setAttribute(DashboardSessions.ACTIVE, now);
      if (request.getAttribute(TOKEN_ID) instanceof String tokenId) {
        session.setAttribute(DashboardSessions.TOKEN, tokenId);
      }
      sessions.removeExpired();
      response.sendRedirect(DashboardSessions.local(request.getParameter("back")));
    };
  }

  static AuthenticationFailureHandler refused() {
    return (request, response, exception) -> {
      String refusal = switch (exception) {
        case PasswordProvider.Throttled throttled -> {
          request.setAttribute(DashboardSessions.WAIT, throttled.waitFor());
          yield "throttled";
        }
        case TokenRefused t -> "token";
        default -> "wrong";
      };
      request.setAttribute(DashboardSessions.REFUSAL, refusal);
      request.getRequestDispatcher(REFUSED_PAGE).forward(request, response);
    };
  }

  /** Sign-in with one of the account's API tokens, as a second way: the session ends when the token does. */
  static final class WithToken extends AbstractAuthenticationProcessingFilter {
    private final Accounts accounts;

    WithToken(Accounts accounts) {
      super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/signin/token"));
      this.accounts = accounts;
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
        throws AuthenticationException, IOException, ServletException {
      String token = Optional.ofNullable(request.getParameter("token")).orElse("").strip();
      String tokenId = accounts.tokenId(token).orElseThrow(TokenRefused::new);
      Authentication authentication;
      try {
        authentication = getAuthenticationManager().authenticate(new BearerTokenAuthenticationToken(token));
      } catch (AuthenticationException e) {
        throw new TokenRefused();
      }
      request.setAttribute(TOKEN_ID, tokenId);
      return authentication;
    }
  }

  static final class TokenRefused extends BadCredentialsException {
    TokenRefused() {
      super("The token is unknown, expired or revoked.");
    }
  }
}

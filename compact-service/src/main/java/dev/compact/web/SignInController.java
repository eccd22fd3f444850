package dev.compact.web;

import dev.compact.access.Accounts;
import dev.compact.access.Passwords;
import dev.compact.access.Passwords.SignIn;
import dev.compact.access.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in to the dashboard with an account's name and password (or an API token), which opens
 * a server-side session, and signing out, which ends it.
 */
@Controller
class SignInController {
  private final Passwords passwords;
  private final Sessions sessions;
  private final Clock clock;

  SignInController(Accounts accounts, Clock clock) {
    this.passwords = accounts.passwords();
    this.sessions = accounts.sessions();
    this.clock = clock;
  }

  @GetMapping("/signin")
  String form(@RequestParam(defaultValue = "/") String back, Model model) {
    return page(model, back, "", null);
  }

  @PostMapping("/signin")
  String signIn(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "/") String back, HttpServletRequest request, HttpServletResponse response, Model model) {
    return switch (passwords.signIn(name, password)) {
      case SignIn.Accepted(Accounts.Account account) -> opened(sessions.start(account), back, request, response);
      case SignIn.Refused() -> {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        yield page(model, back, name, "The name or password is wrong.");
      }
      case SignIn.Throttled(Instant until) -> {
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, Duration.between(clock.instant(), until).toSeconds())));
        yield page(model, back, name, "Too many failed sign-ins with this name: try again after " + Format.instant(until) + ".");
      }
    };
  }

  @PostMapping("/signin/token")
  String signInWithToken(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "/") String back,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    return sessions.startWithToken(token.strip()).map(id -> opened(id, back, request, response)).orElseGet(() -> {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      return page(model, back, "", "The token is unknown, expired or revoked.");
    });
  }

  @PostMapping("/signout")
  String signOut(HttpServletRequest request, HttpServletResponse response) {
    DashboardAuth.sessionId(request).ifPresent(sessions::end);
    response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request.isSecure()).toString());
    return "redirect:/?done=signed-out";
  }

  /**
   * A new session, always with a new id: a session the browser held before (perhaps one planted by
   * someone else) is ended, not carried over.
   */
  private String opened(String id, String back, HttpServletRequest request, HttpServletResponse response) {
    DashboardAuth.sessionId(request).ifPresent(sessions::end);
    response.addHeader(HttpHeaders.SET_COOKIE, cookie(id, Sessions.LIFETIME, request.isSecure()).toString());
    return "redirect:" + local(back);
  }

  private static String page(Model model, String back, String name, String error) {
    model.addAttribute("back", local(back));
    model.addAttribute("name", name.length() > 100 ? "" : name);
    model.addAttribute("error", error);
    return "signin";
  }

  private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
    return ResponseCookie.from(DashboardAuth.COOKIE, value).httpOnly(true).sameSite("Strict").secure(secure).path("/").maxAge(maxAge).build();
  }

  /** Only a path on this site: a sign-in link must not send anyone elsewhere. */
  static String local(String back) {
    return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
  }
}

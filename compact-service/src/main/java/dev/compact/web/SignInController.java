package dev.compact.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in to the dashboard with an API token, and out again. */
@Controller
class SignInController {
  private final DashboardAuth auth;

  SignInController(DashboardAuth auth) {
    this.auth = auth;
  }

  @GetMapping("/signin")
  String form(@RequestParam(defaultValue = "/") String back, Model model) {
    model.addAttribute("back", local(back));
    return "signin";
  }

  @PostMapping("/signin")
  String signIn(@RequestParam String token, @RequestParam(defaultValue = "/") String back, HttpServletRequest request,
      HttpServletResponse response) {
    if (auth.authenticate(token.strip()).isEmpty()) {
      throw new IllegalArgumentException("the token is unknown, expired or revoked");
    }
    response.addHeader(HttpHeaders.SET_COOKIE, cookie(token.strip(), Duration.ofHours(12), request.isSecure()).toString());
    return "redirect:" + local(back);
  }

  @PostMapping("/signout")
  String signOut(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request.isSecure()).toString());
    return "redirect:/";
  }

  private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
    return ResponseCookie.from(DashboardAuth.COOKIE, value).httpOnly(true).sameSite("Strict").secure(secure).path("/").maxAge(maxAge).build();
  }

  /** Only a path on this site: a sign-in link must not send anyone elsewhere. */
  static String local(String back) {
    return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
  }
}

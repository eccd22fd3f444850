package dev.compact.web;

import dev.compact.access.DashboardSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard's sign-in page. Spring Security's form login takes the posted name and password
 * (or API token), opens the session and signs out (see the security package); a refused sign-in is
 * forwarded here to be shown with its reason.
 */
@Controller
class SignInController {
  private final Clock clock;

  SignInController(Clock clock) {
    this.clock = clock;
  }

  @GetMapping("/signin")
  String form(@RequestParam(defaultValue = "/") String back, Model model) {
    return page(model, back, "", null);
  }

  /** A refused sign-in: the form again, with why, as 401 (or 429 with Retry-After when throttled). */
  @RequestMapping(path = "/signin/refused", method = {RequestMethod.GET, RequestMethod.POST})
  String refused(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "/") String back, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    Object refusal = request.getAttribute(DashboardSessions.REFUSAL);
    if (refusal == null) {
      return page(model, back, "", null);
    }
    if (request.getAttribute(DashboardSessions.UNTIL) instanceof Instant until) {
      response.setStatus(429);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, Duration.between(clock.instant(), until).toSeconds())));
      return page(model, back, name, "Too many failed sign-ins with this name: try again after " + Format.instant(until) + ".");
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    return "token".equals(refusal) ? page(model, back, "", "The token is unknown, expired or revoked.")
        : page(model, back, name, "The name or password is wrong.");
  }

  private static String page(Model model, String back, String name, String error) {
    model.addAttribute("back", DashboardSessions.local(back));
    model.addAttribute("name", name.length() > 100 ? "" : name);
    model.addAttribute("error", error);
    return "signin";
  }
}

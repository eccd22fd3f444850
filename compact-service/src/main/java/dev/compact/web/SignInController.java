package dev.compact.web;

import dev.compact.access.DashboardSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
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
    if (request.getAttribute(DashboardSessions.WAIT) instanceof Duration wait) {
      response.setStatus(429);
      response.setHeader(HttpHeaders.RETRY_AFTER, dev.compact.access.RetryAfter.header(wait));
      return page(model, back, name, "Too many failed sign-ins with this name: try again in " + inWords(wait) + ".");
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    return "token".equals(refusal) ? page(model, back, "", "The token is unknown, expired or revoked.")
        : page(model, back, name, "The name or password is wrong.");
  }

  /**
   * A wait as a person reads it, rounded up: seconds under ten, whole minutes above. Not a time of day: the wait is
   * real time, and the dashboard's clock may be a test clock.
   */
  static String inWords(Duration wait) {
    long seconds = dev.compact.access.RetryAfter.seconds(wait);
    if (seconds < 10) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  private static String page(Model model, String back, String name, String error) {
    model.addAttribute("back", DashboardSessions.local(back));
    model.addAttribute("name", name.length() > 100 ? "" : name);
    model.addAttribute("error", error);
    return "signin";
  }
}

package dev.compact.web;

import dev.compact.service.NotFound;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page for a dashboard request that Spring Security refused before any controller ran, which the
 * dashboard's filter chain forwards here: nearly always a form whose CSRF token no longer matches the
 * browser's cookie (a tab restored after a browser restart dropped the cookie, a page opened before a
 * sign-in). Without it the user got the framework's fallback page, or its JSON, and no word of what to do.
 */
@Controller
class RefusedFormController {
  /** Where the dashboard's security chain forwards a refusal (SecurityConfiguration). */
  static final String PATH = "/forms/refused";

  @RequestMapping(PATH)
  ModelAndView refused(HttpServletRequest request) {
    // Only as a forward of a refusal; asked for directly there is no such page.
    if (!(request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof AccessDeniedException denied)) {
      throw new NotFound("no page " + PATH);
    }
    String path = String.valueOf(request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI));
    boolean signIn = path.equals("/signin") || path.startsWith("/signin/");
    String message = denied instanceof CsrfException
        ? "This form has expired: its security token no longer matches the one your browser holds (the page was opened before a"
            + " sign-in or sign-out, or the browser was restarted). Reload the page and send the form again; "
            + (signIn ? "you were not signed in." : "nothing was recorded.")
        : "This request was refused; " + (signIn ? "you were not signed in." : "nothing was recorded.");
    ModelAndView page = new ModelAndView("problem", HttpStatus.FORBIDDEN);
    page.addObject("title", signIn ? "Not signed in" : "Not recorded");
    page.addObject("message", message);
    page.addObject("details", java.util.List.of());
    page.addObject("signIn", false);
    return page;
  }
}

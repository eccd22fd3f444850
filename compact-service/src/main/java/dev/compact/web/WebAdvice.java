package dev.compact.web;

import dev.compact.access.DatabaseOutage;
import dev.compact.service.CompactCatalog;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import dev.compact.service.TestClock;
import dev.compact.store.ConcurrencyConflict;
import dev.compact.store.IdempotencyMismatch;
import java.time.Clock;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every dashboard page shows (the record's time, whether the clock is a test clock) and how a
 * page reports a refused form or a missing thing: as a page, not as the API's problem JSON. Ordered
 * ahead of the API's advice, and limited to this package.
 */
@ControllerAdvice(basePackages = "dev.compact.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebAdvice {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebAdvice.class);
  private final Clock clock;
  private final CompactCatalog catalog;
  private final DashboardAuth auth;
  private final boolean demonstration;

  WebAdvice(Clock clock, CompactCatalog catalog, DashboardAuth auth,
      @org.springframework.beans.factory.annotation.Value("${compact.demonstration:false}") boolean demonstration) {
    this.clock = clock;
    this.catalog = catalog;
    this.auth = auth;
    this.demonstration = demonstration;
  }

  /**
   * What a form did, shown after its redirect. Only these fixed texts are shown, so that a link
   * cannot make the page say something else; no session is needed to carry them.
   */
  static final java.util.Map<String, String> DONE = java.util.Map.of(
      "reported", "The incident was reported.",
      "verified", "The incident was verified.",
      "rejected", "The incident was rejected.",
      "requested", "Consultations were requested; the clock is running.",
      "held", "The meeting was recorded.",
      "clock", "The test clock moved forward.",
      "decided", "The decision was recorded.",
      "signed-out", "You are signed out.");

  @ModelAttribute
  void common(Model model, @org.springframework.web.bind.annotation.RequestParam(name = "done", required = false) String done,
      jakarta.servlet.http.HttpServletRequest request) {
    model.addAttribute("account", auth.actor(request).map(dev.compact.access.Actor::name).orElse(null));
    model.addAttribute("here", request.getRequestURI());
    if (done != null && DONE.containsKey(done)) {
      model.addAttribute("notice", DONE.get(done));
    }
    model.addAttribute("now", clock.instant().toString());
    model.addAttribute("nowText", Format.instant(clock.instant()));
    model.addAttribute("testClock", clock instanceof TestClock);
    // A record replayed for a demonstration mixes real and invented facts (most deliveries were never
    // entered, so their pledges end breached): every page says so, lest a breach be read as a finding.
    model.addAttribute("demonstration", demonstration);
    model.addAttribute("compactTitle", catalog.compact().title());
  }

  @ExceptionHandler(NotFound.class)
  ModelAndView notFound(NotFound e) {
    return page(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), List.of());
  }

  @ExceptionHandler(DashboardAuth.NotSignedIn.class)
  ModelAndView notSignedIn(DashboardAuth.NotSignedIn e) {
    ModelAndView page = page(HttpStatus.UNAUTHORIZED, "Sign in to record", e.getMessage(), List.of());
    page.addObject("signIn", true);
    return page;
  }

  @ExceptionHandler(dev.compact.access.WriteRate.TooFast.class)
  ModelAndView tooFast(dev.compact.access.WriteRate.TooFast e, jakarta.servlet.http.HttpServletResponse response) {
    response.setHeader("Retry-After", dev.compact.access.RetryAfter.header(e.retryAfter()));
    return page(HttpStatus.TOO_MANY_REQUESTS, "Not recorded", e.getMessage(), List.of());
  }

  @ExceptionHandler(dev.compact.access.Forbidden.class)
  ModelAndView forbidden(dev.compact.access.Forbidden e) {
    return page(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage() + "; nothing was recorded", List.of());
  }

  @ExceptionHandler(InvalidInput.class)
  ModelAndView invalid(InvalidInput e, jakarta.servlet.http.HttpServletRequest request) {
    return page(HttpStatus.UNPROCESSABLE_CONTENT, refused(request), e.getMessage(),
        e.diagnostics().stream().map(dev.compact.agreements.Diagnostic::format).toList());
  }

  @ExceptionHandler({IllegalArgumentException.class, java.time.format.DateTimeParseException.class})
  ModelAndView badInput(RuntimeException e, jakarta.servlet.http.HttpServletRequest request) {
    return page(HttpStatus.BAD_REQUEST, refused(request), e.getMessage(), List.of());
  }

  /**
   * The title of a page that refuses what was sent, saying what did not happen: a page opened (a filter or a link
   * it cannot follow) was not shown; a scenario or a comparison, which record nothing, was not run; only a form
   * that records was "Not recorded".
   */
  static String refused(jakarta.servlet.http.HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      return "Cannot show this page";
    }
    String path = request.getRequestURI();
    return path.startsWith("/scenarios/") || path.endsWith("/compare") ? "Cannot run this" : "Not recorded";
  }

  /**
   * A field of the wrong type, or none where one is needed: the sender's mistake, so a 400 page that
   * names the field (and no stack trace in the log). The value is not echoed back, so that a link
   * cannot make the page say anything else (the API's problem documents repeat nothing either).
   */
  @ExceptionHandler({org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
      org.springframework.web.bind.MissingServletRequestParameterException.class,
      org.springframework.web.multipart.support.MissingServletRequestPartException.class})
  ModelAndView wrongField(Exception e, jakarta.servlet.http.HttpServletRequest request) {
    String message = switch (e) {
      case org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m when "".equals(m.getValue()) ->
          "the field '" + m.getName() + "' is empty; it must be " + expected(m.getRequiredType());
      case org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m ->
          "the field '" + m.getName() + "' must be " + expected(m.getRequiredType());
      case org.springframework.web.bind.MissingServletRequestParameterException m when m.isMissingAfterConversion() ->
          "the field '" + m.getParameterName() + "' is empty; fill it in";
      case org.springframework.web.bind.MissingServletRequestParameterException m -> "the field '" + m.getParameterName() + "' is missing";
      case org.springframework.web.multipart.support.MissingServletRequestPartException m ->
          "the field '" + m.getRequestPartName() + "' is missing; choose a file";
      default -> throw new IllegalStateException("not a field error", e);
    };
    return page(HttpStatus.BAD_REQUEST, refused(request), message, List.of());
  }

  private static String expected(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    return type == null ? "of another kind" : "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  @ExceptionHandler({dev.compact.store.ValueTooLong.class, org.springframework.web.multipart.MultipartException.class})
  ModelAndView malformed(RuntimeException e, jakarta.servlet.http.HttpServletRequest request) {
    return page(HttpStatus.BAD_REQUEST, refused(request), e instanceof dev.compact.store.ValueTooLong ? e.getMessage()
        : "send the file with the page's form (multipart/form-data)", List.of());
  }

  @ExceptionHandler({ConcurrencyConflict.class, IdempotencyMismatch.class})
  ModelAndView conflict(RuntimeException e) {
    // Not the stream's version: the id may be held by a record this reader may not see.
    return page(HttpStatus.CONFLICT, "Not recorded", "the record changed meanwhile, or the id is taken; reload the page and try again",
        List.of());
  }

  /** As the API answers it: no page made without an event the record holds; the log names the event once. */
  @ExceptionHandler(dev.compact.service.UnreadableEvent.class)
  ModelAndView unreadable(dev.compact.service.UnreadableEvent e) {
    if (e.firstReport()) {
      LOG.error("{}; pages that need it are refused with 503 until it is fixed. {}", e.getMessage(), dev.compact.service.UnreadableEvent.WHAT_TO_DO);
    }
    return page(HttpStatus.SERVICE_UNAVAILABLE, "The record cannot be read", e.getMessage() + ". A page made without it could be"
        + " wrong, so none is shown, and nothing was recorded. Tell the service's operator, who should run compact verify --db URL.",
        List.of());
  }

  /** The transparency log refuses to sign what the record holds: not the reader's fault, and not passing by itself. */
  @ExceptionHandler(dev.compact.service.WritesRefused.class)
  ModelAndView writesRefused(dev.compact.service.WritesRefused e) {
    return page(HttpStatus.SERVICE_UNAVAILABLE, "The record takes no writes", e.explanation(), List.of());
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e, jakarta.servlet.http.HttpServletRequest request) {
    // As the API answers it, and the filter in front: one line, and a page that says what to do.
    return switch (DatabaseOutage.classifyAndLog(e, request.getMethod(), request.getRequestURI(), LOG)) {
      case REFUSED_VALUE -> page(HttpStatus.BAD_REQUEST, "Bad request", DatabaseOutage.REFUSED_VALUE + ".", List.of());
      case OUTAGE -> page(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", DatabaseOutage.detail(request.getMethod()) + ".", List.of());
      case UNEXPECTED -> {
        LOG.error("dashboard page failed", e);
        yield page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
            "the page failed unexpectedly; nothing was recorded. The log has the details.", List.of());
      }
    };
  }

  private ModelAndView page(HttpStatus status, String title, String message, List<String> details) {
    ModelAndView view = new ModelAndView("problem", status);
    view.addObject("title", title);
    view.addObject("message", message);
    view.addObject("details", details);
    view.addObject("now", clock.instant().toString());
    view.addObject("nowText", Format.instant(clock.instant()));
    view.addObject("testClock", clock instanceof TestClock);
    view.addObject("compactTitle", catalog.compact().title());
    view.addObject("account", null);
    view.addObject("here", "/");
    view.addObject("signIn", false);
    return view;
  }
}

package dev.compact.api;

import dev.compact.access.DatabaseOutage;
import dev.compact.agreements.Diagnostic;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import dev.compact.store.ConcurrencyConflict;
import dev.compact.store.IdempotencyMismatch;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem: a stable type, a title, the detail, and for bad
 * content the diagnostics with file, line and hint. Never a stack trace.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  static final String BASE = "https://compact.dev/problems/";

  @ExceptionHandler(NotFound.class)
  ProblemDetail notFound(NotFound e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(InvalidInput.class)
  ProblemDetail invalid(InvalidInput e) {
    ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", "Invalid input", e.getMessage());
    problem.setProperty("diagnostics", diagnostics(e.diagnostics()));
    return problem;
  }

  @ExceptionHandler(ConcurrencyConflict.class)
  ProblemDetail conflict(ConcurrencyConflict e) {
    // Not the version the stream is at: the stream may be a record the writer may not see (an incident
    // id a secret incident holds), and its version would say how far that record has gone.
    ProblemDetail problem = problem(HttpStatus.CONFLICT, "conflict", "Conflicting write",
        "the record changed since you read it (or the id is taken); read it again and retry");
    problem.setProperty("expectedVersion", e.expected());
    return problem;
  }

  @ExceptionHandler(dev.compact.service.Registrations.KeyAlreadyRegistered.class)
  ProblemDetail keyAlreadyRegistered(dev.compact.service.Registrations.KeyAlreadyRegistered e) {
    return problem(HttpStatus.CONFLICT, "key-already-registered", "Key already registered", e.getMessage() + "; nothing was recorded");
  }

  @ExceptionHandler(dev.compact.service.WritesRefused.class)
  ProblemDetail writesRefused(dev.compact.service.WritesRefused e) {
    // Not the caller's fault and not passing: the log signs nothing more until an operator has found what changed.
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "The record takes no writes", e.explanation());
  }

  /**
   * An event the service cannot read, met while it runs (it was changed behind the service's back after the start
   * read it): the answer would be made without it, and could be wrong, so none is given. Not the caller's fault and
   * not passing by itself; the log names the event once, without a trace.
   */
  @ExceptionHandler(dev.compact.service.UnreadableEvent.class)
  ProblemDetail unreadable(dev.compact.service.UnreadableEvent e, jakarta.servlet.http.HttpServletRequest request) {
    if (e.firstReport()) {
      LOG.error("{}; answers that need it are refused with 503 until it is fixed. {}", e.getMessage(), dev.compact.service.UnreadableEvent.WHAT_TO_DO);
    }
    // A write may meet the unreadable event after its own commit (a package's 201 or 200 is decided by reading the
    // register afterwards), so a write is never told that nothing was recorded.
    boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "record-unreadable", "The record cannot be read", e.getMessage() + "; an answer"
        + " without it could be wrong, so none is given" + (read ? "" : ", and this write may or may not have been recorded before"
            + " that was found: look before sending it again, or repeat it with the same Idempotency-Key, which never records twice")
        + ". Tell the service's operator, who should run compact verify --db URL (docs/transparency.md)");
  }

  @ExceptionHandler(CommandWrites.PreconditionFailed.class)
  ProblemDetail preconditionFailed(CommandWrites.PreconditionFailed e) {
    return problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed", e.getMessage() + "; nothing was recorded");
  }

  @ExceptionHandler(ApiAuthentication.Unauthenticated.class)
  ProblemDetail unauthenticated(ApiAuthentication.Unauthenticated e, jakarta.servlet.http.HttpServletRequest request) {
    return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", e.getMessage() + nothingRecorded(request));
  }

  @ExceptionHandler(dev.compact.access.Forbidden.class)
  ProblemDetail forbidden(dev.compact.access.Forbidden e, jakarta.servlet.http.HttpServletRequest request) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage() + nothingRecorded(request));
  }

  /** Said of a refused write only: a refused read (a list of webhook deliveries) records nothing in any case. */
  private static String nothingRecorded(jakarta.servlet.http.HttpServletRequest request) {
    return switch (request.getMethod()) {
      case "GET", "HEAD", "OPTIONS" -> "";
      default -> "; nothing was recorded";
    };
  }

  @ExceptionHandler(dev.compact.store.Duplicate.class)
  ProblemDetail duplicate(dev.compact.store.Duplicate e) {
    return problem(HttpStatus.CONFLICT, "already-recorded", "Already recorded",
        "the record already holds this, or another write came first; read the record and retry if needed");
  }

  @ExceptionHandler(IdempotencyMismatch.class)
  ProblemDetail idempotency(IdempotencyMismatch e) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused", e.getMessage());
  }

  @ExceptionHandler(java.time.format.DateTimeParseException.class)
  ProblemDetail badTime(java.time.format.DateTimeParseException e) {
    return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", "not a valid ISO-8601 time or duration: '" + e.getParsedString() + "'");
  }

  @ExceptionHandler(dev.compact.store.ValueTooLong.class)
  ProblemDetail tooLong(dev.compact.store.ValueTooLong e) {
    return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
  }

  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ProblemDetail notMultipart(org.springframework.web.multipart.MultipartException e) {
    return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", "send the file as multipart/form-data");
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e, jakarta.servlet.http.HttpServletRequest request) {
    return switch (DatabaseOutage.classifyAndLog(e, request.getMethod(), request.getRequestURI(), LOG)) {
      case REFUSED_VALUE -> problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", DatabaseOutage.REFUSED_VALUE);
      case OUTAGE -> problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", DatabaseOutage.detail(request.getMethod()));
      case UNEXPECTED -> {
        LOG.error("unexpected failure", e);
        yield problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
            "the service failed unexpectedly; nothing was recorded. The log has the details.");
      }
    };
  }

  /**
   * Every failure Spring MVC answers itself (a body that is not JSON, a parameter of the wrong type,
   * an unknown path, a method or media type the route does not take) gets a Compact type as well, and
   * a detail that says what to fix without repeating the request: Spring's own say "Failed to read
   * request" and carry {@code about:blank}.
   */
  @Override
  protected org.springframework.http.ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body,
      org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode statusCode,
      org.springframework.web.context.request.WebRequest request) {
    // Spring fills in the body of its own exceptions (ErrorResponse) only in the call below.
    org.springframework.http.ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (answer != null && answer.getBody() instanceof ProblemDetail problem) {
      if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
        problem.setType(URI.create(BASE + typeOf(statusCode.value())));
      }
      switch (ex) {
        case org.springframework.http.converter.HttpMessageNotReadableException e -> problem.setDetail(JsonProblems.detail(e));
        case org.springframework.beans.TypeMismatchException e -> problem.setDetail("'" + e.getPropertyName() + "' must be "
            + JsonProblems.expected(e.getRequiredType()));
        default -> { }
      }
    }
    return answer;
  }

  /** The problem type of a status Spring MVC answers with. */
  static String typeOf(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 409 -> "conflict";
      case 413 -> "too-large";
      case 415 -> "unsupported-media-type";
      case 422 -> "invalid-input";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal" : "bad-request";
    };
  }

  static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(BASE + type));
    problem.setTitle(title);
    return problem;
  }

  static List<DiagnosticView> diagnostics(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> new DiagnosticView(d.severity().name().toLowerCase(java.util.Locale.ROOT), d.position().path(),
        d.position().line(), d.position().column(), d.message(), d.hint().orElse(""))).toList();
  }

  /** One diagnostic of a checked text: error or warning, where (file, line, column), what and how to fix it. */
  record DiagnosticView(String severity, String path, int line, int column, String message, String hint) {}
}

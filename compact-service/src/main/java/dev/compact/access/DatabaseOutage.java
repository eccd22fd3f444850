package dev.compact.access;

import java.sql.SQLException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;

/**
 * The database failing under a request: it cannot be reached, or a table cannot be read. Every request
 * fails alike then, so each is answered 503 (the service cannot answer just now, not a fault of the
 * request or a bug of the service) and logged in one line naming the request and the database's own
 * message: a stack trace per request buried that line. The same words wherever it is met, in a filter
 * before any controller (a session read) or in a controller (a read model's query). It lives here because the
 * security filter, which may use no part of the service but this one and identities, shares it with the API and the
 * dashboard (ModularityTests).
 */
public final class DatabaseOutage {
  private DatabaseOutage() {}

  /** What a failure under a request is, as the API, the dashboard and the filter in front all answer it. */
  public enum Failure {
    /**
     * The database refused a value of the request: SQLSTATE class 22, a data exception (a number out of range, or
     * PostgreSQL's "invalid byte sequence for encoding UTF8: 0x00" in a log written before the API refused NUL
     * characters). It fails only its own request, every time it is sent: answered as an outage it was a 503 "try again
     * shortly" and a warning that the database could not be read (review 6, M3). A 400, logged at INFO.
     */
    REFUSED_VALUE,
    /** Spring's data access failures, and any other with an SQL failure among its causes (the store's own): a 503. */
    OUTAGE,
    /** Anything else: a fault of the service, a 500 with its trace logged. */
    UNEXPECTED
  }

  /**
   * The failure's kind, from one walk of its causes: a refused value anywhere among them makes it {@link
   * Failure#REFUSED_VALUE} even when wrapped in a data access failure, which every SQL error is.
   */
  public static Failure classify(Throwable e) {
    boolean sql = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException failed && failed.getSQLState() != null && failed.getSQLState().startsWith("22")) {
        return Failure.REFUSED_VALUE;
      }
      sql |= t instanceof DataAccessException || t instanceof SQLException;
    }
    return sql ? Failure.OUTAGE : Failure.UNEXPECTED;
  }

  /** Whether the database failing caused it ({@link Failure#OUTAGE}), for those that answer nothing else. */
  public static boolean causedIt(Throwable e) {
    return classify(e) == Failure.OUTAGE;
  }

  /**
   * Classifies a failure under a request and logs a refused value (one INFO line) or an outage (one WARN line, the trace
   * at DEBUG) the same way for the API and the dashboard; an unexpected failure is left to the caller to log, with its
   * own words.
   */
  public static Failure classifyAndLog(Throwable e, String method, String path, org.slf4j.Logger log) {
    Failure failure = classify(e);
    switch (failure) {
      case REFUSED_VALUE -> log.info(method + " " + path + ": the database refused a value: " + cause(e));
      case OUTAGE -> {
        // As the filter in front answers one met before any controller: every request fails alike, one line each.
        log.warn(logLine(method, path, e));
        log.debug("the database's failure in full", e);
      }
      case UNEXPECTED -> { }
    }
    return failure;
  }

  /** What the client is told of a refused value: not the database's message, which may quote the value. */
  public static final String REFUSED_VALUE = "the database cannot store a value of this request (a NUL character in a text, or a"
      + " number out of its range); nothing was recorded. Send it without that value";

  /** The log's one line for a request the database failed. */
  public static String logLine(String method, String path, Throwable e) {
    return method + " " + path + " could not be answered, the database could not be read: " + cause(e);
  }

  /** What the database said, in one line: the innermost cause's message (the SQL error), not the wrappers'. */
  public static String cause(Throwable e) {
    Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("").strip();
  }

  /**
   * What the client may conclude. Not "nothing was recorded" for a write: a command may have been
   * recorded before a later read failed, and Spring Session saves the session after the handler has run.
   */
  public static String detail(String method) {
    boolean read = switch (method) {
      case "GET", "HEAD", "OPTIONS" -> true;
      default -> false;
    };
    return read ? "the service's database cannot be read just now. Try again shortly"
        : "the service's database cannot be read just now, and this request may or may not have been recorded before that"
            + " failed: look before sending it again (an API client may repeat it with the same Idempotency-Key, which never"
            + " records twice)";
  }
}

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

  /**
   * Spring's data access failures, and any other with an SQL failure among its causes (the store's own exceptions), but
   * not a value the database refused ({@link #refusedValue}): that one fails only its own request, every time it is sent.
   */
  public static boolean causedIt(Throwable e) {
    if (refusedValue(e)) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessException || t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the database refused a value of the request: SQLSTATE class 22, a data exception (PostgreSQL's "invalid byte
   * sequence for encoding UTF8: 0x00" for a NUL character in a text, a number out of range). Answered as an outage it
   * was a 503 "try again shortly" and a warning that the database could not be read, for a request that fails again on
   * every retry (review 6, M3).
   */
  public static boolean refusedValue(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
        return true;
      }
    }
    return false;
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

package dev.compact.access;

import dev.compact.store.Database;
import dev.compact.store.Sql;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Passwords of accounts, for signing in to the dashboard: stored only as PBKDF2 hashes, checked in
 * the same time whether or not the account exists, and throttled per name after failures in a row.
 * The throttle counts real time (its own clock, the machine's in the service), never the service's
 * clock: that one is data, and a test clock moved on would unlock a name being guessed, or one left
 * still would keep it locked.
 */
public final class Passwords {
  public static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 1000;
  /** Failures in a row allowed before each further attempt must wait. */
  static final int FREE_FAILURES = 5;
  static final Duration FIRST_DELAY = Duration.ofMinutes(1);
  static final Duration MAX_DELAY = Duration.ofHours(1);
  // A name that has not failed for a day starts again from nothing; it also keeps the table small.
  private static final Duration FORGET_AFTER = Duration.ofDays(1);

  private final Accounts accounts;
  private final Database database;
  /** The throttle's clock: real time. */
  private final Clock lockout;
  private final DashboardSessions sessions;
  private final SecureRandom random = new SecureRandom();
  /**
   * Attempts on one name take turns, so that parallel guesses cannot all be checked before the first
   * failures are counted. Striped: names share a lock only by chance, which costs nothing but a wait.
   */
  private final java.util.concurrent.locks.ReentrantLock[] turns = new java.util.concurrent.locks.ReentrantLock[64];
  /**
   * Each check costs a quarter second of a core by design; a flood of attempts under new names (which
   * no per-name count stops) may use at most half the cores, and beyond that is asked to come back.
   */
  private static final java.util.concurrent.Semaphore HASHING =
      new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  static final Duration BUSY_WAIT = Duration.ofSeconds(2);

  Passwords(Accounts accounts, Database database, Clock lockout, DashboardSessions sessions) {
    this.accounts = accounts;
    this.database = database;
    this.lockout = lockout;
    this.sessions = sessions;
    for (int i = 0; i < turns.length; i++) {
      turns[i] = new java.util.concurrent.locks.ReentrantLock();
    }
  }

  /** How a sign-in with a name and password ended. */
  public sealed interface SignIn {
    /** The password is the account's, and the account is enabled. */
    record Accepted(Accounts.Account account) implements SignIn {}

    /** Unknown name, no password set, wrong password or a disabled account: deliberately one answer. */
    record Refused() implements SignIn {}

    /** Too many failures in a row for this name; the password was not even checked. Try again after {@code retryAfter} (real time). */
    record Throttled(Duration retryAfter) implements SignIn {}
  }

  /**
   * Sets or changes an account's password, and ends the account's dashboard sessions, since a
   * password is usually changed because the old one may be known to someone else.
   */
  public void set(String name, String password) {
    if (accounts.find(name).isEmpty()) {
      throw new IllegalArgumentException("no account '" + name + "'");
    }
    String normalized = PasswordHash.normalize(password);
    int length = normalized.codePointCount(0, normalized.length());
    if (length < MIN_LENGTH) {
      throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters, this one has " + length
          + "; a few unrelated words make a long one that is easy to remember");
    }
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("a password has at most " + MAX_LENGTH + " characters, this one has " + length);
    }
    Sql.update(database, "UPDATE accounts SET password_hash = ? WHERE name = ?", PasswordHash.hash(password, random), name);
    Sql.update(database, "DELETE FROM sign_in_failures WHERE name = ?", name);
    sessions.endAll(name);
  }

  public boolean isSet(String name) {
    return Sql.query(database, "SELECT password_hash FROM accounts WHERE name = ?", 1, name).stream().anyMatch(row -> row[0] != null);
  }

  /**
   * Checks a name and password. The name is taken as typed, lower-cased: failures are counted for
   * it whether or not such an account exists, so that neither the answer nor its timing tells.
   */
  public SignIn signIn(String typedName, String password) {
    String name = typedName == null ? "" : typedName.strip().toLowerCase(Locale.ROOT);
    java.util.concurrent.locks.ReentrantLock turn = turns[Math.floorMod(name.hashCode(), turns.length)];
    boolean hashing = false;
    try {
      // Waiting is bounded: a sign-in that cannot get its turn or a share of the CPU is throttled briefly, not queued.
      if (!turn.tryLock(BUSY_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        return new SignIn.Throttled(BUSY_WAIT);
      }
      try {
        hashing = HASHING.tryAcquire(BUSY_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (!hashing) {
          return new SignIn.Throttled(BUSY_WAIT);
        }
        return check(name, password);
      } finally {
        if (hashing) {
          HASHING.release();
        }
        turn.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SignIn.Throttled(BUSY_WAIT);
    }
  }

  private SignIn check(String name, String password) {
    if (password == null || password.length() > 4 * MAX_LENGTH || name.isEmpty() || name.length() > 100) {
      // Nothing to count against (a name that long cannot exist); still answer in the usual time.
      PasswordHash.matches(password == null ? "" : password.substring(0, Math.min(password.length(), MAX_LENGTH)), PasswordHash.dummy());
      return new SignIn.Refused();
    }
    Instant now = lockout.instant();
    Sql.update(database, "DELETE FROM sign_in_failures WHERE last_failure_ms < ?", now.minus(FORGET_AFTER).toEpochMilli());
    List<String[]> failures = Sql.query(database, "SELECT failures, last_failure_ms FROM sign_in_failures WHERE name = ?", 2, name);
    if (!failures.isEmpty()) {
      int count = Integer.parseInt(failures.getFirst()[0]);
      Instant until = Instant.ofEpochMilli(Long.parseLong(failures.getFirst()[1])).plus(delay(count));
      if (now.isBefore(until)) {
        return new SignIn.Throttled(Duration.between(now, until));
      }
    }
    List<String[]> rows = Sql.query(database, "SELECT password_hash, disabled_at FROM accounts WHERE name = ?", 2, name);
    String stored = rows.isEmpty() || rows.getFirst()[0] == null ? null : rows.getFirst()[0];
    boolean matches = PasswordHash.matches(password, stored == null ? PasswordHash.dummy() : stored);
    if (matches && stored != null && rows.getFirst()[1] == null) {
      Sql.update(database, "DELETE FROM sign_in_failures WHERE name = ?", name);
      if (PasswordHash.outdated(stored)) {
        Sql.update(database, "UPDATE accounts SET password_hash = ? WHERE name = ? AND password_hash = ?", PasswordHash.hash(password, random),
            name, stored);
      }
      return accounts.find(name).<SignIn>map(SignIn.Accepted::new).orElseGet(SignIn.Refused::new);
    }
    Sql.update(database, "INSERT INTO sign_in_failures (name, failures, last_failure_ms) VALUES (?, 1, ?) ON CONFLICT (name)"
        + " DO UPDATE SET failures = sign_in_failures.failures + 1, last_failure_ms = excluded.last_failure_ms", name, now.toEpochMilli());
    return new SignIn.Refused();
  }

  /** Nothing for the first failures, then a minute, doubling with each further failure, up to an hour. */
  static Duration delay(int failures) {
    if (failures < FREE_FAILURES) {
      return Duration.ZERO;
    }
    Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(failures - FREE_FAILURES, 20));
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }
}

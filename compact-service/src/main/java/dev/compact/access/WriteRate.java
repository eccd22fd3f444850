package dev.compact.access;

import dev.compact.store.Database;
import dev.compact.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast one account may write, through the API or the dashboard alike: a token bucket per
 * account that refills at {@code perSecond} up to {@code burst}. Counted in the database (table
 * {@code write_rates}, one row per account, taken and refilled by one atomic upsert), so that every
 * instance over one database draws on the same bucket: N instances behind a balancer allow the rate
 * once, not N times. It measures the wall clock, not the service clock, since a test clock that
 * jumps a day must not refill it; instances' clocks should agree to well within a second (a clock
 * behind the last write's never refills, one ahead refills early by its lead).
 *
 * <p>{@link #inMemory} counts in this JVM only, for tools and tests without a database.
 */
public final class WriteRate {
  private final double perSecond;
  private final double burst;
  private final Database database;
  private final Clock wall;
  private final String upsert;
  private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

  /** A rate counted in {@code database}, shared by every instance over it. */
  public WriteRate(double perSecond, double burst, Database database, Clock wall) {
    if (!(perSecond > 0) || !(burst >= 1)) {
      throw new IllegalArgumentException("compact.write-rate must be above 0 and compact.write-burst at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.database = database;
    this.wall = wall;
    this.upsert = database == null ? null : upsert(database.dialect());
  }

  /** A rate counted in this JVM's memory only. */
  public static WriteRate inMemory(double perSecond, double burst) {
    return new WriteRate(perSecond, burst, null, Clock.systemUTC());
  }

  public double perSecond() {
    return perSecond;
  }

  /**
   * One statement takes a write from the bucket, or refuses it, and says which: the row is locked by
   * the upsert (PostgreSQL) or the database (SQLite's one writer), so two instances never both take
   * the last token. Every expression of the update reads the row as it was.
   */
  private static String upsert(Database.Dialect dialect) {
    String least = dialect == Database.Dialect.POSTGRESQL ? "LEAST" : "MIN";
    String greatest = dialect == Database.Dialect.POSTGRESQL ? "GREATEST" : "MAX";
    // The bucket refilled to now: what it held, plus the rate times the time since, at most the burst.
    String refilled = least + "(?, write_rates.tokens + " + greatest + "(0, excluded.at_micros - write_rates.at_micros) * ?)";
    // On PostgreSQL the statement's own transaction commits without waiting for the disk
    // (synchronous_commit off for it alone, set within the statement so that it stays one round
    // trip): a commit that waited for the disk was most of what the check cost, and a bucket needs
    // no durability. The row lock and the atomic update are unchanged, so instances still never both
    // take the last token; a crash of the database may lose the last fraction of a second of
    // taken tokens, and the bucket then allows that much more once.
    String row = dialect == Database.Dialect.POSTGRESQL
        ? "SELECT ?, ?, ?, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous"
        : "VALUES (?, ?, ?, 1)";
    return "INSERT INTO write_rates (account, tokens, at_micros, admitted) " + row + " ON CONFLICT (account) DO UPDATE SET"
        + " tokens = CASE WHEN " + refilled + " >= 1 THEN " + refilled + " - 1 ELSE " + refilled + " END,"
        + " admitted = CASE WHEN " + refilled + " >= 1 THEN 1 ELSE 0 END,"
        + " at_micros = " + greatest + "(write_rates.at_micros, excluded.at_micros)"
        + " RETURNING admitted, tokens";
  }

  /** Takes one write from the account's bucket; false when it is empty. */
  public boolean admit(String account) {
    return take(account).isEmpty();
  }

  /**
   * Takes one write from the account's bucket: empty when it did, else how long until the bucket holds a write again
   * (at this rate, unless another instance takes it first), for the refusal's Retry-After.
   */
  public Optional<Duration> take(String account) {
    double left = database == null ? takeInMemory(account) : takeShared(account);
    return left < 0 ? Optional.empty() : Optional.of(Duration.ofNanos((long) Math.ceil((1 - left) / perSecond * 1e9)));
  }

  /** What the bucket holds after a refusal (below one write), or -1 when the write was taken. */
  private double takeShared(String account) {
    long now = Math.multiplyExact(wall.millis(), 1000L);
    double perMicro = perSecond / 1e6;
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement ps = connection.prepareStatement(upsert)) {
      int i = 1;
      ps.setString(i++, account);
      ps.setDouble(i++, burst - 1);
      ps.setLong(i++, now);
      for (int n = 0; n < 4; n++) {
        ps.setDouble(i++, burst);
        ps.setDouble(i++, perMicro);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) == 1 ? -1 : rs.getDouble(2);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot count this account's writes: " + e.getMessage(), e);
    }
  }

  private double takeInMemory(String account) {
    long now = System.nanoTime();
    double[] bucket = buckets.computeIfAbsent(account, a -> new double[] {burst, now});
    synchronized (bucket) {
      bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) / 1e9 * perSecond);
      bucket[1] = now;
      if (bucket[0] < 1) {
        return bucket[0];
      }
      bucket[0] -= 1;
      return -1;
    }
  }

  /** Writes beyond the rate: refused before anything is recorded. */
  public static final class TooFast extends RuntimeException {
    private final Duration retryAfter;

    public TooFast(String account, double perSecond, Duration retryAfter) {
      super(account + " writes faster than " + perSecond + " per second; nothing was recorded, retry in " + RetryAfter.seconds(retryAfter)
          + (RetryAfter.seconds(retryAfter) == 1 ? " second" : " seconds"), null, false, false);
      this.retryAfter = retryAfter;
    }

    /** How long until the account's bucket holds a write again. */
    public Duration retryAfter() {
      return retryAfter;
    }
  }
}

package dev.compact.service;

import java.time.Instant;
import java.util.Optional;

/**
 * Times as the read models hold them: microseconds since 1970-01-01T00:00Z in a BIGINT column, which
 * both databases sort and compare as numbers. The log keeps each time exactly as recorded; a read
 * model keeps it to the microsecond (as a PostgreSQL timestamp would), which spans far more than any
 * date the record can hold (year 9999 is about 2.5e17).
 */
public final class Micros {
  private static final long PER_SECOND = 1_000_000L;

  private Micros() {}

  /** The instant to the microsecond, finer digits dropped (rounded towards the past). */
  public static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1_000);
  }

  /** A nullable column's value. */
  public static Long of(Optional<Instant> instant) {
    return instant.map(Micros::of).orElse(null);
  }

  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1_000L);
  }
}

package dev.compact.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when told to. Enabled with {@code compact.test-clock=true}, for
 * demonstrations and tests that must see a deadline pass without waiting a day.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;

  public TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** The latest time the clock may show: times are written with four-digit years. */
  static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

  public Instant set(Instant instant) {
    if (instant.isAfter(LAST)) {
      throw new IllegalArgumentException("the test clock cannot go past " + LAST);
    }
    return now.updateAndGet(current -> instant.isAfter(current) ? instant : current);
  }

  /** Moves on by {@code by}; a move past {@link #LAST} (or an overflow) is refused and leaves the clock where it was. */
  public Instant advance(java.time.Duration by) {
    return now.updateAndGet(current -> {
      if (by.compareTo(java.time.Duration.between(current, LAST)) > 0) {
        throw new IllegalArgumentException("the test clock cannot move on by " + by + ": it would go past " + LAST);
      }
      return current.plus(by);
    });
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

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

  public Instant set(Instant instant) {
    return now.updateAndGet(current -> instant.isAfter(current) ? instant : current);
  }

  public Instant advance(java.time.Duration by) {
    return now.updateAndGet(current -> current.plus(by));
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

package dev.compact.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets time pass in the record: decides when a deadline or date has come and a time-advanced event
 * is due, whether at the scheduler's tick or before a classified record that happened later than the
 * record has reached. The engine only ever learns the time from such events; the write itself is
 * {@link RecordService}'s.
 */
final class TimeKeeper {
  /** Records the time-advanced event of a tick, as the system. */
  @FunctionalInterface
  interface Tick {
    void record(Instant now);
  }

  private final EngineProjection projection;
  private final ReentrantLock lock;

  TimeKeeper(EngineProjection projection, ReentrantLock lock) {
    this.projection = projection;
    this.lock = lock;
  }

  /**
   * True when, before a classified record that happened {@code at}, time must first pass (publicly)
   * to that moment, so that what time alone does (a deadline passing, an agreement's standing duties
   * beginning) is not taken for an effect of the record and refused as a write-down.
   */
  boolean dueBefore(Connection batch, long headSeq, Instant at) throws SQLException {
    projection.catchUp(batch, headSeq);
    Optional<Instant> reached = projection.reached();
    return reached.isEmpty() || (at.isAfter(reached.get()) && projection.nextTimer().filter(t -> !t.isAfter(at)).isPresent());
  }

  /** Lets time pass to {@code now} if a deadline or date has come; true if {@code tick} recorded it. */
  boolean tick(Instant now, Tick tick) {
    lock.lock();
    try {
      projection.catchUp();
      if (!projection.due(now)) {
        return false;
      }
      // Checked again with the chain head locked: another instance may have let time pass meanwhile,
      // and then there is nothing left to record. This keeps each tick, not just each transition, exactly-once.
      projection.guard = () -> projection.due(now);
      try {
        tick.record(now);
        return true;
      } catch (NothingToRecord | dev.compact.store.ConcurrencyConflict e) {
        // Another instance let time pass first, or moved the clock stream on: the next tick looks again.
        return false;
      } finally {
        projection.guard = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** When the record has reached, as the engine sees it. */
  Optional<Instant> reached() {
    lock.lock();
    try {
      return projection.reached();
    } finally {
      lock.unlock();
    }
  }
}

package dev.compact.service;

import dev.compact.engine.Timestamps;
import java.time.Instant;
import java.util.Arrays;

/**
 * When each event the engine folded occurred, by its position in the fold. A cause written to the
 * read models names an event by this time, never by the position: positions count classified
 * events too, so a gap between two public causes would tell the public how many secret ones lie
 * between them.
 */
final class EventTimes {
  private long[] seconds = new long[1024];
  private int size;

  void clear() {
    size = 0;
  }

  /** Notes the next folded event (position size + 1). */
  void add(Instant occurredAt) {
    if (size == seconds.length) {
      seconds = Arrays.copyOf(seconds, size * 2);
    }
    seconds[size++] = occurredAt.getEpochSecond();
  }

  /** How a cause names the event at 1-based fold position {@code position}. */
  String name(long position) {
    if (position < 1 || position > size) {
      return "an earlier event";
    }
    return "the event of " + Timestamps.format(Instant.ofEpochSecond(seconds[(int) position - 1]));
  }
}

package dev.compact.engine;

import java.time.Instant;

/** Something the engine noted without a state change: an event it could not count, a blocked decision, a late delivery. */
public record Notice(Instant at, long seq, String message) {
  public String describe() {
    return Timestamps.format(at) + "  note (event #" + seq + "): " + message;
  }
}

package dev.compact.engine;

import java.time.Instant;

/** Something the engine noted without a state change: an event it could not count, a blocked decision, a late delivery. */
public record Notice(Instant at, long seq, String message) {
  public String describe() {
    // No "event #seq": the position counts classified events, which a reader may not see (#11).
    return Timestamps.format(at) + "  note: " + message;
  }
}

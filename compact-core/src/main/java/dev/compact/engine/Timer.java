package dev.compact.engine;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A moment at which something may happen without an event. {@code firesAtInstant}: true when the
 * moment itself is already too late (an exclusive deadline, a period's first instant); false when
 * an act at that very instant is still in time (an inclusive deadline).
 */
record Timer(Instant at, boolean firesAtInstant, long order, TimerKind kind, @Nullable Instance instance, AgreementRun agreement,
    long generation) implements Comparable<Timer> {
  /** The instance of a deadline or period timer; the agreement's timers (term, notice, entry into force) have none. */
  Instance owner() {
    return Objects.requireNonNull(instance, "an agreement's timer belongs to no instance");
  }

  @Override
  public int compareTo(Timer other) {
    int byTime = at.compareTo(other.at);
    if (byTime != 0) {
      return byTime;
    }
    // At one instant, the timers for which the instant is already too late come first.
    if (firesAtInstant != other.firesAtInstant) {
      return firesAtInstant ? -1 : 1;
    }
    return Long.compare(order, other.order);
  }
}

package dev.compact.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * A norm instance moved from one state to another (or came into being, when {@code from} is empty)
 * at {@code at}, because of {@code cause}.
 */
public record Transition(Instant at, InstanceId instance, Optional<State> from, State to, Cause cause) {
  public String describe() {
    return Timestamps.format(at) + "  " + instance.key() + "  "
        + from.map(State::keyword).orElse("new") + " -> " + to.keyword() + "  because " + cause.describe();
  }
}

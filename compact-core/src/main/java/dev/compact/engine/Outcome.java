package dev.compact.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of folding events over a compact: every norm instance (sorted by id), every transition
 * in the order it happened, the notices, and the halt if an event could not be processed.
 */
public record Outcome(
    Optional<Instant> clock, long events, List<NormInstance> instances, List<Transition> transitions, List<Notice> notices,
    Optional<Halt> halt) {

  public Outcome {
    instances = List.copyOf(instances);
    transitions = List.copyOf(transitions);
    notices = List.copyOf(notices);
  }

  public Optional<NormInstance> instance(String key) {
    for (NormInstance instance : instances) {
      if (instance.id().key().equals(key)) {
        return Optional.of(instance);
      }
    }
    return Optional.empty();
  }

  /** The engine stopped at event {@code seq}: e.g. ambiguous calendar arithmetic, which is never guessed. */
  public record Halt(long seq, String message) {}
}

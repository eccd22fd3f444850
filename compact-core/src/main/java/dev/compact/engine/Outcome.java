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

  /**
   * The engine stopped at event {@code seq} (its 1-based position in the fold): e.g. ambiguous
   * calendar arithmetic, which is never guessed. With {@code namesEvent}, {@code detail} is said of
   * that event ("names incident 'x', which was never reported"); otherwise it stands alone.
   */
  public record Halt(long seq, boolean namesEvent, String detail) {
    /** The halt in one line, the event named "event #N". */
    public String message() {
      return describe(position -> "event #" + position);
    }

    /**
     * The same line with the event named by {@code event}, given its position. A position counts every
     * event folded before it, classified ones too: a service that tells a writer why its own event
     * was refused names it otherwise (by what the writer sent).
     */
    public String describe(java.util.function.LongFunction<String> event) {
      return namesEvent ? event.apply(seq) + " " + detail : detail;
    }
  }
}

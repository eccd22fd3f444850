package dev.compact.engine;

import dev.compact.agreements.Anchor;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.PartyCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/** Why a transition happened. Every transition names exactly one cause. */
public sealed interface Cause {

  /** One line of plain English, as a secretariat would write it; events are named "event #N". */
  default String describe() {
    return describe(seq -> "event #" + seq);
  }

  /**
   * The same line with each event named by {@code event}, given the event's 1-based position in the
   * fold. A record whose readers may not see every event names them otherwise (by time): a position
   * counts the events hidden from them.
   */
  String describe(LongFunction<String> event);

  /** An event in the record, by its sequence number (1-based). */
  record EventCause(long seq, Event event) implements Cause {
    @Override
    public String describe(LongFunction<String> name) {
      return name.apply(seq) + ": " + EventText.describe(event);
    }
  }

  /** A deadline passed without the act that was due. */
  record DeadlinePassed(Instant deadline, Anchor anchor, Instant anchoredAt, String within, Boundary boundary)
      implements Cause {
    @Override
    public String describe(LongFunction<String> name) {
      return describe();
    }

    @Override
    public String describe() {
      return "deadline " + Timestamps.format(deadline) + " passed (" + within + " after " + anchor.phrase()
          + " at " + Timestamps.format(anchoredAt)
          + (boundary == Boundary.INCLUSIVE ? ", inclusive" : ", exclusive") + ")";
    }
  }

  /** A condition held when the event with sequence number {@code seq} was applied. */
  record ConditionHeld(String role, String condition, long seq) implements Cause {
    @Override
    public String describe(LongFunction<String> name) {
      return role + " `" + condition + "` held" + (seq > 0 ? " after " + name.apply(seq) : "");
    }
  }

  /** A condition turned out false for good when the event with sequence number {@code seq} was applied. */
  record ConditionFailed(String role, String condition, long seq, String detail) implements Cause {
    @Override
    public String describe(LongFunction<String> name) {
      return role + " `" + condition + "` does not hold after " + name.apply(seq) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  /** The breach of another instance activated this remedy. */
  record RemedyOf(InstanceId breached) implements Cause {
    @Override
    public String describe(LongFunction<String> name) {
      return "remedy for the breach of " + breached.key();
    }
  }

  /** A date written in the agreement came: a period began or ended, a term ran out, entry into force. */
  record CalendarReached(Instant at, String what) implements Cause {
    @Override
    public String describe(LongFunction<String> name) {
      return what + " (" + Timestamps.format(at) + ")";
    }
  }

  /** A decision was blocked under its rule by these parties (event {@code seq}); then the deadline passed. */
  record BlockedBy(List<PartyCode> parties, long seq, String rule, DeadlinePassed deadline) implements Cause {
    @Override
    public String describe(LongFunction<String> name) {
      return "blocked by " + parties.stream().map(PartyCode::value).collect(Collectors.joining(", "))
          + " (" + rule + ", " + name.apply(seq) + "); then " + deadline.describe();
    }
  }

  /**
   * An event that happened before events already in the record was recorded late; folding the
   * record again from the time it happened moved this instance from {@code was} (empty: it did not
   * exist) to {@code now}. The transition's time is when the record learnt of it.
   */
  record RecordedLate(long seq, Event event, Optional<State> was, State now) implements Cause {
    @Override
    public String describe(LongFunction<String> name) {
      return name.apply(seq) + " (" + EventText.describe(event) + ", at " + Timestamps.format(event.occurredAt())
          + ") recorded late on " + Timestamps.format(event.recordedAt()) + ", changes "
          + was.map(State::keyword).orElse("nothing (the duty did not exist)") + " to " + now.keyword();
    }
  }
}

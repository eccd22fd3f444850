package dev.compact.engine;

import java.util.Optional;

/**
 * Whether a new write may put an event on the record as the record stands: the rules that keep one
 * party's desk within its state's rights where the record, not the event alone, decides (a running
 * duty, a breach on file, a consent on file, a verdict already given). Asked of new writes only,
 * before they are recorded (the service's write policy); the fold of events already on the record does
 * not ask it, so a log written before these rules folds as it always did. The rules follow the Vienna
 * Convention on the Law of Treaties where it answers (docs/engine.md, "Who may act on an agreement").
 */
public final class Admission {
  private Admission() {}

  /** Who writes: one party's own desk, or the secretariat, which records on the parties' behalf. */
  public enum Writer {
    PARTY,
    RECORDER
  }

  /**
   * Why the write is refused: {@code forbidden} when it would act beyond the writer's rights (the
   * service answers 403), otherwise because the record's state leaves it nothing to do (422).
   */
  public record Refusal(boolean forbidden, String reason) {}

  static Optional<Refusal> check(FoldState s, Event event, Writer writer) {
    return switch (event) {
      case Event.IncidentVerified e -> verdict(s, e.incident());
      case Event.IncidentRejected e -> verdict(s, e.incident());
      default -> Optional.empty();
    };
  }

  /**
   * An incident is verified or rejected once: the engine ignores a second verdict with a note, so
   * recording one would leave the record saying "rejected" beside duties that still run as verified.
   */
  private static Optional<Refusal> verdict(FoldState s, Event.IncidentId id) {
    IncidentRecord incident = s.incidents.get(id.value());
    if (incident == null || (incident.verifiedAt == null && !incident.rejected)) {
      return Optional.empty(); // unreported: the engine refuses it with its own message
    }
    java.time.Instant verifiedAt = incident.verifiedAt;
    String given = incident.rejected || verifiedAt == null ? "rejected" : "verified at " + Timestamps.format(verifiedAt);
    return Optional.of(new Refusal(false, "incident " + id + " was already " + given + "; a second verdict would be ignored by the"
        + " engine and contradict the record (an incident is settled once)"));
  }
}

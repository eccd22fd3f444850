package dev.compact.engine;

import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.PowerAction;
import java.util.List;
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
   * {@code concerns} are the keys of the norm instances the reason names: the engine knows no
   * classification, so the service shows the reason only to a writer cleared for all of them.
   */
  public record Refusal(boolean forbidden, String reason, List<String> concerns) {
    public Refusal {
      concerns = List.copyOf(concerns);
    }

    /** A refusal whose reason names no norm instance. */
    public Refusal(boolean forbidden, String reason) {
      this(forbidden, reason, List.of());
    }
  }

  static Optional<Refusal> check(FoldState s, Event event, Writer writer) {
    return switch (event) {
      case Event.IncidentVerified e -> verdict(s, e.incident());
      case Event.IncidentRejected e -> verdict(s, e.incident());
      case Event.Suspended e -> suspension(s, e);
      case Event.Extended e -> writer == Writer.PARTY ? extension(s, e) : Optional.empty();
      case Event.ConsultationHeld e -> writer == Writer.PARTY ? lateMeeting(s, e).or(() -> earlierMeeting(s, e)) : Optional.empty();
      case Event.TerminationNoticeGiven e -> notice(s, e, writer);
      case Event.MeasuresDecided e -> measureDeadlines(s, e);
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

  /**
   * A party suspends an agreement as its provisions allow (a {@code suspend} power, VCLT art. 57(a)) or, where they
   * grant none, a bilateral agreement on the ground of the other party's breach of it on the record (art. 60(1)). A
   * multilateral agreement granting no such power is suspended only by consent of all its parties (art. 57(b)): one
   * party's act would suspend every other party's duties under it. In every case the suspending party's own duties
   * that are already running stay owed (art. 72(1)(b): a suspension does not affect what the treaty established
   * before it): the engine's suspension would stop their clocks, so it is refused while one runs. Who is a party, and
   * who holds a granted power, the engine and the service's standing check already decide.
   */
  private static Optional<Refusal> suspension(FoldState s, Event.Suspended e) {
    AgreementRun run = s.agreements.get(e.agreement().value());
    if (run == null || !run.plan.agreement.parties().contains(e.by())) {
      return Optional.empty(); // the engine refuses these with its own message
    }
    String id = run.plan.id();
    boolean granted = run.plan.powers.stream().anyMatch(t -> ((Norm.Power) t.norm).action() == PowerAction.SUSPEND);
    if (!granted) {
      List<PartyCode> parties = run.plan.agreement.parties();
      if (parties.size() > 2) {
        return Optional.of(new Refusal(true, id + " grants no power to suspend it, and it has " + parties.size() + " parties: " + e.by()
            + "'s suspension would suspend every party's duties under it. Without such a power a multilateral agreement is suspended"
            + " only by consent of all its parties (Vienna Convention on the Law of Treaties, art. 57(b)), not by one party's act"));
      }
      Optional<Instance> ground = run.instances.stream()
          .filter(i -> i.state == State.BREACHED && !i.id.obligor().equals(e.by())).findFirst();
      if (ground.isEmpty()) {
        String others = String.join(", ", parties.stream().filter(p -> !p.equals(e.by())).map(PartyCode::value).toList());
        return Optional.of(new Refusal(true, id + " grants no power to suspend it, and no breach of it by " + others + " is on the record:"
            + " a party suspends a treaty alone only as the treaty provides, or on the ground of the other party's material breach"
            + " (Vienna Convention on the Law of Treaties, arts. 57 and 60)"));
      }
    }
    for (Instance instance : run.instances) {
      if (instance.id.obligor().equals(e.by()) && instance.state == State.ACTIVE && owesPerformance(instance)) {
        return Optional.of(new Refusal(true, e.by() + "'s duty " + instance.key + " is running" + (instance.due == null ? ""
            : " (due " + Timestamps.format(instance.due) + ")") + ": a suspension does not release a party from a duty that arose"
            + " before it (Vienna Convention on the Law of Treaties, art. 72(1)(b)); perform it, or let it be judged, before "
            + e.by() + " suspends " + id, List.of(instance.key)));
      }
    }
    return Optional.empty();
  }

  /**
   * A duty to act that arose from something that happened (an obligation whose trigger held, a measure decided):
   * not the agreement's standing norms (powers, prohibitions, commitments over periods), which a lawful suspension
   * does release for its duration (art. 72(1)(a)).
   */
  private static boolean owesPerformance(Instance instance) {
    return instance.measure != null || (instance.template != null && instance.template.norm instanceof Norm.Obligation);
  }

  /**
   * An extension is an amendment of the term: it needs every party's agreement (VCLT arts. 39 and 40). A desk states
   * its own party's consent; it names another party in {@code agreedBy} only once that party's own consent to the
   * same extension is on the record (recorded by its desk, or by the secretariat in its name), so the last party to
   * agree records the extension that takes effect. The secretariat, as recorder, states every party's consent.
   */
  private static Optional<Refusal> extension(FoldState s, Event.Extended e) {
    AgreementRun run = s.agreements.get(e.agreement().value());
    if (run == null) {
      return Optional.empty();
    }
    java.util.Set<PartyCode> consented = run.consents.getOrDefault(e.years(), java.util.Set.of());
    List<String> unrecorded = e.agreedBy().stream().filter(p -> !p.equals(e.by()) && !consented.contains(p)).map(PartyCode::value)
        .distinct().toList();
    if (unrecorded.isEmpty()) {
      return Optional.empty();
    }
    String who = String.join(", ", unrecorded);
    return Optional.of(new Refusal(true, who + (unrecorded.size() == 1 ? "'s consent" : "'s consents") + " to extending " + run.plan.id()
        + " by " + e.years() + " years " + (unrecorded.size() == 1 ? "is" : "are") + " not on the record, and " + e.by()
        + "'s desk cannot give " + (unrecorded.size() == 1 ? "it" : "them") + ": an extension needs every party's own agreement"
        + " (Vienna Convention on the Law of Treaties, arts. 39 and 40). Record " + e.by() + "'s consent alone ('agreedBy': [\"" + e.by()
        + "\"]); the extension takes effect when the last party records its consent naming every party, or when the secretariat"
        + " records it for them"));
  }

  /**
   * A meeting reported after the deadline it would meet has passed turns the obligor's recorded breach into
   * fulfilment (the record is folded again by when things happened). The obligor's word alone does not: its desk
   * may record such a meeting only once another attendee has recorded its own attendance at the same meeting (the
   * same time), or the secretariat records it. Until then the breach stands.
   */
  private static Optional<Refusal> lateMeeting(FoldState s, Event.ConsultationHeld e) {
    ConsultationRecord consultation = s.consultations.get(e.consultation().value());
    if (consultation == null) {
      return Optional.empty();
    }
    java.util.Set<PartyCode> recorded = consultation.meetings.getOrDefault(e.occurredAt(), java.util.Set.of());
    for (Instance instance : IncidentEvolver.related(s, consultation)) {
      PartyCode obligor = instance.id.obligor();
      if (instance.state != State.BREACHED || instance.fulfilment() != dev.compact.agreements.Fulfilment.CONSULTATION_HELD
          || !e.attended().contains(obligor) || instance.due == null || !inTime(instance, instance.due, e.occurredAt())
          || recorded.stream().anyMatch(p -> !p.equals(obligor))) {
        continue;
      }
      return Optional.of(new Refusal(true, obligor + "'s duty " + instance.key + " was breached when its deadline "
          + Timestamps.format(instance.due) + " passed; a meeting reported after that, as held at " + Timestamps.format(e.occurredAt())
          + ", clears the breach only when someone other than " + obligor + " attests it: another attendee's desk recording its own"
          + " attendance at that time first, or the secretariat recording the meeting. The breach stands", List.of(instance.key)));
    }
    return Optional.empty();
  }

  /**
   * A meeting reported as held before the consultation's first recorded meeting becomes its first when the record is
   * folded again by occurrence, and so moves every deadline counted from the meeting ({@code from: consultation-held}),
   * other parties' among them, even when it clears nothing of its own. A desk's word alone does not: it records such a
   * meeting only once a party it does not speak for has recorded its own attendance at that time, or the secretariat
   * records it (the same attestation as for a meeting that would clear a breach).
   */
  private static Optional<Refusal> earlierMeeting(FoldState s, Event.ConsultationHeld e) {
    ConsultationRecord consultation = s.consultations.get(e.consultation().value());
    if (consultation == null) {
      return Optional.empty();
    }
    java.time.Instant first = consultation.heldAt;
    if (first == null || !e.occurredAt().isBefore(first)
        || consultation.meetings.getOrDefault(e.occurredAt(), java.util.Set.of()).stream().anyMatch(p -> !e.attended().contains(p))) {
      return Optional.empty();
    }
    List<String> moved = IncidentEvolver.related(s, consultation).stream()
        .filter(i -> i.deadline != null && i.deadline.from() == dev.compact.agreements.Anchor.CONSULTATION_HELD
            && consultation.equals(i.consultation != null ? i.consultation
                : i.incident != null && !i.incident.consultations.isEmpty() ? i.incident.consultations.getFirst() : null))
        .map(i -> i.key).toList();
    if (moved.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(true, "consultation " + e.consultation() + " was first recorded as held at " + Timestamps.format(first)
        + "; a meeting reported as held earlier, at " + Timestamps.format(e.occurredAt()) + ", would become its first and move the"
        + " deadlines counted from the meeting (" + String.join(", ", moved) + "). It is recorded only when someone else attests it:"
        + " another attendee's desk recording its own attendance at that time first, or the secretariat recording the meeting", moved));
  }

  /**
   * A notice of termination that the engine would ignore (the agreement not running, notice already given, no power to
   * terminate, or no date for it to take effect under the agreement's calendar rule) is refused rather than recorded:
   * recorded, it was answered as given and shown as given while the agreement ran on. A party's desk gives notice as of
   * when it records it: a notice that would already have taken effect before the record's present ends the agreement
   * retroactively and rewrites every duty since, so only the secretariat, as the parties' recorder, records one given
   * earlier (as for a late meeting).
   */
  private static Optional<Refusal> notice(FoldState s, Event.TerminationNoticeGiven e, Writer writer) {
    AgreementRun run = s.agreements.get(e.agreement().value());
    if (run == null) {
      return Optional.empty();
    }
    Optional<Refusal> refusal = LifecycleEvolver.noticeRefusal(run, e);
    if (refusal.isPresent()) {
      return refusal;
    }
    java.time.Instant effective = e.occurredAt();
    Optional<dev.compact.agreements.IsoDuration> period = LifecycleEvolver.noticePeriod(run, e.by());
    if (period.isPresent()) {
      try {
        effective = CalendarMath.plus(e.occurredAt(), period.get(), run.plan.agreement.term().calendar());
      } catch (CalendarMath.AmbiguousDateException ambiguous) {
        return Optional.of(new Refusal(false, "notice of termination of " + e.agreement() + " given at " + Timestamps.format(e.occurredAt())
            + " would have no date to take effect: " + ambiguous.reason + ". The engine would ignore it; give notice on a day that"
            + " has one, or amend the agreement's calendar rule"));
      }
    }
    if (writer == Writer.PARTY && s.clock != null && effective.isBefore(s.clock)) {
      return Optional.of(new Refusal(true, "a notice of termination of " + e.agreement() + " given at " + Timestamps.format(e.occurredAt())
          + " takes effect at " + Timestamps.format(effective) + ", before the record's present (" + Timestamps.format(s.clock)
          + "): it would end the agreement retroactively and undo what the record shows since. A desk gives notice as of when it"
          + " records it; a notice given earlier is recorded by the secretariat"));
    }
    return Optional.empty();
  }

  /**
   * A measure whose deadline has no date under the compact's calendar rule ({@code P1M} decided on the 31st under
   * {@code calendar: refuse}) would never fall due and so could never be breached: refused when decided, with how to
   * state it, rather than recorded as a duty that cannot be judged.
   */
  private static Optional<Refusal> measureDeadlines(FoldState s, Event.MeasuresDecided e) {
    AgreementRun umbrella = s.agreements.get(s.engine.compact.umbrella().id().value());
    if (umbrella == null) {
      return Optional.empty();
    }
    for (Event.Measure measure : e.measures()) {
      try {
        CalendarMath.plus(e.occurredAt(), measure.within(), umbrella.plan.agreement.term().calendar());
      } catch (CalendarMath.AmbiguousDateException ambiguous) {
        return Optional.of(new Refusal(false, "measure " + measure.id() + ": " + ambiguous.reason + ", so its deadline would have no"
            + " date and it could never fall due; state 'within' in days or hours (P30D, PT72H)"));
      }
    }
    return Optional.empty();
  }

  private static boolean inTime(Instance instance, java.time.Instant due, java.time.Instant at) {
    boolean exclusive = instance.deadline != null && instance.deadline.boundary() == dev.compact.agreements.Boundary.EXCLUSIVE;
    return exclusive ? at.isBefore(due) : !at.isAfter(due);
  }
}

package dev.compact.engine;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.PowerAction;
import dev.compact.engine.Engine.Plan;
import dev.compact.engine.Engine.Template;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Evolves an agreement's own life: entry into force, signatures and ratifications, suspension and
 * resumption, notice of termination, extension, and the powers that allow them.
 */
final class LifecycleEvolver {
  private final FoldState s;
  private final Conditions conditions;
  private final CommitmentEvolver commitments;

  LifecycleEvolver(FoldState s, Conditions conditions, CommitmentEvolver commitments) {
    this.s = s;
    this.conditions = conditions;
    this.commitments = commitments;
  }

  void entered(Event.EnteredIntoForce e) throws Halted {
    AgreementRun run = s.requireAgreement(e.agreement().value());
    Optional<String> refusal = entryRefusal(run, e.occurredAt());
    if (refusal.isPresent()) {
      s.note("entry into force of " + e.agreement() + " refused: " + refusal.get());
    } else if (run.status == AgreementStatus.NOT_IN_FORCE) {
      enterIntoForce(run, e.occurredAt(), e.occurredAt(), s.cause(e), s.seq);
    } else {
      s.note(e.agreement() + " is already " + run.status.text + "; entry into force changes nothing");
    }
  }

  void suspended(Event.Suspended e) throws Halted {
    AgreementRun run = s.requireAgreement(e.agreement().value());
    Optional<String> refusal = powerRefusal(run, PowerAction.SUSPEND, e.by());
    if (refusal.isPresent()) {
      s.note("suspension of " + e.agreement() + " by " + e.by() + " refused: " + refusal.get());
    } else {
      suspend(run, e);
    }
  }

  void resumed(Event.Resumed e) throws Halted {
    AgreementRun run = s.requireAgreement(e.agreement().value());
    if (!run.plan.agreement.parties().contains(e.by())) {
      s.note("resumption of " + e.agreement() + " by " + e.by() + " refused: " + e.by() + " is not a party to it");
    } else {
      resume(run, e);
    }
  }

  /** {@code at} is when the engine sees it; {@code inForceAt} when it happened (earlier, if before the record began). */
  void enterIntoForce(AgreementRun run, Instant at, Instant inForceAt, Cause cause, long causeSeq) throws Halted {
    run.status = AgreementStatus.IN_FORCE;
    run.inForceAt = inForceAt;
    Plan plan = run.plan;
    Optional<Integer> years = plan.agreement.term().years();
    if (years.isPresent()) {
      IsoDuration term = IsoDuration.parse("P" + years.get() + "Y").orElseThrow();
      Instant end = s.plus(run, inForceAt, term, "the term of " + plan.id());
      if (end != null) {
        run.termEnd = end;
        s.schedule(new Timer(end, true, s.nextOrder(), TimerKind.TERM_END, null, run, 0));
      }
    }
    for (Template template : plan.commitments) {
      commitments.createCommitment(run, template, at, cause);
    }
    for (Template template : plan.powers) {
      for (PartyCode holder : template.obligors) {
        Instance instance = s.create(run, template, holder, "", at, State.ACTIVE, cause);
        instance.activatedAt = at;
      }
    }
    for (Template template : plan.prohibitions) {
      for (PartyCode obligor : template.obligors) {
        Instance instance = s.create(run, template, obligor, "", at, State.ACTIVE, cause);
        instance.activatedAt = at;
        run.prohibitions.add(instance);
      }
    }
    for (Template template : plan.standing) {
      for (PartyCode obligor : template.obligors) {
        Instance instance = s.create(run, template, obligor, "", at, State.PENDING, cause);
        run.standing.add(instance);
      }
    }
    conditions.reevaluateStanding(run, at, causeSeq, false);
  }

  private void suspend(AgreementRun run, Event.Suspended e) {
    if (run.status != AgreementStatus.IN_FORCE) {
      s.note(e.agreement() + " is " + run.status.text + "; it cannot be suspended");
      return;
    }
    run.status = AgreementStatus.SUSPENDED;
    for (Instance instance : run.instances) {
      if (!instance.state.isFinal()) {
        instance.resumeTo = instance.state;
        if (instance.due != null) {
          instance.remaining = Duration.between(e.occurredAt(), instance.due);
        }
        s.move(instance, e.occurredAt(), State.SUSPENDED, s.cause(e));
      }
    }
  }

  private void resume(AgreementRun run, Event.Resumed e) throws Halted {
    if (run.status != AgreementStatus.SUSPENDED) {
      s.note(e.agreement() + " is " + run.status.text + ", not suspended; resumption changes nothing");
      return;
    }
    run.status = AgreementStatus.IN_FORCE;
    for (Instance instance : run.instances) {
      if (instance.state != State.SUSPENDED) {
        continue;
      }
      if (instance.periodOver) {
        s.move(instance, e.occurredAt(), State.DISCHARGED, new Cause.CalendarReached(
            CalendarMath.startOf(instance.period().end().plusDays(1)), "period " + instance.period().display()
            + " ended while " + run.plan.id() + " was suspended"));
        continue;
      }
      s.move(instance, e.occurredAt(), Objects.requireNonNull(instance.resumeTo, "a suspended instance knows its state before"), s.cause(e));
      if (instance.remaining != null && instance.state == State.ACTIVE) {
        // The clock stops while an agreement is suspended: the time left is restored on resumption.
        s.setDue(instance, e.occurredAt().plus(instance.remaining), instance.anchoredAt);
        instance.remaining = null;
      }
    }
    conditions.reevaluateStanding(run, e.occurredAt(), s.seq, false);
  }

  void giveNotice(AgreementRun run, Event.TerminationNoticeGiven e) throws Halted {
    Optional<Admission.Refusal> refusal = noticeRefusal(run, e);
    if (refusal.isPresent()) {
      s.note(refusal.get().reason());
      return;
    }
    Optional<IsoDuration> notice = noticePeriod(run, e.by());
    if (notice.isEmpty()) {
      run.noticeAt = e.occurredAt();
      run.status = AgreementStatus.ENDED;
      s.endAll(run, e.occurredAt(), State.TERMINATED, s.cause(e));
      return;
    }
    Instant effective = s.plus(run, e.occurredAt(), notice.get(), "the notice period of " + run.plan.id());
    if (effective == null) {
      return; // the note says why the notice has no date to take effect; the agreement goes on
    }
    run.noticeAt = e.occurredAt();
    run.noticeText = notice.get().display();
    s.schedule(new Timer(effective, true, s.nextOrder(), TimerKind.NOTICE_EFFECTIVE, null, run, 0));
    s.note("notice of termination of " + e.agreement() + " takes effect at " + Timestamps.format(effective)
        + " (" + run.noticeText + ")");
    s.resolveWaitingAnchors();
  }

  /**
   * Why a notice of termination changes nothing, or empty when it is given: the agreement is not running, notice was
   * given already, or the notifier holds no power to terminate (that one {@code forbidden}). The engine notes the
   * reason and goes on; a new write is refused with it ({@link Admission}), so that nobody is told "recorded" for a
   * notice that the record then ignores.
   */
  static Optional<Admission.Refusal> noticeRefusal(AgreementRun run, Event.TerminationNoticeGiven e) {
    if (run.status != AgreementStatus.IN_FORCE && run.status != AgreementStatus.SUSPENDED) {
      return Optional.of(new Admission.Refusal(false, e.agreement() + " is " + run.status.text + "; notice of termination changes nothing"));
    }
    if (run.noticeAt != null) {
      return Optional.of(new Admission.Refusal(false,
          "notice of termination of " + e.agreement() + " was already given at " + Timestamps.format(run.noticeAt)));
    }
    return powerRefusal(run, PowerAction.TERMINATE, e.by())
        .map(reason -> new Admission.Refusal(true, "notice of termination of " + e.agreement() + " by " + e.by() + " refused: " + reason));
  }

  /** The notice period of {@code by}'s termination: its terminate power's own, else the term's; empty: it ends at once. */
  static Optional<IsoDuration> noticePeriod(AgreementRun run, PartyCode by) {
    for (Template template : run.plan.terminatePowers) {
      if (template.obligors.contains(by)) {
        return ((Norm.Power) template.norm).notice().or(() -> run.plan.agreement.term().notice());
      }
    }
    return run.plan.agreement.term().notice();
  }

  /**
   * Why {@code by} may not use a power of this kind over the agreement, or empty if it may. Where
   * the agreement grants such powers, only their holders may use them; where it grants none, only
   * its parties may, and termination only if the term gives a notice period. A party outside the
   * agreement never can: its notice or suspension would otherwise end obligations it does not bear.
   */
  static Optional<String> powerRefusal(AgreementRun run, PowerAction action, PartyCode by) {
    String verb = Keywords.of(action).replace('-', ' ');
    List<Template> powers = new ArrayList<>();
    for (Template template : run.plan.powers) {
      if (((Norm.Power) template.norm).action() == action) {
        powers.add(template);
      }
    }
    if (!powers.isEmpty()) {
      for (Template power : powers) {
        if (power.obligors.contains(by)) {
          return Optional.empty();
        }
      }
      List<String> holders = new ArrayList<>();
      powers.forEach(p -> p.obligors.forEach(o -> holders.add(o.value())));
      return Optional.of(by + " holds no power to " + verb + " " + run.plan.id() + " (only " + String.join(", ", new TreeSet<>(holders))
          + " " + (holders.size() == 1 ? "does" : "do") + ")");
    }
    if (!run.plan.agreement.parties().contains(by)) {
      return Optional.of(by + " is not a party to " + run.plan.id());
    }
    if (action == PowerAction.TERMINATE && run.plan.agreement.term().notice().isEmpty()) {
      return Optional.of(run.plan.id() + " gives no party a power to terminate it (no terminate power, no notice period in its term)");
    }
    return Optional.empty();
  }

  void signed(AgreementRun run, Event.Signed e) {
    if (!run.plan.agreement.parties().contains(e.party())) {
      s.note(e.party() + " signed " + run.plan.id() + ", but it is not a party to it; the signature is not counted");
      return;
    }
    if (run.signedAt == null) {
      run.signedAt = e.occurredAt();
    }
    if (run.inForceAt != null && run.inForceAt.isBefore(e.occurredAt()) && run.plan.agreement.lifecycle().signed().isEmpty()) {
      s.note(run.plan.id() + " was signed at " + Timestamps.format(e.occurredAt()) + ", after it entered into force at "
          + Timestamps.format(run.inForceAt) + "; check the dates");
    }
  }

  void ratified(AgreementRun run, Event.Ratified e) {
    if (!run.plan.agreement.parties().contains(e.party())) {
      s.note(e.party() + " ratified " + run.plan.id() + ", but it is not a party to it; the ratification is not counted");
    } else if (signatureAt(run) == null) {
      s.note(e.party() + " ratified " + run.plan.id() + " before any signature is recorded; check the dates");
    }
  }

  /** When the agreement was signed: by the first signature event, or on the date its text records. */
  private static @Nullable Instant signatureAt(AgreementRun run) {
    Optional<LocalDate> written = run.plan.agreement.lifecycle().signed();
    if (written.isPresent()) {
      Instant day = CalendarMath.startOf(written.get());
      return run.signedAt == null || day.isBefore(run.signedAt) ? day : run.signedAt;
    }
    return run.signedAt;
  }

  /** An agreement cannot enter into force before the day it was signed (as its text or the record gives it). */
  private Optional<String> entryRefusal(AgreementRun run, Instant at) {
    Optional<LocalDate> written = run.plan.agreement.lifecycle().signed();
    if (written.isPresent() && at.isBefore(CalendarMath.startOf(written.get()))) {
      return Optional.of("it was signed on " + written.get() + ", after " + Timestamps.format(at));
    }
    if (run.plan.agreement.lifecycle().unsignable()) {
      // A record may apply recommendations as if adopted (to test what they would have meant); say so, never call them signed.
      s.note(run.plan.id() + " was " + run.plan.agreement.lifecycle().describe() + "; this record applies it as if it had entered into force");
    } else if (written.isEmpty() && run.signedAt == null) {
      s.note(run.plan.id() + " enters into force with no signature in its text or in the record");
    }
    return Optional.empty();
  }

  /**
   * Extension "by mutual decision": every party to the agreement must join it, and the agreement
   * must provide for extension (its term's {@code extension} or an {@code extend} power).
   */
  void extended(Event.Extended e) throws Halted {
    AgreementRun run = s.requireAgreement(e.agreement().value());
    Agreement agreement = run.plan.agreement;
    if (e.agreedBy().contains(e.by())) {
      run.consents.computeIfAbsent(e.years(), y -> new TreeSet<>()).add(e.by());
    }
    boolean provided = agreement.term().extension().isPresent()
        || run.plan.powers.stream().anyMatch(t -> ((Norm.Power) t.norm).action() == PowerAction.EXTEND);
    List<String> missing = agreement.parties().stream().filter(p -> !e.agreedBy().contains(p)).map(PartyCode::value).toList();
    String refused = !provided ? run.plan.id() + " provides for no extension"
        : run.status != AgreementStatus.IN_FORCE && run.status != AgreementStatus.SUSPENDED ? run.plan.id() + " is " + run.status.text
        : run.termEnd == null ? run.plan.id() + " has no term to extend"
        : !missing.isEmpty() ? "an extension by mutual decision needs every party; " + String.join(", ", missing) + " did not join it"
        : null;
    if (refused != null) {
      s.note("extension of " + run.plan.id() + " refused: " + refused);
      return;
    }
    Instant end = s.plus(run, Objects.requireNonNull(run.termEnd, "refused above"), IsoDuration.parse("P" + e.years() + "Y").orElseThrow(), "the extended term of " + run.plan.id());
    if (end == null) {
      return;
    }
    run.termEnd = end;
    run.extendedYears += e.years();
    run.consents.remove(e.years()); // spent: another extension needs every party's consent again
    s.schedule(new Timer(end, true, s.nextOrder(), TimerKind.TERM_END, null, run, 0));
    s.note(run.plan.id() + " extended by " + e.years() + " years by mutual decision of "
        + String.join(", ", e.agreedBy().stream().map(PartyCode::value).toList()) + "; its term now ends at " + Timestamps.format(end));
  }
}

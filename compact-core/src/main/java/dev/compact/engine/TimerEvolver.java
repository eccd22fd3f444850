package dev.compact.engine;

import dev.compact.agreements.Anchor;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.Deadline;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Norm;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets time pass: fires deadlines, period starts and ends, the end of a term, notice taking effect
 * and entry into force on a date the agreement records, in order.
 */
final class TimerEvolver {
  private final FoldState s;
  private final LifecycleEvolver lifecycle;
  private final CommitmentEvolver commitments;

  TimerEvolver(FoldState s, LifecycleEvolver lifecycle, CommitmentEvolver commitments) {
    this.s = s;
    this.lifecycle = lifecycle;
    this.commitments = commitments;
  }

  void begin(Instant at) {
    s.recordStart = at;
    // What the agreements record as having happened before the record begins is seen from its first moment.
    s.clock = at;
    for (AgreementRun run : s.agreementOrder) {
      run.plan.agreement.lifecycle().inForce().ifPresent(day ->
          s.schedule(new Timer(CalendarMath.startOf(day), true, s.nextOrder(), TimerKind.IN_FORCE, null, run, 0)));
    }
  }

  /** Fires every timer due before {@code now}, or at {@code now} when the timer's instant itself is late. */
  void fireTimers(Instant now) throws Halted {
    while (!s.timers.isEmpty()) {
      Timer timer = s.timers.peek();
      int order = timer.at().compareTo(now);
      if (order > 0 || (order == 0 && !timer.firesAtInstant())) {
        return;
      }
      s.timers.poll();
      fire(timer, s.clock == null || timer.at().isAfter(s.clock) ? timer.at() : s.clock);
    }
  }

  private void fire(Timer timer, Instant at) throws Halted {
    switch (timer.kind()) {
      case DUE -> {
        Instance instance = timer.owner();
        if (instance.state == State.ACTIVE && timer.at().equals(instance.due) && timer.generation() == instance.generation
            && !instance.deadline().firmness().breaches()) {
          // A best effort ("where possible within 24 hours"): the lateness is recorded and shown, never a breach.
          instance.extras().lateSince = timer.at();
          s.touch(instance);
          s.note(instance.id.key() + " passed its " + Keywords.of(instance.deadline().firmness()).replace('-', ' ') + " deadline "
              + Timestamps.format(timer.at()) + ": it is late, which is shown, but not breached");
        } else if (instance.state == State.ACTIVE && timer.at().equals(instance.due) && timer.generation() == instance.generation) {
          s.breach(instance, at, instance.blockedBy.isEmpty()
              ? deadlineCause(instance)
              : new Cause.BlockedBy(instance.blockedBy, instance.blockedAtSeq, instance.template().decisionRule.display() + " decision",
                  deadlineCause(instance)));
        }
      }
      case PERIOD_START -> {
        Instance instance = timer.owner();
        if (instance.state == State.PENDING && !commitments.preconditionsMet(instance.agreement, instance.template(), instance.id.obligor())) {
          commitments.awaitConditions(instance);
          s.note(instance.id.key() + ": period " + instance.period().display() + " began, but it waits for "
              + instance.extras().unrecordedConditions + " (not recorded as met)");
        } else if (instance.state == State.PENDING) {
          s.move(instance, at, State.ACTIVE, new Cause.CalendarReached(timer.at(), "period " + instance.period().display() + " began"));
          instance.activatedAt = at;
          if (instance.agreement.status == AgreementStatus.IN_FORCE) {
            commitments.createNextPeriod(instance, at);
          }
        } else if (instance.state == State.SUSPENDED && instance.resumeTo == State.PENDING) {
          instance.resumeTo = State.ACTIVE;
        }
      }
      case PERIOD_END -> {
        Instance instance = timer.owner();
        if (instance.state == State.PENDING) {
          // Its conditions precedent were never met: the promise never bound, so nothing was breached.
          s.move(instance, at, State.EXPIRED, new Cause.CalendarReached(timer.at(), "period " + instance.period().display()
              + " ended before " + commitments.missingText(instance) + " was recorded as met"));
          instance.settledAt = at;
        } else if (instance.state == State.ACTIVE && instance.template().norm instanceof Norm.Commitment c && instance.shortOnlyOfCeilings(c)) {
          // A ceiling: delivering less than "up to" the amount (or an item line's quantity) keeps the promise.
          s.move(instance, at, State.DISCHARGED, new Cause.CalendarReached(timer.at(), "period " + instance.period().display()
              + " ended with " + instance.progress().describe() + " of a ceiling (up to), which is not a breach"));
          instance.settledAt = at;
        } else if (instance.state == State.ACTIVE && instance.template().norm instanceof Norm.Commitment c && !c.firmness().breaches()) {
          // "Will seek to", "resources permitting", an announcement: the shortfall is shown, but no promise was broken.
          Progress progress = instance.progress();
          s.move(instance, at, State.UNMET, new Cause.CalendarReached(timer.at(), "period " + instance.period().display()
              + " ended with " + progress.describe() + ", short by " + progress.shortfall(c) + "; " + c.firmness().reading()
              + ", so this is not a breach"));
          instance.settledAt = at;
        } else if (instance.state == State.ACTIVE) {
          s.breach(instance, at, new Cause.CalendarReached(timer.at(), "period " + instance.period().display()
              + " ended with " + instance.progress().describe()));
        } else if (instance.state == State.SUSPENDED) {
          instance.periodOver = true;
        }
      }
      case TERM_END -> {
        AgreementRun run = timer.agreement();
        if ((run.status == AgreementStatus.IN_FORCE || run.status == AgreementStatus.SUSPENDED) && timer.at().equals(run.termEnd)) {
          run.status = AgreementStatus.ENDED;
          s.endAll(run, at, State.EXPIRED, new Cause.CalendarReached(timer.at(),
              "the term of " + (run.plan.agreement.term().years().orElse(0) + run.extendedYears) + " years of " + run.plan.id() + " ended"));
        }
      }
      case NOTICE_EFFECTIVE -> {
        AgreementRun run = timer.agreement();
        if (run.status == AgreementStatus.IN_FORCE || run.status == AgreementStatus.SUSPENDED) {
          run.status = AgreementStatus.ENDED;
          s.endAll(run, at, State.TERMINATED, new Cause.DeadlinePassed(timer.at(), Anchor.NOTICE_GIVEN, Objects.requireNonNull(run.noticeAt, "set with the timer"),
              run.noticeText, Boundary.EXCLUSIVE));
        }
      }
      case IN_FORCE -> {
        AgreementRun run = timer.agreement();
        if (run.status == AgreementStatus.NOT_IN_FORCE) {
          lifecycle.enterIntoForce(run, at, timer.at(), new Cause.CalendarReached(timer.at(),
              run.plan.id() + " in force since " + timer.at().atZone(ZoneOffset.UTC).toLocalDate() + ", as the agreement records"),
              0);
        }
      }
    }
  }

  private Cause.DeadlinePassed deadlineCause(Instance instance) {
    Deadline deadline = instance.deadline();
    // A deadline timer fires only for an instance whose due time was set, with its anchor, by setDue.
    return new Cause.DeadlinePassed(Objects.requireNonNull(instance.due), deadline.from(), Objects.requireNonNull(instance.anchoredAt),
        deadline.within().display(),
        deadline.boundary());
  }

  /** When the next timer that would do something falls, if any. */
  Optional<Instant> nextTimer() {
    // Timers whose instance or agreement has moved on would fire to no effect; drop them so that the
    // answer is a moment at which something really happens.
    while (!s.timers.isEmpty() && stale(s.timers.peek())) {
      s.timers.poll();
    }
    return s.timers.isEmpty() ? Optional.empty() : Optional.of(s.timers.peek().at());
  }

  private static boolean stale(Timer timer) {
    return switch (timer.kind()) {
      case DUE -> timer.owner().state != State.ACTIVE || !timer.at().equals(timer.owner().due)
          || timer.generation() != timer.owner().generation;
      case PERIOD_START -> timer.owner().state != State.PENDING && timer.owner().state != State.SUSPENDED;
      case PERIOD_END -> timer.owner().state.isFinal();
      case TERM_END -> timer.agreement().status == AgreementStatus.ENDED || timer.agreement().status == AgreementStatus.NOT_IN_FORCE
          || !timer.at().equals(timer.agreement().termEnd);
      case NOTICE_EFFECTIVE -> timer.agreement().status == AgreementStatus.ENDED
          || timer.agreement().status == AgreementStatus.NOT_IN_FORCE;
      case IN_FORCE -> timer.agreement().status != AgreementStatus.NOT_IN_FORCE;
    };
  }
}

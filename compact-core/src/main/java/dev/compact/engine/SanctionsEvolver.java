package dev.compact.engine;

import dev.compact.agreements.Fulfilment;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.PowerAction;
import dev.compact.agreements.ProhibitedAction;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evolves what sanctions locks and the aggressor's standing read: packages adopted, eased and
 * re-imposed (acts on designations count as acts on their package), snapback, compensation, changes
 * of a party's status, and acts that prohibitions forbid.
 */
final class SanctionsEvolver {
  private final FoldState s;
  private final Conditions conditions;
  private final LifecycleEvolver lifecycle;

  SanctionsEvolver(FoldState s, Conditions conditions, LifecycleEvolver lifecycle) {
    this.s = s;
    this.conditions = conditions;
    this.lifecycle = lifecycle;
  }

  void adopted(Event.SanctionsAdopted e) {
    s.packages.computeIfAbsent(e.sanctionsPackage(), k -> new LinkedHashSet<>()).add(e.by());
  }

  void compensation(Event.CompensationRecorded e) throws Halted {
    Optional<PartyCode> aggressor = s.engine.compact.aggressor();
    if (aggressor.isPresent() && !aggressor.get().equals(e.by())) {
      s.note("compensation by " + e.by() + " is not the aggressor's (" + aggressor.get() + "); it does not count");
      return;
    }
    if (e.assessed().value().signum() <= 0) {
      s.note("compensation against damage assessed at " + e.assessed().display() + " is not counted: the assessment must be above zero");
      return;
    }
    if (!e.paid().currency().equals(e.assessed().currency())) {
      s.note("compensation of " + e.paid().display() + " against damage assessed at " + e.assessed().display()
          + " is not counted: give both in one currency");
      return;
    }
    s.compensatedShare = e.paid().value().divide(e.assessed().value(), java.math.MathContext.DECIMAL64).doubleValue();
    s.note(e.by() + " has paid " + e.paid().display() + " of the " + e.assessed().display() + " of damage assessed ("
        + e.source() + "): a share of " + BigDecimal.valueOf(s.compensatedShare).setScale(4, java.math.RoundingMode.HALF_EVEN)
            .stripTrailingZeros().toPlainString());
    for (AgreementRun run : s.agreementOrder) {
      conditions.reevaluateStanding(run, e.occurredAt(), s.seq, true); // in force, or ended with clauses that survive
    }
  }

  void statusChanged(Event.PartyStatusChanged e) throws Halted {
    Set<Event.PartyStatus> set = s.partyStatus.computeIfAbsent(e.party(), k -> EnumSet.noneOf(Event.PartyStatus.class));
    boolean aggressorFact = switch (e.status()) {
      case NATO_MEMBER, EU_MEMBER -> false;
      case AGGRESSION_ENDED, NON_REPETITION_GUARANTEED, DAMAGE_COMPENSATED -> true;
    };
    Set<Event.PartyStatus> target = aggressorFact ? s.aggressorStatus : set;
    if (e.value()) {
      target.add(e.status());
    } else {
      target.remove(e.status());
    }
    for (AgreementRun run : s.agreementOrder) {
      if (aggressorFact || run.plan.agreement.beneficiary().equals(e.party())) {
        conditions.reevaluateStanding(run, e.occurredAt(), s.seq, true);
      }
    }
  }

  /** An act that prohibitions binding its actor may forbid: the protected state joining an alliance, forces above a cap. */
  void actReported(Event.ActReported e) throws Halted {
    boolean forbidden = false;
    for (AgreementRun run : s.agreementOrder) {
      for (Instance instance : run.prohibitions) {
        if (instance.state != State.ACTIVE || !instance.id.obligor().equals(e.by())) {
          continue;
        }
        Norm.Prohibition prohibition = (Norm.Prohibition) instance.template().norm;
        if (prohibition.action() != e.act()) {
          continue;
        }
        if (prohibition.cap().isPresent()) {
          long cap = prohibition.cap().get().quantity();
          if (e.quantity().isEmpty() || e.quantity().get() <= cap) {
            s.note(e.by() + " reported " + e.quantity().map(q -> String.format(java.util.Locale.ROOT, "%,d", q)).orElse("no figure")
                + " against the cap of " + prohibition.cap().get().display() + " in " + instance.id.key() + ": not above it");
            continue;
          }
        }
        forbidden = true;
        s.breach(instance, e.occurredAt(), s.cause(e));
      }
    }
    if (!forbidden) {
      s.note("no prohibition in force forbids " + e.by() + " to " + Keywords.of(e.act()).replace('-', ' '));
    }
  }

  /**
   * Snapback by a holder of the power: every sanctions lock that was lifted or broken is armed
   * again (a new instance, {@code @snapback-N}, N counting the snapbacks that took effect), and
   * duties that wait for snapback arise.
   */
  void snapback(Event.SnapbackInvoked e) throws Halted {
    boolean invoked = false;
    String rearmed = "snapback-" + (s.snapbacks + 1);
    for (AgreementRun run : s.agreementOrder) {
      boolean grants = run.plan.powers.stream().anyMatch(t -> ((Norm.Power) t.norm).action() == PowerAction.INVOKE_SNAPBACK);
      if (run.status != AgreementStatus.IN_FORCE || !grants) {
        continue;
      }
      Optional<String> refusal = lifecycle.powerRefusal(run, PowerAction.INVOKE_SNAPBACK, e.by());
      if (refusal.isPresent()) {
        s.note("snapback by " + e.by() + " under " + run.plan.id() + " refused: " + refusal.get());
        continue;
      }
      invoked = true;
      for (Instance lock : List.copyOf(run.prohibitions)) {
        if ((lock.state == State.DISCHARGED || lock.state == State.BREACHED)
            && ((Norm.Prohibition) lock.template().norm).action() == ProhibitedAction.EASE_SANCTIONS && (lock.extras == null || lock.extras.rearmed == null)) {
          Instance again = s.create(run, lock.template(), lock.id.obligor(), rearmed, e.occurredAt(), State.ACTIVE, s.cause(e));
          again.activatedAt = e.occurredAt();
          lock.extras().rearmed = again;
          run.prohibitions.add(again);
        }
      }
    }
    if (!invoked) {
      s.note("snapback by " + e.by() + " has no effect: no agreement in force grants it the power to invoke snapback");
      return;
    }
    s.snapbackInvoked = true;
    s.snapbacks++;
    for (AgreementRun run : s.agreementOrder) {
      conditions.reevaluateStanding(run, e.occurredAt(), s.seq, true); // in force, or ended with clauses that survive
    }
  }

  /** Re-imposed sanctions fulfil the giver's duty to re-impose them. */
  void sanctionsReimposed(Event.SanctionsEvent e) {
    if (!s.packages.containsKey(e.sanctionsPackage())) {
      s.note("sanctions package " + e.sanctionsPackage() + " was never recorded as adopted");
    }
    for (AgreementRun run : s.agreementOrder) {
      for (Instance instance : run.standing) {
        if (instance.state == State.ACTIVE && instance.id.obligor().equals(e.by()) && instance.fulfilment() == Fulfilment.SANCTIONS_REIMPOSED) {
          s.fulfil(instance, e.occurredAt(), s.cause(e));
        }
      }
    }
  }

  void sanctionsEased(Event.SanctionsEvent e) throws Halted {
    if (!s.packages.containsKey(e.sanctionsPackage())) {
      s.note("sanctions package " + e.sanctionsPackage() + " was never recorded as adopted");
    }
    for (AgreementRun run : s.agreementOrder) {
      for (Instance instance : run.prohibitions) {
        if (instance.state == State.ACTIVE && instance.id.obligor().equals(e.by())
            && ((Norm.Prohibition) instance.template().norm).action() == ProhibitedAction.EASE_SANCTIONS) {
          s.breach(instance, e.occurredAt(), s.cause(e));
        }
      }
    }
  }
}

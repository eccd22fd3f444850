package dev.compact.engine;

import dev.compact.agreements.AmountBound;
import dev.compact.agreements.DateRange;
import dev.compact.agreements.Fulfilment;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Money;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Engine.Template;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evolves commitments and support: periods created one at a time, conditions precedent, and
 * allocations and deliveries counted against measures, clauses and their parts.
 */
final class CommitmentEvolver {
  private final FoldState s;

  CommitmentEvolver(FoldState s) {
    this.s = s;
  }

  /**
   * Creates the commitment's instance for the period under way (or the next one to begin) for each
   * obligor; later periods are created one at a time as each period begins, so a ten-year schedule
   * holds at most two live instances per obligor.
   */
  void createCommitment(AgreementRun run, Template template, Instant at, Cause cause) throws Halted {
    Template.Periods periods = template.periods();
    if (periods.problem() != null) {
      s.note("schedule of " + run.plan.id() + "/" + template.clause.id() + " cannot be computed: " + periods.problem()
          + "; its periods are not tracked");
      return;
    }
    for (PartyCode obligor : template.obligors) {
      for (int index = 0; index < periods.ranges().size(); index++) {
        Instant end = CalendarMath.startOf(periods.ranges().get(index).end().plusDays(1));
        if (end.isAfter(s.recordStart)) {
          createPeriod(run, template, obligor, index, at, cause);
          break; // Periods that ended before the record begins are not tracked: nothing in the record can speak to them.
        }
      }
    }
  }

  private Instance createPeriod(AgreementRun run, Template template, PartyCode obligor, int index, Instant at, Cause cause) {
    Template.Periods periods = template.periods();
    DateRange period = periods.ranges().get(index);
    Instant start = CalendarMath.startOf(period.start());
    Instant end = CalendarMath.startOf(period.end().plusDays(1));
    boolean begun = !start.isAfter(at) && preconditionsMet(run, template, obligor);
    Instance instance = s.create(run, template, obligor, periods.scheduled() ? period.start().toString() : "", at,
        begun ? State.ACTIVE : State.PENDING, cause);
    instance.period = period;
    instance.periodIndex = index;
    instance.target = periods.target(index);
    instance.itemTargets = ((Norm.Commitment) template.norm).items();
    s.commitmentsByKey.computeIfAbsent(commitmentKey(run.plan.id(), template.clause.id().value(), obligor), k -> new ArrayList<>())
        .add(instance);
    if (begun) {
      instance.activatedAt = at;
      createNextPeriod(instance, at);
    } else if (!start.isAfter(at)) {
      awaitConditions(instance); // under way, but its conditions are not all recorded
    } else {
      s.schedule(new Timer(start, true, s.nextOrder(), TimerKind.PERIOD_START, instance, run, 0));
    }
    s.schedule(new Timer(end, true, s.nextOrder(), TimerKind.PERIOD_END, instance, run, 0));
    return instance;
  }

  /** Once a period is under way, the next one exists as pending, so that what comes next is visible. */
  void createNextPeriod(Instance current, Instant at) {
    int next = current.periodIndex + 1;
    if (next < current.template().periods().ranges().size()) {
      createPeriod(current.agreement, current.template(), current.id.obligor(), next, at,
          new Cause.CalendarReached(CalendarMath.startOf(current.period().start()), "period " + current.period().display() + " began"));
    }
  }

  private static String commitmentKey(String agreement, String clause, PartyCode obligor) {
    return agreement + "/" + clause + "/" + obligor.value();
  }

  boolean preconditionsMet(AgreementRun run, Template template, PartyCode obligor) {
    if (!(template.norm instanceof Norm.Commitment c) || c.subjectTo().isEmpty()) {
      return true;
    }
    Set<dev.compact.agreements.Precondition> met = s.preconditions.get(commitmentKey(run.plan.id(), template.clause.id().value(), obligor));
    return met != null && met.containsAll(c.subjectTo());
  }

  List<dev.compact.agreements.Precondition> missingPreconditions(Instance instance) {
    Set<dev.compact.agreements.Precondition> met = s.preconditions.getOrDefault(
        commitmentKey(instance.agreement.plan.id(), instance.template().clause.id().value(), instance.id.obligor()), Set.of());
    return ((Norm.Commitment) instance.template().norm).subjectTo().stream().filter(p -> !met.contains(p)).toList();
  }

  /** The conditions a period still waits for, as words: "parliamentary approval and appropriation". */
  String missingText(Instance instance) {
    return String.join(" and ", missingPreconditions(instance).stream().map(p -> Keywords.of(p).replace('-', ' ')).toList());
  }

  /**
   * Marks a begun period that waits for conditions, so that its deadline says which are not recorded: a pledge that
   * cannot bind until a condition is recorded is an open item before its period ends, not only an expiry after.
   */
  void awaitConditions(Instance instance) {
    instance.extras().unrecordedConditions = missingText(instance);
    s.touch(instance);
  }

  /** A condition precedent met: the commitment's periods under way begin to bind once all of its conditions are met. */
  void preconditionMet(Event.PreconditionMet e) throws Halted {
    AgreementRun run = s.requireAgreement(e.commitment().agreement().value());
    Template template = run.plan.byClause.get(e.commitment().clause().value());
    if (template == null || !(template.norm instanceof Norm.Commitment c) || !c.subjectTo().contains(e.condition())) {
      s.note(e.commitment() + " is not a commitment subject to " + Keywords.of(e.condition()).replace('-', ' ') + "; nothing changes");
      return;
    }
    String key = commitmentKey(run.plan.id(), template.clause.id().value(), e.by());
    s.preconditions.computeIfAbsent(key, k -> EnumSet.noneOf(dev.compact.agreements.Precondition.class)).add(e.condition());
    List<Instance> periods = s.commitmentsByKey.getOrDefault(key, List.of());
    if (!preconditionsMet(run, template, e.by())) {
      for (Instance instance : periods) {
        if (instance.state == State.PENDING && instance.extras != null && instance.extras.unrecordedConditions != null) {
          awaitConditions(instance); // one condition of several: the rest are still not recorded
        }
      }
      return;
    }
    for (Instance instance : List.copyOf(periods)) {
      if (instance.state == State.PENDING && !CalendarMath.startOf(instance.period().start()).isAfter(e.occurredAt())) {
        s.move(instance, e.occurredAt(), State.ACTIVE, s.cause(e));
        instance.activatedAt = e.occurredAt();
        if (run.status == AgreementStatus.IN_FORCE) {
          createNextPeriod(instance, e.occurredAt());
        }
      }
    }
  }

  void support(Event.SupportEvent e, boolean delivered) throws Halted {
    if (e.countsAgainst().isEmpty()) {
      List<Instance> candidates = s.supportObligations.get(e.guarantor().value());
      if (candidates == null) {
        return;
      }
      // Settled instances leave the list here, so it holds only what support can still fulfil.
      candidates.removeIf(instance -> instance.state.isFinal());
      for (Instance instance : candidates) {
        if (instance.state == State.ACTIVE && instance.template().norm.domain() == e.category()
            && instance.fulfilment() == (delivered ? Fulfilment.DELIVERY : Fulfilment.ALLOCATION)) {
          s.fulfil(instance, e.occurredAt(), s.cause(e));
          return;
        }
      }
      return;
    }
    switch (e.countsAgainst().get()) {
      case Event.Target.Measure target -> {
        Instance instance = s.measures.get(target.consultation().value() + "/" + target.measure());
        if (instance == null) {
          throw new Halted(true, "counts against measure " + target + ", which no consultation decided");
        }
        if (!instance.id.obligor().equals(e.guarantor())) {
          s.note("measure " + target + " binds " + instance.id.obligor() + "; support by " + e.guarantor() + " is not counted");
          return;
        }
        count(instance, e, delivered);
      }
      case Event.Target.Clause target -> {
        AgreementRun run = s.requireAgreement(target.agreement().value());
        Template template = run.plan.byClause.get(target.clause().value());
        if (template == null) {
          throw new Halted(true, "counts against " + target + ", which is not a clause of " + target.agreement());
        }
        switch (template.norm) {
          case Norm.Commitment c -> {
            List<Instance> periods = s.commitmentsByKey.get(commitmentKey(run.plan.id(), template.clause.id().value(), e.guarantor()));
            if (periods == null) {
              s.note(target + " does not bind " + e.guarantor() + " (or is not in force); support is not counted");
              return;
            }
            LocalDate day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
            boolean counted = false;
            for (Instance instance : periods) {
              if (instance.period().contains(day)) {
                count(instance, e, delivered);
                counted = true;
                break;
              }
            }
            if (!counted) {
              s.note("support by " + e.guarantor() + " on " + day + " lies outside every period of " + target + "; not counted");
            } else if (c.partOf().isPresent()) {
              // A part ("of which GBP 200 million for drones") counts towards its whole as well.
              List<Instance> whole = s.commitmentsByKey.get(commitmentKey(run.plan.id(), c.partOf().get().value(), e.guarantor()));
              Instance wholePeriod = whole == null ? null : whole.stream().filter(i -> i.period().contains(day)).findFirst().orElse(null);
              if (wholePeriod != null) {
                count(wholePeriod, e, delivered);
              } else {
                s.note("support by " + e.guarantor() + " on " + day + " counts against " + target + " but lies outside every period of its whole, "
                    + c.partOf().get() + "; counted for the part only");
              }
            }
          }
          case Norm.Obligation o -> {
            for (Instance instance : run.instances) {
              if (instance.template == template && instance.id.obligor().equals(e.guarantor()) && instance.state == State.ACTIVE
                  && instance.fulfilment() == (delivered ? Fulfilment.DELIVERY : Fulfilment.ALLOCATION)) {
                s.fulfil(instance, e.occurredAt(), s.cause(e));
              }
            }
          }
          case Norm.Power p -> s.note(target + " is a power; support cannot count against it");
          case Norm.Prohibition p -> s.note(target + " is a prohibition; support cannot count against it");
        }
      }
    }
  }

  void count(Instance instance, Event.SupportEvent e, boolean delivered) {
    s.touch(instance);
    if (instance.template != null && instance.template.norm instanceof Norm.Commitment c && !c.scope().isEmpty()) {
      if (e.scope().isPresent() && !c.scope().contains(e.scope().get())) {
        s.note(Keywords.of(e.scope().get()) + " support by " + e.guarantor() + " is not counted against " + instance.id.key()
            + ", which covers " + String.join(" and ", c.scope().stream().map(Keywords::of).toList()) + " support only");
        return;
      }
      if (e.scope().isEmpty()) {
        s.note("support by " + e.guarantor() + " against " + instance.id.key() + " does not say whether it is lethal; counted as "
            + String.join(" or ", c.scope().stream().map(Keywords::of).toList()));
      }
    }
    if (e.value().isPresent() && instance.target.isPresent()) {
      Money value = e.value().get();
      String currency = instance.target.get().currency();
      BigDecimal amount = null;
      if (value.currency().equals(currency)) {
        amount = value.value();
      } else if (e.rate().isPresent() && e.rate().get().currency().equals(currency)) {
        amount = MinorUnits.round(value.value().multiply(e.rate().get().rate()), currency);
      } else {
        LocalDate day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
        Optional<dev.compact.agreements.MoneyData.Conversion> conversion = s.engine.compact.money().conversion(value.currency(), currency, day);
        if (conversion.isPresent()) {
          amount = MinorUnits.round(value.value().multiply(conversion.get().factor()), currency);
          s.note(value.display() + " by " + e.guarantor() + " counted against " + instance.id.key() + " as " + new Money(amount, currency).display()
              + " at " + conversion.get().display());
        } else {
          s.note(value.currency() + " cannot be counted against " + instance.id.key() + " (in " + currency
              + ") without a rate to " + currency + " dated on or before " + day + " (in the event or under 'rates' in compact.md); the amount is not counted");
        }
      }
      if (amount != null) {
        if (delivered) {
          instance.delivered = instance.delivered.add(amount);
        } else {
          instance.allocated = instance.allocated.add(amount);
        }
      }
    }
    if (delivered) {
      for (ItemLine line : e.items()) {
        if (instance.itemsDelivered == null) {
          instance.itemsDelivered = new TreeMap<>();
        }
        instance.itemsDelivered.merge(line.item(), line.quantity(), Long::sum);
      }
    }
    if (delivered && instance.template != null && instance.template.norm instanceof Norm.Commitment c && (instance.extras == null || !instance.extras.overNoted)) {
      Optional<Money> ceiling = c.bound() == AmountBound.RANGE ? c.maximum()
          : c.bound() == AmountBound.UP_TO || c.bound() == AmountBound.EXACT ? instance.target : Optional.empty();
      if (ceiling.isPresent() && instance.delivered.compareTo(ceiling.get().value()) > 0) {
        instance.extras().overNoted = true;
        s.note(instance.id.key() + " has received more than its " + c.bound().phrase() + " " + ceiling.get().display() + ": "
            + instance.progress().describe());
      }
    }
    if (delivered && !e.items().isEmpty() && instance.template != null && instance.template.norm instanceof Norm.Commitment c) {
      // As for an amount: more than an item line's "up to" or "exactly" is worth a note, once per line.
      for (int n = 0; n < instance.itemTargets.size(); n++) {
        AmountBound bound = c.itemBound(n);
        if ((bound == AmountBound.UP_TO || bound == AmountBound.EXACT) && instance.itemOver(n)
            && (instance.extras == null || instance.extras.itemsOverNoted == null || !instance.extras.itemsOverNoted.get(n))) {
          if (instance.extras().itemsOverNoted == null) {
            instance.extras().itemsOverNoted = new BitSet();
          }
          instance.extras().itemsOverNoted.set(n);
          s.note(instance.id.key() + " has received more than its " + c.itemDisplay(n) + ": " + instance.progress().describe());
        }
      }
    }
    if (!delivered || instance.completedAt != null || !instance.complete()) {
      return;
    }
    instance.completedAt = e.occurredAt();
    if (instance.state == State.ACTIVE) {
      s.fulfil(instance, e.occurredAt(), s.cause(e));
    } else if (instance.state == State.BREACHED) {
      s.note(instance.id.key() + " completed late, after its breach: " + instance.progress().describe());
    }
  }
}

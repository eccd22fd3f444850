package dev.compact.engine;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.Clause;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Compact;
import dev.compact.agreements.ConditionVariable;
import dev.compact.agreements.Deadline;
import dev.compact.agreements.Decision;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.PowerAction;
import dev.compact.agreements.Territory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The guarantee engine for one compact: a pure fold of events into norm instances and transitions.
 * Building it compiles every condition once and sorts the clauses by the events that can move them;
 * {@link #replay()} then folds events one by one. No clock, no I/O, no threads: the same compact
 * and the same events always give the same {@link Outcome}, byte for byte once rendered.
 */
public final class Engine {

  /** Which events create instances of an obligation: read from the variables its trigger uses. */
  enum Scope {
    /** Reads only standing facts (beneficiary, aggressor): one instance per obligor for the agreement's life. */
    STANDING,
    /** Reads incident facts: one instance per obligor and incident. */
    INCIDENT,
    /** Reads the consultation request: one instance per obligor and consultation. */
    CONSULTATION
  }

  private static final Set<ConditionVariable> INCIDENT_VARIABLES = EnumSet.of(
      ConditionVariable.INCIDENT_KIND, ConditionVariable.INCIDENT_SEVERITY, ConditionVariable.INCIDENT_PLACE,
      ConditionVariable.INCIDENT_IN_SCOPE, ConditionVariable.INCIDENT_VERIFIED, ConditionVariable.INCIDENT_ATTACKER);
  static final Set<ConditionVariable> STATUS_VARIABLES = EnumSet.of(
      ConditionVariable.BENEFICIARY_NATO_MEMBER, ConditionVariable.BENEFICIARY_EU_MEMBER,
      ConditionVariable.AGGRESSION_ENDED, ConditionVariable.NON_REPETITION_GUARANTEED,
      ConditionVariable.DAMAGE_COMPENSATED, ConditionVariable.SNAPBACK_INVOKED, ConditionVariable.AGGRESSOR_COMPENSATED_SHARE);

  final Compact compact;
  /** The compact's named areas by id, for territories that name them. */
  final Map<String, dev.compact.agreements.Area> areas;
  final List<Plan> plans = new ArrayList<>();
  final Map<String, Plan> planById = new HashMap<>();

  private Engine(Compact compact) {
    this.compact = compact;
    this.areas = compact.areaMap();
    CompiledCondition.Cache cache = new CompiledCondition.Cache();
    Optional<Territory> umbrellaTerritory = compact.umbrella().territory();
    for (Agreement agreement : compact.allAgreements()) {
      Plan plan = new Plan(agreement, agreement.territory().or(() -> umbrellaTerritory));
      Set<ClauseId> remedies = new HashSet<>();
      for (Clause clause : agreement.clauses()) {
        if (clause.norm() instanceof Norm.Obligation obligation) {
          obligation.remedy().ifPresent(remedies::add);
        }
      }
      for (Clause clause : agreement.clauses()) {
        Template template = new Template(plan, clause, compact.resolve(clause.norm().obligor(), agreement),
            remedies.contains(clause.id()), cache, compact.defaults().decision());
        plan.byClause.put(clause.id().value(), template);
        switch (clause.norm()) {
          case Norm.Commitment c -> plan.commitments.add(template);
          case Norm.Power p -> {
            plan.powers.add(template);
            if (p.action() == PowerAction.REQUEST_CONSULTATIONS) {
              plan.requestPowers.add(template);
            } else if (p.action() == PowerAction.TERMINATE) {
              plan.terminatePowers.add(template);
            }
          }
          case Norm.Prohibition p -> plan.prohibitions.add(template);
          case Norm.Obligation o -> {
            if (template.remedyOnly) {
              continue;
            }
            switch (template.scope) {
              case STANDING -> plan.standing.add(template);
              case INCIDENT -> plan.incidentScoped.add(template);
              case CONSULTATION -> plan.consultationScoped.add(template);
            }
          }
        }
      }
      for (var condition : agreement.term().endsWhen()) {
        plan.endsWhen.add(cache.compile(condition));
      }
      plans.add(plan);
      planById.put(agreement.id().value(), plan);
    }
  }

  /** Compiles the compact's conditions and indexes its clauses; cheap to reuse for many replays. */
  public static Engine of(Compact compact) {
    return new Engine(compact);
  }

  public Compact compact() {
    return compact;
  }

  /** A fresh fold over no events yet. */
  public Replay replay() {
    return new Replay(this);
  }

  /** Folds all events and returns the outcome. */
  public Outcome run(List<? extends Event> events) {
    Replay replay = replay();
    for (Event event : events) {
      replay.apply(event);
    }
    return replay.outcome();
  }

  /** An agreement with its clauses sorted by the events that can move them. */
  static final class Plan {
    final Agreement agreement;
    final Optional<Territory> territory;
    final List<Template> commitments = new ArrayList<>();
    final List<Template> powers = new ArrayList<>();
    final List<Template> requestPowers = new ArrayList<>();
    final List<Template> terminatePowers = new ArrayList<>();
    final List<Template> prohibitions = new ArrayList<>();
    final List<Template> standing = new ArrayList<>();
    final List<Template> incidentScoped = new ArrayList<>();
    final List<Template> consultationScoped = new ArrayList<>();
    final List<CompiledCondition> endsWhen = new ArrayList<>();
    final Map<String, Template> byClause = new HashMap<>();

    Plan(Agreement agreement, Optional<Territory> territory) {
      this.agreement = agreement;
      this.territory = territory;
    }

    String id() {
      return agreement.id().value();
    }

  }

  /** A clause ready to be instantiated: resolved obligors, compiled condition, scope. */
  static final class Template {
    final Plan plan;
    final Clause clause;
    final Norm norm;
    final List<PartyCode> obligors;
    final boolean remedyOnly;
    final Scope scope;
    /** Trigger (obligation), until (prohibition) or condition (power); null when the clause has none. */
    final @Nullable CompiledCondition condition;
    final Decision decision;
    /** The decision rule with its threshold and exceptions. */
    final dev.compact.agreements.DecisionRule decisionRule;
    /** The commitment's periods; null for other norms. */
    private final @Nullable Periods periods;
    /** The clause's own territory, when it has one: `incident.in_scope` is read under it. */
    final Optional<Territory> territory;

    Template(Plan plan, Clause clause, List<PartyCode> obligors, boolean remedyOnly, CompiledCondition.Cache cache,
        Decision compactDecision) {
      this.plan = plan;
      this.clause = clause;
      this.norm = clause.norm();
      this.obligors = obligors;
      this.remedyOnly = remedyOnly;
      this.condition = switch (norm) {
        case Norm.Obligation o -> cache.compile(o.trigger());
        case Norm.Prohibition p -> cache.compile(p.until());
        case Norm.Power p -> p.condition().map(cache::compile).orElse(null);
        case Norm.Commitment c -> null;
      };
      this.scope = condition == null ? Scope.STANDING
          : condition.reads(ConditionVariable.CONSULTATION_REQUESTED_BY) ? Scope.CONSULTATION
          : condition.readsAnyOf(INCIDENT_VARIABLES) ? Scope.INCIDENT
          : Scope.STANDING;
      this.decision = norm instanceof Norm.Obligation o ? o.decision().orElse(compactDecision) : compactDecision;
      this.decisionRule = norm instanceof Norm.Obligation o && o.decisionRule().isPresent() ? o.decisionRule().get()
          : dev.compact.agreements.DecisionRule.of(decision);
      this.periods = norm instanceof Norm.Commitment c ? computePeriods(c, plan.agreement.term().calendar()) : null;
      this.territory = clause.territory();
    }

    /**
     * A commitment's periods and the amount each must reach (empty when it has none), computed once per engine;
     * {@code problem} when the calendar is ambiguous.
     */
    record Periods(List<dev.compact.agreements.DateRange> ranges, List<dev.compact.agreements.Money> targets,
        boolean scheduled, @Nullable String problem) {

      /** The amount the period at {@code index} must reach, if the commitment states one. */
      Optional<dev.compact.agreements.Money> target(int index) {
        return targets.isEmpty() ? Optional.empty() : Optional.of(targets.get(index));
      }
    }

    /** A commitment's periods; only commitments have them, so asking another norm is a bug. */
    Periods periods() {
      return Objects.requireNonNull(periods, "only a commitment has periods");
    }

    /** The condition of a clause that has one (every obligation and prohibition); asking another is a bug. */
    CompiledCondition condition() {
      return Objects.requireNonNull(condition, "this clause has no condition");
    }

    private static Periods computePeriods(Norm.Commitment commitment, dev.compact.agreements.CalendarRule rule) {
      if (commitment.period().isPresent()) {
        return new Periods(List.of(commitment.period().get()), commitment.amount().map(List::of).orElse(List.of()), false, null);
      }
      dev.compact.agreements.Schedule schedule = commitment.schedule().orElseThrow();
      List<dev.compact.agreements.DateRange> ranges = new ArrayList<>();
      try {
        for (int i = 0; i < schedule.count(); i++) {
          var start = CalendarMath.plusTimes(schedule.start(), schedule.every().calendar(), i, schedule.every().text(), rule);
          var next = CalendarMath.plusTimes(schedule.start(), schedule.every().calendar(), i + 1, schedule.every().text(), rule);
          ranges.add(new dev.compact.agreements.DateRange(start, next.minusDays(1)));
        }
      } catch (CalendarMath.AmbiguousDateException e) {
        return new Periods(List.of(), List.of(), true, e.getMessage());
      }
      // Without a per-period amount, the total is spread evenly over the periods in the currency's minor units, the
      // last period taking what rounding left, so that the periods' targets add up to the total.
      List<dev.compact.agreements.Money> targets = schedule.amountPerPeriod()
          .map(each -> java.util.Collections.nCopies(schedule.count(), each))
          .or(() -> commitment.amount().map(total -> MinorUnits.spread(total, schedule.count())))
          .orElse(List.of());
      return new Periods(List.copyOf(ranges), List.copyOf(targets), true, null);
    }

    Optional<Deadline> deadline() {
      return norm instanceof Norm.Obligation o ? o.deadline() : Optional.empty();
    }

    String kind() {
      return dev.compact.agreements.Keywords.of(norm.kind());
    }

    String action() {
      return switch (norm) {
        case Norm.Obligation o -> o.action();
        case Norm.Commitment c -> clause.title() == null || clause.title().isEmpty() ? c.description() : clause.title();
        case Norm.Power p -> dev.compact.agreements.Keywords.of(p.action());
        case Norm.Prohibition p -> "must not " + dev.compact.agreements.Keywords.of(p.action()).replace('-', ' ');
      };
    }
  }
}

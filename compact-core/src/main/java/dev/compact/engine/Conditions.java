package dev.compact.engine;

import dev.cel.runtime.CelEvaluationException;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Engine.Plan;
import dev.compact.engine.Engine.Template;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The facts conditions read and their evaluation: standing facts (status, snapback, compensation),
 * an incident's facts under the territory that applies, and the re-evaluation of standing norms
 * (ending conditions, lifting conditions, triggers) when those facts change.
 */
final class Conditions {
  private final FoldState s;

  private final Facts facts = new Facts();

  /** The incident the facts describe, so that a clause with a territory of its own can set `incident.in_scope` for itself. */
  private @Nullable IncidentRecord factsIncident;

  Conditions(FoldState s) {
    this.s = s;
  }

  private void standingFacts(Plan plan) {
    Set<Event.PartyStatus> status = s.partyStatus.getOrDefault(plan.agreement.beneficiary(), Set.of());
    facts.natoMember = status.contains(Event.PartyStatus.NATO_MEMBER);
    facts.euMember = status.contains(Event.PartyStatus.EU_MEMBER);
    facts.aggressionEnded = s.aggressorStatus.contains(Event.PartyStatus.AGGRESSION_ENDED);
    facts.nonRepetitionGuaranteed = s.aggressorStatus.contains(Event.PartyStatus.NON_REPETITION_GUARANTEED);
    facts.damageCompensated = s.aggressorStatus.contains(Event.PartyStatus.DAMAGE_COMPENSATED);
    facts.aggressor = s.engine.compact.aggressor().map(PartyCode::value).orElse("");
    facts.snapbackInvoked = s.snapbackInvoked;
    facts.compensatedShare = s.compensatedShare;
  }

  void incidentFacts(Plan plan, @Nullable IncidentRecord incident) {
    standingFacts(plan);
    factsIncident = null;
    if (incident == null) {
      facts.incidentKind = "";
      facts.incidentPlace = "";
      facts.incidentSeverity = 0;
      facts.incidentInScope = false;
      facts.incidentVerified = false;
      facts.incidentAttacker = "";
      return;
    }
    facts.incidentAttacker = incident.attacker;
    facts.incidentKind = incident.kind;
    facts.incidentPlace = incident.place;
    facts.incidentSeverity = incident.severity;
    facts.incidentInScope = plan.territory.isEmpty() || plan.territory.get().check(incident.place, incident.location, s.engine.areas).covered();
    factsIncident = incident;
    facts.incidentVerified = incident.verifiedAt != null;
  }

  void consultationFacts(@Nullable ConsultationRecord consultation) {
    facts.requestedBy = consultation == null ? "" : consultation.requestedBy.value();
  }

  /** Evaluates a clause's condition; a clause with its own territory sees `incident.in_scope` under it, not the agreement's. */
  boolean eval(Template template, String where) throws Halted {
    if (template.territory.isEmpty() || factsIncident == null) {
      return eval(template.condition(), where);
    }
    boolean agreementScope = facts.incidentInScope;
    facts.incidentInScope = template.territory.get().check(factsIncident.place, factsIncident.location, s.engine.areas).covered();
    try {
      return eval(template.condition(), where);
    } finally {
      facts.incidentInScope = agreementScope;
    }
  }

  boolean eval(CompiledCondition condition, String where) throws Halted {
    try {
      return condition.eval(facts);
    } catch (CelEvaluationException e) {
      throw new Halted("cannot evaluate `" + condition.source() + "` for " + where + ": " + e.getMessage());
    }
  }

  /** Why an incident lies outside the territory that applies to a clause, or "" when it does not. */
  String scopeReason(Template template, IncidentRecord incident) {
    Optional<dev.compact.agreements.Territory> territory = template.territory.or(() -> template.plan.territory);
    if (territory.isEmpty()) {
      return "";
    }
    dev.compact.agreements.Territory.Coverage coverage = territory.get().check(incident.place, incident.location, s.engine.areas);
    return coverage.covered() ? "" : incident.place + " lies outside the territory of "
        + (template.territory.isPresent() ? "clause " + template.clause.id() : template.plan.id()) + ": " + coverage.reason();
  }

  /**
   * Ending conditions, prohibitions' lifting conditions and standing triggers: the norms a change of
   * status can move. Once the agreement has ended only the instances its term made survive are left
   * unsettled, and they keep their own conditions: survival stops a clause from ending with the
   * agreement, not from lifting when its own condition holds.
   */
  void reevaluateStanding(AgreementRun run, Instant at, long causeSeq, boolean statusChange) throws Halted {
    if (run.status != AgreementStatus.IN_FORCE && run.status != AgreementStatus.ENDED) {
      return;
    }
    standingFacts(run.plan);
    if (run.status == AgreementStatus.IN_FORCE) {
      for (CompiledCondition condition : run.plan.endsWhen) {
        if (reacts(condition, statusChange) && eval(condition, run.plan.id() + " ending condition")) {
          run.status = AgreementStatus.ENDED;
          s.endAll(run, at, State.TERMINATED, new Cause.ConditionHeld("ending condition", condition.source(), causeSeq));
          break;
        }
      }
    }
    for (Instance instance : run.prohibitions) {
      if (instance.state == State.ACTIVE && reacts(instance.template().condition(), statusChange)
          && eval(instance.template().condition(), instance.id.key())) {
        s.move(instance, at, State.DISCHARGED, new Cause.ConditionHeld("lifting condition", instance.template().condition().source(),
            causeSeq));
      }
    }
    for (Instance instance : run.standing) {
      if (instance.state == State.PENDING && reacts(instance.template().condition(), statusChange)
          && eval(instance.template().condition(), instance.id.key())) {
        s.activate(instance, at, new Cause.ConditionHeld("trigger", instance.template().condition().source(), causeSeq));
      }
    }
  }

  /** On a change of status only conditions that read a party's status can change; others keep their value. */
  private static boolean reacts(CompiledCondition condition, boolean statusChange) {
    return !statusChange || condition.readsAnyOf(Engine.STATUS_VARIABLES);
  }
}

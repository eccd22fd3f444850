package dev.compact.engine;

import dev.compact.agreements.Anchor;
import dev.compact.agreements.Deadline;
import dev.compact.agreements.Decision;
import dev.compact.agreements.Fulfilment;
import dev.compact.agreements.Guarantor;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.MeetingLevel;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Engine.Plan;
import dev.compact.engine.Engine.Template;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evolves incidents and the consultations they lead to: reports, verification or rejection,
 * requests (and who may make them), meetings at the level a duty names, decisions under their
 * decision rule, and the measures decided.
 */
final class IncidentEvolver {
  private final FoldState s;
  private final Conditions conditions;

  IncidentEvolver(FoldState s, Conditions conditions) {
    this.s = s;
    this.conditions = conditions;
  }

  void incidentReported(Event.IncidentReported e) throws Halted {
    if (s.incidents.containsKey(e.incident().value())) {
      s.note("incident " + e.incident() + " was already reported; the second report is ignored");
      return;
    }
    IncidentRecord incident = new IncidentRecord(e);
    s.incidents.put(e.incident().value(), incident);
    for (AgreementRun run : s.agreementOrder) {
      if (run.status != AgreementStatus.IN_FORCE || run.plan.incidentScoped.isEmpty()) {
        continue;
      }
      conditions.incidentFacts(run.plan, incident);
      conditions.consultationFacts(null);
      for (Template template : run.plan.incidentScoped) {
        boolean holds = conditions.eval(template, run.plan.id() + "/" + template.clause.id());
        for (PartyCode obligor : template.obligors) {
          Instance instance = s.create(run, template, obligor, incident.id, e.occurredAt(), holds ? State.ACTIVE : State.PENDING,
              holds ? new Cause.ConditionHeld("trigger", template.condition().source(), s.seq) : s.cause(e));
          instance.incident = incident;
          incident.instances.add(instance);
          if (holds) {
            s.startClock(instance, e.occurredAt());
          }
        }
      }
    }
  }

  void incidentSettled(Event.IncidentEvent e, boolean verified) throws Halted {
    IncidentRecord incident = s.incidents.get(e.incident().value());
    if (incident == null) {
      throw new Halted(true, "names incident '" + e.incident() + "', which was never reported");
    }
    if (incident.verifiedAt != null || incident.rejected) {
      s.note("incident " + e.incident() + " was already " + (incident.rejected ? "rejected" : "verified") + "; ignored");
      return;
    }
    if (verified) {
      incident.verifiedAt = e.occurredAt();
    } else {
      incident.rejected = true;
    }
    for (Instance instance : List.copyOf(incident.instances)) {
      if (!verified) {
        if (instance.state == State.PENDING) {
          s.move(instance, e.occurredAt(), State.EXPIRED, s.cause(e));
        } else if (instance.state == State.ACTIVE) {
          s.move(instance, e.occurredAt(), State.DISCHARGED, s.cause(e));
        }
        continue;
      }
      Template template = instance.template;
      if (instance.state != State.PENDING || template == null) {
        continue;
      }
      conditions.incidentFacts(template.plan, incident);
      conditions.consultationFacts(instance.consultation);
      CompiledCondition trigger = template.condition();
      if (conditions.eval(template, instance.id.key())) {
        s.activate(instance, e.occurredAt(), new Cause.ConditionHeld("trigger", trigger.source(), s.seq));
      } else {
        s.move(instance, e.occurredAt(), State.EXPIRED, new Cause.ConditionFailed("trigger", trigger.source(), s.seq,
            conditions.scopeReason(template, incident)));
      }
    }
    s.resolveWaitingAnchors();
  }

  void consultationRequested(Event.ConsultationRequested e) throws Halted {
    if (s.consultations.containsKey(e.consultation().value())) {
      s.note("consultation " + e.consultation() + " was already requested; the second request is ignored");
      return;
    }
    IncidentRecord incident = null;
    if (e.incident().isPresent()) {
      incident = s.incidents.get(e.incident().get().value());
      if (incident == null) {
        throw new Halted(true, "names incident '" + e.incident().get() + "', which was never reported");
      }
    }
    ConsultationRecord consultation = new ConsultationRecord(e, incident);
    s.consultations.put(consultation.id, consultation);
    s.lastConsultation = consultation;
    if (incident != null) {
      incident.consultations.add(consultation);
    }
    List<String> refused = new ArrayList<>();
    boolean acceptedSomewhere = false;
    for (AgreementRun run : s.agreementOrder) {
      if (run.status != AgreementStatus.IN_FORCE) {
        continue;
      }
      Plan plan = run.plan;
      conditions.incidentFacts(plan, incident);
      conditions.consultationFacts(consultation);
      Optional<String> refusal = requestRefusal(plan, e.by());
      if (refusal.isPresent()) {
        if (plan.agreement.parties().contains(e.by())) {
          refused.add(plan.id() + ": " + refusal.get());
        }
        continue;
      }
      acceptedSomewhere = true;
      for (Template template : plan.consultationScoped) {
        boolean holds = conditions.eval(template, plan.id() + "/" + template.clause.id());
        boolean canStillHold = incident != null && incident.verifiedAt == null && !incident.rejected
            && template.condition().reads(dev.compact.agreements.ConditionVariable.INCIDENT_VERIFIED);
        if (!holds && !canStillHold) {
          continue;
        }
        for (PartyCode obligor : template.obligors) {
          Instance instance = s.create(run, template, obligor, consultation.id, e.occurredAt(),
              holds ? State.ACTIVE : State.PENDING,
              holds ? new Cause.ConditionHeld("trigger", template.condition().source(), s.seq) : s.cause(e));
          instance.consultation = consultation;
          instance.incident = incident;
          consultation.instances.add(instance);
          if (incident != null) {
            incident.instances.add(instance);
          }
          if (holds) {
            s.startClock(instance, e.occurredAt());
          }
        }
      }
    }
    if (!refused.isEmpty()) {
      s.note("request " + e.consultation() + " by " + e.by() + " is not valid under " + String.join("; ", refused)
          + (acceptedSomewhere ? "" : "; no agreement's obligations arise from it"));
    }
    s.resolveWaitingAnchors();
  }

  /** Why {@code by} may not request consultations under {@code plan}, or empty if it may (facts already set). */
  private Optional<String> requestRefusal(Plan plan, PartyCode by) throws Halted {
    if (plan.requestPowers.isEmpty()) {
      return Optional.empty();
    }
    String reason = by + " holds no power to request consultations";
    for (Template power : plan.requestPowers) {
      if (!power.obligors.contains(by)) {
        continue;
      }
      if (power.condition == null || conditions.eval(power, plan.id() + "/" + power.clause.id())) {
        return Optional.empty();
      }
      reason = "its condition `" + power.condition.source() + "` does not hold";
    }
    return Optional.of(reason);
  }

  void consultationHeld(Event.ConsultationHeld e) throws Halted {
    ConsultationRecord consultation = s.requireConsultation(e.consultation());
    if (consultation.heldAt == null) {
      consultation.heldAt = e.occurredAt();
    }
    consultation.attended.addAll(e.attended());
    consultation.meetings.computeIfAbsent(e.occurredAt(), t -> new TreeSet<>()).addAll(e.attended());
    for (Instance instance : related(consultation)) {
      if (instance.state == State.ACTIVE && instance.fulfilment() == Fulfilment.CONSULTATION_HELD
          && e.attended().contains(instance.id.obligor())) {
        Optional<MeetingLevel> required = instance.template().norm instanceof Norm.Obligation o ? o.meetingLevel() : Optional.empty();
        if (required.isPresent() && e.level().map(l -> !l.satisfies(required.get())).orElse(true)) {
          // The meeting happened (it still anchors later deadlines), but not at the level the duty names.
          s.note(instance.id + " is not met by consultation " + e.consultation() + ": the duty is to meet at the level of "
              + required.get().who() + ", and the meeting " + e.level().map(l -> "was held at the level of " + l.who())
                  .orElse("record does not say its level (add 'level: " + Keywords.of(required.get()) + "' if it was)"));
          continue;
        }
        s.fulfil(instance, e.occurredAt(), s.cause(e));
      }
    }
    s.resolveWaitingAnchors();
  }

  void measuresDecided(Event.MeasuresDecided e) throws Halted {
    ConsultationRecord consultation = s.requireConsultation(e.consultation());
    if (consultation.decidedAt == null) {
      consultation.decidedAt = e.occurredAt();
    }
    Set<PartyCode> agreed = new TreeSet<>(e.agreed().isEmpty() ? consultation.attended : e.agreed());
    e.objections().forEach(agreed::remove);
    for (Instance instance : related(consultation)) {
      if (instance.state != State.ACTIVE || instance.fulfilment() != Fulfilment.MEASURES_DECIDED) {
        continue;
      }
      List<PartyCode> blockers = blockers(instance.template().decisionRule, agreed, e.objections(), consultation);
      if (blockers.isEmpty()) {
        if (instance.template().decision != Decision.NATIONAL || agreed.contains(instance.id.obligor())) {
          // A later decision that stands lifts an earlier block: "fulfilled, blocked by" would say both at once.
          instance.blockedBy = List.of();
          s.fulfil(instance, e.occurredAt(), s.cause(e));
        }
      } else {
        instance.blockedBy = blockers;
        instance.blockedAtSeq = s.seq;
        s.touch(instance);
      }
    }
    Decision rule = s.engine.compact.defaults().decision();
    List<PartyCode> blockers = blockers(dev.compact.agreements.DecisionRule.of(rule), agreed, e.objections(), consultation);
    if (!blockers.isEmpty()) {
      s.note("the decision at " + consultation.id + " is blocked by " + String.join(", ", blockers.stream().map(PartyCode::value).toList())
          + " (" + Keywords.of(rule) + "); " + (e.measures().isEmpty() ? "no measure" : "no measure") + " becomes binding");
    } else {
      AgreementRun umbrella = s.requireAgreement(s.engine.compact.umbrella().id().value());
      for (Event.Measure measure : e.measures()) {
        if (rule == Decision.NATIONAL && !agreed.contains(measure.obligor())) {
          s.note("measure " + measure.id() + " names " + measure.obligor() + ", who did not join the decision; it does not bind");
          continue;
        }
        createMeasure(umbrella, consultation, measure, e);
      }
    }
    s.resolveWaitingAnchors();
  }

  private List<PartyCode> blockers(dev.compact.agreements.DecisionRule decision, Set<PartyCode> agreed, List<PartyCode> objections,
      ConsultationRecord consultation) {
    return switch (decision.rule()) {
      case QUALIFIED_MAJORITY -> {
        // The share of the guarantors (other than those the rule leaves out) that joined the decision.
        List<PartyCode> voters = new ArrayList<>();
        for (Guarantor guarantor : s.engine.compact.guarantors()) {
          if (!decision.except().contains(guarantor.party())) {
            voters.add(guarantor.party());
          }
        }
        long yes = voters.stream().filter(agreed::contains).count();
        boolean reached = !voters.isEmpty() && BigDecimal.valueOf(yes).compareTo(
            decision.threshold().orElse(BigDecimal.ONE).multiply(BigDecimal.valueOf(voters.size()))) >= 0;
        yield reached ? List.of() : voters.stream().filter(p -> !agreed.contains(p)).sorted().toList();
      }
      case NATIONAL -> List.of();
      case CONSENSUS -> objections.stream()
          .filter(p -> consultation.attended.isEmpty() || consultation.attended.contains(p)).sorted().distinct().toList();
      case UNANIMITY -> {
        Set<PartyCode> missing = new TreeSet<>(objections);
        for (Guarantor guarantor : s.engine.compact.guarantors()) {
          if (!agreed.contains(guarantor.party())) {
            missing.add(guarantor.party());
          }
        }
        missing.removeAll(decision.except());
        yield List.copyOf(missing);
      }
    };
  }

  private void createMeasure(AgreementRun umbrella, ConsultationRecord consultation, Event.Measure measure, Event event)
      throws Halted {
    String key = consultation.id + "/" + measure.id();
    if (s.measures.containsKey(key)) {
      s.note("measure " + key + " was already decided; the second decision is ignored");
      return;
    }
    InstanceId id = new InstanceId(umbrella.plan.id(), measure.id(), measure.obligor(), consultation.id);
    Instance instance = new Instance(id, null, umbrella, State.ACTIVE);
    instance.measure = measure;
    instance.consultation = consultation;
    instance.incident = consultation.incident;
    instance.target = measure.amount();
    instance.itemTargets = measure.items();
    instance.deadline = new Deadline(measure.within(), Anchor.MEASURES_DECIDED, measure.boundary());
    s.register(instance, umbrella);
    s.transitions.add(new Transition(event.occurredAt(), id, Optional.empty(), State.ACTIVE, s.cause(event)));
    s.measures.put(key, instance);
    s.startClock(instance, event.occurredAt());
  }

  /** Instances a consultation can fulfil: its own, those of its incident, and standing ones. */
  private List<Instance> related(ConsultationRecord consultation) {
    return related(s, consultation);
  }

  static List<Instance> related(FoldState s, ConsultationRecord consultation) {
    List<Instance> related = new ArrayList<>(consultation.instances);
    if (consultation.incident != null) {
      for (Instance instance : consultation.incident.instances) {
        if (instance.consultation == null) {
          related.add(instance);
        }
      }
    }
    for (AgreementRun run : s.agreementOrder) {
      related.addAll(run.standing);
    }
    return related;
  }
}

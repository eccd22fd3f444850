package dev.compact.engine;

import dev.compact.agreements.Boundary;
import dev.compact.agreements.Fulfilment;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.CalendarMath.AmbiguousDateException;
import dev.compact.engine.Engine.Plan;
import dev.compact.engine.Engine.Template;
import dev.compact.engine.Event.ConsultationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The state of one fold and the moves every evolver shares: creating, activating, fulfilling,
 * breaching and ending instances, scheduling timers, notes. Mutable, confined to its fold (one run,
 * one thread). Iteration is always over lists kept in creation order, never over hash maps, so
 * nothing depends on hashing.
 */
final class FoldState {
  final Engine engine;
  final List<Transition> transitions = new ArrayList<>();
  final List<Notice> notices = new ArrayList<>();
  final Map<String, Instance> byKey = new HashMap<>();
  final List<Instance> instances = new ArrayList<>();
  final PriorityQueue<Timer> timers = new PriorityQueue<>();
  final Map<String, AgreementRun> agreements = new HashMap<>();
  final List<AgreementRun> agreementOrder = new ArrayList<>();
  final Map<String, IncidentRecord> incidents = new HashMap<>();
  final Map<String, ConsultationRecord> consultations = new HashMap<>();
  final Map<String, List<Instance>> commitmentsByKey = new HashMap<>();
  final Map<String, Instance> measures = new HashMap<>();
  final Map<String, List<Instance>> supportObligations = new HashMap<>();
  final List<Instance> waitingForAnchor = new ArrayList<>();
  final Map<PartyCode, Set<Event.PartyStatus>> partyStatus = new HashMap<>();
  final Set<Event.PartyStatus> aggressorStatus = EnumSet.noneOf(Event.PartyStatus.class);
  final Map<String, Set<PartyCode>> packages = new HashMap<>();
  @Nullable ConsultationRecord lastConsultation;
  boolean snapbackInvoked;
  /**
   * Snapbacks that took effect so far: names the locks they re-arm ({@code @snapback-1}, ...). Not the
   * event's position, which counts classified records and would tell a public reader how many there are.
   */
  int snapbacks;
  /** Conditions precedent met, per commitment and obligor. */
  final Map<String, Set<dev.compact.agreements.Precondition>> preconditions = new HashMap<>();
  @Nullable Instant clock;
  @Nullable Instant recordStart;
  long seq;
  long timerOrder;
  Outcome.@Nullable Halt halt;
  /** The instances the current step (one event, or time passing) created or changed, in the order first touched. */
  final List<Instance> touched = new ArrayList<>();
  /** Counts steps, so that an instance knows whether it is already among {@link #touched} without a set. */
  long step;
  /** The share of the assessed damage the aggressor has paid; conditions read it as aggressor.compensated_share. */
  double compensatedShare;

  FoldState(Engine engine) {
    this.engine = engine;
    for (Plan plan : engine.plans) {
      AgreementRun run = new AgreementRun(plan);
      agreements.put(plan.id(), run);
      agreementOrder.add(run);
    }
  }

  void beginStep() {
    step++;
    touched.clear();
  }

  /** Notes that the current step created or changed {@code instance}: every write to what its snapshot shows calls this. */
  void touch(Instance instance) {
    if (instance.touchedAt != step) {
      instance.touchedAt = step;
      touched.add(instance);
    }
  }

  void schedule(Timer timer) {
    timers.add(timer);
  }

  long nextOrder() {
    return timerOrder++;
  }

  Cause.EventCause cause(Event event) {
    return new Cause.EventCause(seq, event);
  }

  AgreementRun requireAgreement(String id) throws Halted {
    AgreementRun run = agreements.get(id);
    if (run == null) {
      throw new Halted(true, "names agreement '" + id + "', which this compact does not contain");
    }
    return run;
  }

  ConsultationRecord requireConsultation(ConsultationId id) throws Halted {
    ConsultationRecord consultation = consultations.get(id.value());
    if (consultation == null) {
      throw new Halted(true, "names consultation '" + id + "', which was never requested");
    }
    return consultation;
  }

  Instance create(AgreementRun run, Template template, PartyCode obligor, String context, Instant at, State state,
      Cause cause) {
    InstanceId id = new InstanceId(run.plan.id(), template.clause.id().value(), obligor, context);
    Instance instance = new Instance(id, template, run, state);
    instance.deadline = template.deadline().orElse(null);
    register(instance, run);
    transitions.add(new Transition(at, id, Optional.empty(), state, cause));
    Fulfilment fulfilment = instance.fulfilment();
    if (fulfilment == Fulfilment.ALLOCATION || fulfilment == Fulfilment.DELIVERY) {
      supportObligations.computeIfAbsent(obligor.value(), k -> new ArrayList<>()).add(instance);
    }
    return instance;
  }

  void register(Instance instance, AgreementRun run) {
    Instance previous = byKey.put(instance.key, instance);
    if (previous != null) {
      // A second incident or consultation with the same id is refused before this point; a clash
      // here means two clauses produce the same key, which the ids' uniqueness rules out.
      throw new IllegalStateException("two norm instances with the id " + instance.id.key());
    }
    instances.add(instance);
    run.instances.add(instance);
    touch(instance);
  }

  void activate(Instance instance, Instant at, Cause cause) throws Halted {
    move(instance, at, State.ACTIVE, cause);
    startClock(instance, at);
  }

  /** An instance has just become active: its deadline starts to run from its anchor, once the anchor is known. */
  void startClock(Instance instance, Instant at) throws Halted {
    instance.activatedAt = at;
    touch(instance);
    if (instance.deadline != null) {
      Instant anchor = anchorOf(instance);
      if (anchor == null) {
        waitingForAnchor.add(instance);
      } else {
        dueFrom(instance, anchor);
      }
    }
  }

  /** Sets the due time from the anchor; where the calendar rule refuses the sum, flags this one instance and goes on. */
  private void dueFrom(Instance instance, Instant anchor) {
    Instant due = plus(instance.agreement, anchor, instance.deadline().within(), "the deadline of " + instance.id.key());
    if (due == null) {
      instance.anchoredAt = anchor;
      instance.extras().dateProblem = "its deadline cannot be computed under calendar: refuse";
      touch(instance);
    } else {
      setDue(instance, due, anchor);
    }
  }

  void setDue(Instance instance, Instant due, @Nullable Instant anchoredAt) {
    instance.due = due;
    touch(instance);
    instance.anchoredAt = anchoredAt;
    instance.generation++;
    schedule(new Timer(due, instance.deadline().boundary() == Boundary.EXCLUSIVE, nextOrder(), TimerKind.DUE, instance,
        instance.agreement, instance.generation));
  }

  void resolveWaitingAnchors() throws Halted {
    if (waitingForAnchor.isEmpty()) {
      return;
    }
    for (Instance instance : List.copyOf(waitingForAnchor)) {
      if (instance.state != State.ACTIVE) {
        waitingForAnchor.remove(instance);
        continue;
      }
      Instant anchor = anchorOf(instance);
      if (anchor != null) {
        waitingForAnchor.remove(instance);
        dueFrom(instance, anchor);
      }
    }
  }

  /** When the instance's deadline starts to run, or null while that moment has not come (no consultation yet, ...). */
  private @Nullable Instant anchorOf(Instance instance) {
    ConsultationRecord consultation = instance.consultation != null ? instance.consultation
        : instance.incident != null ? (instance.incident.consultations.isEmpty() ? null : instance.incident.consultations.getFirst())
        : lastConsultation != null && instance.activatedAt != null && !lastConsultation.requestedAt.isBefore(instance.activatedAt)
            ? lastConsultation : null;
    return switch (instance.deadline().from()) {
      case ACTIVATION -> instance.activatedAt;
      case INCIDENT_REPORTED -> instance.incident == null ? null : instance.incident.reportedAt;
      case INCIDENT_VERIFIED -> instance.incident == null ? null : instance.incident.verifiedAt;
      case CONSULTATION_REQUESTED -> consultation == null ? null : consultation.requestedAt;
      case CONSULTATION_HELD -> consultation == null ? null : consultation.heldAt;
      case MEASURES_DECIDED -> consultation == null ? null : consultation.decidedAt;
      case ENTRY_INTO_FORCE -> instance.agreement.inForceAt;
      case NOTICE_GIVEN -> instance.agreement.noticeAt;
      case BREACH -> instance.remedyAnchor;
    };
  }

  void fulfil(Instance instance, Instant at, Cause cause) {
    if (instance.extras != null && instance.extras.lateSince != null) {
      note(instance.id.key() + " was met at " + Timestamps.format(at) + ", " + Duration.between(instance.extras.lateSince, at).toMinutes()
          + " minutes after its " + Keywords.of(instance.deadline().firmness()).replace('-', ' ') + " deadline: late, not breached");
    }
    instance.settledAt = at;
    move(instance, at, State.FULFILLED, cause);
  }

  void breach(Instance instance, Instant at, Cause cause) throws Halted {
    instance.settledAt = at;
    move(instance, at, State.BREACHED, cause);
    if (instance.template != null && instance.template.norm instanceof Norm.Obligation obligation
        && obligation.remedy().isPresent()) {
      Template remedy = instance.agreement.plan.byClause.get(obligation.remedy().get().value());
      if (remedy == null || instance.agreement.status != AgreementStatus.IN_FORCE) {
        return;
      }
      String context = instance.id.context().isEmpty() ? instance.id.clause() : instance.id.context();
      InstanceId id = new InstanceId(instance.agreement.plan.id(), remedy.clause.id().value(), instance.id.obligor(), context);
      if (byKey.containsKey(id.key())) {
        return;
      }
      Instance remedial = create(instance.agreement, remedy, instance.id.obligor(), context, at, State.ACTIVE,
          new Cause.RemedyOf(instance.id));
      remedial.incident = instance.incident;
      remedial.consultation = instance.consultation;
      remedial.remedyAnchor = at;
      if (instance.consultation != null) {
        instance.consultation.instances.add(remedial);
      } else if (instance.incident != null) {
        instance.incident.instances.add(remedial);
      } else {
        instance.agreement.standing.add(remedial);
      }
      startClock(remedial, at);
    }
  }

  void endAll(AgreementRun run, Instant at, State to, Cause cause) {
    List<dev.compact.agreements.ClauseId> survives = run.plan.agreement.term().survives();
    for (Instance instance : run.instances) {
      if (instance.template != null && survives.contains(instance.template.clause.id())) {
        if (!instance.state.isFinal()) {
          note(instance.id.key() + " survives the end of " + run.plan.id() + ", as its term says");
        }
        continue; // a clause the parties made survive the end (a position kept after NATO accession)
      }
      if (!instance.state.isFinal()) {
        instance.settledAt = at;
        move(instance, at, to, cause);
      }
    }
  }

  void move(Instance instance, Instant at, State to, Cause cause) {
    State from = instance.state;
    instance.state = to;
    touch(instance);
    transitions.add(new Transition(at, instance.id, Optional.of(from), to, cause));
  }

  void note(String message) {
    notices.add(new Notice(Objects.requireNonNull(clock, "a note is made only once the record has begun"), seq, message));
  }

  /**
   * {@code start + duration} under the agreement's calendar rule, or null with a note when the rule
   * refuses the sum: the one date is flagged and the rest of the record goes on.
   */
  @Nullable Instant plus(AgreementRun run, Instant start, IsoDuration duration, String what) {
    try {
      return CalendarMath.plus(start, duration, run.plan.agreement.term().calendar());
    } catch (AmbiguousDateException e) {
      note("cannot compute " + what + ": " + e.getMessage());
      return null;
    }
  }
}

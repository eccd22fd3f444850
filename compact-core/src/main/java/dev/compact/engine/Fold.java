package dev.compact.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One fold of events, in order of occurrence, over a compact. {@link Replay} drives it and folds
 * again from the start when an event arrives late. The fold dispatches each event to the evolver of
 * its kind ({@link LifecycleEvolver}, {@link CommitmentEvolver}, {@link IncidentEvolver},
 * {@link SanctionsEvolver}) and lets time pass through the {@link TimerEvolver}; all of them share
 * one {@link FoldState}, mutable but confined to this object (one run, one thread).
 */
final class Fold {

  private final FoldState s;
  private final LifecycleEvolver lifecycle;
  private final CommitmentEvolver commitments;
  private final IncidentEvolver incidents;
  private final SanctionsEvolver sanctions;
  private final TimerEvolver time;

  Fold(Engine engine) {
    s = new FoldState(engine);
    Conditions conditions = new Conditions(s);
    commitments = new CommitmentEvolver(s);
    lifecycle = new LifecycleEvolver(s, conditions, commitments);
    incidents = new IncidentEvolver(s, conditions);
    sanctions = new SanctionsEvolver(s, conditions, lifecycle);
    time = new TimerEvolver(s, lifecycle, commitments);
  }

  /**
   * Applies an event, named in causes by {@code position} (its place in the record). Events must
   * come in order of {@code occurredAt}; after a halt nothing more is applied.
   */
  void apply(Event event, long position) {
    s.beginStep();
    if (s.halt != null) {
      return;
    }
    s.seq = position;
    if (s.clock != null && event.occurredAt().isBefore(s.clock)) {
      s.halt = new Outcome.Halt(s.seq, true, "occurred at " + Timestamps.format(event.occurredAt())
          + ", before the time already reached (" + Timestamps.format(s.clock) + "); events must be in order");
      return;
    }
    if (s.recordStart == null) {
      time.begin(event.occurredAt());
    }
    try {
      time.fireTimers(event.occurredAt());
      s.clock = event.occurredAt();
      handle(event);
      time.fireTimers(s.clock);
    } catch (Halted halted) {
      s.halt = new Outcome.Halt(s.seq, halted.namesEvent, halted.reason);
    }
  }

  /** Lets time pass to {@code at} without an event in the record (used to look at a point in time). */
  public void advanceTo(Instant at) {
    s.beginStep();
    if (s.halt != null || (s.clock != null && !at.isAfter(s.clock))) {
      return;
    }
    if (s.recordStart == null) {
      time.begin(at);
    }
    try {
      time.fireTimers(at);
      s.clock = at;
    } catch (Halted halted) {
      s.halt = new Outcome.Halt(s.seq, halted.namesEvent, halted.reason);
    }
  }

  /** The time the record has reached: the last event's time, or where {@link #advanceTo} moved it. */
  public Optional<Instant> clock() {
    return Optional.ofNullable(s.clock);
  }

  /**
   * When the next deadline or calendar date falls, if any: a service that lets time pass with its
   * own clock needs to know when something will happen without an event.
   */
  public Optional<Instant> nextTimer() {
    return time.nextTimer();
  }

  /** Number of transitions so far; cheap, for callers that watch transitions as they come. */
  public int transitionCount() {
    return s.transitions.size();
  }

  public Transition transition(int index) {
    return s.transitions.get(index);
  }

  /** Whether a new write may record {@code event} as the record stands ({@link Admission}). */
  Optional<Admission.Refusal> admit(Event event, Admission.Writer writer) {
    return Admission.check(s, event, writer);
  }

  int noticeCount() {
    return s.notices.size();
  }

  Notice notice(int index) {
    return s.notices.get(index);
  }

  public Optional<Outcome.Halt> halt() {
    return Optional.ofNullable(s.halt);
  }

  /** The state of one instance now, if it exists. */
  public Optional<NormInstance> instance(String key) {
    Instance instance = s.byKey.get(key);
    return instance == null ? Optional.empty() : Optional.of(instance.snapshot());
  }

  /**
   * The measure a consultation decided under {@code measure}, if one binds: the engine keys measures by
   * consultation and id (a delivery counts against one by them), and ignores a later decision under a
   * taken id, so a writer asks here before recording one.
   */
  public Optional<NormInstance> measure(String consultation, String measure) {
    Instance instance = s.measures.get(consultation + "/" + measure);
    return instance == null ? Optional.empty() : Optional.of(instance.snapshot());
  }

  /** Every instance now, sorted by id. */
  public List<NormInstance> snapshot() {
    TreeMap<String, NormInstance> sorted = new TreeMap<>();
    for (Instance instance : s.instances) {
      sorted.put(instance.key, instance.snapshot());
    }
    return List.copyOf(sorted.values());
  }

  /**
   * The instances the last step ({@link #apply} or {@link #advanceTo}) created or changed, as they
   * stand now, in the order they were first touched. Every instance whose snapshot the step changed
   * is among them; one touched without a visible change may be too. O(changed), not O(instances).
   */
  List<NormInstance> changed() {
    List<NormInstance> changed = new ArrayList<>(s.touched.size());
    for (Instance instance : s.touched) {
      changed.add(instance.snapshot());
    }
    return changed;
  }

  public Outcome outcome() {
    return new Outcome(Optional.ofNullable(s.clock), s.seq, snapshot(), s.transitions, s.notices, Optional.ofNullable(s.halt));
  }

  private void handle(Event event) throws Halted {
    switch (event) {
      case Event.Signed e -> lifecycle.signed(s.requireAgreement(e.agreement().value()), e);
      case Event.Ratified e -> lifecycle.ratified(s.requireAgreement(e.agreement().value()), e);
      case Event.EnteredIntoForce e -> lifecycle.entered(e);
      case Event.Suspended e -> lifecycle.suspended(e);
      case Event.Resumed e -> lifecycle.resumed(e);
      case Event.TerminationNoticeGiven e -> lifecycle.giveNotice(s.requireAgreement(e.agreement().value()), e);
      case Event.Extended e -> lifecycle.extended(e);
      case Event.PreconditionMet e -> commitments.preconditionMet(e);
      case Event.AllocationRecorded e -> commitments.support(e, false);
      case Event.DeliveryRecorded e -> commitments.support(e, true);
      case Event.IncidentReported e -> incidents.incidentReported(e);
      case Event.IncidentVerified e -> incidents.incidentSettled(e, true);
      case Event.IncidentRejected e -> incidents.incidentSettled(e, false);
      case Event.ConsultationRequested e -> incidents.consultationRequested(e);
      case Event.ConsultationHeld e -> incidents.consultationHeld(e);
      case Event.MeasuresDecided e -> incidents.measuresDecided(e);
      case Event.PartyStatusChanged e -> sanctions.statusChanged(e);
      // A package's terms, a proposal and a block move no norm: the lock forbids easing sanctions, not failing to adopt them.
      case Event.SanctionsPackageRecorded e -> { }
      case Event.SanctionsProposed e -> { }
      case Event.SanctionsBlocked e -> { }
      case Event.SanctionsAdopted e -> sanctions.adopted(e);
      case Event.SanctionsEased e -> sanctions.sanctionsEased(e);
      case Event.SanctionsLifted e -> sanctions.sanctionsEased(e);
      case Event.SanctionsReimposed e -> sanctions.sanctionsReimposed(e);
      // A designation lifted eases its package, one re-listed re-imposes it: the lock reads acts on designations as on packages.
      case Event.DesignationLifted e -> sanctions.sanctionsEased(e);
      case Event.DesignationReimposed e -> sanctions.sanctionsReimposed(e);
      case Event.ActReported e -> sanctions.actReported(e);
      case Event.SnapbackInvoked e -> sanctions.snapback(e);
      case Event.CompensationRecorded e -> sanctions.compensation(e);
      case Event.TimeAdvanced e -> {
        // Deadlines up to the new time have already passed in fireTimers.
      }
    }
  }
}

package dev.compact.engine;

import dev.cel.runtime.CelEvaluationException;
import dev.compact.agreements.Agreement;
import dev.compact.agreements.AmountBound;
import dev.compact.agreements.Anchor;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.DateRange;
import dev.compact.agreements.Deadline;
import dev.compact.agreements.Decision;
import dev.compact.agreements.Fulfilment;
import dev.compact.agreements.Guarantor;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.MeetingLevel;
import dev.compact.agreements.Money;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.PowerAction;
import dev.compact.agreements.ProhibitedAction;
import dev.compact.agreements.Schedule;
import dev.compact.engine.CalendarMath.AmbiguousDateException;
import dev.compact.engine.Engine.Plan;
import dev.compact.engine.Engine.Scope;
import dev.compact.engine.Engine.Template;
import dev.compact.engine.Event.ConsultationId;
import dev.compact.engine.Event.IncidentId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One fold of events, in order of occurrence, over a compact. Its state is mutable but confined to
 * this object (one run, one thread); {@link Replay} drives it and folds again from the start when an
 * event arrives late. Iteration is always over lists kept in creation order, never over hash maps,
 * so nothing depends on hashing.
 */
final class Fold {

  private final Engine engine;
  private final Facts facts = new Facts();
  private final List<Transition> transitions = new ArrayList<>();
  private final List<Notice> notices = new ArrayList<>();
  private final Map<String, Instance> byKey = new HashMap<>();
  private final List<Instance> instances = new ArrayList<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final Map<String, AgreementRun> agreements = new HashMap<>();
  private final List<AgreementRun> agreementOrder = new ArrayList<>();
  private final Map<String, IncidentRecord> incidents = new HashMap<>();
  private final Map<String, ConsultationRecord> consultations = new HashMap<>();
  private final Map<String, List<Instance>> commitmentsByKey = new HashMap<>();
  private final Map<String, Instance> measures = new HashMap<>();
  private final Map<String, List<Instance>> supportObligations = new HashMap<>();
  private final List<Instance> waitingForAnchor = new ArrayList<>();
  private final Map<PartyCode, Set<Event.PartyStatus>> partyStatus = new HashMap<>();
  private final Set<Event.PartyStatus> aggressorStatus = EnumSet.noneOf(Event.PartyStatus.class);
  private final Map<String, Set<PartyCode>> packages = new HashMap<>();
  private ConsultationRecord lastConsultation;
  private boolean snapbackInvoked;
  /**
   * Snapbacks that took effect so far: names the locks they re-arm ({@code @snapback-1}, ...). Not the
   * event's position, which counts classified records and would tell a public reader how many there are.
   */
  private int snapbacks;
  /** Conditions precedent met, per commitment and obligor. */
  private final Map<String, Set<dev.compact.agreements.Precondition>> preconditions = new HashMap<>();

  private Instant clock;
  private Instant recordStart;
  private long seq;
  private long timerOrder;
  private Outcome.Halt halt;
  /** The instances the current step (one event, or time passing) created or changed, in the order first touched. */
  private final List<Instance> touched = new ArrayList<>();
  /** Counts steps, so that an instance knows whether it is already among {@link #touched} without a set. */
  private long step;

  Fold(Engine engine) {
    this.engine = engine;
    for (Plan plan : engine.plans) {
      AgreementRun run = new AgreementRun(plan);
      agreements.put(plan.id(), run);
      agreementOrder.add(run);
    }
  }

  /**
   * Applies an event, named in causes by {@code position} (its place in the record). Events must
   * come in order of {@code occurredAt}; after a halt nothing more is applied.
   */
  void apply(Event event, long position) {
    beginStep();
    if (halt != null) {
      return;
    }
    seq = position;
    if (clock != null && event.occurredAt().isBefore(clock)) {
      halt = new Outcome.Halt(seq, true, "occurred at " + Timestamps.format(event.occurredAt())
          + ", before the time already reached (" + Timestamps.format(clock) + "); events must be in order");
      return;
    }
    if (recordStart == null) {
      begin(event.occurredAt());
    }
    try {
      fireTimers(event.occurredAt());
      clock = event.occurredAt();
      handle(event);
      fireTimers(clock);
    } catch (Halted halted) {
      halt = new Outcome.Halt(seq, halted.namesEvent, halted.getMessage());
    }
  }

  /** Lets time pass to {@code at} without an event in the record (used to look at a point in time). */
  public void advanceTo(Instant at) {
    beginStep();
    if (halt != null || (clock != null && !at.isAfter(clock))) {
      return;
    }
    if (recordStart == null) {
      begin(at);
    }
    try {
      fireTimers(at);
      clock = at;
    } catch (Halted halted) {
      halt = new Outcome.Halt(seq, halted.namesEvent, halted.getMessage());
    }
  }

  /** The time the record has reached: the last event's time, or where {@link #advanceTo} moved it. */
  public Optional<Instant> clock() {
    return Optional.ofNullable(clock);
  }

  /**
   * When the next deadline or calendar date falls, if any: a service that lets time pass with its
   * own clock needs to know when something will happen without an event.
   */
  public Optional<Instant> nextTimer() {
    // Timers whose instance or agreement has moved on would fire to no effect; drop them so that the
    // answer is a moment at which something really happens.
    while (!timers.isEmpty() && stale(timers.peek())) {
      timers.poll();
    }
    return timers.isEmpty() ? Optional.empty() : Optional.of(timers.peek().at);
  }

  private static boolean stale(Timer timer) {
    Instance instance = timer.instance;
    return switch (timer.kind) {
      case DUE -> instance.state != State.ACTIVE || !timer.at.equals(instance.due) || timer.generation != instance.generation;
      case PERIOD_START -> instance.state != State.PENDING && instance.state != State.SUSPENDED;
      case PERIOD_END -> instance.state.isFinal();
      case TERM_END -> timer.agreement.status == AgreementStatus.ENDED || timer.agreement.status == AgreementStatus.NOT_IN_FORCE
          || !timer.at.equals(timer.agreement.termEnd);
      case NOTICE_EFFECTIVE -> timer.agreement.status == AgreementStatus.ENDED
          || timer.agreement.status == AgreementStatus.NOT_IN_FORCE;
      case IN_FORCE -> timer.agreement.status != AgreementStatus.NOT_IN_FORCE;
    };
  }

  /** Number of transitions so far; cheap, for callers that watch transitions as they come. */
  public int transitionCount() {
    return transitions.size();
  }

  public Transition transition(int index) {
    return transitions.get(index);
  }

  int noticeCount() {
    return notices.size();
  }

  Notice notice(int index) {
    return notices.get(index);
  }

  public Optional<Outcome.Halt> halt() {
    return Optional.ofNullable(halt);
  }

  /** The state of one instance now, if it exists. */
  public Optional<NormInstance> instance(String key) {
    Instance instance = byKey.get(key);
    return instance == null ? Optional.empty() : Optional.of(instance.snapshot());
  }

  /** Every instance now, sorted by id. */
  public List<NormInstance> snapshot() {
    TreeMap<String, NormInstance> sorted = new TreeMap<>();
    for (Instance instance : instances) {
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
    List<NormInstance> changed = new ArrayList<>(touched.size());
    for (Instance instance : touched) {
      changed.add(instance.snapshot());
    }
    return changed;
  }

  private void beginStep() {
    step++;
    touched.clear();
  }

  /** Notes that the current step created or changed {@code instance}: every write to what its snapshot shows calls this. */
  private void touch(Instance instance) {
    if (instance.touchedAt != step) {
      instance.touchedAt = step;
      touched.add(instance);
    }
  }

  public Outcome outcome() {
    return new Outcome(Optional.ofNullable(clock), seq, snapshot(), transitions, notices, Optional.ofNullable(halt));
  }

  // ---------------------------------------------------------------------------------------------
  // Time

  private void begin(Instant at) {
    recordStart = at;
    // What the agreements record as having happened before the record begins is seen from its first moment.
    clock = at;
    for (AgreementRun run : agreementOrder) {
      run.plan.agreement.lifecycle().inForce().ifPresent(day ->
          schedule(new Timer(CalendarMath.startOf(day), true, nextOrder(), TimerKind.IN_FORCE, null, run, 0)));
    }
  }

  /** Fires every timer due before {@code now}, or at {@code now} when the timer's instant itself is late. */
  private void fireTimers(Instant now) throws Halted {
    while (!timers.isEmpty()) {
      Timer timer = timers.peek();
      int order = timer.at.compareTo(now);
      if (order > 0 || (order == 0 && !timer.firesAtInstant)) {
        return;
      }
      timers.poll();
      fire(timer, clock == null || timer.at.isAfter(clock) ? timer.at : clock);
    }
  }

  private void fire(Timer timer, Instant at) throws Halted {
    Instance instance = timer.instance;
    switch (timer.kind) {
      case DUE -> {
        if (instance.state == State.ACTIVE && timer.at.equals(instance.due) && timer.generation == instance.generation
            && !instance.deadline.firmness().breaches()) {
          // A best effort ("where possible within 24 hours"): the lateness is recorded and shown, never a breach.
          instance.extras().lateSince = timer.at;
          touch(instance);
          note(instance.id.key() + " passed its " + Keywords.of(instance.deadline.firmness()).replace('-', ' ') + " deadline "
              + Timestamps.format(timer.at) + ": it is late, which is shown, but not breached");
        } else if (instance.state == State.ACTIVE && timer.at.equals(instance.due) && timer.generation == instance.generation) {
          breach(instance, at, instance.blockedBy.isEmpty()
              ? deadlineCause(instance)
              : new Cause.BlockedBy(instance.blockedBy, instance.blockedAtSeq, instance.template.decisionRule.display() + " decision",
                  deadlineCause(instance)));
        }
      }
      case PERIOD_START -> {
        if (instance.state == State.PENDING && !preconditionsMet(instance.agreement, instance.template, instance.id.obligor())) {
          note(instance.id.key() + ": period " + instance.period.display() + " began, but it waits for "
              + String.join(" and ", missingPreconditions(instance).stream().map(p -> Keywords.of(p).replace('-', ' ')).toList()));
        } else if (instance.state == State.PENDING) {
          move(instance, at, State.ACTIVE, new Cause.CalendarReached(timer.at, "period " + instance.period.display() + " began"));
          instance.activatedAt = at;
          if (instance.agreement.status == AgreementStatus.IN_FORCE) {
            createNextPeriod(instance, at);
          }
        } else if (instance.state == State.SUSPENDED && instance.resumeTo == State.PENDING) {
          instance.resumeTo = State.ACTIVE;
        }
      }
      case PERIOD_END -> {
        if (instance.state == State.PENDING) {
          // Its conditions precedent were never met: the promise never bound, so nothing was breached.
          move(instance, at, State.EXPIRED, new Cause.CalendarReached(timer.at, "period " + instance.period.display()
              + " ended before " + String.join(" and ", missingPreconditions(instance).stream()
                  .map(p -> Keywords.of(p).replace('-', ' ')).toList()) + " was met"));
          instance.settledAt = at;
        } else if (instance.state == State.ACTIVE && instance.template.norm instanceof Norm.Commitment c && c.bound() == AmountBound.UP_TO) {
          // A ceiling: delivering less than "up to" the amount keeps the promise.
          move(instance, at, State.DISCHARGED, new Cause.CalendarReached(timer.at, "period " + instance.period.display()
              + " ended with " + instance.progress().describe() + " of a ceiling (up to), which is not a breach"));
          instance.settledAt = at;
        } else if (instance.state == State.ACTIVE) {
          breach(instance, at, new Cause.CalendarReached(timer.at, "period " + instance.period.display()
              + " ended with " + instance.progress().describe()));
        } else if (instance.state == State.SUSPENDED) {
          instance.periodOver = true;
        }
      }
      case TERM_END -> {
        AgreementRun run = timer.agreement;
        if ((run.status == AgreementStatus.IN_FORCE || run.status == AgreementStatus.SUSPENDED) && timer.at.equals(run.termEnd)) {
          run.status = AgreementStatus.ENDED;
          endAll(run, at, State.EXPIRED, new Cause.CalendarReached(timer.at,
              "the term of " + (run.plan.agreement.term().years().orElse(0) + run.extendedYears) + " years of " + run.plan.id() + " ended"));
        }
      }
      case NOTICE_EFFECTIVE -> {
        AgreementRun run = timer.agreement;
        if (run.status == AgreementStatus.IN_FORCE || run.status == AgreementStatus.SUSPENDED) {
          run.status = AgreementStatus.ENDED;
          endAll(run, at, State.TERMINATED, new Cause.DeadlinePassed(timer.at, Anchor.NOTICE_GIVEN, run.noticeAt,
              run.noticeText, Boundary.EXCLUSIVE));
        }
      }
      case IN_FORCE -> {
        AgreementRun run = timer.agreement;
        if (run.status == AgreementStatus.NOT_IN_FORCE) {
          enterIntoForce(run, at, timer.at, new Cause.CalendarReached(timer.at,
              run.plan.id() + " in force since " + timer.at.atZone(ZoneOffset.UTC).toLocalDate() + ", as the agreement records"),
              0);
        }
      }
    }
  }

  private Cause.DeadlinePassed deadlineCause(Instance instance) {
    Deadline deadline = instance.deadline;
    return new Cause.DeadlinePassed(instance.due, deadline.from(), instance.anchoredAt, deadline.within().display(),
        deadline.boundary());
  }

  private void schedule(Timer timer) {
    timers.add(timer);
  }

  private long nextOrder() {
    return timerOrder++;
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  private void handle(Event event) throws Halted {
    switch (event) {
      case Event.Signed e -> signed(requireAgreement(e.agreement().value()), e);
      case Event.Ratified e -> ratified(requireAgreement(e.agreement().value()), e);
      case Event.EnteredIntoForce e -> {
        AgreementRun run = requireAgreement(e.agreement().value());
        Optional<String> refusal = entryRefusal(run, e.occurredAt());
        if (refusal.isPresent()) {
          note("entry into force of " + e.agreement() + " refused: " + refusal.get());
        } else if (run.status == AgreementStatus.NOT_IN_FORCE) {
          enterIntoForce(run, e.occurredAt(), e.occurredAt(), cause(e), seq);
        } else {
          note(e.agreement() + " is already " + run.status.text + "; entry into force changes nothing");
        }
      }
      case Event.Suspended e -> {
        AgreementRun run = requireAgreement(e.agreement().value());
        Optional<String> refusal = powerRefusal(run, PowerAction.SUSPEND, e.by());
        if (refusal.isPresent()) {
          note("suspension of " + e.agreement() + " by " + e.by() + " refused: " + refusal.get());
        } else {
          suspend(run, e);
        }
      }
      case Event.Resumed e -> {
        AgreementRun run = requireAgreement(e.agreement().value());
        if (!run.plan.agreement.parties().contains(e.by())) {
          note("resumption of " + e.agreement() + " by " + e.by() + " refused: " + e.by() + " is not a party to it");
        } else {
          resume(run, e);
        }
      }
      case Event.TerminationNoticeGiven e -> giveNotice(requireAgreement(e.agreement().value()), e);
      case Event.PartyStatusChanged e -> statusChanged(e);
      case Event.IncidentReported e -> incidentReported(e);
      case Event.IncidentVerified e -> incidentSettled(e, true);
      case Event.IncidentRejected e -> incidentSettled(e, false);
      case Event.ConsultationRequested e -> consultationRequested(e);
      case Event.ConsultationHeld e -> consultationHeld(e);
      case Event.MeasuresDecided e -> measuresDecided(e);
      case Event.AllocationRecorded e -> support(e, false);
      case Event.DeliveryRecorded e -> support(e, true);
      case Event.SanctionsAdopted e -> packages.computeIfAbsent(e.sanctionsPackage(), k -> new LinkedHashSet<>()).add(e.by());
      case Event.SanctionsEased e -> sanctionsEased(e);
      case Event.SanctionsReimposed e -> sanctionsReimposed(e);
      // A designation lifted eases its package, one re-listed re-imposes it: the lock reads acts on designations as on packages.
      case Event.DesignationLifted e -> sanctionsEased(e);
      case Event.DesignationReimposed e -> sanctionsReimposed(e);
      case Event.ActReported e -> actReported(e);
      case Event.SnapbackInvoked e -> snapback(e);
      case Event.CompensationRecorded e -> compensation(e);
      case Event.PreconditionMet e -> preconditionMet(e);
      case Event.Extended e -> extended(e);
      case Event.TimeAdvanced e -> {
        // Deadlines up to the new time have already passed in fireTimers.
      }
    }
  }

  private Cause.EventCause cause(Event event) {
    return new Cause.EventCause(seq, event);
  }

  private AgreementRun requireAgreement(String id) throws Halted {
    AgreementRun run = agreements.get(id);
    if (run == null) {
      throw new Halted(true, "names agreement '" + id + "', which this compact does not contain");
    }
    return run;
  }

  /** {@code at} is when the engine sees it; {@code inForceAt} when it happened (earlier, if before the record began). */
  private void enterIntoForce(AgreementRun run, Instant at, Instant inForceAt, Cause cause, long causeSeq) throws Halted {
    run.status = AgreementStatus.IN_FORCE;
    run.inForceAt = inForceAt;
    Plan plan = run.plan;
    Optional<Integer> years = plan.agreement.term().years();
    if (years.isPresent()) {
      IsoDuration term = IsoDuration.parse("P" + years.get() + "Y").orElseThrow();
      Instant end = plus(run, inForceAt, term, "the term of " + plan.id());
      if (end != null) {
        run.termEnd = end;
        schedule(new Timer(end, true, nextOrder(), TimerKind.TERM_END, null, run, 0));
      }
    }
    for (Template template : plan.commitments) {
      createCommitment(run, template, at, cause);
    }
    for (Template template : plan.powers) {
      for (PartyCode holder : template.obligors) {
        Instance instance = create(run, template, holder, "", at, State.ACTIVE, cause);
        instance.activatedAt = at;
      }
    }
    for (Template template : plan.prohibitions) {
      for (PartyCode obligor : template.obligors) {
        Instance instance = create(run, template, obligor, "", at, State.ACTIVE, cause);
        instance.activatedAt = at;
        run.prohibitions.add(instance);
      }
    }
    for (Template template : plan.standing) {
      for (PartyCode obligor : template.obligors) {
        Instance instance = create(run, template, obligor, "", at, State.PENDING, cause);
        run.standing.add(instance);
      }
    }
    reevaluateStanding(run, at, causeSeq, false);
  }

  /**
   * Creates the commitment's instance for the period under way (or the next one to begin) for each
   * obligor; later periods are created one at a time as each period begins, so a ten-year schedule
   * holds at most two live instances per obligor.
   */
  private void createCommitment(AgreementRun run, Template template, Instant at, Cause cause) throws Halted {
    Template.Periods periods = template.periods();
    if (periods.problem() != null) {
      note("schedule of " + run.plan.id() + "/" + template.clause.id() + " cannot be computed: " + periods.problem()
          + "; its periods are not tracked");
      return;
    }
    for (PartyCode obligor : template.obligors) {
      for (int index = 0; index < periods.ranges().size(); index++) {
        Instant end = CalendarMath.startOf(periods.ranges().get(index).end().plusDays(1));
        if (end.isAfter(recordStart)) {
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
    Instance instance = create(run, template, obligor, periods.scheduled() ? period.start().toString() : "", at,
        begun ? State.ACTIVE : State.PENDING, cause);
    instance.period = period;
    instance.periodIndex = index;
    instance.target = periods.perPeriod();
    instance.itemTargets = ((Norm.Commitment) template.norm).items();
    commitmentsByKey.computeIfAbsent(commitmentKey(run.plan.id(), template.clause.id().value(), obligor), k -> new ArrayList<>())
        .add(instance);
    if (begun) {
      instance.activatedAt = at;
      createNextPeriod(instance, at);
    } else {
      schedule(new Timer(start, true, nextOrder(), TimerKind.PERIOD_START, instance, run, 0));
    }
    schedule(new Timer(end, true, nextOrder(), TimerKind.PERIOD_END, instance, run, 0));
    return instance;
  }

  /** Once a period is under way, the next one exists as pending, so that what comes next is visible. */
  private void createNextPeriod(Instance current, Instant at) {
    int next = current.periodIndex + 1;
    if (next < current.template.periods().ranges().size()) {
      createPeriod(current.agreement, current.template, current.id.obligor(), next, at,
          new Cause.CalendarReached(CalendarMath.startOf(current.period.start()), "period " + current.period.display() + " began"));
    }
  }

  private static String commitmentKey(String agreement, String clause, PartyCode obligor) {
    return agreement + "/" + clause + "/" + obligor.value();
  }

  private void suspend(AgreementRun run, Event.Suspended e) {
    if (run.status != AgreementStatus.IN_FORCE) {
      note(e.agreement() + " is " + run.status.text + "; it cannot be suspended");
      return;
    }
    run.status = AgreementStatus.SUSPENDED;
    for (Instance instance : run.instances) {
      if (!instance.state.isFinal()) {
        instance.resumeTo = instance.state;
        if (instance.due != null) {
          instance.remaining = Duration.between(e.occurredAt(), instance.due);
        }
        move(instance, e.occurredAt(), State.SUSPENDED, cause(e));
      }
    }
  }

  private void resume(AgreementRun run, Event.Resumed e) throws Halted {
    if (run.status != AgreementStatus.SUSPENDED) {
      note(e.agreement() + " is " + run.status.text + ", not suspended; resumption changes nothing");
      return;
    }
    run.status = AgreementStatus.IN_FORCE;
    for (Instance instance : run.instances) {
      if (instance.state != State.SUSPENDED) {
        continue;
      }
      if (instance.periodOver) {
        move(instance, e.occurredAt(), State.DISCHARGED, new Cause.CalendarReached(
            CalendarMath.startOf(instance.period.end().plusDays(1)), "period " + instance.period.display()
            + " ended while " + run.plan.id() + " was suspended"));
        continue;
      }
      move(instance, e.occurredAt(), instance.resumeTo, cause(e));
      if (instance.remaining != null && instance.state == State.ACTIVE) {
        // The clock stops while an agreement is suspended: the time left is restored on resumption.
        setDue(instance, e.occurredAt().plus(instance.remaining), instance.anchoredAt);
        instance.remaining = null;
      }
    }
    reevaluateStanding(run, e.occurredAt(), seq, false);
  }

  private void giveNotice(AgreementRun run, Event.TerminationNoticeGiven e) throws Halted {
    if (run.status != AgreementStatus.IN_FORCE && run.status != AgreementStatus.SUSPENDED) {
      note(e.agreement() + " is " + run.status.text + "; notice of termination changes nothing");
      return;
    }
    if (run.noticeAt != null) {
      note("notice of termination of " + e.agreement() + " was already given at " + Timestamps.format(run.noticeAt));
      return;
    }
    Optional<String> refusal = powerRefusal(run, PowerAction.TERMINATE, e.by());
    if (refusal.isPresent()) {
      note("notice of termination of " + e.agreement() + " by " + e.by() + " refused: " + refusal.get());
      return;
    }
    Optional<IsoDuration> notice = run.plan.agreement.term().notice();
    for (Template template : run.plan.terminatePowers) {
      if (template.obligors.contains(e.by())) {
        notice = ((Norm.Power) template.norm).notice().or(() -> run.plan.agreement.term().notice());
        break;
      }
    }
    if (notice.isPresent() && plus(run, e.occurredAt(), notice.get(), "the notice period of " + run.plan.id()) == null) {
      return; // the note says why the notice has no date to take effect; the agreement goes on
    }
    run.noticeAt = e.occurredAt();
    if (notice.isEmpty()) {
      run.status = AgreementStatus.ENDED;
      endAll(run, e.occurredAt(), State.TERMINATED, cause(e));
      return;
    }
    run.noticeText = notice.get().display();
    Instant effective = plus(run, e.occurredAt(), notice.get(), "the notice period of " + run.plan.id());
    schedule(new Timer(effective, true, nextOrder(), TimerKind.NOTICE_EFFECTIVE, null, run, 0));
    note("notice of termination of " + e.agreement() + " takes effect at " + Timestamps.format(effective)
        + " (" + run.noticeText + ")");
    resolveWaitingAnchors();
  }

  /**
   * Why {@code by} may not use a power of this kind over the agreement, or empty if it may. Where
   * the agreement grants such powers, only their holders may use them; where it grants none, only
   * its parties may, and termination only if the term gives a notice period. A party outside the
   * agreement never can: its notice or suspension would otherwise end obligations it does not bear.
   */
  private Optional<String> powerRefusal(AgreementRun run, PowerAction action, PartyCode by) {
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

  private void signed(AgreementRun run, Event.Signed e) {
    if (!run.plan.agreement.parties().contains(e.party())) {
      note(e.party() + " signed " + run.plan.id() + ", but it is not a party to it; the signature is not counted");
      return;
    }
    if (run.signedAt == null) {
      run.signedAt = e.occurredAt();
    }
    if (run.inForceAt != null && run.inForceAt.isBefore(e.occurredAt()) && run.plan.agreement.lifecycle().signed().isEmpty()) {
      note(run.plan.id() + " was signed at " + Timestamps.format(e.occurredAt()) + ", after it entered into force at "
          + Timestamps.format(run.inForceAt) + "; check the dates");
    }
  }

  private void ratified(AgreementRun run, Event.Ratified e) {
    if (!run.plan.agreement.parties().contains(e.party())) {
      note(e.party() + " ratified " + run.plan.id() + ", but it is not a party to it; the ratification is not counted");
    } else if (signatureAt(run) == null) {
      note(e.party() + " ratified " + run.plan.id() + " before any signature is recorded; check the dates");
    }
  }

  /** When the agreement was signed: by the first signature event, or on the date its text records. */
  private static Instant signatureAt(AgreementRun run) {
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
      note(run.plan.id() + " was " + run.plan.agreement.lifecycle().describe() + "; this record applies it as if it had entered into force");
    } else if (written.isEmpty() && run.signedAt == null) {
      note(run.plan.id() + " enters into force with no signature in its text or in the record");
    }
    return Optional.empty();
  }

  /** The share of the assessed damage the aggressor has paid; conditions read it as aggressor.compensated_share. */
  private double compensatedShare;

  private void compensation(Event.CompensationRecorded e) throws Halted {
    Optional<PartyCode> aggressor = engine.compact.aggressor();
    if (aggressor.isPresent() && !aggressor.get().equals(e.by())) {
      note("compensation by " + e.by() + " is not the aggressor's (" + aggressor.get() + "); it does not count");
      return;
    }
    if (e.assessed().value().signum() <= 0) {
      note("compensation against damage assessed at " + e.assessed().display() + " is not counted: the assessment must be above zero");
      return;
    }
    if (!e.paid().currency().equals(e.assessed().currency())) {
      note("compensation of " + e.paid().display() + " against damage assessed at " + e.assessed().display()
          + " is not counted: give both in one currency");
      return;
    }
    compensatedShare = e.paid().value().divide(e.assessed().value(), java.math.MathContext.DECIMAL64).doubleValue();
    note(e.by() + " has paid " + e.paid().display() + " of the " + e.assessed().display() + " of damage assessed ("
        + e.source() + "): a share of " + BigDecimal.valueOf(compensatedShare).setScale(4, java.math.RoundingMode.HALF_EVEN)
            .stripTrailingZeros().toPlainString());
    for (AgreementRun run : agreementOrder) {
      if (run.status == AgreementStatus.IN_FORCE) {
        reevaluateStanding(run, e.occurredAt(), seq, true);
      }
    }
  }

  private void statusChanged(Event.PartyStatusChanged e) throws Halted {
    Set<Event.PartyStatus> set = partyStatus.computeIfAbsent(e.party(), k -> EnumSet.noneOf(Event.PartyStatus.class));
    boolean aggressorFact = switch (e.status()) {
      case NATO_MEMBER, EU_MEMBER -> false;
      case AGGRESSION_ENDED, NON_REPETITION_GUARANTEED, DAMAGE_COMPENSATED -> true;
    };
    Set<Event.PartyStatus> target = aggressorFact ? aggressorStatus : set;
    if (e.value()) {
      target.add(e.status());
    } else {
      target.remove(e.status());
    }
    for (AgreementRun run : agreementOrder) {
      if (run.status != AgreementStatus.IN_FORCE && run.status != AgreementStatus.SUSPENDED) {
        continue;
      }
      if (aggressorFact || run.plan.agreement.beneficiary().equals(e.party())) {
        reevaluateStanding(run, e.occurredAt(), seq, true);
      }
    }
  }

  /** Ending conditions, prohibitions' lifting conditions and standing triggers: the norms a change of status can move. */
  private void reevaluateStanding(AgreementRun run, Instant at, long causeSeq, boolean statusChange) throws Halted {
    if (run.status != AgreementStatus.IN_FORCE) {
      return;
    }
    standingFacts(run.plan);
    for (CompiledCondition condition : run.plan.endsWhen) {
      if (reacts(condition, statusChange) && eval(condition, run.plan.id() + " ending condition")) {
        run.status = AgreementStatus.ENDED;
        endAll(run, at, State.TERMINATED, new Cause.ConditionHeld("ending condition", condition.source(), causeSeq));
        return;
      }
    }
    for (Instance instance : run.prohibitions) {
      if (instance.state == State.ACTIVE && reacts(instance.template.condition, statusChange)
          && eval(instance.template.condition, instance.id.key())) {
        move(instance, at, State.DISCHARGED, new Cause.ConditionHeld("lifting condition", instance.template.condition.source(),
            causeSeq));
      }
    }
    for (Instance instance : run.standing) {
      if (instance.state == State.PENDING && reacts(instance.template.condition, statusChange)
          && eval(instance.template.condition, instance.id.key())) {
        activate(instance, at, new Cause.ConditionHeld("trigger", instance.template.condition.source(), causeSeq));
      }
    }
  }

  /** On a change of status only conditions that read a party's status can change; others keep their value. */
  private static boolean reacts(CompiledCondition condition, boolean statusChange) {
    return !statusChange || condition.readsAnyOf(Engine.STATUS_VARIABLES);
  }

  private void incidentReported(Event.IncidentReported e) throws Halted {
    if (incidents.containsKey(e.incident().value())) {
      note("incident " + e.incident() + " was already reported; the second report is ignored");
      return;
    }
    IncidentRecord incident = new IncidentRecord(e);
    incidents.put(e.incident().value(), incident);
    for (AgreementRun run : agreementOrder) {
      if (run.status != AgreementStatus.IN_FORCE || run.plan.incidentScoped.isEmpty()) {
        continue;
      }
      incidentFacts(run.plan, incident);
      consultationFacts(null);
      for (Template template : run.plan.incidentScoped) {
        boolean holds = eval(template, run.plan.id() + "/" + template.clause.id());
        for (PartyCode obligor : template.obligors) {
          Instance instance = create(run, template, obligor, incident.id, e.occurredAt(), holds ? State.ACTIVE : State.PENDING,
              holds ? new Cause.ConditionHeld("trigger", template.condition.source(), seq) : cause(e));
          instance.incident = incident;
          incident.instances.add(instance);
          if (holds) {
            startClock(instance, e.occurredAt());
          }
        }
      }
    }
  }

  private void incidentSettled(Event.IncidentEvent e, boolean verified) throws Halted {
    IncidentRecord incident = incidents.get(e.incident().value());
    if (incident == null) {
      throw new Halted(true, "names incident '" + e.incident() + "', which was never reported");
    }
    if (incident.verifiedAt != null || incident.rejected) {
      note("incident " + e.incident() + " was already " + (incident.rejected ? "rejected" : "verified") + "; ignored");
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
          move(instance, e.occurredAt(), State.EXPIRED, cause(e));
        } else if (instance.state == State.ACTIVE) {
          move(instance, e.occurredAt(), State.DISCHARGED, cause(e));
        }
        continue;
      }
      if (instance.state != State.PENDING || instance.template == null) {
        continue;
      }
      incidentFacts(instance.template.plan, incident);
      consultationFacts(instance.consultation);
      CompiledCondition trigger = instance.template.condition;
      if (eval(instance.template, instance.id.key())) {
        activate(instance, e.occurredAt(), new Cause.ConditionHeld("trigger", trigger.source(), seq));
      } else {
        move(instance, e.occurredAt(), State.EXPIRED, new Cause.ConditionFailed("trigger", trigger.source(), seq,
            scopeReason(instance.template, incident)));
      }
    }
    resolveWaitingAnchors();
  }

  private void consultationRequested(Event.ConsultationRequested e) throws Halted {
    if (consultations.containsKey(e.consultation().value())) {
      note("consultation " + e.consultation() + " was already requested; the second request is ignored");
      return;
    }
    IncidentRecord incident = null;
    if (e.incident().isPresent()) {
      incident = incidents.get(e.incident().get().value());
      if (incident == null) {
        throw new Halted(true, "names incident '" + e.incident().get() + "', which was never reported");
      }
    }
    ConsultationRecord consultation = new ConsultationRecord(e, incident);
    consultations.put(consultation.id, consultation);
    lastConsultation = consultation;
    if (incident != null) {
      incident.consultations.add(consultation);
    }
    List<String> refused = new ArrayList<>();
    boolean acceptedSomewhere = false;
    for (AgreementRun run : agreementOrder) {
      if (run.status != AgreementStatus.IN_FORCE) {
        continue;
      }
      Plan plan = run.plan;
      incidentFacts(plan, incident);
      consultationFacts(consultation);
      Optional<String> refusal = requestRefusal(plan, e.by());
      if (refusal.isPresent()) {
        if (plan.agreement.parties().contains(e.by())) {
          refused.add(plan.id() + ": " + refusal.get());
        }
        continue;
      }
      acceptedSomewhere = true;
      for (Template template : plan.consultationScoped) {
        boolean holds = eval(template, plan.id() + "/" + template.clause.id());
        boolean canStillHold = incident != null && incident.verifiedAt == null && !incident.rejected
            && template.condition.reads(dev.compact.agreements.ConditionVariable.INCIDENT_VERIFIED);
        if (!holds && !canStillHold) {
          continue;
        }
        for (PartyCode obligor : template.obligors) {
          Instance instance = create(run, template, obligor, consultation.id, e.occurredAt(),
              holds ? State.ACTIVE : State.PENDING,
              holds ? new Cause.ConditionHeld("trigger", template.condition.source(), seq) : cause(e));
          instance.consultation = consultation;
          instance.incident = incident;
          consultation.instances.add(instance);
          if (incident != null) {
            incident.instances.add(instance);
          }
          if (holds) {
            startClock(instance, e.occurredAt());
          }
        }
      }
    }
    if (!refused.isEmpty()) {
      note("request " + e.consultation() + " by " + e.by() + " is not valid under " + String.join("; ", refused)
          + (acceptedSomewhere ? "" : "; no agreement's obligations arise from it"));
    }
    resolveWaitingAnchors();
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
      if (power.condition == null || eval(power, plan.id() + "/" + power.clause.id())) {
        return Optional.empty();
      }
      reason = "its condition `" + power.condition.source() + "` does not hold";
    }
    return Optional.of(reason);
  }

  private void consultationHeld(Event.ConsultationHeld e) throws Halted {
    ConsultationRecord consultation = requireConsultation(e.consultation());
    if (consultation.heldAt == null) {
      consultation.heldAt = e.occurredAt();
    }
    consultation.attended.addAll(e.attended());
    for (Instance instance : related(consultation)) {
      if (instance.state == State.ACTIVE && instance.fulfilment() == Fulfilment.CONSULTATION_HELD
          && e.attended().contains(instance.id.obligor())) {
        Optional<MeetingLevel> required = instance.template.norm instanceof Norm.Obligation o ? o.meetingLevel() : Optional.empty();
        if (required.isPresent() && e.level().map(l -> !l.satisfies(required.get())).orElse(true)) {
          // The meeting happened (it still anchors later deadlines), but not at the level the duty names.
          note(instance.id + " is not met by consultation " + e.consultation() + ": the duty is to meet at the level of "
              + required.get().who() + ", and the meeting " + e.level().map(l -> "was held at the level of " + l.who())
                  .orElse("record does not say its level (add 'level: " + Keywords.of(required.get()) + "' if it was)"));
          continue;
        }
        fulfil(instance, e.occurredAt(), cause(e));
      }
    }
    resolveWaitingAnchors();
  }

  private void measuresDecided(Event.MeasuresDecided e) throws Halted {
    ConsultationRecord consultation = requireConsultation(e.consultation());
    if (consultation.decidedAt == null) {
      consultation.decidedAt = e.occurredAt();
    }
    Set<PartyCode> agreed = new TreeSet<>(e.agreed().isEmpty() ? consultation.attended : e.agreed());
    e.objections().forEach(agreed::remove);
    for (Instance instance : related(consultation)) {
      if (instance.state != State.ACTIVE || instance.fulfilment() != Fulfilment.MEASURES_DECIDED) {
        continue;
      }
      List<PartyCode> blockers = blockers(instance.template.decisionRule, agreed, e.objections(), consultation);
      if (blockers.isEmpty()) {
        if (instance.template.decision != Decision.NATIONAL || agreed.contains(instance.id.obligor())) {
          fulfil(instance, e.occurredAt(), cause(e));
        }
      } else {
        instance.blockedBy = blockers;
        instance.blockedAtSeq = seq;
        touch(instance);
      }
    }
    Decision rule = engine.compact.defaults().decision();
    List<PartyCode> blockers = blockers(dev.compact.agreements.DecisionRule.of(rule), agreed, e.objections(), consultation);
    if (!blockers.isEmpty()) {
      note("the decision at " + consultation.id + " is blocked by " + String.join(", ", blockers.stream().map(PartyCode::value).toList())
          + " (" + Keywords.of(rule) + "); " + (e.measures().isEmpty() ? "no measure" : "no measure") + " becomes binding");
    } else {
      AgreementRun umbrella = agreements.get(engine.compact.umbrella().id().value());
      for (Event.Measure measure : e.measures()) {
        if (rule == Decision.NATIONAL && !agreed.contains(measure.obligor())) {
          note("measure " + measure.id() + " names " + measure.obligor() + ", who did not join the decision; it does not bind");
          continue;
        }
        createMeasure(umbrella, consultation, measure, e);
      }
    }
    resolveWaitingAnchors();
  }

  private List<PartyCode> blockers(dev.compact.agreements.DecisionRule decision, Set<PartyCode> agreed, List<PartyCode> objections,
      ConsultationRecord consultation) {
    return switch (decision.rule()) {
      case QUALIFIED_MAJORITY -> {
        // The share of the guarantors (other than those the rule leaves out) that joined the decision.
        List<PartyCode> voters = new ArrayList<>();
        for (Guarantor guarantor : engine.compact.guarantors()) {
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
        for (Guarantor guarantor : engine.compact.guarantors()) {
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
    if (measures.containsKey(key)) {
      note("measure " + key + " was already decided; the second decision is ignored");
      return;
    }
    InstanceId id = new InstanceId(umbrella.plan.id(), measure.id(), measure.obligor(), consultation.id);
    Instance instance = new Instance(id, null, umbrella);
    instance.measure = measure;
    instance.consultation = consultation;
    instance.incident = consultation.incident;
    instance.target = measure.amount();
    instance.itemTargets = measure.items();
    instance.deadline = new Deadline(measure.within(), Anchor.MEASURES_DECIDED, measure.boundary());
    instance.state = State.ACTIVE;
    register(instance, umbrella);
    transitions.add(new Transition(event.occurredAt(), id, Optional.empty(), State.ACTIVE, cause(event)));
    measures.put(key, instance);
    startClock(instance, event.occurredAt());
  }

  private void support(Event.SupportEvent e, boolean delivered) throws Halted {
    if (e.countsAgainst().isEmpty()) {
      List<Instance> candidates = supportObligations.get(e.guarantor().value());
      if (candidates == null) {
        return;
      }
      // Settled instances leave the list here, so it holds only what support can still fulfil.
      candidates.removeIf(instance -> instance.state.isFinal());
      for (Instance instance : candidates) {
        if (instance.state == State.ACTIVE && instance.template.norm.domain() == e.category()
            && instance.fulfilment() == (delivered ? Fulfilment.DELIVERY : Fulfilment.ALLOCATION)) {
          fulfil(instance, e.occurredAt(), cause(e));
          return;
        }
      }
      return;
    }
    switch (e.countsAgainst().get()) {
      case Event.Target.Measure target -> {
        Instance instance = measures.get(target.consultation().value() + "/" + target.measure());
        if (instance == null) {
          throw new Halted(true, "counts against measure " + target + ", which no consultation decided");
        }
        if (!instance.id.obligor().equals(e.guarantor())) {
          note("measure " + target + " binds " + instance.id.obligor() + "; support by " + e.guarantor() + " is not counted");
          return;
        }
        count(instance, e, delivered);
      }
      case Event.Target.Clause target -> {
        AgreementRun run = requireAgreement(target.agreement().value());
        Template template = run.plan.byClause.get(target.clause().value());
        if (template == null) {
          throw new Halted(true, "counts against " + target + ", which is not a clause of " + target.agreement());
        }
        switch (template.norm) {
          case Norm.Commitment c -> {
            List<Instance> periods = commitmentsByKey.get(commitmentKey(run.plan.id(), template.clause.id().value(), e.guarantor()));
            if (periods == null) {
              note(target + " does not bind " + e.guarantor() + " (or is not in force); support is not counted");
              return;
            }
            LocalDate day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
            boolean counted = false;
            for (Instance instance : periods) {
              if (instance.period.contains(day)) {
                count(instance, e, delivered);
                counted = true;
                break;
              }
            }
            if (!counted) {
              note("support by " + e.guarantor() + " on " + day + " lies outside every period of " + target + "; not counted");
            } else if (c.partOf().isPresent()) {
              // A part ("of which GBP 200 million for drones") counts towards its whole as well.
              List<Instance> whole = commitmentsByKey.get(commitmentKey(run.plan.id(), c.partOf().get().value(), e.guarantor()));
              Instance wholePeriod = whole == null ? null : whole.stream().filter(i -> i.period.contains(day)).findFirst().orElse(null);
              if (wholePeriod != null) {
                count(wholePeriod, e, delivered);
              } else {
                note("support by " + e.guarantor() + " on " + day + " counts against " + target + " but lies outside every period of its whole, "
                    + c.partOf().get() + "; counted for the part only");
              }
            }
          }
          case Norm.Obligation o -> {
            for (Instance instance : run.instances) {
              if (instance.template == template && instance.id.obligor().equals(e.guarantor()) && instance.state == State.ACTIVE
                  && instance.fulfilment() == (delivered ? Fulfilment.DELIVERY : Fulfilment.ALLOCATION)) {
                fulfil(instance, e.occurredAt(), cause(e));
              }
            }
          }
          case Norm.Power p -> note(target + " is a power; support cannot count against it");
          case Norm.Prohibition p -> note(target + " is a prohibition; support cannot count against it");
        }
      }
    }
  }

  private void count(Instance instance, Event.SupportEvent e, boolean delivered) {
    touch(instance);
    if (instance.template != null && instance.template.norm instanceof Norm.Commitment c && !c.scope().isEmpty()) {
      if (e.scope().isPresent() && !c.scope().contains(e.scope().get())) {
        note(Keywords.of(e.scope().get()) + " support by " + e.guarantor() + " is not counted against " + instance.id.key()
            + ", which covers " + String.join(" and ", c.scope().stream().map(Keywords::of).toList()) + " support only");
        return;
      }
      if (e.scope().isEmpty()) {
        note("support by " + e.guarantor() + " against " + instance.id.key() + " does not say whether it is lethal; counted as "
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
        amount = value.value().multiply(e.rate().get().rate());
      } else {
        LocalDate day = e.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
        Optional<dev.compact.agreements.MoneyData.Conversion> conversion = engine.compact.money().conversion(value.currency(), currency, day);
        if (conversion.isPresent()) {
          amount = value.value().multiply(conversion.get().factor()).setScale(2, java.math.RoundingMode.HALF_EVEN);
          note(value.display() + " by " + e.guarantor() + " counted against " + instance.id.key() + " as " + new Money(amount, currency).display()
              + " at " + conversion.get().display());
        } else {
          note(value.currency() + " cannot be counted against " + instance.id.key() + " (in " + currency
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
        note(instance.id.key() + " has received more than its " + c.bound().phrase() + " " + ceiling.get().display() + ": "
            + instance.progress().describe());
      }
    }
    if (!delivered || instance.completedAt != null || !instance.complete()) {
      return;
    }
    instance.completedAt = e.occurredAt();
    if (instance.state == State.ACTIVE) {
      fulfil(instance, e.occurredAt(), cause(e));
    } else if (instance.state == State.BREACHED) {
      note(instance.id.key() + " completed late, after its breach: " + instance.progress().describe());
    }
  }

  /** An act that prohibitions binding its actor may forbid: the protected state joining an alliance, forces above a cap. */
  private void actReported(Event.ActReported e) throws Halted {
    boolean forbidden = false;
    for (AgreementRun run : agreementOrder) {
      for (Instance instance : run.prohibitions) {
        if (instance.state != State.ACTIVE || !instance.id.obligor().equals(e.by())) {
          continue;
        }
        Norm.Prohibition prohibition = (Norm.Prohibition) instance.template.norm;
        if (prohibition.action() != e.act()) {
          continue;
        }
        if (prohibition.cap().isPresent()) {
          long cap = prohibition.cap().get().quantity();
          if (e.quantity().isEmpty() || e.quantity().get() <= cap) {
            note(e.by() + " reported " + e.quantity().map(q -> String.format(java.util.Locale.ROOT, "%,d", q)).orElse("no figure")
                + " against the cap of " + prohibition.cap().get().display() + " in " + instance.id.key() + ": not above it");
            continue;
          }
        }
        forbidden = true;
        breach(instance, e.occurredAt(), cause(e));
      }
    }
    if (!forbidden) {
      note("no prohibition in force forbids " + e.by() + " to " + Keywords.of(e.act()).replace('-', ' '));
    }
  }

  /**
   * Snapback by a holder of the power: every sanctions lock that was lifted or broken is armed
   * again (a new instance, {@code @snapback-N}, N counting the snapbacks that took effect), and
   * duties that wait for snapback arise.
   */
  private void snapback(Event.SnapbackInvoked e) throws Halted {
    boolean invoked = false;
    String rearmed = "snapback-" + (snapbacks + 1);
    for (AgreementRun run : agreementOrder) {
      boolean grants = run.plan.powers.stream().anyMatch(t -> ((Norm.Power) t.norm).action() == PowerAction.INVOKE_SNAPBACK);
      if (run.status != AgreementStatus.IN_FORCE || !grants) {
        continue;
      }
      Optional<String> refusal = powerRefusal(run, PowerAction.INVOKE_SNAPBACK, e.by());
      if (refusal.isPresent()) {
        note("snapback by " + e.by() + " under " + run.plan.id() + " refused: " + refusal.get());
        continue;
      }
      invoked = true;
      for (Instance lock : List.copyOf(run.prohibitions)) {
        if ((lock.state == State.DISCHARGED || lock.state == State.BREACHED)
            && ((Norm.Prohibition) lock.template.norm).action() == ProhibitedAction.EASE_SANCTIONS && (lock.extras == null || lock.extras.rearmed == null)) {
          Instance again = create(run, lock.template, lock.id.obligor(), rearmed, e.occurredAt(), State.ACTIVE, cause(e));
          again.activatedAt = e.occurredAt();
          lock.extras().rearmed = again;
          run.prohibitions.add(again);
        }
      }
    }
    if (!invoked) {
      note("snapback by " + e.by() + " has no effect: no agreement in force grants it the power to invoke snapback");
      return;
    }
    snapbackInvoked = true;
    snapbacks++;
    for (AgreementRun run : agreementOrder) {
      if (run.status == AgreementStatus.IN_FORCE) {
        reevaluateStanding(run, e.occurredAt(), seq, true);
      }
    }
  }

  private boolean preconditionsMet(AgreementRun run, Template template, PartyCode obligor) {
    if (!(template.norm instanceof Norm.Commitment c) || c.subjectTo().isEmpty()) {
      return true;
    }
    Set<dev.compact.agreements.Precondition> met = preconditions.get(commitmentKey(run.plan.id(), template.clause.id().value(), obligor));
    return met != null && met.containsAll(c.subjectTo());
  }

  private List<dev.compact.agreements.Precondition> missingPreconditions(Instance instance) {
    Set<dev.compact.agreements.Precondition> met = preconditions.getOrDefault(
        commitmentKey(instance.agreement.plan.id(), instance.template.clause.id().value(), instance.id.obligor()), Set.of());
    return ((Norm.Commitment) instance.template.norm).subjectTo().stream().filter(p -> !met.contains(p)).toList();
  }

  /** A condition precedent met: the commitment's periods under way begin to bind once all of its conditions are met. */
  private void preconditionMet(Event.PreconditionMet e) throws Halted {
    AgreementRun run = requireAgreement(e.commitment().agreement().value());
    Template template = run.plan.byClause.get(e.commitment().clause().value());
    if (template == null || !(template.norm instanceof Norm.Commitment c) || !c.subjectTo().contains(e.condition())) {
      note(e.commitment() + " is not a commitment subject to " + Keywords.of(e.condition()).replace('-', ' ') + "; nothing changes");
      return;
    }
    String key = commitmentKey(run.plan.id(), template.clause.id().value(), e.by());
    preconditions.computeIfAbsent(key, k -> EnumSet.noneOf(dev.compact.agreements.Precondition.class)).add(e.condition());
    if (!preconditionsMet(run, template, e.by())) {
      return;
    }
    List<Instance> periods = commitmentsByKey.getOrDefault(key, List.of());
    for (Instance instance : List.copyOf(periods)) {
      if (instance.state == State.PENDING && !CalendarMath.startOf(instance.period.start()).isAfter(e.occurredAt())) {
        move(instance, e.occurredAt(), State.ACTIVE, cause(e));
        instance.activatedAt = e.occurredAt();
        if (run.status == AgreementStatus.IN_FORCE) {
          createNextPeriod(instance, e.occurredAt());
        }
      }
    }
  }

  /**
   * Extension "by mutual decision": every party to the agreement must join it, and the agreement
   * must provide for extension (its term's {@code extension} or an {@code extend} power).
   */
  private void extended(Event.Extended e) throws Halted {
    AgreementRun run = requireAgreement(e.agreement().value());
    Agreement agreement = run.plan.agreement;
    boolean provided = agreement.term().extension().isPresent()
        || run.plan.powers.stream().anyMatch(t -> ((Norm.Power) t.norm).action() == PowerAction.EXTEND);
    List<String> missing = agreement.parties().stream().filter(p -> !e.agreedBy().contains(p)).map(PartyCode::value).toList();
    String refused = !provided ? run.plan.id() + " provides for no extension"
        : run.status != AgreementStatus.IN_FORCE && run.status != AgreementStatus.SUSPENDED ? run.plan.id() + " is " + run.status.text
        : run.termEnd == null ? run.plan.id() + " has no term to extend"
        : !missing.isEmpty() ? "an extension by mutual decision needs every party; " + String.join(", ", missing) + " did not join it"
        : null;
    if (refused != null) {
      note("extension of " + run.plan.id() + " refused: " + refused);
      return;
    }
    Instant end = plus(run, run.termEnd, IsoDuration.parse("P" + e.years() + "Y").orElseThrow(), "the extended term of " + run.plan.id());
    if (end == null) {
      return;
    }
    run.termEnd = end;
    run.extendedYears += e.years();
    schedule(new Timer(end, true, nextOrder(), TimerKind.TERM_END, null, run, 0));
    note(run.plan.id() + " extended by " + e.years() + " years by mutual decision of "
        + String.join(", ", e.agreedBy().stream().map(PartyCode::value).toList()) + "; its term now ends at " + Timestamps.format(end));
  }

  /** Re-imposed sanctions fulfil the giver's duty to re-impose them. */
  private void sanctionsReimposed(Event.SanctionsEvent e) {
    if (!packages.containsKey(e.sanctionsPackage())) {
      note("sanctions package " + e.sanctionsPackage() + " was never recorded as adopted");
    }
    for (AgreementRun run : agreementOrder) {
      for (Instance instance : run.standing) {
        if (instance.state == State.ACTIVE && instance.id.obligor().equals(e.by()) && instance.fulfilment() == Fulfilment.SANCTIONS_REIMPOSED) {
          fulfil(instance, e.occurredAt(), cause(e));
        }
      }
    }
  }

  private void sanctionsEased(Event.SanctionsEvent e) throws Halted {
    if (!packages.containsKey(e.sanctionsPackage())) {
      note("sanctions package " + e.sanctionsPackage() + " was never recorded as adopted");
    }
    for (AgreementRun run : agreementOrder) {
      for (Instance instance : run.prohibitions) {
        if (instance.state == State.ACTIVE && instance.id.obligor().equals(e.by())
            && ((Norm.Prohibition) instance.template.norm).action() == ProhibitedAction.EASE_SANCTIONS) {
          breach(instance, e.occurredAt(), cause(e));
        }
      }
    }
  }

  private ConsultationRecord requireConsultation(ConsultationId id) throws Halted {
    ConsultationRecord consultation = consultations.get(id.value());
    if (consultation == null) {
      throw new Halted(true, "names consultation '" + id + "', which was never requested");
    }
    return consultation;
  }

  /** Instances a consultation can fulfil: its own, those of its incident, and standing ones. */
  private List<Instance> related(ConsultationRecord consultation) {
    List<Instance> related = new ArrayList<>(consultation.instances);
    if (consultation.incident != null) {
      for (Instance instance : consultation.incident.instances) {
        if (instance.consultation == null) {
          related.add(instance);
        }
      }
    }
    for (AgreementRun run : agreementOrder) {
      related.addAll(run.standing);
    }
    return related;
  }

  // ---------------------------------------------------------------------------------------------
  // Instances and their moves

  private Instance create(AgreementRun run, Template template, PartyCode obligor, String context, Instant at, State state,
      Cause cause) {
    InstanceId id = new InstanceId(run.plan.id(), template.clause.id().value(), obligor, context);
    Instance instance = new Instance(id, template, run);
    instance.deadline = template.deadline().orElse(null);
    instance.state = state;
    register(instance, run);
    transitions.add(new Transition(at, id, Optional.empty(), state, cause));
    Fulfilment fulfilment = instance.fulfilment();
    if (fulfilment == Fulfilment.ALLOCATION || fulfilment == Fulfilment.DELIVERY) {
      supportObligations.computeIfAbsent(obligor.value(), k -> new ArrayList<>()).add(instance);
    }
    return instance;
  }

  private void register(Instance instance, AgreementRun run) {
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

  private void activate(Instance instance, Instant at, Cause cause) throws Halted {
    move(instance, at, State.ACTIVE, cause);
    startClock(instance, at);
  }

  /** An instance has just become active: its deadline starts to run from its anchor, once the anchor is known. */
  private void startClock(Instance instance, Instant at) throws Halted {
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
    Instant due = plus(instance.agreement, anchor, instance.deadline.within(), "the deadline of " + instance.id.key());
    if (due == null) {
      instance.anchoredAt = anchor;
      instance.extras().dateProblem = "its deadline cannot be computed under calendar: refuse";
      touch(instance);
    } else {
      setDue(instance, due, anchor);
    }
  }

  private void setDue(Instance instance, Instant due, Instant anchoredAt) {
    instance.due = due;
    touch(instance);
    instance.anchoredAt = anchoredAt;
    instance.generation++;
    schedule(new Timer(due, instance.deadline.boundary() == Boundary.EXCLUSIVE, nextOrder(), TimerKind.DUE, instance,
        instance.agreement, instance.generation));
  }

  private void resolveWaitingAnchors() throws Halted {
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

  private Instant anchorOf(Instance instance) {
    ConsultationRecord consultation = instance.consultation != null ? instance.consultation
        : instance.incident != null ? (instance.incident.consultations.isEmpty() ? null : instance.incident.consultations.getFirst())
        : lastConsultation != null && instance.activatedAt != null && !lastConsultation.requestedAt.isBefore(instance.activatedAt)
            ? lastConsultation : null;
    return switch (instance.deadline.from()) {
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

  private void fulfil(Instance instance, Instant at, Cause cause) {
    if (instance.extras != null && instance.extras.lateSince != null) {
      note(instance.id.key() + " was met at " + Timestamps.format(at) + ", " + Duration.between(instance.extras.lateSince, at).toMinutes()
          + " minutes after its " + Keywords.of(instance.deadline.firmness()).replace('-', ' ') + " deadline: late, not breached");
    }
    instance.settledAt = at;
    move(instance, at, State.FULFILLED, cause);
  }

  private void breach(Instance instance, Instant at, Cause cause) throws Halted {
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

  private void endAll(AgreementRun run, Instant at, State to, Cause cause) {
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

  private void move(Instance instance, Instant at, State to, Cause cause) {
    State from = instance.state;
    instance.state = to;
    touch(instance);
    transitions.add(new Transition(at, instance.id, Optional.of(from), to, cause));
  }

  private void note(String message) {
    notices.add(new Notice(clock, seq, message));
  }

  /**
   * {@code start + duration} under the agreement's calendar rule, or null with a note when the rule
   * refuses the sum: the one date is flagged and the rest of the record goes on.
   */
  private Instant plus(AgreementRun run, Instant start, IsoDuration duration, String what) {
    try {
      return CalendarMath.plus(start, duration, run.plan.agreement.term().calendar());
    } catch (AmbiguousDateException e) {
      note("cannot compute " + what + ": " + e.getMessage());
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Facts for conditions

  private void standingFacts(Plan plan) {
    Set<Event.PartyStatus> status = partyStatus.getOrDefault(plan.agreement.beneficiary(), Set.of());
    facts.natoMember = status.contains(Event.PartyStatus.NATO_MEMBER);
    facts.euMember = status.contains(Event.PartyStatus.EU_MEMBER);
    facts.aggressionEnded = aggressorStatus.contains(Event.PartyStatus.AGGRESSION_ENDED);
    facts.nonRepetitionGuaranteed = aggressorStatus.contains(Event.PartyStatus.NON_REPETITION_GUARANTEED);
    facts.damageCompensated = aggressorStatus.contains(Event.PartyStatus.DAMAGE_COMPENSATED);
    facts.aggressor = engine.compact.aggressor().map(PartyCode::value).orElse("");
    facts.snapbackInvoked = snapbackInvoked;
    facts.compensatedShare = compensatedShare;
  }

  private void incidentFacts(Plan plan, IncidentRecord incident) {
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
    facts.incidentInScope = plan.territory.isEmpty() || plan.territory.get().check(incident.place, incident.location, engine.areas).covered();
    factsIncident = incident;
    facts.incidentVerified = incident.verifiedAt != null;
  }

  private void consultationFacts(ConsultationRecord consultation) {
    facts.requestedBy = consultation == null ? "" : consultation.requestedBy.value();
  }

  /** The incident the facts describe, so that a clause with a territory of its own can set `incident.in_scope` for itself. */
  private IncidentRecord factsIncident;

  /** Evaluates a clause's condition; a clause with its own territory sees `incident.in_scope` under it, not the agreement's. */
  private boolean eval(Template template, String where) throws Halted {
    if (template.territory.isEmpty() || factsIncident == null) {
      return eval(template.condition, where);
    }
    boolean agreementScope = facts.incidentInScope;
    facts.incidentInScope = template.territory.get().check(factsIncident.place, factsIncident.location, engine.areas).covered();
    try {
      return eval(template.condition, where);
    } finally {
      facts.incidentInScope = agreementScope;
    }
  }

  /** Why an incident lies outside the territory that applies to a clause, or "" when it does not. */
  private String scopeReason(Template template, IncidentRecord incident) {
    Optional<dev.compact.agreements.Territory> territory = template.territory.or(() -> template.plan.territory);
    if (territory.isEmpty()) {
      return "";
    }
    dev.compact.agreements.Territory.Coverage coverage = territory.get().check(incident.place, incident.location, engine.areas);
    return coverage.covered() ? "" : incident.place + " lies outside the territory of "
        + (template.territory.isPresent() ? "clause " + template.clause.id() : template.plan.id()) + ": " + coverage.reason();
  }

  private boolean eval(CompiledCondition condition, String where) throws Halted {
    try {
      return condition.eval(facts);
    } catch (CelEvaluationException e) {
      throw new Halted("cannot evaluate `" + condition.source() + "` for " + where + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Internal state

  /** Raised inside a fold when an event cannot be processed; becomes the outcome's halt. */
  private static final class Halted extends Exception {
    /** True when the message is about the event being applied, which the halt then names (see {@link Outcome.Halt}). */
    final boolean namesEvent;

    Halted(String message) {
      this(false, message);
    }

    Halted(boolean namesEvent, String message) {
      super(message, null, false, false);
      this.namesEvent = namesEvent;
    }
  }

  private enum AgreementStatus {
    NOT_IN_FORCE("not in force"),
    IN_FORCE("in force"),
    SUSPENDED("suspended"),
    ENDED("ended");

    final String text;

    AgreementStatus(String text) {
      this.text = text;
    }
  }

  private static final class AgreementRun {
    final Plan plan;
    AgreementStatus status = AgreementStatus.NOT_IN_FORCE;
    Instant inForceAt;
    /** When the term ends, as last extended; null when it has no end. */
    Instant termEnd;
    int extendedYears;
    /** The first signature recorded by an event, if any. */
    Instant signedAt;
    Instant noticeAt;
    String noticeText = "";
    final List<Instance> instances = new ArrayList<>();
    final List<Instance> prohibitions = new ArrayList<>();
    final List<Instance> standing = new ArrayList<>();

    AgreementRun(Plan plan) {
      this.plan = plan;
    }
  }

  private static final class IncidentRecord {
    final String id;
    final String kind;
    final String place;
    final long severity;
    final String attacker;
    final Optional<dev.compact.agreements.Area.Point> location;
    final Instant reportedAt;
    Instant verifiedAt;
    boolean rejected;
    final List<Instance> instances = new ArrayList<>();
    final List<ConsultationRecord> consultations = new ArrayList<>();

    IncidentRecord(Event.IncidentReported e) {
      this.id = e.incident().value();
      this.kind = Keywords.of(e.kind());
      this.place = e.place();
      this.severity = e.severity();
      this.attacker = e.attacker().map(PartyCode::value).orElse("");
      this.location = e.location();
      this.reportedAt = e.occurredAt();
    }
  }

  private static final class ConsultationRecord {
    final String id;
    final PartyCode requestedBy;
    final IncidentRecord incident;
    final Instant requestedAt;
    Instant heldAt;
    Instant decidedAt;
    final Set<PartyCode> attended = new TreeSet<>();
    final List<Instance> instances = new ArrayList<>();

    ConsultationRecord(Event.ConsultationRequested e, IncidentRecord incident) {
      this.id = e.consultation().value();
      this.requestedBy = e.by();
      this.incident = incident;
      this.requestedAt = e.occurredAt();
    }
  }

  private static final class Instance {
    final InstanceId id;
    final String key;
    final Template template;
    final AgreementRun agreement;
    Event.Measure measure;
    State state;
    State resumeTo;
    Duration remaining;
    Deadline deadline;
    Instant activatedAt;
    Instant anchoredAt;
    Instant due;
    Instant settledAt;
    Instant remedyAnchor;
    Instant completedAt;
    /** What few instances need (lateness, a re-armed lock, a date problem); null for the rest, to keep instances small. */
    Extras extras;

    Extras extras() {
      if (extras == null) {
        extras = new Extras();
      }
      return extras;
    }
    long generation;
    /** The step that last touched this instance (see {@link Fold#touch}). */
    long touchedAt;
    IncidentRecord incident;
    ConsultationRecord consultation;
    DateRange period;
    int periodIndex;
    boolean periodOver;
    Optional<Money> target = Optional.empty();
    List<ItemLine> itemTargets = List.of();
    BigDecimal delivered = BigDecimal.ZERO;
    BigDecimal allocated = BigDecimal.ZERO;
    /** Created on the first item delivered: most instances never see one. */
    TreeMap<String, Long> itemsDelivered;
    List<PartyCode> blockedBy = List.of();
    long blockedAtSeq;

    Instance(InstanceId id, Template template, AgreementRun agreement) {
      this.id = id;
      this.key = id.key();
      this.template = template;
      this.agreement = agreement;
    }

    Fulfilment fulfilment() {
      if (measure != null) {
        return Fulfilment.DELIVERY;
      }
      return template.norm instanceof Norm.Obligation o ? o.fulfilledBy() : null;
    }

    boolean tracksSupport() {
      return measure != null || template.norm instanceof Norm.Commitment;
    }

    Progress progress() {
      return new Progress(target, delivered, allocated, itemTargets, itemsDelivered == null ? new TreeMap<>() : itemsDelivered);
    }

    /** Same as {@code progress().complete()}, without copying, for the hot path of deliveries. */
    boolean complete() {
      if (target.isPresent() && delivered.compareTo(target.get().value()) < 0) {
        return false;
      }
      for (ItemLine line : itemTargets) {
        if (itemsDelivered == null || itemsDelivered.getOrDefault(line.item(), 0L) < line.quantity()) {
          return false;
        }
      }
      return true;
    }

    NormInstance snapshot() {
      String kind = measure != null ? "measure" : template.kind();
      String action = measure != null ? measure.action() : template.action();
      String deadlineText = deadline == null ? (period != null ? "period " + period.display() : "") : deadline.display();
      if (extras != null && extras.dateProblem != null) {
        deadlineText = deadlineText + " (" + extras.dateProblem + ")";
      }
      if (extras != null && extras.lateSince != null) {
        deadlineText = deadlineText + " (late since " + Timestamps.format(extras.lateSince) + ")";
      }
      Fulfilment fulfilment = fulfilment();
      return new NormInstance(id, kind, action, fulfilment == null ? "" : Keywords.of(fulfilment), state, Optional.ofNullable(activatedAt), Optional.ofNullable(due), deadlineText,
          tracksSupport() ? Optional.of(progress()) : Optional.empty(), blockedBy, Optional.ofNullable(settledAt));
    }
  }

  /** The rarely needed state of an instance. */
  private static final class Extras {
    /** The lock armed again by snapback in place of this one, if any. */
    Instance rearmed;
    /** When a best-effort deadline passed without the act; null while in time. */
    Instant lateSince;
    /** Whether the note that more than a ceiling was received has been given. */
    boolean overNoted;
    /** Why a date of this instance could not be computed under its calendar rule; null when every date was. */
    String dateProblem;
  }

  private enum TimerKind {
    DUE,
    PERIOD_START,
    PERIOD_END,
    TERM_END,
    NOTICE_EFFECTIVE,
    IN_FORCE
  }

  /**
   * A moment at which something may happen without an event. {@code firesAtInstant}: true when the
   * moment itself is already too late (an exclusive deadline, a period's first instant); false when
   * an act at that very instant is still in time (an inclusive deadline).
   */
  private record Timer(Instant at, boolean firesAtInstant, long order, TimerKind kind, Instance instance, AgreementRun agreement,
      long generation) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      int byTime = at.compareTo(other.at);
      if (byTime != 0) {
        return byTime;
      }
      // At one instant, the timers for which the instant is already too late come first.
      if (firesAtInstant != other.firesAtInstant) {
        return firesAtInstant ? -1 : 1;
      }
      return Long.compare(order, other.order);
    }
  }
}

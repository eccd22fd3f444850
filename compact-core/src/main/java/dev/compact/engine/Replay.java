package dev.compact.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A replay of a compact's record, event by event, as it is recorded. Events that arrive in order of
 * occurrence are folded at once. An event whose occurrence precedes the time the record has
 * already reached (a meeting held in time but recorded a day late) is accepted too: time first
 * passes to when it was recorded, then the whole record is folded again in order of occurrence,
 * and every instance whose state that changes gets a transition, at the recording time, whose
 * cause says so ({@link Cause.RecordedLate}: "recorded late on ..., changes breached to ...").
 * The history shown is therefore append-only: what the record said before the late event stays,
 * and the correction follows it.
 *
 * <p>Events keep their place in the record (their position, "event #N") in every fold, so causes
 * name the same event before and after a correction.
 */
public final class Replay {

  private final Engine engine;
  private Fold fold;
  /** Every event applied, in the order recorded; position = index + 1. */
  private final List<Event> events = new ArrayList<>();
  /**
   * The history shown once a late event has corrected it; until then (almost always) the fold's own
   * lists are the history, and nothing is copied.
   */
  private @Nullable List<Transition> history;
  /** The notes shown with {@link #history}; filled from the moment history is (empty until then). */
  private final List<Notice> notices = new ArrayList<>();
  private int foldTransitions;
  private int foldNotices;
  /** Where the record was first advanced to before any event, if it was: a fold from scratch starts there too. */
  private @Nullable Instant start;
  /**
   * What the last step changed when it was a late event (the record folded again); null when the
   * fold's own account of the step holds.
   */
  private @Nullable List<NormInstance> lateChanged;

  Replay(Engine engine) {
    this.engine = engine;
    this.fold = new Fold(engine);
  }

  /** Applies the next event in the order it was recorded; after a halt nothing more is applied. */
  public void apply(Event event) {
    lateChanged = null;
    if (fold.halt().isPresent()) {
      lateChanged = List.of();
      return;
    }
    events.add(event);
    long position = events.size();
    Optional<Instant> reached = fold.clock();
    if (reached.isPresent() && event.occurredAt().isBefore(reached.get())) {
      late(event, position, reached.get());
      return;
    }
    fold.apply(event, position);
    mirror();
  }

  /** Lets time pass to {@code at} without an event in the record (used to look at a point in time). */
  public void advanceTo(Instant at) {
    lateChanged = null;
    if (events.isEmpty() && start == null) {
      start = at;
    }
    fold.advanceTo(at);
    mirror();
  }

  private void late(Event event, long position, Instant reached) {
    // Every instance may change when the record is folded again: what changed is found by comparing all (O(instances)).
    Map<String, NormInstance> unchanged = new HashMap<>();
    for (NormInstance instance : fold.snapshot()) {
      unchanged.put(instance.id().key(), instance);
    }
    // The record learns of the event when it is recorded: deadlines up to then pass first, as they did.
    Instant learnt = event.recordedAt().isAfter(reached) ? event.recordedAt() : reached;
    fold.advanceTo(learnt);
    mirror();
    if (history == null) {
      history = new ArrayList<>();
      for (int i = 0; i < fold.transitionCount(); i++) {
        history.add(fold.transition(i));
      }
      for (int i = 0; i < fold.noticeCount(); i++) {
        notices.add(fold.notice(i));
      }
    }
    Map<String, NormInstance> before = new HashMap<>();
    for (NormInstance instance : fold.snapshot()) {
      before.put(instance.id().key(), instance);
    }
    Fold again = new Fold(engine);
    if (start != null) {
      again.advanceTo(start);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      order.add(i);
    }
    // Stable: events at one instant keep the order in which they were recorded.
    order.sort(Comparator.comparing(i -> events.get(i).occurredAt()));
    for (int i : order) {
      again.apply(events.get(i), i + 1);
    }
    again.advanceTo(learnt);
    fold = again;
    foldTransitions = again.transitionCount();
    foldNotices = again.noticeCount();
    // Named by its times, never by its position: the position counts classified events too (#11).
    String named = "the event that occurred at " + Timestamps.format(event.occurredAt()) + " and was recorded late on "
        + Timestamps.format(event.recordedAt());
    notices.add(new Notice(learnt, position, named + " came before the time the record had reached (" + Timestamps.format(reached)
        + "); the record was evaluated again from " + Timestamps.format(event.occurredAt())));
    TreeMap<String, NormInstance> after = new TreeMap<>();
    for (NormInstance instance : again.snapshot()) {
      after.put(instance.id().key(), instance);
    }
    lateChanged = new ArrayList<>();
    for (NormInstance now : after.values()) {
      if (!now.equals(unchanged.get(now.id().key()))) {
        lateChanged.add(now);
      }
    }
    if (again.halt().isPresent()) {
      return;
    }
    for (NormInstance now : after.values()) {
      NormInstance was = before.remove(now.id().key());
      if (was == null || was.state() != now.state()) {
        Optional<State> from = Optional.ofNullable(was).map(NormInstance::state);
        history.add(new Transition(learnt, now.id(), from, now.state(), new Cause.RecordedLate(position, event, from, now.state())));
      }
    }
    for (String gone : new TreeMap<>(before).keySet()) {
      notices.add(new Notice(learnt, position, gone + " no longer arises once " + named + " is placed at the time it occurred"));
    }
  }

  /** Copies what the fold added to the history shown. */
  private void mirror() {
    if (history == null) {
      return;
    }
    for (int i = foldTransitions; i < fold.transitionCount(); i++) {
      history.add(fold.transition(i));
    }
    foldTransitions = fold.transitionCount();
    for (int i = foldNotices; i < fold.noticeCount(); i++) {
      notices.add(fold.notice(i));
    }
    foldNotices = fold.noticeCount();
  }

  /**
   * The norm instances the last {@link #apply} or {@link #advanceTo} created or changed, as they
   * stand now: every instance whose snapshot that step changed is among them (an instance it touched
   * without a visible change may be too). A consumer that keeps instances elsewhere (a read model)
   * applies these alone, so that an event costs in proportion to what it changed, not to how many
   * instances exist. An event recorded late folds the whole record again, and its step lists every
   * instance that differs afterwards, found by comparing all of them; an instance the refold no
   * longer creates is not listed (a notice names it).
   */
  public List<NormInstance> changed() {
    return lateChanged != null ? lateChanged : fold.changed();
  }

  /** The time the record has reached: the latest event's time, or where {@link #advanceTo} moved it. */
  public Optional<Instant> clock() {
    return fold.clock();
  }

  /**
   * When the next deadline or calendar date falls, if any: a service that lets time pass with its
   * own clock needs to know when something will happen without an event.
   */
  public Optional<Instant> nextTimer() {
    return fold.nextTimer();
  }

  /** Number of transitions in the history so far; cheap, for callers that watch transitions as they come. */
  public int transitionCount() {
    return history == null ? fold.transitionCount() : history.size();
  }

  public Transition transition(int index) {
    return history == null ? fold.transition(index) : history.get(index);
  }

  /** How many events have been applied: the position (in causes and halts) of the last one. */
  public long position() {
    return events.size();
  }

  public Optional<Outcome.Halt> halt() {
    return fold.halt();
  }

  /** The state of one instance now, if it exists. */
  public Optional<NormInstance> instance(String key) {
    return fold.instance(key);
  }

  /** The binding measure a consultation decided under an id, if any (see {@link Fold#measure}). */
  public Optional<NormInstance> measure(String consultation, String measure) {
    return fold.measure(consultation, measure);
  }

  /**
   * Why a new write may not record {@code event} as the record stands, if it may not: the rules that
   * keep a desk within its state's rights where the record decides ({@link Admission}). Asked before
   * recording; what is already on the record folds without it.
   */
  public Optional<Admission.Refusal> admit(Event event, Admission.Writer writer) {
    return fold.admit(event, writer);
  }

  /** Every instance now, sorted by id. */
  public List<NormInstance> snapshot() {
    return fold.snapshot();
  }

  public Outcome outcome() {
    if (history == null) {
      Outcome folded = fold.outcome();
      return new Outcome(folded.clock(), events.size(), folded.instances(), folded.transitions(), folded.notices(), folded.halt());
    }
    return new Outcome(fold.clock(), events.size(), fold.snapshot(), history, notices, fold.halt());
  }
}

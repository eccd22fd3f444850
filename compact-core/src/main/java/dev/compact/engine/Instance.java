package dev.compact.engine;

import dev.compact.agreements.AmountBound;
import dev.compact.agreements.DateRange;
import dev.compact.agreements.Deadline;
import dev.compact.agreements.Fulfilment;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Money;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Engine.Template;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A norm instance while a fold runs: mutable, confined to its fold, and read out as an immutable
 * {@link NormInstance} snapshot.
 */
final class Instance {
  final InstanceId id;
  final String key;
  final @Nullable Template template;
  final AgreementRun agreement;
  Event.@Nullable Measure measure;
  State state;
  @Nullable State resumeTo;
  @Nullable Duration remaining;
  @Nullable Deadline deadline;
  @Nullable Instant activatedAt;
  @Nullable Instant anchoredAt;
  @Nullable Instant due;
  @Nullable Instant settledAt;
  @Nullable Instant remedyAnchor;
  @Nullable Instant completedAt;
  /** What few instances need (lateness, a re-armed lock, a date problem); null for the rest, to keep instances small. */
  @Nullable Extras extras;

  /** The clause this instance comes from; only a measure has none, and the callers know which they hold. */
  Template template() {
    return Objects.requireNonNull(template, "a measure comes from no clause");
  }

  /** The period of a commitment's instance; only commitments have periods. */
  DateRange period() {
    return Objects.requireNonNull(period, "only a commitment's instance has a period");
  }

  /** The deadline of an instance that has one; the callers check {@code deadline != null} first. */
  Deadline deadline() {
    return Objects.requireNonNull(deadline, "this instance has no deadline");
  }

  Extras extras() {
    if (extras == null) {
      extras = new Extras();
    }
    return extras;
  }
  long generation;
  /** The step that last touched this instance (see {@link FoldState#touch}). */
  long touchedAt;
  @Nullable IncidentRecord incident;
  @Nullable ConsultationRecord consultation;
  @Nullable DateRange period;
  int periodIndex;
  boolean periodOver;
  Optional<Money> target = Optional.empty();
  List<ItemLine> itemTargets = List.of();
  BigDecimal delivered = BigDecimal.ZERO;
  BigDecimal allocated = BigDecimal.ZERO;
  /** Created on the first item delivered: most instances never see one. */
  @Nullable TreeMap<String, Long> itemsDelivered;
  List<PartyCode> blockedBy = List.of();
  long blockedAtSeq;

  Instance(InstanceId id, @Nullable Template template, AgreementRun agreement, State state) {
    this.id = id;
    this.key = id.key();
    this.template = template;
    this.agreement = agreement;
    this.state = state;
  }

  /** What fulfils the instance; null for norms that nothing fulfils (commitments count progress, prohibitions lift). */
  @Nullable Fulfilment fulfilment() {
    if (measure != null) {
      return Fulfilment.DELIVERY;
    }
    return template().norm instanceof Norm.Obligation o ? o.fulfilledBy() : null;
  }

  boolean tracksSupport() {
    return measure != null || template().norm instanceof Norm.Commitment;
  }

  Progress progress() {
    return new Progress(target, delivered, allocated, itemTargets, itemsDelivered == null ? new TreeMap<>() : itemsDelivered);
  }

  /** Same as {@code progress().complete()}, without copying, for the hot path of deliveries. */
  boolean complete() {
    if (amountShort()) {
      return false;
    }
    for (ItemLine line : itemTargets) {
      if (itemShort(line)) {
        return false;
      }
    }
    return true;
  }

  /** Whether less than the target amount has been delivered. */
  private boolean amountShort() {
    return target.isPresent() && delivered.compareTo(target.get().value()) < 0;
  }

  /** Whether fewer of an item line than its quantity have been delivered. */
  private boolean itemShort(ItemLine line) {
    return itemsDelivered == null || itemsDelivered.getOrDefault(line.item(), 0L) < line.quantity();
  }

  /**
   * Whether every target not reached is a ceiling ("up to": the amount's bound, or an item line's), so
   * that a period ending short of them keeps the promise. A floor not reached is a breach whatever else.
   */
  boolean shortOnlyOfCeilings(Norm.Commitment c) {
    if (amountShort() && c.bound() != AmountBound.UP_TO) {
      return false;
    }
    for (int n = 0; n < itemTargets.size(); n++) {
      if (itemShort(itemTargets.get(n)) && c.itemBound(n) != AmountBound.UP_TO) {
        return false;
      }
    }
    return true;
  }

  /** Whether more of the item line at {@code index} than its quantity has been delivered. */
  boolean itemOver(int index) {
    ItemLine line = itemTargets.get(index);
    return itemsDelivered != null && itemsDelivered.getOrDefault(line.item(), 0L) > line.quantity();
  }

  NormInstance snapshot() {
    String kind = measure != null ? "measure" : template().kind();
    String action = measure != null ? measure.action() : template().action();
    String deadlineText = deadline == null ? (period != null ? "period " + period.display() : "") : deadline.display();
    if (extras != null && extras.dateProblem != null) {
      deadlineText = deadlineText + " (" + extras.dateProblem + ")";
    }
    if (state == State.PENDING && extras != null && extras.unrecordedConditions != null) {
      deadlineText = deadlineText + " (pending: " + extras.unrecordedConditions + " not recorded)";
    }
    if (extras != null && extras.lateSince != null) {
      deadlineText = deadlineText + " (late since " + Timestamps.format(extras.lateSince) + ")";
    }
    Fulfilment fulfilment = fulfilment();
    return new NormInstance(id, kind, action, fulfilment == null ? "" : Keywords.of(fulfilment), state, Optional.ofNullable(activatedAt), Optional.ofNullable(due), deadlineText,
        tracksSupport() ? Optional.of(progress()) : Optional.empty(), blockedBy, Optional.ofNullable(settledAt));
  }

  /** The rarely needed state of an instance. */
  static final class Extras {
    /** The lock armed again by snapback in place of this one, if any. */
    @Nullable Instance rearmed;
    /** When a best-effort deadline passed without the act; null while in time. */
    @Nullable Instant lateSince;
    /** Whether the note that more than a ceiling was received has been given. */
    boolean overNoted;
    /** The item lines (by position) whose note that more than their ceiling or exact number was received has been given. */
    @Nullable BitSet itemsOverNoted;
    /** Why a date of this instance could not be computed under its calendar rule; null when every date was. */
    @Nullable String dateProblem;
    /**
     * The conditions precedent a commitment period that has begun still waits for ("parliamentary approval"), shown
     * while it is pending: the record does not know whether they are unmet or only unrecorded; null otherwise.
     */
    @Nullable String unrecordedConditions;
  }
}

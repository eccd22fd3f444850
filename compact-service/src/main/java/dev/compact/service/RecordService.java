package dev.compact.service;

import dev.compact.agreements.Classification;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.StoredEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Keeps the record and the engine in step. Every write goes through {@link #record}: the events are
 * appended to the log and folded by the engine in one transaction, and the engine's transitions are
 * written to the read models in that same transaction. Another instance's appends are folded in
 * before each write, so several instances over one PostgreSQL agree.
 *
 * <p>This class is the one way in for writes; {@link GroupCommit} commits concurrent ones together. What a write may
 * contain is {@link WritePolicy}'s; the engine's state and the read models are
 * {@link EngineProjection}'s; who hears of a write's transitions is {@link ChangeFeed}'s; when time
 * passes is {@link TimeKeeper}'s; idempotency keys are scoped by {@link IdempotencyKeys} and
 * answered by the store; the record's own events (versions, keys, signatures) are
 * {@link Registrations}'.
 */
public final class RecordService implements RecordReads, AutoCloseable {
  private final Database database;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();
  private final ReentrantLock lock = new ReentrantLock();
  private final ChangeFeed feed = new ChangeFeed();
  private final EngineProjection projection;
  private final EventStore store;
  private final WritePolicy policy;
  private final TimeKeeper time;
  private final Registrations registrations;
  private final GroupCommit writes;
  /** Why writes are refused, given the head a write would extend; none by default ({@link #gateWrites}). */
  private volatile WriteGate gate = head -> java.util.Optional.empty();
  /** The texts recorded when this opened an empty log, creating the record. */
  private Optional<Registrations.TextsCheck> created = Optional.empty();

  public RecordService(Database database, Engine engine, Clock clock) {
    this(database, engine, clock, false);
  }

  /**
   * With {@code acceptUnlogged}, events found without a leaf after the log signed a checkpoint
   * (written to the database outside the service) are signed into the log; without, they are refused.
   *
   * @throws UnloggedEvents when there are such events and {@code acceptUnlogged} is false
   */
  public RecordService(Database database, Engine engine, Clock clock, boolean acceptUnlogged) {
    this(database, engine, clock, acceptUnlogged, "service");
  }

  /**
   * As above; a record created here (its log empty) is created with the agreement texts of {@code
   * engine}'s compact as its first event, recorded as {@code creator}: every event after it was
   * then decided under texts the log names, from the first on ({@link AppliedTexts}).
   */
  public RecordService(Database database, Engine engine, Clock clock, boolean acceptUnlogged, String creator) {
    this.database = database;
    this.clock = clock;
    ClassificationPolicy levels = new ClassificationPolicy(engine.compact());
    this.projection = new EngineProjection(engine, database, clock, codec, levels, feed, this::store);
    this.store = new EventStore(database, clock, List.of(projection));
    this.policy = new WritePolicy(engine, levels, projection, codec);
    this.time = new TimeKeeper(projection, lock);
    this.registrations = new Registrations(this, projection, lock, engine.compact());
    this.writes = new GroupCommit(lock, store, projection);
    lock.lock();
    try {
      projection.open(store, acceptUnlogged);
      gate = keptCheckpointGate(store);
      if (store.head().seq() == 0) {
        // Before any other event: a text edited before the next start is then a change the log shows,
        // not the original text recorded late.
        created = Optional.of(registrations.recordAppliedTexts(creator));
      }
    } catch (RuntimeException e) {
      // Not started: the database it was given is not left open.
      database.close();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Database database() {
    return database;
  }

  /** The record as the public sees it. */
  public Queries queries() {
    return new Queries(database);
  }

  /** The record as a reader with this clearance sees it. */
  public Queries queries(dev.compact.access.Clearance clearance) {
    return new Queries(database, clearance);
  }

  public EventStore store() {
    return store;
  }

  @Override
  public EventCodec codec() {
    return codec;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** The record's own events: keys, signatures, agreement versions, list versions. */
  public Registrations registrations() {
    return registrations;
  }

  /** Says, given the sequence number of the record's head, why no write may be appended now, if that is so. */
  @FunctionalInterface
  public interface WriteGate {
    Optional<String> refusal(long headSeq);
  }

  /**
   * The gate of a record opened without its transparency log (the command line's writers): the
   * stored tree held against the largest checkpoint the database keeps, once, at opening, and every
   * write's head against that checkpoint's size. What the log itself would refuse to sign, it
   * refuses to write, so that no writer adds events that no checkpoint would ever cover. (Without
   * the log's key the checkpoint's signature is not checked: a writer of the database who adds a
   * row can stop writes, as it can by deleting the database, not get one past a signed checkpoint.)
   */
  private static WriteGate keptCheckpointGate(EventStore store) {
    return switch (store.readTree(dev.compact.store.LogExtent::kept)) {
      case dev.compact.store.LogExtent.Kept.None none -> head -> Optional.empty();
      case dev.compact.store.LogExtent.Kept.Extended extended -> head -> dev.compact.store.LogExtent.cutBack(head, extended.size());
      case dev.compact.store.LogExtent.Kept.Departed departed -> head -> Optional.of(departed.reason());
    };
  }

  /**
   * Refuses every write (with a {@link WritesRefused}, nothing recorded) while {@code gate} gives a
   * reason: the transparency log's, when it no longer signs what the record holds. Until then, a
   * record refuses what the checkpoints the database keeps say the log would not sign.
   */
  public void gateWrites(WriteGate gate) {
    this.gate = gate;
  }

  /** Throws {@link WritesRefused} when the gate refuses writes on a record whose head is {@code headSeq}. */
  void admit(long headSeq) {
    gate.refusal(headSeq).ifPresent(reason -> {
      throw new WritesRefused(reason);
    });
  }

  /** Called after each write commits, with its changes; a listener that fails is logged, the write stands. */
  public void onChanges(Consumer<List<ChangeFeed.Change>> listener) {
    feed.onChanges(listener);
  }

  /** Called with each event's changes inside the append's transaction (not on a rebuild): see {@link ChangeFeed.Writer}. */
  public void onChangesInTransaction(ChangeFeed.Writer writer) {
    feed.onChangesInTransaction(writer);
  }

  /**
   * A command's events, built at the time the record takes it: with the lock held and every other
   * writer's events folded in, so the time it is stamped with is never behind the time the record
   * has reached. A client that gives no time of its own is therefore never refused for the order of
   * events, however many write at once.
   */
  @FunctionalInterface
  public interface Stamped {
    List<Event> at(Instant now);
  }

  /**
   * Records events on behalf of an actor: each event must be allowed by the actor's roles
   * ({@link dev.compact.access.Permissions}), checked here in the service layer so that every way
   * in, not only the API, is held to it. A denied write is a {@link dev.compact.access.Forbidden}
   * and writes nothing.
   */
  public List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, List<Event> events, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor) {
    return record(streamId, expectedVersion, events, idempotencyKey, actor, Classification.PUBLIC);
  }

  /** Records events made before the record takes them (a history, a form with its own times). */
  public List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, List<Event> events, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor, Classification classification) {
    return record(streamId, expectedVersion, now -> events, idempotencyKey, actor, classification);
  }

  /** Records a public command's events, stamped with the time the record takes the write. */
  public List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, Stamped events, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor) {
    return record(streamId, expectedVersion, events, idempotencyKey, actor, Classification.PUBLIC);
  }

  /**
   * Records events that make a classified record: an incident, a consultation or a support entry
   * that only cleared readers may see. Nobody classifies above their own clearance, and events about
   * a record the actor may not see are refused as if the record did not exist.
   */
  public List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, Stamped events, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor, Classification classification) {
    return append(streamId, expectedVersion, events, IdempotencyKeys.scoped(idempotencyKey, actor.name()), actor, classification);
  }

  private List<StoredEvent> append(String requestedStream, Optional<Long> expectedVersion, Stamped build, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor, Classification classification) {
    GroupCommit.Pending write = writes.submit(batch -> appendIn(batch, requestedStream, expectedVersion, build, idempotencyKey, actor,
        classification));
    feed.committed(write.changes());
    return write.stored();
  }

  /** One write of a batch: its events built, checked and appended on the batch's connection, the head locked. */
  private List<StoredEvent> appendIn(dev.compact.store.AppendBatch batch, String requestedStream, Optional<Long> expectedVersion, Stamped build,
      Optional<String> idempotencyKey, dev.compact.access.Actor actor, Classification classification) throws SQLException {
    // Checked on the head the batch locked: a record cut back under a signed checkpoint takes no write
    // that no checkpoint would ever cover, even before the log's next attempt to sign has failed.
    admit(batch.head().seq());
    // What the write does to records on file is checked below, with the record caught up, once no retry answers it.
    WritePolicy.Prepared first = policy.prepare(build.at(projection.now()), actor, classification, false);
    String streamId = WritePolicy.streamFor(requestedStream, first);
    // A retry is answered with what the first attempt recorded, before anything that time or the
    // first attempt itself has changed since (the time reached, the stream's version) is checked.
    if (idempotencyKey.isPresent()) {
      Optional<List<StoredEvent>> recorded = batch.recorded(idempotencyKey.get(), streamId, first.encoded());
      if (recorded.isPresent()) {
        return recorded.get();
      }
    }
    if (first.classified() && !first.events().isEmpty()) {
      letTimePass(batch, first.events().getFirst().occurredAt());
    }
    // Built again as the store appends: stamped and checked against the record as it stands now,
    // after every write before it in the batch.
    return batch.append(streamId, expectedVersion.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty()),
        connection -> policy.prepare(build.at(projection.now()), actor, classification).encoded(), idempotencyKey).events();
  }

  /**
   * Before a classified record, lets time pass (publicly) to the moment it happened ({@link
   * TimeKeeper#dueBefore}). Part of the record's write, in its batch.
   */
  private void letTimePass(dev.compact.store.AppendBatch batch, Instant at) throws SQLException {
    if (time.dueBefore(batch.connection(), batch.head().seq(), at)) {
      appendIn(batch, "clock", Optional.empty(), now -> List.of(new Event.TimeAdvanced(at, clock.instant())), Optional.empty(),
          dev.compact.access.Actor.system("clock"), Classification.PUBLIC);
    }
  }

  /**
   * Records a history of events one by one, each in its own stream, as the system (no permission
   * check): for tests that need a record to rebuild, never reachable from a request. The demo's
   * history goes through the command handler instead ({@code DemoLoader}). Nothing else this
   * instance writes, the scheduler's ticks included, comes between them.
   */
  void recordHistory(List<Event> events, String actor) {
    // Held for the whole history: a scheduler tick between two of its events would move the record to
    // the present, and the next, older event would be refused.
    exclusively(() -> {
      for (Event event : events) {
        record(WritePolicy.streamOf(event), Optional.empty(), List.of(event), Optional.empty(), dev.compact.access.Actor.system(actor));
      }
    });
  }

  /**
   * Runs {@code work} with the record's lock held, so that nothing else this instance writes (the
   * scheduler's ticks included) comes between the writes it makes: how a history is loaded.
   */
  public void exclusively(Runnable work) {
    lock.lock();
    try {
      work.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * What this recorded when it created the record (the log was empty): the agreement texts it was
   * created with, as its first event; empty when the record existed before.
   */
  public Optional<Registrations.TextsCheck> created() {
    return created;
  }

  /** True when the log holds nothing but the agreement texts applied: no event that anyone recorded. */
  public boolean isEmpty() {
    return store.head().seq() == store.streamVersion(AppliedTexts.STREAM);
  }

  /**
   * Lets time pass to {@code now}: when a deadline or date has come, records a time-advanced event
   * (as the scheduler) so that breaches happen without anyone asking. Returns true if it recorded one.
   */
  public boolean tick(Instant now) {
    return time.tick(now, at -> record("clock", Optional.empty(), List.of(new Event.TimeAdvanced(at, at)), Optional.empty(),
        dev.compact.access.Actor.system("scheduler")));
  }

  /** When the record has reached, as the engine sees it. */
  public Optional<Instant> reached() {
    return time.reached();
  }

  /**
   * Recreates every read model from the log (and the engine's state with them). Refused, as a write
   * is, while the gate refuses writes: the tables would then show a history the log no longer signs.
   */
  public long rebuild() {
    lock.lock();
    try {
      admit(store.head().seq());
      return projection.rebuild(store);
    } finally {
      lock.unlock();
    }
  }

  /** How many commits wrote how many writes (retries answered from the first attempt and refused writes included). */
  public record CommitStats(long commits, long writes) {}

  public CommitStats commitStats() {
    return writes.stats();
  }

  /** Writes queued for the next batch (for tests). */
  int queued() {
    return writes.queued();
  }

  @Override
  public void close() {
    database.close();
  }
}

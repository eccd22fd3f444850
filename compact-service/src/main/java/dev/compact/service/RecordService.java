package dev.compact.service;

import dev.compact.agreements.Classification;
import dev.compact.agreements.ItemLine;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.engine.NormInstance;
import dev.compact.engine.Transition;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.NewEvent;
import dev.compact.store.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the record and the engine in step. Every write goes through {@link #record}: the events are
 * appended to the log and folded by the engine in one transaction, and the engine's transitions are
 * written to the read models in that same transaction. Another instance's appends are folded in
 * before each write, so several instances over one PostgreSQL agree.
 *
 * <p>This class handles commands: it serialises writes, lets time pass ({@link #tick}) and records
 * the record's own events (versions, keys, signatures). What a write may contain is
 * {@link WritePolicy}'s; the engine's state and the read models are {@link EngineProjection}'s;
 * idempotency keys are scoped by {@link IdempotencyKeys} and answered by the store; the record's
 * own events are checked by {@link Registrations}. It stays a little over 400 lines because it is
 * the one way in for every write: most of it is the write API's overloads and their contracts.
 */
public final class RecordService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordService.class);

  private final Database database;
  private final Engine engine;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();
  private final ReentrantLock lock = new ReentrantLock();
  private final EngineProjection projection;
  private final EventStore store;
  private final WritePolicy policy;
  private final Registrations registrations = new Registrations(this, lock);
  private final List<Consumer<List<Change>>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<ChangeWriter> writers = new java.util.concurrent.CopyOnWriteArrayList<>();


  /**
   * A transition the engine made, with the instance as it stands after it, as published to
   * listeners; {@code cause} is its cause as the read models hold it (events named by time).
   */
  public record Change(long storeSeq, Transition transition, NormInstance instance, String classification, String cause) {
    public boolean isPublic() {
      return classification.equals("public");
    }
  }

  public RecordService(Database database, Engine engine, Clock clock) {
    this.database = database;
    this.engine = engine;
    this.clock = clock;
    ClassificationPolicy levels = new ClassificationPolicy(engine.compact());
    this.projection = new EngineProjection(engine, database, clock, codec, levels, writers, this::store);
    this.store = new EventStore(database, clock, List.of(projection));
    this.policy = new WritePolicy(engine, levels, codec);
    lock.lock();
    try {
      projection.reload();
      long added = store.addMissingLeaves(projection::leafLevel);
      if (added > 0) {
        LOG.info("added {} events recorded before the transparency log to it", added);
      }
      if (projection.appliedSeq() > 0 && projection.countInstances() == 0) {
        LOG.info("read models are empty but the log holds {} events: rebuilding them", projection.appliedSeq());
        rebuild();
      }
    } finally {
      lock.unlock();
    }
  }

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

  public EventCodec codec() {
    return codec;
  }

  public Clock clock() {
    return clock;
  }

  /** Called after each write commits, with its changes; a listener that fails is logged, the write stands. */
  public void onChanges(Consumer<List<Change>> listener) {
    listeners.add(listener);
  }

  /**
   * Writes an event's changes inside the append's transaction, so that they commit or roll back with
   * it: the notifications outbox ({@code dev.compact.notify}). A rebuild of the read models does not
   * call it: what was notified once is not notified again.
   */
  @FunctionalInterface
  public interface ChangeWriter {
    void write(Connection connection, List<Change> changes) throws SQLException;
  }

  public void onChangesInTransaction(ChangeWriter writer) {
    writers.add(writer);
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
   * Appends the service's own events (a replayed history, the scheduler's time) as the system, which
   * no permission check holds: private, so that no request can reach it.
   */
  private List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, List<Event> events, Optional<String> idempotencyKey,
      String actor) {
    return record(streamId, expectedVersion, events, idempotencyKey, dev.compact.access.Actor.system(actor));
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
    Pending write = submit(batch -> appendIn(batch, requestedStream, expectedVersion, build, idempotencyKey, actor, classification));
    for (Consumer<List<Change>> listener : listeners) {
      try {
        listener.accept(write.changes);
      } catch (RuntimeException e) {
        LOG.warn("a change listener failed: {}", e.toString());
      }
    }
    return write.stored;
  }

  /** One write of a batch: its events built, checked and appended on the batch's connection, the head locked. */
  private List<StoredEvent> appendIn(EventStore.Batch batch, String requestedStream, Optional<Long> expectedVersion, Stamped build,
      Optional<String> idempotencyKey, dev.compact.access.Actor actor, Classification classification) throws SQLException {
    WritePolicy.Prepared first = policy.prepare(build.at(projection.now()), actor, classification);
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

  /** A write waiting for the batch that commits it, and what became of it. */
  private static final class Pending {
    final Job job;
    /** The writer, woken when its write is done or when it may lead the next batch. */
    final Thread writer = Thread.currentThread();
    List<StoredEvent> stored;
    List<Change> changes = List.of();
    RuntimeException failure;
    /** Set last, after the fields above: a writer that sees it true sees them too. */
    volatile boolean done;

    Pending(Job job) {
      this.job = job;
    }
  }

  @FunctionalInterface
  private interface Job {
    List<StoredEvent> run(EventStore.Batch batch) throws SQLException;
  }

  /** Writes waiting for a committer, in the order they came. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Pending> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** The batch being written, if any: set and read only with the lock held. */
  private EventStore.Batch current;

  /**
   * Group commit: a write joins the queue; whoever gets the lock writes every write queued by then
   * in one transaction with one commit, in order, each in a savepoint of its own (a write refused for
   * its own reasons leaves the others), and the writes it took are answered only once that commit is
   * done. While one batch commits, the next gathers. A thread that holds the lock
   * already (a history, a tick, a write that lets time pass first) writes alone, at once, so that
   * nothing comes between the writes it makes.
   */
  private Pending submit(Job job) {
    Pending write = new Pending(job);
    if (lock.isHeldByCurrentThread()) {
      if (current != null) {
        throw new IllegalStateException("a write of a batch may not make another write of its own; extend the batch's write instead");
      }
      commit(List.of(write));
    } else {
      queue.add(write);
      // A writer waits for its write to be done without taking the lock: were it to queue for the
      // lock, it would return only after the next batch, and the batches would shrink to a write or
      // two. When the lock is free, the writer at the head of the queue leads the next batch.
      while (!write.done) {
        if (lock.tryLock()) {
          try {
            if (!write.done) {
              List<Pending> batch = new ArrayList<>();
              for (Pending next; (next = queue.poll()) != null; ) {
                batch.add(next);
              }
              commit(batch);
            }
          } finally {
            lock.unlock();
          }
          Pending next = queue.peek();
          if (next != null) {
            java.util.concurrent.locks.LockSupport.unpark(next.writer);
          }
        } else {
          // Woken when done, or when the batch before lets go of the lock; the time-out covers the
          // lock's other holders (a tick, a history), which wake nobody.
          java.util.concurrent.locks.LockSupport.parkNanos(this, 5_000_000);
        }
      }
    }
    if (write.failure != null) {
      throw write.failure;
    }
    return write;
  }

  /** How many commits wrote how many writes (retries answered from the first attempt and refused writes included). */
  public record CommitStats(long commits, long writes) {}

  private volatile CommitStats stats = new CommitStats(0, 0);

  public CommitStats commitStats() {
    return stats;
  }

  /** Writes queued for the next batch (for tests). */
  int queued() {
    return queue.size();
  }

  /** Writes {@code batch} in one transaction, with the lock held. */
  private void commit(List<Pending> batch) {
    stats = new CommitStats(stats.commits() + 1, stats.writes() + batch.size());
    try {
      store.inBatch(transaction -> {
        current = transaction;
        try {
          // Another instance may have appended before this batch locked the head.
          projection.catchUp(transaction.connection());
          for (Pending write : batch) {
            projection.pending.clear();
            try {
              write.stored = transaction.attempt(connection -> write.job.run(transaction));
              write.changes = List.copyOf(projection.pending);
            } catch (NothingToRecord e) {
              // Refused before anything of it was folded: the engine holds exactly what the batch wrote.
              write.failure = e;
            } catch (RuntimeException e) {
              write.failure = e;
              // The engine may have folded events that were undone: fold again what the batch holds.
              projection.reload(transaction.connection());
            }
          }
        } finally {
          current = null;
          projection.pending.clear();
        }
        return null;
      });
    } catch (RuntimeException | Error e) {
      // Not committed: none of the batch was written, and the engine goes back to the committed log.
      for (Pending write : batch) {
        if (write.failure == null) {
          write.failure = e instanceof RuntimeException runtime ? runtime
              : new dev.compact.store.StoreException("the batch of writes failed: " + e, e);
          write.stored = null;
          write.changes = List.of();
        }
      }
      try {
        projection.reload();
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      if (e instanceof Error error) {
        throw error;
      }
    } finally {
      for (Pending write : batch) {
        write.done = true;
        java.util.concurrent.locks.LockSupport.unpark(write.writer);
      }
    }
  }

  /**
   * Before a classified record, lets time pass (publicly) to the moment it happened, so that what
   * time alone does (a deadline passing, an agreement's standing duties beginning) is not taken for
   * an effect of the record and refused as a write-down. Part of the record's write, in its batch.
   */
  private void letTimePass(EventStore.Batch batch, Instant at) throws SQLException {
    projection.catchUp(batch.connection());
    Optional<Instant> reached = projection.reached();
    boolean due = reached.isEmpty() || (at.isAfter(reached.get()) && projection.nextTimer().filter(t -> !t.isAfter(at)).isPresent());
    if (due) {
      appendIn(batch, "clock", Optional.empty(), now -> List.of(new Event.TimeAdvanced(at, clock.instant())), Optional.empty(),
          dev.compact.access.Actor.system("clock"), Classification.PUBLIC);
    }
  }

  /** Event types the record keeps for itself; the engine never sees them. */
  public static final String VERSION_REGISTERED = "agreement-version-registered";
  public static final String KEY_REGISTERED = "party-key-registered";
  public static final String AGREEMENT_SIGNED = "agreement-signed";
  /** A sanctions list version (docs/sanctions-lists.md); read from the log itself by {@code dev.compact.sanctionsregister}, no read model. */
  public static final String LIST_VERSION_RECORDED = "list-version-recorded";
  static final java.util.Set<String> RECORD_ONLY = java.util.Set.of(VERSION_REGISTERED, KEY_REGISTERED, AGREEMENT_SIGNED,
      LIST_VERSION_RECORDED);

  /** True for the record's own event types (versions, keys, signatures), which the engine never sees. */
  public static boolean isRecordOnly(String type) {
    return RECORD_ONLY.contains(type);
  }

  /** A party's public key (PEM), registered once; signatures by that party are checked against it. */
  public record KeyRegistered(String party, String publicKey) {}

  /** A party's signature over an agreement version's canonical hash. */
  public record AgreementSigned(String agreementId, String versionHash, String party, String signature) {}

  /** Appends one record-only event (no engine fold) under the lock, e.g. a key or a signature. */
  public List<StoredEvent> recordOnly(String streamId, String type, Object payload, Optional<String> idempotencyKey, String actor) {
    return recordOnly(streamId, java.util.OptionalLong.empty(), type, payload, idempotencyKey, actor, connection -> null);
  }

  /**
   * As above, refused with a {@link dev.compact.store.ConcurrencyConflict} unless the stream is at
   * {@code expectedVersion}; {@code alongside} writes what the event refers to (a list version's
   * files) in the append's own transaction, so both are kept or neither.
   */
  public List<StoredEvent> recordOnly(String streamId, java.util.OptionalLong expectedVersion, String type, Object payload,
      Optional<String> idempotencyKey, String actor, EventStore.Work<Void> alongside) {
    lock.lock();
    try {
      projection.pending.clear();
      try {
        return store.append(streamId, expectedVersion, connection -> {
          alongside.run(connection);
          return List.of(new NewEvent(type, codec.json(payload), projection.now(), actor));
        }, IdempotencyKeys.scoped(idempotencyKey, actor)).events();
      } catch (RuntimeException e) {
        projection.reload();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }



  /** Registers a party's public key on behalf of an actor: only that party's desk may (checked here, for every way in). */
  public List<StoredEvent> registerKey(KeyRegistered key, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    return registrations.registerKey(key, idempotencyKey, actor);
  }

  /** Records a party's verified signature on behalf of an actor: only that party's desk may sign as it. */
  public List<StoredEvent> sign(AgreementSigned signed, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    return registrations.sign(signed, idempotencyKey, actor);
  }

  /** Registers an agreement version on behalf of an actor: the secretariat's job. */
  public List<StoredEvent> registerVersion(VersionRegistered version, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    WritePolicy.authorize(actor, dev.compact.access.Permissions.registerVersion(actor.roles()));
    return registerVersion(version, idempotencyKey, actor.name());
  }

  /** Registers a checked agreement version; the same version again records nothing and returns the first registration. */
  public List<StoredEvent> registerVersion(VersionRegistered version, Optional<String> idempotencyKey, String actor) {
    return registrations.registerVersion(version, idempotencyKey, actor);
  }


  /** An agreement version's text, registered in the record so that what parties sign is on the chain. */
  public record VersionRegistered(String agreementId, String path, String text, String versionHash, String title, int norms) {}



  /**
   * Records a history of events one by one, each in its own stream, as the system (no permission
   * check): for tests that need a record to rebuild, never reachable from a request. The demo's
   * history goes through the command handler instead ({@code DemoLoader}). Nothing else this
   * instance writes, the scheduler's ticks included, comes between them.
   */
  void recordHistory(List<Event> events, String actor) {
    // Held for the whole history: a scheduler tick between two of its events would move the record to
    // the present, and the next, older event would be refused.
    lock.lock();
    try {
      for (Event event : events) {
        record(WritePolicy.streamOf(event), Optional.empty(), List.of(event), Optional.empty(), actor);
      }
    } finally {
      lock.unlock();
    }
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

  /** True when the log holds no event yet. */
  public boolean isEmpty() {
    return store.head().seq() == 0;
  }

  /**
   * Lets time pass to {@code now}: when a deadline or date has come, records a time-advanced event
   * so that breaches happen without anyone asking. Returns true if it recorded one.
   */
  public boolean tick(Instant now) {
    lock.lock();
    try {
      projection.catchUp();
      if (!projection.due(now)) {
        return false;
      }
      // Checked again with the chain head locked: another instance may have let time pass meanwhile,
      // and then there is nothing left to record. This keeps each tick, not just each transition, exactly-once.
      projection.guard = () -> projection.due(now);
      try {
        record("clock", Optional.empty(), List.of(new Event.TimeAdvanced(now, now)), Optional.empty(), "scheduler");
        return true;
      } catch (NothingToRecord | dev.compact.store.ConcurrencyConflict e) {
        // Another instance let time pass first, or moved the clock stream on: the next tick looks again.
        return false;
      } finally {
        projection.guard = null;
      }
    } finally {
      lock.unlock();
    }
  }


  /** A guarded write found, once it held the lock, that it was no longer needed. */
  static final class NothingToRecord extends RuntimeException {
    NothingToRecord() {
      super("nothing to record", null, false, false);
    }
  }

  /** When the record has reached, as the engine sees it. */
  public Optional<Instant> reached() {
    lock.lock();
    try {
      return projection.reached();
    } finally {
      lock.unlock();
    }
  }

  /** Recreates every read model from the log (and the engine's state with them). */
  public long rebuild() {
    lock.lock();
    try {
      projection.forget();
      projection.rebuilding = true;
      return store.rebuild();
    } finally {
      projection.rebuilding = false;
      projection.pending.clear();
      lock.unlock();
    }
  }




  @Override
  public void close() {
    database.close();
  }


  static String items(List<ItemLine> items) {
    return items.stream().map(ItemLine::display).collect(Collectors.joining("; "));
  }
}

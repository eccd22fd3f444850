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
import java.util.ArrayList;
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
 * <p>This class serialises writes (group commit) and is the one way in for them. What a write may
 * contain is {@link WritePolicy}'s; the engine's state and the read models are
 * {@link EngineProjection}'s; who hears of a write's transitions is {@link ChangeFeed}'s; when time
 * passes is {@link TimeKeeper}'s; idempotency keys are scoped by {@link IdempotencyKeys} and
 * answered by the store; the record's own events (versions, keys, signatures) are
 * {@link Registrations}'.
 */
public final class RecordService implements AutoCloseable {
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

  public RecordService(Database database, Engine engine, Clock clock) {
    this.database = database;
    this.clock = clock;
    ClassificationPolicy levels = new ClassificationPolicy(engine.compact());
    this.projection = new EngineProjection(engine, database, clock, codec, levels, feed, this::store);
    this.store = new EventStore(database, clock, List.of(projection));
    this.policy = new WritePolicy(engine, levels, codec);
    this.time = new TimeKeeper(projection, lock);
    this.registrations = new Registrations(this, projection, lock);
    lock.lock();
    try {
      projection.open(store);
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

  /** The record's own events: keys, signatures, agreement versions, list versions. */
  public Registrations registrations() {
    return registrations;
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
    Pending write = submit(batch -> appendIn(batch, requestedStream, expectedVersion, build, idempotencyKey, actor, classification));
    feed.committed(write.changes);
    return write.stored;
  }

  /** One write of a batch: its events built, checked and appended on the batch's connection, the head locked. */
  private List<StoredEvent> appendIn(dev.compact.store.AppendBatch batch, String requestedStream, Optional<Long> expectedVersion, Stamped build,
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
    List<ChangeFeed.Change> changes = List.of();
    RuntimeException failure;
    /** Set last, after the fields above: a writer that sees it true sees them too. */
    volatile boolean done;

    Pending(Job job) {
      this.job = job;
    }
  }

  @FunctionalInterface
  private interface Job {
    List<StoredEvent> run(dev.compact.store.AppendBatch batch) throws SQLException;
  }

  /** Writes waiting for a committer, in the order they came. */
  private final java.util.concurrent.ConcurrentLinkedQueue<Pending> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** The batch being written, if any: set and read only with the lock held. */
  private dev.compact.store.AppendBatch current;

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
          projection.catchUp(transaction.connection(), transaction.head().seq());
          for (Pending write : batch) {
            projection.pending.clear();
            // Run again, write by write, when the batch as a whole could not stand (see EventStore#inBatch).
            write.failure = null;
            write.stored = null;
            write.changes = List.of();
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
      }, projection::reload);
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

  /** True when the log holds no event yet. */
  public boolean isEmpty() {
    return store.head().seq() == 0;
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

  /** Recreates every read model from the log (and the engine's state with them). */
  public long rebuild() {
    lock.lock();
    try {
      return projection.rebuild(store);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    database.close();
  }
}

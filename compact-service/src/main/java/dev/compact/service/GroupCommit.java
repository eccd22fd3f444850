package dev.compact.service;

import dev.compact.store.AppendBatch;
import dev.compact.store.EventStore;
import dev.compact.store.StoreException;
import dev.compact.store.StoredEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: a write joins the queue; whoever gets the record's lock writes every write queued by
 * then in one transaction with one commit, in order (a write refused for its own reasons leaves the
 * others, see {@link AppendBatch#attempt}), and the writes it took are answered only once that
 * commit is done. While one batch commits, the next gathers. A thread that holds the lock already (a
 * history, a tick, a write that lets time pass first) writes alone, at once, so that nothing comes
 * between the writes it makes. The batch's rows are held and sent together when it ends
 * ({@link EventStore#inBatch(EventStore.BatchWork, Runnable)}).
 */
final class GroupCommit {
  private final ReentrantLock lock;
  private final EventStore store;
  private final EngineProjection projection;
  /** Writes waiting for a committer, in the order they came. */
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  /** The batch being written, if any: set and read only with the lock held. */
  private AppendBatch current;
  private volatile RecordService.CommitStats stats = new RecordService.CommitStats(0, 0);

  GroupCommit(ReentrantLock lock, EventStore store, EngineProjection projection) {
    this.lock = lock;
    this.store = store;
    this.projection = projection;
  }

  /** One write: its events built, checked and appended on the batch's connection, the head locked; it may run twice. */
  @FunctionalInterface
  interface Job {
    List<StoredEvent> run(AppendBatch batch) throws SQLException;
  }

  /** A write waiting for the batch that commits it, and what became of it. */
  static final class Pending {
    private final Job job;
    /** The writer, woken when its write is done or when it may lead the next batch. */
    private final Thread writer = Thread.currentThread();
    private List<StoredEvent> stored;
    private List<ChangeFeed.Change> changes = List.of();
    private RuntimeException failure;
    /** Set last, after the fields above: a writer that sees it true sees them too. */
    private volatile boolean done;

    private Pending(Job job) {
      this.job = job;
    }

    List<StoredEvent> stored() {
      return stored;
    }

    /** The engine's transitions the write made, for the listeners told after the commit. */
    List<ChangeFeed.Change> changes() {
      return changes;
    }
  }

  /** Writes {@code job} with the next batch and returns once that batch committed; throws what refused the write. */
  Pending submit(Job job) {
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
            LockSupport.unpark(next.writer);
          }
        } else {
          // Woken when done, or when the batch before lets go of the lock; the time-out covers the
          // lock's other holders (a tick, a history), which wake nobody.
          LockSupport.parkNanos(this, 5_000_000);
        }
      }
    }
    if (write.failure != null) {
      throw write.failure;
    }
    return write;
  }

  RecordService.CommitStats stats() {
    return stats;
  }

  /** Writes queued for the next batch (for tests). */
  int queued() {
    return queue.size();
  }

  /** Writes {@code batch} in one transaction, with the lock held. */
  private void commit(List<Pending> batch) {
    stats = new RecordService.CommitStats(stats.commits() + 1, stats.writes() + batch.size());
    try {
      store.inBatch(transaction -> {
        current = transaction;
        try {
          // Another instance may have appended before this batch locked the head.
          projection.catchUp(transaction.connection(), transaction.head().seq());
          for (Pending write : batch) {
            projection.pending.clear();
            // Reset: the batch runs again, write by write, when it could not stand as a whole.
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
          write.failure = e instanceof RuntimeException runtime ? runtime : new StoreException("the batch of writes failed: " + e, e);
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
        LockSupport.unpark(write.writer);
      }
    }
  }
}

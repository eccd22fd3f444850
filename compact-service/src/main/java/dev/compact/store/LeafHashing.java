package dev.compact.store;

import dev.compact.transparency.Hasher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The leaf hashes of one insert's events and the subtrees they complete. For a large insert they are
 * computed on a thread of their own while the appending thread chains and writes the events, so that
 * the tree's hashing (a content digest, a leaf hash and about one interior node per event) does not
 * lengthen the append on a machine with a core to spare; the appender takes each leaf as it binds its
 * row and the subtrees once the rows are sent. The hashes are the same whichever thread computes them:
 * every input (the salts included) is fixed before the hashing starts.
 */
final class LeafHashing {
  /**
   * From this many events an insert hashes beside its rows. Below it, handing the work over (waking
   * the thread, waiting for its first leaf) costs about as much as the hashing itself (well under a
   * microsecond per event), and a single event, the service's usual append, gains nothing.
   */
  static final int BESIDE_FROM = 64;

  /**
   * One thread for every store of the process: appends to one log are serialised by its head lock, so
   * one insert at a time hashes, and the thread is idle (blocked, no CPU) between inserts. A daemon,
   * so that it never keeps the process alive.
   */
  private static final class Worker {
    static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The hashing thread's name, by which {@code compact bench log} counts its CPU time with the appender's. */
  static final String THREAD_NAME = "compact-log-hashing";

  private final byte[][] salts;
  private final byte[][] leaves;
  /** Leaves hashed so far: the worker publishes each one before it counts it. */
  private final AtomicInteger ready = new AtomicInteger();
  /** The appender while it is parked waiting for a leaf: the worker wakes it after each one it counts. */
  private volatile Thread waiting;
  private final CompletableFuture<LogTree.Growth> done;

  private LeafHashing(byte[][] salts, byte[][] leaves, CompletableFuture<LogTree.Growth> done) {
    this.salts = salts;
    this.leaves = leaves;
    this.done = done;
  }

  /**
   * Starts hashing the leaves of {@code events}, the next ones of the log from event {@code first + 1},
   * versions {@code version + 1} on of stream {@code streamId}, recorded at {@code recordedAt}, with
   * fresh salts, and the subtrees they complete on the tree whose edge at {@code first} is {@code at}.
   */
  static LeafHashing start(long first, String streamId, long version, String recordedAt, List<NewEvent> events, LogTree.Edge at) {
    byte[][] salts = LogTree.salts(events.size());
    byte[][] leaves = new byte[events.size()][];
    CompletableFuture<LogTree.Growth> done = new CompletableFuture<>();
    LeafHashing hashing = new LeafHashing(salts, leaves, done);
    Runnable work = () -> {
      try {
        Hasher hasher = new Hasher();
        for (int i = 0; i < leaves.length; i++) {
          NewEvent event = events.get(i);
          leaves[i] = LogTree.leafHash(hasher, first + i + 1, streamId, version + i + 1, event.type(), event.payload(),
              event.occurredAt().toString(), recordedAt, event.actor(), salts[i], event.classification());
          hashing.ready.set(i + 1);
          hashing.wake();
        }
        done.complete(LogTree.grow(first, leaves, hasher, at));
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
      hashing.wake();
    };
    if (events.size() >= BESIDE_FROM) {
      Worker.THREAD.execute(work);
    } else {
      work.run();
    }
    return hashing;
  }

  /** The salt of event {@code i} of the insert. */
  byte[] salt(int i) {
    return salts[i];
  }

  private void wake() {
    Thread appender = waiting;
    if (appender != null) {
      LockSupport.unpark(appender);
    }
  }

  /**
   * The leaf hash of event {@code i}, waiting for it if the hashing has not reached it: briefly spinning
   * (the thread is usually ahead of the appender, or a leaf away), then parked until the worker counts
   * another leaf, so that an appender whose worker was slow to start (a busy machine) still takes the
   * leaves as they come instead of waiting for them all.
   */
  byte[] leaf(int i) {
    for (int spins = 0; ready.get() <= i; spins++) {
      if (done.isDone()) {
        // All hashed, or the hashing failed: then this throws its failure.
        growth();
        break;
      }
      if (spins < 200) {
        Thread.onSpinWait();
      } else {
        // Announce, then look again: a leaf counted between the look and the park wakes it at once.
        waiting = Thread.currentThread();
        if (ready.get() <= i && !done.isDone()) {
          LockSupport.park(this);
        }
        waiting = null;
      }
    }
    return leaves[i];
  }

  /** The subtrees the insert completes and the tree's new edge, once all are hashed; a failure of the hashing is thrown here as it was. */
  LogTree.Growth growth() {
    try {
      return done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}

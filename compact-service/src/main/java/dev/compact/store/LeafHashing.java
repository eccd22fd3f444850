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
 * a leaf depends only on its event and its salt, and the thread that hashes it draws the salt first and
 * publishes both together.
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
  private final boolean beside;

  private LeafHashing(byte[][] salts, byte[][] leaves, CompletableFuture<LogTree.Growth> done, boolean beside) {
    this.salts = salts;
    this.leaves = leaves;
    this.done = done;
    this.beside = beside;
  }

  /**
   * Starts hashing the leaves of {@code events}, the next ones of the log from event {@code first + 1},
   * versions {@code version + 1} on of stream {@code streamId}, recorded at {@code recordedAt}, with
   * fresh salts, and the subtrees they complete on the tree whose edge at {@code first} is {@code at}.
   * Beside the insert, the hashing thread draws the salts too, a step of {@link #SALT_STEP} ahead of the
   * leaves it hashes, so that the appending thread spends nothing on them.
   */
  static LeafHashing start(long first, String streamId, long version, String recordedAt, List<NewEvent> events, LogTree.Edge at) {
    boolean beside = events.size() >= BESIDE_FROM;
    byte[][] salts = beside ? new byte[events.size()][] : LogTree.salts(events.size());
    byte[][] leaves = new byte[events.size()][];
    CompletableFuture<LogTree.Growth> done = new CompletableFuture<>();
    LeafHashing hashing = new LeafHashing(salts, leaves, done, beside);
    Runnable work = () -> {
      try {
        Hasher hasher = new Hasher();
        for (int i = 0; i < leaves.length; i++) {
          if (salts[i] == null) {
            LogTree.salts(salts, i, Math.min(leaves.length, i + SALT_STEP));
          }
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
    if (beside) {
      Worker.THREAD.execute(work);
    } else {
      work.run();
    }
    return hashing;
  }

  /** Salts the hashing thread draws at a time: one call of the generator per step, and the first leaf not long in coming. */
  private static final int SALT_STEP = 64;

  /** True when the leaves are hashed on the hashing thread, beside the insert; false when {@link #start} hashed them all. */
  boolean beside() {
    return beside;
  }

  /** The salt of event {@code i} of the insert: only once {@link #leaf} returned that event's leaf, which publishes both. */
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

package dev.compact.store;

import dev.compact.transparency.Hasher;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The leaf hashes of one insert's events and the subtrees they complete. For a large insert they are
 * computed on a thread of their own while the appending thread chains and writes the events, so that
 * the tree's hashing (a content digest, a leaf hash and about one interior node per event) does not
 * lengthen the append on a machine with a core to spare; the appender takes each leaf as it binds its
 * row and the subtrees once the rows are sent. The work is cut into steps of {@link #STEP} leaves, each
 * claimed once, by whichever thread comes first: should the appender need a leaf whose step the hashing
 * thread has not begun (it was not scheduled, on a busy machine, or was hashing another store's
 * insert), the appender hashes that step itself instead of waiting, so an append is never slower for
 * the thread being late than if it had done all the hashing alone. The hashes are the same whichever
 * thread computes them: a leaf depends only on its event and its salt, and the thread that hashes a
 * step draws its salts first and publishes them with its leaves.
 */
final class LeafHashing {
  /**
   * From this many events an insert hashes beside its rows. Below it, handing the work over (waking
   * the thread, waiting for its first leaf) costs about as much as the hashing itself (well under a
   * microsecond per event), and a single event, the service's usual append, gains nothing.
   */
  static final int BESIDE_FROM = 64;

  /** Leaves per step: one call of the salt generator each, and little for the appender to wait for if the other thread has one in hand. */
  static final int STEP = 32;

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

  private final long first;
  private final String streamId;
  private final long version;
  private final String recordedAt;
  private final List<NewEvent> events;
  private final LogTree.Edge at;
  private final byte[][] salts;
  private final byte[][] leaves;
  /** The next step nobody has claimed: a thread claims a step by moving this past it. */
  private final AtomicInteger claimed = new AtomicInteger();
  /** 1 for each step whose salts and leaves are all written: the claimer publishes them by setting it. */
  private final AtomicIntegerArray hashed;
  /** Claimed by the thread that hashes the subtrees, once every leaf is. */
  private final AtomicBoolean growing = new AtomicBoolean();
  /** The appender while it is parked waiting for a step: the worker wakes it after each one it ends. */
  private volatile Thread waiting;
  private final CompletableFuture<LogTree.Growth> done = new CompletableFuture<>();
  private final boolean beside;

  private LeafHashing(long first, String streamId, long version, String recordedAt, List<NewEvent> events, LogTree.Edge at,
      boolean beside) {
    this.first = first;
    this.streamId = streamId;
    this.version = version;
    this.recordedAt = recordedAt;
    this.events = events;
    this.at = at;
    this.salts = new byte[events.size()][];
    this.leaves = new byte[events.size()][];
    this.hashed = new AtomicIntegerArray((events.size() + STEP - 1) / STEP);
    this.beside = beside;
  }

  /**
   * Starts hashing the leaves of {@code events}, the next ones of the log from event {@code first + 1},
   * versions {@code version + 1} on of stream {@code streamId}, recorded at {@code recordedAt}, with
   * fresh salts, and the subtrees they complete on the tree whose edge at {@code first} is {@code at}:
   * beside the insert from {@link #BESIDE_FROM} events, otherwise all of it here and now.
   */
  static LeafHashing start(long first, String streamId, long version, String recordedAt, List<NewEvent> events, LogTree.Edge at) {
    return start(first, streamId, version, recordedAt, events, at, Worker.THREAD);
  }

  /** The same, the hashing beside handed to {@code beside} (tests give one that is late, or never runs it). */
  static LeafHashing start(long first, String streamId, long version, String recordedAt, List<NewEvent> events, LogTree.Edge at,
      Executor beside) {
    boolean large = events.size() >= BESIDE_FROM;
    LeafHashing hashing = new LeafHashing(first, streamId, version, recordedAt, events, at, large);
    if (large) {
      beside.execute(hashing::work);
    } else {
      hashing.work();
    }
    return hashing;
  }

  /** The hashing thread's part: every step nobody has claimed, then the subtrees if every leaf is hashed by then. */
  private void work() {
    try {
      Hasher hasher = new Hasher();
      for (int step = claimed.get(); step < hashed.length() && !done.isDone(); step = claimed.get()) {
        if (claimed.compareAndSet(step, step + 1)) {
          hash(step, hasher);
          wake();
        }
      }
      if (allHashed()) {
        grow(hasher);
      }
    } catch (RuntimeException | Error e) {
      done.completeExceptionally(e);
    }
    wake();
  }

  /** Draws the salts of {@code step} and hashes its leaves, then publishes them. */
  private void hash(int step, Hasher hasher) {
    int from = step * STEP;
    int to = Math.min(leaves.length, from + STEP);
    LogTree.salts(salts, from, to);
    for (int i = from; i < to; i++) {
      NewEvent event = events.get(i);
      leaves[i] = LogTree.leafHash(hasher, first + i + 1, streamId, version + i + 1, event.type(), event.payload(),
          event.occurredAt().toString(), recordedAt, event.actor(), salts[i], event.classification());
    }
    hashed.set(step, 1);
  }

  private boolean allHashed() {
    for (int step = hashed.length() - 1; step >= 0; step--) {
      if (hashed.get(step) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Hashes the subtrees, unless the other thread has claimed them. */
  private void grow(Hasher hasher) {
    if (growing.compareAndSet(false, true)) {
      done.complete(LogTree.grow(first, leaves, hasher, at));
    }
  }

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

  /** The appending thread's own hasher, made the first time it hashes a step itself. */
  private Hasher own;

  /**
   * The leaf hash of event {@code i}. If its step is not hashed yet: hashed here if nobody has begun it,
   * otherwise waited for (the other thread is in the middle of it), briefly spinning, then parked
   * until that thread ends a step.
   */
  byte[] leaf(int i) {
    int step = i / STEP;
    for (int spins = 0; hashed.get(step) == 0; spins++) {
      if (done.isCompletedExceptionally()) {
        // The hashing failed: this throws its failure.
        growth();
      }
      if (claimed.compareAndSet(step, step + 1)) {
        try {
          hash(step, own == null ? (own = new Hasher()) : own);
        } catch (RuntimeException | Error e) {
          done.completeExceptionally(e);
          throw e;
        }
        break;
      }
      if (spins < 200) {
        Thread.onSpinWait();
      } else {
        // Announce, then look again: a step ended between the look and the park wakes it at once.
        waiting = Thread.currentThread();
        if (hashed.get(step) == 0 && !done.isDone()) {
          LockSupport.park(this);
        }
        waiting = null;
      }
    }
    return leaves[i];
  }

  /**
   * The subtrees the insert completes and the tree's new edge, once all leaves are hashed (the appender
   * asks once it has taken every leaf): hashed here if the hashing thread has not begun them; a failure
   * of the hashing is thrown here as it was.
   */
  LogTree.Growth growth() {
    if (!done.isDone() && allHashed()) {
      grow(own == null ? (own = new Hasher()) : own);
    }
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

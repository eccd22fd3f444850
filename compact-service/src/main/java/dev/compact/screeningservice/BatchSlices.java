package dev.compact.screeningservice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The batch route's screening threads, one per core, and the order in which they take the slices of
 * the batches in flight. A plain queue (first come, first served) made a batch of ten wait behind
 * every slice of a batch of a thousand that came a moment before it. Here a free thread takes the
 * next slice of the batch with the fewest items not yet begun (the earliest of those that tie), so
 * a short batch passes a long one at the next slice, and of two batches of the same size the one
 * begun first goes on first (a client that keeps two requests in flight still gets the first answer
 * as soon as it can). So that a stream of short batches cannot hold a long one back for ever, every
 * {@value #OLDEST_EVERY}th slice taken goes to the batch waiting longest: it keeps at least that
 * share of the threads whatever comes after it.
 */
final class BatchSlices implements AutoCloseable {
  /** Every this many slices taken, one goes to the batch that came first, whatever its size. */
  static final int OLDEST_EVERY = 4;

  /** One batch: its slices' bounds, how far they are taken and done, and its answers in order. */
  private static final class Batch<T> {
    final long arrival;
    final int[] bounds;
    final IntFunction<T> answer;
    final Object[] results;
    final CompletableFuture<List<T>> done = new CompletableFuture<>();
    int next;
    int finished;

    Batch(long arrival, int[] bounds, IntFunction<T> answer) {
      this.arrival = arrival;
      this.bounds = bounds;
      this.answer = answer;
      this.results = new Object[bounds[bounds.length - 1]];
    }

    int slices() {
      return bounds.length - 1;
    }

    /** Items of slices not begun yet. */
    int waiting() {
      return bounds[bounds.length - 1] - bounds[next];
    }

    @SuppressWarnings("unchecked")
    List<T> answers() {
      return (List<T>) Arrays.asList(results);
    }
  }

  /** A slice taken by a thread: the batch and its index. */
  private record Taken(Batch<?> batch, int slice) {}

  private final Object lock = new Object();
  /** Batches with slices not yet begun, in the order they came. */
  private final List<Batch<?>> waiting = new ArrayList<>();
  private final List<Thread> threads;
  private long arrivals;
  private long taken;
  private boolean closed;

  BatchSlices(int threadCount, String name) {
    List<Thread> started = new ArrayList<>(threadCount);
    for (int i = 0; i < threadCount; i++) {
      started.add(Thread.ofPlatform().name(name + i).daemon().start(this::work));
    }
    threads = List.copyOf(started);
  }

  /**
   * Queues a batch cut at {@code bounds} (slice {@code s} is items {@code bounds[s]} to {@code
   * bounds[s + 1]}); its answers complete the future in item order, or its first failure fails it.
   */
  <T> CompletableFuture<List<T>> submit(int[] bounds, IntFunction<T> answer) {
    Batch<T> batch;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the screening threads are stopped");
      }
      batch = new Batch<>(arrivals++, bounds.clone(), answer);
      waiting.add(batch);
      lock.notifyAll();
    }
    return batch.done;
  }

  /** Takes back the slices of {@code future}'s batch that no thread has begun (one already begun runs to its end). */
  void cancel(CompletableFuture<?> future) {
    synchronized (lock) {
      waiting.removeIf(b -> b.done == future);
    }
    future.cancel(false);
  }

  private void work() {
    while (true) {
      Taken next;
      try {
        next = take();
      } catch (InterruptedException e) {
        return;
      }
      run(next.batch(), next.slice());
    }
  }

  private Taken take() throws InterruptedException {
    synchronized (lock) {
      while (waiting.isEmpty()) {
        if (closed) {
          throw new InterruptedException();
        }
        lock.wait();
      }
      Batch<?> chosen = waiting.getFirst();
      if (++taken % OLDEST_EVERY != 0) {
        for (Batch<?> b : waiting) {
          if (b.waiting() < chosen.waiting()) {
            chosen = b;
          }
        }
      }
      int slice = chosen.next++;
      if (chosen.next == chosen.slices()) {
        waiting.remove(chosen);
      }
      return new Taken(chosen, slice);
    }
  }

  private <T> void run(Batch<T> batch, int slice) {
    if (batch.done.isDone()) {
      return;
    }
    try {
      for (int i = batch.bounds[slice]; i < batch.bounds[slice + 1]; i++) {
        batch.results[i] = batch.answer.apply(i);
      }
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        waiting.remove(batch);
      }
      batch.done.completeExceptionally(e);
      return;
    }
    boolean last;
    // Each thread counts its slice under the batch's monitor after writing its answers, so the thread that
    // counts the last sees every slice's answers.
    synchronized (batch) {
      last = ++batch.finished == batch.slices();
    }
    if (last) {
      batch.done.complete(batch.answers());
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      for (Batch<?> b : waiting) {
        b.done.cancel(false);
      }
      waiting.clear();
      lock.notifyAll();
    }
    threads.forEach(Thread::interrupt);
  }
}

package dev.compact.screeningservice;

import dev.compact.sanctions.ListSnapshots;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The screening engine over the lists configured for the compact (for now the bundled OFAC 2021
 * and UN snapshots). The index is built once, in the background as soon as the service is ready
 * (or on the first screening, if that comes first or preloading is off), then shared: immutable
 * and thread-safe, never rebuilt per request.
 */
@Component
public class ScreeningService implements AutoCloseable {
  private final boolean preload;
  /** Screens the queries of a batch on every core; bounded, so that batches cannot swamp the machine. */
  private final BatchSlices batchWorkers;
  private final int cores = Runtime.getRuntime().availableProcessors();
  private final CompletableFuture<Screener> built = new CompletableFuture<>();
  /** Completes once the preload thread has built the index and warmed the matcher (readiness waits for it). */
  private final CompletableFuture<Void> warmed = new CompletableFuture<>();
  private volatile @Nullable Screener screener;
  private volatile @Nullable List<SanctionsList> lists;

  public ScreeningService(@Value("${compact.screening.preload:true}") boolean preload) {
    this.preload = preload;
    this.batchWorkers = new BatchSlices(cores, "screening-batch-");
  }

  @EventListener(ApplicationReadyEvent.class)
  void preload() {
    if (preload) {
      Thread.ofPlatform().name("screening-index").daemon().start(() -> {
        try {
          warm(screener());
          warmed.complete(null);
        } catch (RuntimeException | Error e) {
          warmed.completeExceptionally(e);
          throw e;
        }
      });
    }
  }

  /** Whether the index is built and the matcher warmed as the service starts; otherwise on the first screening. */
  public boolean preloads() {
    return preload;
  }

  /** Completes when the start-up index build and warm-up are done (never, with preloading off). */
  public CompletableFuture<Void> whenWarm() {
    return warmed.copy();
  }

  /** Listed names screened right after the index is built. */
  static final int WARM_UP_QUERIES = 2_000;

  /**
   * Screens listed names, spread over the index, so that the JIT has compiled the matcher before
   * the first requests (cold, a screening costs several times its CPU once compiled). Runs on the
   * preload thread, after the build; the readiness probe says OUT_OF_SERVICE until it ends
   * ({@link ScreeningHealthIndicator}), though requests that arrive meanwhile are answered all the same.
   */
  static void warm(Screener screener) {
    int entities = screener.index().entityCount();
    int queries = Math.min(WARM_UP_QUERIES, entities);
    for (int k = 0; k < queries; k++) {
      var entity = screener.index().entityAt((int) ((long) k * entities / queries));
      screener.screen(dev.compact.screening.ScreeningQuery.of(entity.primaryName().full()), 10);
    }
  }

  public Screener screener() {
    Screener s = screener;
    if (s == null) {
      synchronized (this) {
        s = screener;
        if (s == null) {
          List<SanctionsList> bundled = ListSnapshots.fromEnvironment(System.getenv(), System.getProperty("user.home")).bundled();
          lists = bundled;
          s = new Screener(ScreeningIndex.build(bundled));
          screener = s;
          built.complete(s);
        }
      }
    }
    return s;
  }

  /**
   * Makes {@code replacement} the screener every later request uses (the index for the record's list
   * versions in force, built beside the old one): one reference swap, so a request sees either index
   * whole, never one half-built.
   */
  public synchronized void use(Screener replacement) {
    lists = replacement.index().lists();
    screener = replacement;
    built.complete(replacement);
  }

  /** Completes with the one screener once its index is built, whoever built it. */
  public CompletableFuture<Screener> whenBuilt() {
    return built.copy();
  }

  public List<SanctionsList> lists() {
    // From the screener itself, so that a swap between two reads cannot pair one index with another's lists.
    return screener().index().lists();
  }

  /**
   * Answers {@code count} items in order, {@code answer.apply(i)} for each, spread over the cores.
   * A batch of a few items is answered on the calling thread. A larger one is cut into slices (at
   * least four per core, at most {@link #SLICE} items each) that all go to the batch threads, one
   * per core ({@link BatchSlices}): with several batches in flight the matcher still runs on one
   * thread per core (not two or more threads per core contending for the caches); a short batch
   * passes a long one at the next slice instead of waiting for it to end, while of two batches of
   * the same size the first is answered first (so a client that keeps two batches in flight gets
   * the first answer back as soon as it can); and no core idles at the end of a batch while the
   * other finishes a long half.
   */
  public <T> List<T> inParallel(int count, IntFunction<T> answer) {
    if (count < 8) {
      return answerRange(0, count, answer);
    }
    int slices = Math.max(Math.min(count, cores * 4), (count + SLICE - 1) / SLICE);
    int[] bounds = new int[slices + 1];
    for (int slice = 0; slice <= slices; slice++) {
      bounds[slice] = (int) ((long) count * slice / slices);
    }
    CompletableFuture<List<T>> all = batchWorkers.submit(bounds, answer);
    try {
      return all.get();
    } catch (InterruptedException e) {
      batchWorkers.cancel(all);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while screening a batch", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** The most items of one slice of a batch: small enough that the cores finish a batch together. */
  private static final int SLICE = 32;

  private static <T> List<T> answerRange(int from, int to, IntFunction<T> answer) {
    List<T> part = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      part.add(answer.apply(i));
    }
    return part;
  }

  @Override
  public void close() {
    batchWorkers.close();
  }
}

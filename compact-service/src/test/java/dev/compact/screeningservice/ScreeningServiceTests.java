package dev.compact.screeningservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the batch route's queries are spread over the cores (#17). */
class ScreeningServiceTests {

  private final int cores = Runtime.getRuntime().availableProcessors();

  @Test
  void answersEveryItemInOrderWhateverTheBatchSize() {
    try (ScreeningService service = new ScreeningService(false)) {
      for (int count : List.of(1, 7, 8, 9, 33, 250, 1000)) {
        assertThat(service.inParallel(count, i -> i * 2)).as("%d items", count)
            .containsExactlyElementsOf(IntStream.range(0, count).map(i -> i * 2).boxed().toList());
      }
    }
  }

  @Test
  void screensOnAtMostOneThreadPerCoreWithSeveralBatchesInFlight() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (ScreeningService service = new ScreeningService(false)) {
      List<Future<List<Integer>>> batches = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        batches.add(callers.submit(() -> {
          started.await();
          return service.inParallel(200, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            running.decrementAndGet();
            return i;
          });
        }));
      }
      started.countDown();
      for (Future<List<Integer>> batch : batches) {
        assertThat(batch.get()).hasSize(200);
      }
    } finally {
      callers.shutdownNow();
    }
    // Before #17's change each batch screened one share on its own request thread beside the workers:
    // four batches in flight ran the matcher on up to cores + 4 threads.
    assertThat(most.get()).isLessThanOrEqualTo(cores);
  }
}

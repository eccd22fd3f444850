package dev.compact.screeningservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The order in which the batch route's screening threads take the slices of the batches in flight
 * (#17 review): one thread, a first slice held on a latch while the other batches queue, then the
 * order in which the items were answered. No timing: the order is all that is asserted.
 */
class BatchSlicesTests {

  /** Answers record "batch:item" in the order they are answered. */
  private final List<String> answered = new CopyOnWriteArrayList<>();

  private IntFunction<Integer> recording(String batch) {
    return i -> {
      answered.add(batch + ":" + i);
      return i;
    };
  }

  /** Slices of {@code size} items each, {@code slices} of them. */
  private static int[] even(int slices, int size) {
    int[] bounds = new int[slices + 1];
    for (int s = 0; s <= slices; s++) {
      bounds[s] = s * size;
    }
    return bounds;
  }

  /** A long batch whose first item waits for {@code gate}, having said on {@code started} that it began. */
  private IntFunction<Integer> heldFirst(CountDownLatch started, CountDownLatch gate) {
    IntFunction<Integer> record = recording("long");
    return i -> {
      if (i == 0) {
        started.countDown();
        try {
          gate.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return record.apply(i);
    };
  }

  @Test
  void aShortBatchPassesALongOneAtItsNextSliceInsteadOfWaitingForItsEnd() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    try (BatchSlices slices = new BatchSlices(1, "test-")) {
      CompletableFuture<List<Integer>> longBatch = slices.submit(even(8, 10), heldFirst(started, gate));
      started.await();
      CompletableFuture<List<Integer>> shortBatch = slices.submit(even(2, 2), recording("short"));
      gate.countDown();

      assertThat(shortBatch.get()).containsExactly(0, 1, 2, 3);
      assertThat(longBatch.get()).hasSize(80);
    }
    // A queue in arrival order answered all 80 long items first. Now the long batch's slice under way ends,
    // then the short batch's two slices go, before the long batch's second.
    assertThat(answered.subList(0, 14)).containsExactly("long:0", "long:1", "long:2", "long:3", "long:4", "long:5", "long:6",
        "long:7", "long:8", "long:9", "short:0", "short:1", "short:2", "short:3");
    assertThat(answered).hasSize(84);
  }

  @Test
  void ofTwoBatchesOfOneSizeTheOneBegunFirstIsAnsweredFirst() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    try (BatchSlices slices = new BatchSlices(1, "test-")) {
      CompletableFuture<List<Integer>> first = slices.submit(even(3, 2), heldFirst(started, gate));
      started.await();
      CompletableFuture<List<Integer>> second = slices.submit(even(3, 2), recording("second"));
      gate.countDown();
      first.get();
      second.get();
    }
    // The client keeps two requests of one size in flight: interleaving them would delay the first answer.
    assertThat(answered).containsExactly("long:0", "long:1", "long:2", "long:3", "long:4", "long:5", "second:0", "second:1",
        "second:2", "second:3", "second:4", "second:5");
  }

  @Test
  void shortBatchesCannotHoldALongOneBackForEver() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = new CountDownLatch(1);
    List<CompletableFuture<List<Integer>>> shorts = new CopyOnWriteArrayList<>();
    try (BatchSlices slices = new BatchSlices(1, "test-")) {
      CompletableFuture<List<Integer>> longBatch = slices.submit(even(40, 1), heldFirst(started, gate));
      started.await();
      for (int b = 0; b < 6; b++) {
        shorts.add(slices.submit(even(2, 1), recording("short" + b)));
      }
      gate.countDown();
      longBatch.get();
      for (CompletableFuture<List<Integer>> s : shorts) {
        s.get();
      }
    }
    // Every fourth slice taken goes to the batch waiting longest: the long batch's slices 1, 2 and 3 are the
    // 4th, 8th and 12th taken, though each short batch has fewer items waiting.
    assertThat(answered.get(3)).isEqualTo("long:1");
    assertThat(answered.get(7)).isEqualTo("long:2");
    assertThat(answered.get(11)).isEqualTo("long:3");
    assertThat(answered).hasSize(52);
  }

  @Test
  void aFailedSliceFailsItsBatchAndNoOther() throws Exception {
    try (BatchSlices slices = new BatchSlices(2, "test-")) {
      CompletableFuture<List<Integer>> failing = slices.submit(even(4, 3), i -> {
        if (i == 4) {
          throw new IllegalArgumentException("item 4");
        }
        return i;
      });
      CompletableFuture<List<Integer>> fine = slices.submit(even(4, 3), recording("fine"));

      assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalArgumentException.class);
      assertThat(fine.get()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }
  }
}

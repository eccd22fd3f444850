package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The screening bench compares CPU per query at scale with the real lists' (issue #17); a run too
 * slow to cover the whole query mix must still measure a sample of all of it, not one set's first
 * queries.
 */
class ScreeningBenchMixTests {

  /** The bench's mix as it is read: UN positives, then the US and the global negatives. */
  private static List<String> mix() {
    List<String> mix = new ArrayList<>();
    mix.addAll(Collections.nCopies(683, "positive"));
    mix.addAll(Collections.nCopies(1000, "us"));
    mix.addAll(Collections.nCopies(1000, "global"));
    return mix;
  }

  @Test
  void aRunThatCoversAThirdOfTheMixSamplesEverySetInProportion() {
    List<String> order = ScreeningBenchCommand.measuredOrder(mix());
    int threads = 2;
    int perWorker = 488;
    Map<String, Integer> screened = new HashMap<>();
    for (int worker = 0; worker < threads; worker++) {
      for (long call = 0; call < perWorker; call++) {
        screened.merge(order.get(ScreeningBenchCommand.mixIndex(worker, call, threads,
            order.size())), 1, Integer::sum);
      }
    }
    double calls = threads * perWorker;
    assertThat(screened.getOrDefault("positive", 0) / calls).isBetween(0.205, 0.305);
    assertThat(screened.getOrDefault("us", 0) / calls).isBetween(0.323, 0.423);
    assertThat(screened.getOrDefault("global", 0) / calls).isBetween(0.323, 0.423);
  }

  @Test
  void theWorkersTogetherScreenEveryQueryOnceBeforeAnyTwice() {
    int size = 2683;
    int threads = 2;
    boolean[] seen = new boolean[size];
    for (long call = 0; call * threads < size; call++) {
      for (int worker = 0; worker < threads && call * threads + worker < size; worker++) {
        int at = ScreeningBenchCommand.mixIndex(worker, call, threads, size);
        assertThat(seen[at]).as("position %d screened twice", at).isFalse();
        seen[at] = true;
      }
    }
    for (int at = 0; at < size; at++) {
      assertThat(seen[at]).as("position %d never screened", at).isTrue();
    }
  }

  @Test
  void everyRunScreensTheMixInTheSameOrder() {
    assertThat(ScreeningBenchCommand.measuredOrder(mix()))
        .isEqualTo(ScreeningBenchCommand.measuredOrder(mix()))
        .isNotEqualTo(mix());
  }
}

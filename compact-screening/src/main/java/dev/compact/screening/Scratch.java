package dev.compact.screening;

/**
 * Per-thread accumulators of candidate generation ({@link Screener#candidates}): retrieval scores
 * per listed name, reset by touching only what the last query touched, the keys a query asks for,
 * and the selection of the best names.
 */
final class Scratch {
  final int[] grams = new int[64];
  private final float[] scores;
  private final int[] touched;
  private int touchedCount;
  private final int[] entityStamp;
  private int stamp;

  /** The current query's part similarities. */
  final PartMemo memo;

  Scratch(int names, int entities, int parts) {
    memo = new PartMemo(parts);
    scores = new float[names];
    touched = new int[names];
    entityStamp = new int[entities];
  }

  void reset() {
    for (int k = 0; k < touchedCount; k++) {
      scores[touched[k]] = 0f;
    }
    touchedCount = 0;
    stamp++;
    wantedCount = 0;
  }

  /** The postings a query asks for, in the order asked, with the weight of each key. */
  int[][] wanted = new int[64][];
  double[] weights = new double[64];
  private int wantedCount;

  /** Asks for a key's postings; an empty key or one past its cap adds nothing. */
  void want(int[] postings, double weight, int cap) {
    if (postings.length == 0 || postings.length > cap) {
      return;
    }
    if (wantedCount == wanted.length) {
      wanted = java.util.Arrays.copyOf(wanted, wantedCount * 2);
      weights = java.util.Arrays.copyOf(weights, wantedCount * 2);
    }
    wanted[wantedCount] = postings;
    weights[wantedCount++] = weight;
  }

  /**
   * Drops the most common keys until the postings left fit the budget (always keeping the
   * rarest), keeping the others in the order asked; returns how many are kept.
   */
  int prune(int budget) {
    long total = 0;
    for (int k = 0; k < wantedCount; k++) {
      total += wanted[k].length;
    }
    while (total > budget && wantedCount > 1) {
      int largest = 0;
      for (int k = 1; k < wantedCount; k++) {
        if (wanted[k].length >= wanted[largest].length) {
          largest = k;
        }
      }
      total -= wanted[largest].length;
      System.arraycopy(wanted, largest + 1, wanted, largest, wantedCount - largest - 1);
      System.arraycopy(weights, largest + 1, weights, largest, wantedCount - largest - 1);
      wantedCount--;
    }
    return wantedCount;
  }

  void add(int nameId, float value) {
    if (scores[nameId] == 0f) {
      touched[touchedCount++] = nameId;
    }
    scores[nameId] += value;
  }

  boolean markEntity(int entity) {
    if (entityStamp[entity] == stamp) {
      return false;
    }
    entityStamp[entity] = stamp;
    return true;
  }

  private long[] keys = new long[1024];

  /**
   * The best {@code k} names by accumulated score, best first (ties by name id), among those
   * retrieving at least {@code share} of the best name's score. Each name becomes one long that
   * sorts in that order (score descending in the high half, name id in the low half), so the
   * selection is a partition and a sort of primitives, whatever the number of names touched.
   */
  int[] topNames(int k, float share) {
    float best = 0f;
    for (int t = 0; t < touchedCount; t++) {
      best = Math.max(best, scores[touched[t]]);
    }
    float floor = best * share;
    if (keys.length < touchedCount) {
      keys = new long[Math.max(touchedCount, keys.length * 2)];
    }
    int n = 0;
    for (int t = 0; t < touchedCount; t++) {
      int id = touched[t];
      float score = scores[id];
      if (score >= floor) {
        // Scores are positive, so their bits order as the scores do.
        keys[n++] = (long) (Integer.MAX_VALUE - Float.floatToIntBits(score)) << 32 | id;
      }
    }
    int size = Math.min(k, n);
    if (n > size) {
      select(keys, 0, n - 1, size);
    }
    java.util.Arrays.sort(keys, 0, size);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = (int) keys[i];
    }
    return out;
  }

  /** Moves the {@code k} smallest keys of {@code a[from..to]} to its front (keys are distinct). */
  private static void select(long[] a, int from, int to, int k) {
    while (from < to) {
      int mid = from + (to - from) / 2;
      long pivot = median(a[from], a[mid], a[to]);
      int i = from;
      int j = to;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // a[from..j] <= pivot <= a[i..to]
      if (k - 1 <= j) {
        to = j;
      } else if (k - 1 >= i) {
        from = i;
      } else {
        return;
      }
    }
  }

  private static long median(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}

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
  /**
   * The largest score any name has reached in this query. Adds are of positive floats, so a
   * name's score only grows and the largest of all scores ever reached is the largest final one:
   * {@link #topNames} need not read every touched name's score again to find it.
   */
  private float best;
  /**
   * The entities marked in this query, as an open-addressing set of entity + 1 (0 is free), and
   * the slots used, to clear them. A query marks at most a few hundred entities: a set this small
   * stays in cache, where a mark per entity of the index (4 MB at a million entities) costs a
   * cache miss per candidate.
   */
  private int[] entitySlots = new int[1024];
  private int[] usedSlots = new int[1024];
  private int marked;

  /** The candidates' name spans, see {@code Screener.spans}. */
  private long[] spans = new long[Screener.MAX_CANDIDATES];
  /** What {@code Screener.spans} read of the headers, kept so that the reads stay. */
  int headersRead;

  long[] spans(int count) {
    if (spans.length < count) {
      spans = new long[count];
    }
    return spans;
  }

  /** The current query's part similarities. */
  final PartMemo memo;

  /** Names the rare keys retrieved, as bits; clear between queries. */
  private final long[] rare;

  Scratch(int names, int parts) {
    memo = new PartMemo(parts);
    rare = new long[(names + 63) >>> 6];
    scores = new float[names];
    touched = new int[names];
  }

  void reset() {
    clearScores();
    for (int m = 0; m < marked; m++) {
      entitySlots[usedSlots[m]] = 0;
    }
    marked = 0;
    wantedCount = 0;
  }

  /** The postings a query asks for, in the order asked, with the weight of each key. */
  int[][] wanted = new int[64][];
  double[] weights = new double[64];
  private float[] adds = new float[64];
  private boolean[] common = new boolean[64];
  private int[] bySize = new int[64];
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

  /**
   * Adds up the first {@code kept} keys' postings, each name gaining {@code weight × ln(1 +
   * total / df)} per key, and returns {@link #topNames} of the result, exactly as if every key had
   * been added up for every name.
   *
   * <p>MaxScore-style, without changing a result: the commonest keys, together worth at most
   * {@code commonShare} of the query's retrieval weight, are read only for the names the other
   * keys retrieved (a bit set that fits in cache, rather than a score per name all over the
   * array). A name no rarer key retrieved scores at most the float sum {@code unseen} of the
   * common keys' weights (adding positive floats in order is monotone). If {@code unseen} is
   * below the retrieval floor, or below the k-th best name's score, no such name can be selected,
   * and every other name got every key in the order asked, so the selection is the same to the
   * last bit; otherwise the other names get the common keys too (they have no other key, so they
   * also get theirs in the order asked) and the selection is made over all.
   */
  int[] accumulateAndSelect(int kept, double total, int k, float share, float commonShare) {
    if (adds.length < kept) {
      adds = new float[kept];
      common = new boolean[kept];
      bySize = new int[kept];
    }
    float all = 0f;
    for (int w = 0; w < kept; w++) {
      adds[w] = (float) (weights[w] * Math.log(1 + total / wanted[w].length));
      all += adds[w];
      common[w] = false;
      bySize[w] = w;
    }
    // Commonest first (insertion sort: a query has tens of keys), ties by order asked.
    for (int a = 1; a < kept; a++) {
      int key = bySize[a];
      int b = a - 1;
      while (b >= 0 && wanted[bySize[b]].length < wanted[key].length) {
        bySize[b + 1] = bySize[b];
        b--;
      }
      bySize[b + 1] = key;
    }
    float commonWeight = 0f;
    for (int r = 0; r + 1 < kept; r++) {
      int w = bySize[r];
      if (commonWeight + adds[w] > commonShare * all) {
        break;
      }
      commonWeight += adds[w];
      common[w] = true;
    }
    if (commonWeight > 0f) {
      float unseen = 0f;
      for (int w = 0; w < kept; w++) {
        if (common[w]) {
          unseen += adds[w];
        } else {
          for (int nameId : wanted[w]) {
            rare[nameId >>> 6] |= 1L << nameId;
          }
        }
      }
      for (int w = 0; w < kept; w++) {
        if (!common[w]) {
          addAll(wanted[w], adds[w]);
          continue;
        }
        float add = adds[w];
        for (int nameId : wanted[w]) {
          if ((rare[nameId >>> 6] & 1L << nameId) != 0) {
            add(nameId, add);
          }
        }
      }
      int[] selected = topNames(k, share, unseen);
      if (selected == null) {
        // The names only common keys retrieved get exactly those keys, in the order asked.
        for (int w = 0; w < kept; w++) {
          if (common[w]) {
            float add = adds[w];
            for (int nameId : wanted[w]) {
              if ((rare[nameId >>> 6] & 1L << nameId) == 0) {
                add(nameId, add);
              }
            }
          }
        }
        selected = topNames(k, share, -1f);
      }
      // Cleared now, while the touched names' lines are still in cache, rather than at the next
      // query's reset, after ranking has filled the cache with other data.
      for (int t = 0; t < touchedCount; t++) {
        int nameId = touched[t];
        rare[nameId >>> 6] = 0L;
        scores[nameId] = 0f;
      }
      touchedCount = 0;
      best = 0f;
      return selected;
    }
    for (int w = 0; w < kept; w++) {
      addAll(wanted[w], adds[w]);
    }
    int[] selected = topNames(k, share, -1f);
    clearScores();
    return selected;
  }

  private void addAll(int[] postings, float value) {
    for (int nameId : postings) {
      add(nameId, value);
    }
  }

  private void clearScores() {
    for (int t = 0; t < touchedCount; t++) {
      scores[touched[t]] = 0f;
    }
    touchedCount = 0;
    best = 0f;
  }

  void add(int nameId, float value) {
    float score = scores[nameId];
    if (score == 0f) {
      touched[touchedCount++] = nameId;
    }
    score += value;
    scores[nameId] = score;
    if (score > best) {
      best = score;
    }
  }

  /** Marks an entity for this query; false when it was already marked since {@link #reset}. */
  boolean markEntity(int entity) {
    int mask = entitySlots.length - 1;
    int hash = entity * 0x9E3779B9;
    int slot = (hash ^ hash >>> 16) & mask;
    while (entitySlots[slot] != 0) {
      if (entitySlots[slot] == entity + 1) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    entitySlots[slot] = entity + 1;
    usedSlots[marked++] = slot;
    if (2 * marked > entitySlots.length) {
      growEntitySlots();
    }
    return true;
  }

  /** Doubles the entity set, keeping it at most half full so that probes stay short. */
  private void growEntitySlots() {
    int[] old = entitySlots;
    int count = marked;
    int[] entities = new int[count];
    for (int m = 0; m < count; m++) {
      entities[m] = old[usedSlots[m]] - 1;
    }
    entitySlots = new int[old.length * 2];
    usedSlots = new int[old.length * 2];
    marked = 0;
    for (int entity : entities) {
      markEntity(entity);
    }
  }

  private long[] keys = new long[1024];

  /**
   * The best {@code k} names by accumulated score, best first (ties by name id), among those
   * retrieving at least {@code share} of the best name's score. Each name becomes one long that
   * sorts in that order (score descending in the high half, name id in the low half), so the
   * selection is a partition and a sort of primitives, whatever the number of names touched.
   * Null when a name not touched but scoring up to {@code unseen} could be among them (below
   * zero: there is no such name).
   */
  int[] topNames(int k, float share, float unseen) {
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
    if (unseen >= floor && (size < k || scoreOf(keys[size - 1]) <= unseen)) {
      return null;
    }
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = (int) keys[i];
    }
    return out;
  }

  private static float scoreOf(long key) {
    return Float.intBitsToFloat(Integer.MAX_VALUE - (int) (key >>> 32));
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

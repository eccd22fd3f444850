package dev.compact.screening;

import java.util.Arrays;

/**
 * One query's similarities with the listed parts it has met, by the part's id in the index
 * ({@link PreparedName#ids}): a screening compares its query with hundreds of listed names that
 * share their parts ("mohammad", "trading"), and each pair of parts is compared once. The values
 * are the very objects {@link PartSimilarity#parts} returns, so an alignment read from the memo
 * is the alignment computed afresh, to the last bit. One per thread; not thread-safe.
 */
final class PartMemo {
  private final int[] stamp;
  private final int[] row;
  private int current;
  private PartSimilarity.Similarity[] values = new PartSimilarity.Similarity[1024];
  private int used;
  private PreparedName query;
  /** Scratch flags for {@link ScoreBound}, grown to the longest name seen. */
  boolean[] queryLinked = new boolean[16];
  boolean[] candidateLinked = new boolean[16];

  PartMemo(int parts) {
    stamp = new int[parts];
    row = new int[parts];
  }

  /** Starts a new query: every memoised similarity is forgotten. */
  void reset(PreparedName query) {
    this.query = query;
    used = 0;
    if (++current == 0) {
      // After 2^32 queries the stamps come round again: clear them rather than trust an old one.
      Arrays.fill(stamp, 0);
      current = 1;
    }
    int n = query.parts.length;
    if (queryLinked.length < n) {
      queryLinked = new boolean[n];
    }
  }

  /**
   * The offset of listed part {@code id}'s similarities with every query part (query part
   * {@code i} at offset + i), computing them the first time the part is met in this query.
   */
  int row(int id, NamePart part, boolean eastAsian) {
    if (stamp[id] == current) {
      return row[id];
    }
    NamePart[] qs = query.parts;
    if (used + qs.length > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, used + qs.length));
    }
    for (int i = 0; i < qs.length; i++) {
      values[used + i] = PartSimilarity.parts(qs[i], part, MatchWeights.FITTED,
          query.eastAsian[i], eastAsian);
    }
    stamp[id] = current;
    row[id] = used;
    used += qs.length;
    return row[id];
  }

  PartSimilarity.Similarity get(int offset) {
    return values[offset];
  }

  boolean[] candidateFlags(int n) {
    if (candidateLinked.length < n) {
      candidateLinked = new boolean[n];
    }
    return candidateLinked;
  }
}

package dev.compact.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One query's similarities with the listed parts it has met, by the part's id in the index
 * ({@link PreparedName#ids}): a screening compares its query with hundreds of listed names that
 * share their parts ("mohammad", "trading"), and each pair of parts is compared once. The values
 * are the very objects {@link PartSimilarity#parts} returns, so an alignment read from the memo
 * is the alignment computed afresh, to the last bit. One per thread; not thread-safe.
 */
final class PartMemo {
  /** Per listed part id, at 2 id the query it was last met in and at 2 id + 1 its row. */
  private final int[] seen;
  private int current;
  private PartSimilarity.Similarity[] values = new PartSimilarity.Similarity[1024];
  /** The values' similarities alone, read without fetching the objects. */
  private double[] similarities = new double[1024];
  private int used;
  private PreparedName query;
  /** Scratch flags for {@link ScoreBound}, grown to the longest name seen. */
  boolean[] queryLinked = new boolean[16];
  boolean[] candidateLinked = new boolean[16];
  /** Scratch list of joined and acronym links for {@link ScoreBound}. */
  final List<PartLinks.Link> links = new ArrayList<>();

  PartMemo(int parts) {
    // Interleaved, so that a lookup reads one cache line.
    seen = new int[2 * parts];
  }

  /** Starts a new query: every memoised similarity is forgotten. */
  void reset(PreparedName query) {
    this.query = query;
    used = 0;
    if (++current == 0) {
      // After 2^32 queries the stamps come round again: clear them rather than trust an old one.
      Arrays.fill(seen, 0);
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
    if (seen[2 * id] == current) {
      return seen[2 * id + 1];
    }
    NamePart[] qs = query.parts;
    if (used + qs.length > values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, used + qs.length));
      similarities = Arrays.copyOf(similarities, values.length);
    }
    for (int i = 0; i < qs.length; i++) {
      values[used + i] = PartSimilarity.parts(qs[i], part, MatchWeights.FITTED,
          query.eastAsian[i], eastAsian);
      similarities[used + i] = values[used + i].value();
    }
    seen[2 * id] = current;
    seen[2 * id + 1] = used;
    used += qs.length;
    return seen[2 * id + 1];
  }

  PartSimilarity.Similarity get(int offset) {
    return values[offset];
  }

  /** The similarity at {@code offset}, as {@code get(offset).value()}. */
  double similarity(int offset) {
    return similarities[offset];
  }

  boolean[] candidateFlags(int n) {
    if (candidateLinked.length < n) {
      candidateLinked = new boolean[n];
    }
    return candidateLinked;
  }
}

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
    shape(query.parts);
  }

  /** First letter and length of every spelling of the query's words. */
  char[] spellingFirst = new char[16];
  int[] spellingLength = new int[16];
  int spellings;
  /** First letter and joined length of every two or three adjacent query words or particles. */
  char[] windowFirst = new char[16];
  int[] windowLength = new int[16];
  int windows;

  /** What {@link ScoreBound} asks of the query to rule out joined words without building any. */
  private void shape(NamePart[] qs) {
    spellings = 0;
    windows = 0;
    for (NamePart part : qs) {
      if (part.kind() != PartKind.WORD) {
        continue;
      }
      addSpelling(part.text());
      for (String variant : part.variants()) {
        addSpelling(variant);
      }
    }
    for (int span = 2; span <= 3; span++) {
      for (int j = 0; j + span <= qs.length; j++) {
        int length = 0;
        boolean words = true;
        for (int k = j; k < j + span; k++) {
          words &= qs[k].kind() == PartKind.WORD || qs[k].kind() == PartKind.PARTICLE;
          length += qs[k].text().length();
        }
        if (words && !qs[j].text().isEmpty()) {
          if (windows == windowFirst.length) {
            windowFirst = Arrays.copyOf(windowFirst, windows * 2);
            windowLength = Arrays.copyOf(windowLength, windows * 2);
          }
          windowFirst[windows] = qs[j].text().charAt(0);
          windowLength[windows++] = length;
        }
      }
    }
  }

  private void addSpelling(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (spellings == spellingFirst.length) {
      spellingFirst = Arrays.copyOf(spellingFirst, spellings * 2);
      spellingLength = Arrays.copyOf(spellingLength, spellings * 2);
    }
    spellingFirst[spellings] = text.charAt(0);
    spellingLength[spellings++] = text.length();
  }

  /**
   * The offset of listed part {@code id}'s similarities with every query part (query part
   * {@code i} at offset + i), computing them the first time the part is met in this query.
   */
  int row(int id, NamePart part, boolean eastAsian) {
    if (seen[2 * id] == current) {
      return seen[2 * id + 1];
    }
    return compute(id, part, eastAsian);
  }

  /** As {@link #row(int, NamePart, boolean)}, reading the part from the table only if new. */
  int row(int id, NameTable table) {
    if (seen[2 * id] == current) {
      return seen[2 * id + 1];
    }
    return compute(id, table.part(id), table.eastAsian(id));
  }

  private int compute(int id, NamePart part, boolean eastAsian) {
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

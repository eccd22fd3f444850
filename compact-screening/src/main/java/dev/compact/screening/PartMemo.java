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
    queryTable = NameTable.of(query);
    querySignatures = queryTable.signatures();
    shape(query.parts);
  }

  /** The query as a table of one name, parts by position: {@link ScoreBound} reads both sides so. */
  private NameTable queryTable;
  /** The query parts' link signatures, part i at i × stride (its table's). */
  private long[] querySignatures;

  NameTable queryTable() {
    return queryTable;
  }

  /** First letter, length and letters of every spelling of the query's words. */
  char[] spellingFirst = new char[16];
  int[] spellingLength = new int[16];
  long[] spellingLetters = new long[16];
  int spellings;
  /**
   * First letter, joined length and letters of every two or three adjacent query words or
   * particles.
   */
  char[] windowFirst = new char[16];
  int[] windowLength = new int[16];
  long[] windowLetters = new long[16];
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
        long letters = 0;
        boolean words = true;
        for (int k = j; k < j + span; k++) {
          words &= qs[k].kind() == PartKind.WORD || qs[k].kind() == PartKind.PARTICLE;
          length += qs[k].text().length();
          letters |= qs[k].letters();
        }
        if (words && !qs[j].text().isEmpty()) {
          if (windows == windowFirst.length) {
            windowFirst = Arrays.copyOf(windowFirst, windows * 2);
            windowLength = Arrays.copyOf(windowLength, windows * 2);
            windowLetters = Arrays.copyOf(windowLetters, windows * 2);
          }
          windowFirst[windows] = qs[j].text().charAt(0);
          windowLetters[windows] = letters;
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
      spellingLetters = Arrays.copyOf(spellingLetters, spellings * 2);
    }
    spellingFirst[spellings] = text.charAt(0);
    spellingLetters[spellings] = PartSimilarity.letters(text);
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

  /**
   * As {@link #row(int, NamePart, boolean)}, reading the part from the table only if it is new
   * and its {@link LinkSignature} may link it to some query part: the others' similarities are
   * all {@link PartSimilarity.Similarity#NONE}, which is what {@link PartSimilarity#parts}
   * returns for every zero similarity.
   */
  int row(int id, NameTable table) {
    if (seen[2 * id] == current) {
      return seen[2 * id + 1];
    }
    NamePart[] qs = query.parts;
    long[] signatures = table.signatures();
    int at = id * LinkSignature.STRIDE;
    if (used + qs.length > values.length) {
      grow(qs.length);
    }
    NamePart part = null;
    boolean eastAsian = false;
    for (int i = 0; i < qs.length; i++) {
      PartSimilarity.Similarity value = PartSimilarity.Similarity.NONE;
      if (LinkSignature.mayLink(querySignatures, i * LinkSignature.STRIDE, signatures, at)) {
        if (part == null) {
          part = table.part(id);
          eastAsian = table.eastAsian(id);
        }
        value = PartSimilarity.parts(qs[i], part, MatchWeights.FITTED, query.eastAsian[i],
            eastAsian);
      }
      values[used + i] = value;
      similarities[used + i] = value.value();
    }
    return remember(id, qs.length);
  }

  private void grow(int n) {
    values = Arrays.copyOf(values, Math.max(values.length * 2, used + n));
    similarities = Arrays.copyOf(similarities, values.length);
  }

  private int remember(int id, int n) {
    seen[2 * id] = current;
    seen[2 * id + 1] = used;
    used += n;
    return seen[2 * id + 1];
  }

  private int compute(int id, NamePart part, boolean eastAsian) {
    NamePart[] qs = query.parts;
    if (used + qs.length > values.length) {
      grow(qs.length);
    }
    for (int i = 0; i < qs.length; i++) {
      values[used + i] = PartSimilarity.parts(qs[i], part, MatchWeights.FITTED,
          query.eastAsian[i], eastAsian);
      similarities[used + i] = values[used + i].value();
    }
    return remember(id, qs.length);
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

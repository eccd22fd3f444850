package dev.compact.screening;

import java.util.List;

/**
 * A proven upper bound on {@link NameComparator#score}, cheap once a query's part similarities
 * are memoised ({@link PartMemo}): ranking skips the full alignment of a listed name that cannot
 * reach the score it is asked for.
 *
 * <p>Why it holds: every link's similarity is at most 1, so the score (matched similarity times
 * weight over matched weight plus leftover costs) is at most {@code M / (M + L)} for any {@code M}
 * at least the matched weight and {@code L} at most the leftover cost, and the later factors (word
 * order, caps) only lower it. {@code M} is the weight of every part that takes part in some link
 * (single, joined, split or acronym); a part in none is left over for certain, and {@code L} sums
 * the least each of those can cost: when both names have such a content part the alignment is a
 * conflict and each costs its full weight (a quarter if the same word is elsewhere in its name);
 * otherwise the extra-part share divided by the most agreeing parts there can be, and nothing for
 * a qualifier word between organisations. {@code ScoreBoundTests} checks the bound against the
 * score on every pair of the labelled sets.
 */
final class ScoreBound {

  private ScoreBound() {}

  /**
   * Whether the score of listed name {@code name} of {@code table} against {@code query} may reach
   * {@code threshold}; false only when it certainly stays below. {@code memo} holds the query's
   * similarities, by the table's part ids. The name's objects are fetched only if joined words or
   * acronyms may link its parts. A name outside any index is asked through a table of its own
   * ({@link NameTable#of(PreparedName)}) and a memo numbered as it.
   */
  static boolean mayReach(PreparedName query, NameTable table, int name, PartMemo memo,
      double threshold) {
    return mayReach(query, table, name, table.header(name), memo, threshold);
  }

  /**
   * As {@link #mayReach(PreparedName, NameTable, int, PartMemo, double)}, with the name's header
   * position in the table ({@link NameTable#header(int)}) given: ranking walks an entity's names
   * one after another from the first one's, so it needs no look-up of each name's position (a
   * cache miss per name at a million entities).
   */
  static boolean mayReach(PreparedName query, NameTable table, int name, int header,
      PartMemo memo, double threshold) {
    if (query.empty || table.emptyAt(header)) {
      return threshold <= NameMatch.NONE.score();
    }
    NamePart[] qs = query.parts;
    int[] flat = table.flat();
    int at = header + 1;
    int n = table.partsAt(header);
    boolean[] qLinked = memo.queryLinked;
    boolean[] cLinked = memo.candidateFlags(n);
    java.util.Arrays.fill(qLinked, 0, qs.length, false);
    java.util.Arrays.fill(cLinked, 0, n, false);
    for (int j = 0; j < n; j++) {
      int row = memo.row(flat[at + j], table);
      for (int i = 0; i < qs.length; i++) {
        if (memo.similarity(row + i) > 0) {
          qLinked[i] = true;
          cLinked[j] = true;
        }
      }
    }
    NameTable queryTable = memo.queryTable();
    if (bound(queryTable, table, header, qLinked, cLinked) >= threshold) {
      return true;
    }
    // Single links alone rule the name out; joined words and acronyms may link more parts.
    boolean organisations = query.kind() != NameKind.PERSON
        && table.kindAt(header) != NameKind.PERSON;
    if (!organisations && !mayJoin(memo, table, header)) {
      // No joined or split word can link (acronyms are for organisations only): PartLinks
      // would find no link to add.
      return false;
    }
    List<PartLinks.Link> links = memo.links;
    links.clear();
    PartLinks.addMultiPart(qs, table.prepared(name).parts, organisations, links);
    if (links.isEmpty()) {
      return false;
    }
    for (PartLinks.Link link : links) {
      java.util.Arrays.fill(qLinked, link.q(), link.q() + link.qLen(), true);
      java.util.Arrays.fill(cLinked, link.c(), link.c() + link.cLen(), true);
    }
    return bound(queryTable, table, header, qLinked, cLinked) >= threshold;
  }

  /**
   * False only when {@code PartLinks} can find no joined or split word between the memo's query
   * and the name: each needs a spelling of the single word that starts with the first letter of
   * the adjacent words (all words or particles), whose length is within the edit budget of
   * theirs together, and whose letters agree with theirs together within the budget of the
   * longer ({@code PartSimilarity.words} is zero otherwise, and the joined string's letters are
   * its words' letters together): the tests {@code PartLinks.addJoined} makes before it keeps a
   * link.
   */
  private static boolean mayJoin(PartMemo memo, NameTable table, int header) {
    int[] flat = table.flat();
    long[] signatures = table.signatures();
    int at = header + 1;
    int n = table.partsAt(header);
    // A query word against two or three adjacent listed parts.
    for (int span = 2; span <= 3; span++) {
      for (int j = 0; j + span <= n; j++) {
        int length = 0;
        long letters = 0;
        boolean words = true;
        for (int k = j; k < j + span; k++) {
          int id = flat[at + k];
          long info = table.info(id);
          PartKind kind = NameTable.kind(info);
          words &= kind == PartKind.WORD || kind == PartKind.PARTICLE;
          length += NameTable.length(info);
          letters |= signatures[id * LinkSignature.STRIDE];
        }
        if (!words) {
          continue;
        }
        char first = NameTable.firstLetter(table.info(flat[at + j]));
        int budget = PartSimilarity.budget(length);
        for (int s = 0; s < memo.spellings; s++) {
          if (memo.spellingFirst[s] == first
              && Math.abs(length - memo.spellingLength[s]) <= budget
              && PartSimilarity.lettersAgree(memo.spellingLetters[s], letters,
              Math.max(length, memo.spellingLength[s]))) {
            return true;
          }
        }
      }
    }
    // A listed word against two or three adjacent query parts.
    for (int j = 0; j < n; j++) {
      int id = flat[at + j];
      long info = table.info(id);
      if (NameTable.kind(info) != PartKind.WORD) {
        continue;
      }
      if (NameTable.hasVariants(info) || NameTable.length(info) == 0xFFFF) {
        return true;
      }
      char first = NameTable.firstLetter(info);
      int length = NameTable.length(info);
      long letters = signatures[id * LinkSignature.STRIDE];
      for (int w = 0; w < memo.windows; w++) {
        if (memo.windowFirst[w] == first
            && Math.abs(memo.windowLength[w] - length)
            <= PartSimilarity.budget(memo.windowLength[w])
            && PartSimilarity.lettersAgree(letters, memo.windowLetters[w],
            Math.max(length, memo.windowLength[w]))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code M / (M + L)} for the parts flagged as linked (see the class comment): the query's, the
   * one name of {@code queryTable}, against the listed name whose header is at {@code header}
   * in {@code table}.
   */
  static double bound(NameTable queryTable, NameTable table, int header, boolean[] qLinked,
      boolean[] cLinked) {
    int query = queryTable.header(0);
    // The query's weights first, then the name's, as the score sums them.
    double linked = linkedWeight(table, header, cLinked,
        linkedWeight(queryTable, query, qLinked, 0));
    if (linked == 0) {
      return 0;
    }
    boolean conflict = open(queryTable, query, qLinked) && open(table, header, cLinked);
    boolean organisations = queryTable.kindAt(query) != NameKind.PERSON
        && table.kindAt(header) != NameKind.PERSON;
    int agreeing = agreeing(queryTable, query, qLinked);
    double dilution = agreeing <= 1 ? 1.0 : 1.0 / agreeing;
    double left = leftover(queryTable, query, qLinked, conflict, organisations,
        conflict ? NameComparator.CONFLICT : MatchWeights.FITTED.extraQuery() * dilution)
        + leftover(table, header, cLinked, conflict, organisations,
        conflict ? NameComparator.CONFLICT : MatchWeights.FITTED.extraCandidate() * dilution);
    return linked / (linked + left);
  }

  /** {@code sum} plus the weights of the name's parts flagged as linked, added in order. */
  private static double linkedWeight(NameTable table, int header, boolean[] linked, double sum) {
    int[] flat = table.flat();
    int at = header + 1;
    for (int j = 0, n = table.partsAt(header); j < n; j++) {
      if (linked[j]) {
        sum += NameTable.weight(table.info(flat[at + j]));
      }
    }
    return sum;
  }

  /** Whether a content part of the name is in no link. */
  private static boolean open(NameTable table, int header, boolean[] linked) {
    int[] flat = table.flat();
    int at = header + 1;
    for (int j = 0, n = table.partsAt(header); j < n; j++) {
      if (!linked[j] && NameTable.isContent(table.info(flat[at + j]))) {
        return true;
      }
    }
    return false;
  }

  /** How many content parts of the name are in some link. */
  private static int agreeing(NameTable table, int header, boolean[] linked) {
    int[] flat = table.flat();
    int at = header + 1;
    int agreeing = 0;
    for (int j = 0, n = table.partsAt(header); j < n; j++) {
      agreeing += linked[j] && NameTable.isContent(table.info(flat[at + j])) ? 1 : 0;
    }
    return agreeing;
  }

  /** The least the name's parts in no link can cost (see {@code Leftovers.leftover}). */
  private static double leftover(NameTable table, int header, boolean[] linked,
      boolean conflict, boolean organisations, double share) {
    int[] flat = table.flat();
    int at = header + 1;
    int n = table.partsAt(header);
    double total = 0;
    for (int j = 0; j < n; j++) {
      if (linked[j]) {
        continue;
      }
      long info = table.info(flat[at + j]);
      if (!conflict && organisations && NameTable.isQualifier(info)) {
        continue;
      }
      double least = share;
      for (int k = 0; k < n && least > NameComparator.REPEATED; k++) {
        if (k != j && table.sameText(flat[at + k], flat[at + j])) {
          least = Math.min(share, NameComparator.REPEATED);
        }
      }
      total += NameTable.weight(info) * least;
    }
    return total;
  }
}

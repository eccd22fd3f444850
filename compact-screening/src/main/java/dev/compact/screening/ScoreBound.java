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
   * Whether {@code candidate}'s score against {@code query} may reach {@code threshold}; false
   * only when it certainly stays below. {@code memo} holds the query's similarities.
   */
  static boolean mayReach(PreparedName query, PreparedName candidate, PartMemo memo,
      double threshold) {
    if (query.empty || candidate.empty) {
      return threshold <= NameMatch.NONE.score();
    }
    NamePart[] qs = query.parts;
    NamePart[] cs = candidate.parts;
    boolean[] qLinked = memo.queryLinked;
    boolean[] cLinked = memo.candidateFlags(cs.length);
    java.util.Arrays.fill(qLinked, 0, qs.length, false);
    java.util.Arrays.fill(cLinked, 0, cs.length, false);
    for (int j = 0; j < cs.length; j++) {
      int row = memo.row(candidate.ids[j], cs[j], candidate.eastAsian[j]);
      for (int i = 0; i < qs.length; i++) {
        if (memo.similarity(row + i) > 0) {
          qLinked[i] = true;
          cLinked[j] = true;
        }
      }
    }
    if (bound(query, candidate, qLinked, cLinked) >= threshold) {
      return true;
    }
    // Single links alone rule the name out; joined words and acronyms may link more parts.
    boolean organisations = query.kind() != NameKind.PERSON
        && candidate.kind() != NameKind.PERSON;
    List<PartLinks.Link> links = memo.links;
    links.clear();
    PartLinks.addMultiPart(qs, cs, organisations, links);
    if (links.isEmpty()) {
      return false;
    }
    for (PartLinks.Link link : links) {
      java.util.Arrays.fill(qLinked, link.q(), link.q() + link.qLen(), true);
      java.util.Arrays.fill(cLinked, link.c(), link.c() + link.cLen(), true);
    }
    return bound(query, candidate, qLinked, cLinked) >= threshold;
  }

  /**
   * As {@link #mayReach(PreparedName, PreparedName, PartMemo, double)} for listed name
   * {@code name} of {@code index}, read from its {@link NameTable}: the same answer, without
   * fetching the name's objects unless joined words or acronyms may link its parts.
   */
  static boolean mayReach(PreparedName query, ScreeningIndex index, int name, PartMemo memo,
      double threshold) {
    NameTable table = index.table();
    if (query.empty || table.empty(name)) {
      return threshold <= NameMatch.NONE.score();
    }
    NamePart[] qs = query.parts;
    int[] flat = table.flat();
    int at = table.first(name);
    int n = table.size(name);
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
    if (bound(query, table, name, qLinked, cLinked) >= threshold) {
      return true;
    }
    boolean organisations = query.kind() != NameKind.PERSON
        && table.kind(name) != NameKind.PERSON;
    if (!organisations && !mayJoin(memo, table, name)) {
      // No joined or split word can link (acronyms are for organisations only): as the object
      // path, which would find no link to add.
      return false;
    }
    PreparedName candidate = index.prepared(name);
    List<PartLinks.Link> links = memo.links;
    links.clear();
    PartLinks.addMultiPart(qs, candidate.parts, organisations, links);
    if (links.isEmpty()) {
      return false;
    }
    for (PartLinks.Link link : links) {
      java.util.Arrays.fill(qLinked, link.q(), link.q() + link.qLen(), true);
      java.util.Arrays.fill(cLinked, link.c(), link.c() + link.cLen(), true);
    }
    return bound(query, table, name, qLinked, cLinked) >= threshold;
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
  private static boolean mayJoin(PartMemo memo, NameTable table, int name) {
    int[] flat = table.flat();
    long[] signatures = table.signatures();
    int at = table.first(name);
    int n = table.size(name);
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
   * As {@link #bound(PreparedName, PreparedName, boolean[], boolean[])} for a name of the table,
   * summing the same terms in the same order.
   */
  static double bound(PreparedName query, NameTable table, int name, boolean[] qLinked,
      boolean[] cLinked) {
    NamePart[] qs = query.parts;
    int[] flat = table.flat();
    int at = table.first(name);
    int n = table.size(name);
    double linked = 0;
    boolean qOpen = false;
    boolean cOpen = false;
    int agreeing = 0;
    for (int i = 0; i < qs.length; i++) {
      if (qLinked[i]) {
        linked += qs[i].weight();
        agreeing += qs[i].isContent() ? 1 : 0;
      } else {
        qOpen |= qs[i].isContent();
      }
    }
    for (int j = 0; j < n; j++) {
      long info = table.info(flat[at + j]);
      if (cLinked[j]) {
        linked += NameTable.weight(info);
      } else {
        cOpen |= NameTable.isContent(info);
      }
    }
    if (linked == 0) {
      return 0;
    }
    boolean conflict = qOpen && cOpen;
    boolean organisations = query.kind() != NameKind.PERSON
        && table.kind(name) != NameKind.PERSON;
    double dilution = agreeing <= 1 ? 1.0 : 1.0 / agreeing;
    double left = leftover(qs, qLinked, conflict, organisations,
        conflict ? NameComparator.CONFLICT : MatchWeights.FITTED.extraQuery() * dilution)
        + leftover(table, flat, at, n, cLinked, conflict, organisations,
        conflict ? NameComparator.CONFLICT : MatchWeights.FITTED.extraCandidate() * dilution);
    return linked / (linked + left);
  }

  /** As {@link #leftover(NamePart[], boolean[], boolean, boolean, double)} for a table's name. */
  private static double leftover(NameTable table, int[] flat, int at, int n, boolean[] linked,
      boolean conflict, boolean organisations, double share) {
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

  /** {@code M / (M + L)} for the parts flagged as linked (see the class comment). */
  static double bound(PreparedName query, PreparedName candidate, boolean[] qLinked,
      boolean[] cLinked) {
    NamePart[] qs = query.parts;
    NamePart[] cs = candidate.parts;
    double linked = 0;
    boolean qOpen = false;
    boolean cOpen = false;
    int agreeing = 0;
    for (int i = 0; i < qs.length; i++) {
      if (qLinked[i]) {
        linked += qs[i].weight();
        agreeing += qs[i].isContent() ? 1 : 0;
      } else {
        qOpen |= qs[i].isContent();
      }
    }
    for (int j = 0; j < cs.length; j++) {
      if (cLinked[j]) {
        linked += cs[j].weight();
      } else {
        cOpen |= cs[j].isContent();
      }
    }
    if (linked == 0) {
      return 0;
    }
    boolean conflict = qOpen && cOpen;
    boolean organisations = query.kind() != NameKind.PERSON
        && candidate.kind() != NameKind.PERSON;
    double dilution = agreeing <= 1 ? 1.0 : 1.0 / agreeing;
    double left = leftover(qs, qLinked, conflict, organisations,
        conflict ? NameComparator.CONFLICT : MatchWeights.FITTED.extraQuery() * dilution)
        + leftover(cs, cLinked, conflict, organisations,
        conflict ? NameComparator.CONFLICT : MatchWeights.FITTED.extraCandidate() * dilution);
    return linked / (linked + left);
  }

  /** The least the parts in no link can cost (see {@code Leftovers.leftover}). */
  private static double leftover(NamePart[] parts, boolean[] linked, boolean conflict,
      boolean organisations, double share) {
    double total = 0;
    for (int at = 0; at < parts.length; at++) {
      if (linked[at]) {
        continue;
      }
      NamePart part = parts[at];
      if (!conflict && organisations && Leftovers.isQualifier(part, true)) {
        continue;
      }
      double least = share;
      for (int k = 0; k < parts.length && least > NameComparator.REPEATED; k++) {
        if (k != at && parts[k].text().equals(part.text())) {
          least = Math.min(share, NameComparator.REPEATED);
        }
      }
      total += part.weight() * least;
    }
    return total;
  }
}

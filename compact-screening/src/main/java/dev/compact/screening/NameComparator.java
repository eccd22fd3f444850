package dev.compact.screening;

import dev.compact.screening.PartLinks.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores two normalised names by aligning their parts.
 *
 * <p>Parts are paired greedily, best pair first, one to one or one to two (joined and split
 * words). The score is the weighted mean similarity of the pairs, where parts left over count as
 * zero with a reduced weight: a leftover on one side only is an extra name (a middle name, a legal
 * form) and costs little; leftovers on both sides are a conflict (another surname) and cost their
 * full weight. A change of word order costs a little, so that a swapped given and family name is
 * close to, but not, a perfect match.
 */
public final class NameComparator {

  /** Share of its weight that an unmatched part costs when both sides have content left over. */
  static final double CONFLICT = 1.0;
  /** Share of its weight that a repeated part ("Sergey Sergey Shoigu") costs when unmatched. */
  static final double REPEATED = 0.25;

  private NameComparator() {}

  /** Factor on the similarity of two parts that play different kinship roles. */
  static final double ROLE_SWAP = 0.3;
  /** Highest score of names that differ only by a qualifier word on one side. */
  static final double QUALIFIED = 0.80;
  /** Highest score of a name of generic words only against a longer, distinctive name. */
  static final double GENERIC_ONLY = 0.5;

  /** Prepares a name for many comparisons, as a screening does with its query. */
  static PreparedName prepare(NormalisedName name) {
    return new PreparedName(name);
  }

  /** Compares a query name with a candidate name; empty names never match. */
  public static NameMatch compare(NormalisedName query, NormalisedName candidate) {
    return compare(query, candidate, MatchWeights.FITTED);
  }

  /** As {@link #compare(NormalisedName, NormalisedName)} with other weights, for calibration. */
  public static NameMatch compare(NormalisedName query, NormalisedName candidate,
      MatchWeights weights) {
    return compare(new PreparedName(query), new PreparedName(candidate), weights);
  }

  /** As {@link #compare(NormalisedName, NormalisedName)} with both names prepared beforehand. */
  static NameMatch compare(PreparedName query, PreparedName candidate) {
    return compare(query, candidate, MatchWeights.FITTED);
  }

  private static NameMatch compare(PreparedName query, PreparedName candidate, MatchWeights weights) {
    if (query.empty || candidate.empty) {
      return NameMatch.NONE;
    }
    Explained out = new Explained();
    double score = align(query, candidate, weights, out, null);
    return new NameMatch(score, out.aligned, out.unmatchedQ, out.unmatchedC, out.notes);
  }

  /** The score alone, without building the explanation: for ranking many candidates. */
  public static double score(NormalisedName query, NormalisedName candidate) {
    return score(new PreparedName(query), new PreparedName(candidate));
  }

  /** As {@link #score(NormalisedName, NormalisedName)} with both names prepared beforehand. */
  static double score(PreparedName query, PreparedName candidate) {
    if (query.empty || candidate.empty) {
      return NameMatch.NONE.score();
    }
    return align(query, candidate, MatchWeights.FITTED, null, null);
  }

  /**
   * As {@link #score(PreparedName, PreparedName)}, reading part similarities from the query's
   * memo; {@code candidate} must be a listed name of the index the memo was sized for.
   */
  static double score(PreparedName query, PreparedName candidate, PartMemo memo) {
    if (query.empty || candidate.empty) {
      return NameMatch.NONE.score();
    }
    return align(query, candidate, MatchWeights.FITTED, null, memo);
  }

  /** What an explained comparison collects besides its score. */
  private static final class Explained {
    final List<PartAlignment> aligned = new ArrayList<>();
    final List<NamePart> unmatchedQ = new ArrayList<>();
    final List<NamePart> unmatchedC = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
  }

  /**
   * Aligns two prepared, non-empty names and returns the score; with {@code out} set, also the
   * alignment, the unmatched parts and the notes. Sums run in the same order whether explained or
   * not, so ranking and explanation agree to the last bit. With {@code memo} (the fitted weights
   * only), part similarities are read from it rather than computed.
   */
  private static double align(PreparedName query, PreparedName candidate, MatchWeights weights,
      Explained out, PartMemo memo) {
    NamePart[] qs = query.parts;
    NamePart[] cs = candidate.parts;
    List<Link> links = new ArrayList<>();
    int[] qRole = query.roles;
    int[] cRole = candidate.roles;
    int[] rows = null;
    if (memo != null) {
      rows = new int[cs.length];
      for (int j = 0; j < cs.length; j++) {
        rows[j] = memo.row(candidate.ids[j], cs[j], candidate.eastAsian[j]);
      }
    }
    for (int i = 0; i < qs.length; i++) {
      NamePart q = qs[i];
      for (int j = 0; j < cs.length; j++) {
        NamePart c = cs[j];
        PartSimilarity.Similarity s = rows != null ? memo.get(rows[j] + i)
            : PartSimilarity.parts(q, c, weights, query.eastAsian[i], candidate.eastAsian[j]);
        if (s.value() > 0) {
          boolean swap = q.isContent() && c.isContent()
              && (qRole[i] != cRole[j] && qRole[i] != PreparedName.NO_ROLE && cRole[j] != PreparedName.NO_ROLE
              || query.patronymic[i] != candidate.patronymic[j]);
          links.add(new Link(i, 1, j, 1, swap ? s.value() * ROLE_SWAP : s.value(),
              PartLinks.basisName(s.basis()), q.weight() + c.weight(), swap));
        }
      }
    }
    boolean organisations = query.kind() != NameKind.PERSON
        && candidate.kind() != NameKind.PERSON;
    PartLinks.addMultiPart(qs, cs, organisations, links);
    links.sort(PartLinks::bestFirst);

    boolean[] qUsed = new boolean[qs.length];
    boolean[] cUsed = new boolean[cs.length];
    List<Link> chosen = new ArrayList<>(Math.min(links.size(), qs.length));
    for (Link link : links) {
      if (free(qUsed, link.q(), link.qLen()) && free(cUsed, link.c(), link.cLen())) {
        use(qUsed, link.q(), link.qLen());
        use(cUsed, link.c(), link.cLen());
        chosen.add(link);
      }
    }
    chosen.sort((a, b) -> Integer.compare(a.q(), b.q()));

    double matchedWeight = 0;
    double numerator = 0;
    int agreeing = 0;
    boolean inverted = false;
    boolean roleSwap = false;
    int last = -1;
    for (Link link : chosen) {
      matchedWeight += link.weight();
      numerator += link.sim() * link.weight();
      boolean content = contentLink(link, qs);
      if (link.sim() >= 0.5 && content) {
        agreeing++;
      }
      // Whether content parts aligned in a different order; particles and legal forms move freely.
      if (content) {
        inverted |= link.c() < last;
        last = link.c();
      }
      roleSwap |= link.roleSwap();
      if (out != null) {
        out.aligned.add(new PartAlignment(query.list().subList(link.q(), link.q() + link.qLen()),
            candidate.list().subList(link.c(), link.c() + link.cLen()), PartLinks.explainedBasis(link, qs, cs),
            link.sim(), link.weight()));
      }
    }
    Leftovers leftQ = new Leftovers(qs, qUsed);
    Leftovers leftC = new Leftovers(cs, cUsed);
    if (out != null) {
      leftQ.collect(out.unmatchedQ);
      leftC.collect(out.unmatchedC);
    }
    boolean conflict = leftQ.content && leftC.content;
    boolean legalConflict = leftQ.legalForm && leftC.legalForm;
    // Differing numbers ("Trust 2004-1" and "Trust 2005-1") stay light: in the labelled pairs a
    // series of trusts or vessels is mostly one family, and the review threshold catches it.
    boolean numberConflict = leftQ.number && leftC.number;
    // Extra parts cost less the more content parts agree: "Oleg Deripaska" against "Oleg
    // Vladimirovich Deripaska" is strong evidence, "Deripaska" alone is not.
    double dilution = agreeing <= 1 ? 1.0 : 1.0 / agreeing;
    double extraQuery = weights.extraQuery() * dilution;
    double extraCandidate = weights.extraCandidate() * dilution;
    boolean numbers = query.kind() != NameKind.VESSEL && candidate.kind() != NameKind.VESSEL;
    boolean qualified = organisations
        && (leftQ.allQualifiers(numbers) && !leftC.content
        || leftC.allQualifiers(numbers) && !leftQ.content);
    // A qualifier is judged by the cap below, not as a missing word as well.
    double denominator = matchedWeight
        + Leftovers.leftover(qs, qUsed, qualified, conflict ? CONFLICT : extraQuery, legalConflict)
        + Leftovers.leftover(cs, cUsed, qualified, conflict ? CONFLICT : extraCandidate, legalConflict);
    if (out != null) {
      if (conflict) {
        out.notes.add("conflict: both names have parts the other lacks");
      }
      if (legalConflict) {
        out.notes.add("legal forms differ");
      }
      if (numberConflict) {
        out.notes.add("numbers differ");
      }
    }
    double score = denominator == 0 ? 0 : numerator / denominator;
    if (inverted) {
      score *= weights.reordered();
      if (out != null) {
        out.notes.add("word order differs");
      }
    }
    if (roleSwap && out != null) {
      out.notes.add("kinship roles differ: a name is the person's own in one and a parent's in the"
          + " other (x" + ROLE_SWAP + " on those parts)");
    }
    if (qualified && score > QUALIFIED) {
      if (out != null) {
        List<NamePart> qualifierParts = Leftovers.qualifiers(
            out.unmatchedQ.isEmpty() ? out.unmatchedC : out.unmatchedQ);
        out.notes.add(String.format(java.util.Locale.ROOT,
            "qualifier only in one name (%s): a related entity, score %.2f capped at %.2f",
            PartAlignment.written(qualifierParts), score, QUALIFIED));
      }
      score = QUALIFIED;
    }
    if (organisations && score > GENERIC_ONLY
        && (Leftovers.genericInside(qs, cs, cUsed) || Leftovers.genericInside(cs, qs, qUsed))) {
      if (out != null) {
        out.notes.add(String.format(java.util.Locale.ROOT,
            "a name of generic words only inside a longer name: score %.2f capped at %.2f", score,
            GENERIC_ONLY));
      }
      score = GENERIC_ONLY;
    }
    return score;
  }

  private static boolean free(boolean[] used, int from, int len) {
    for (int k = from; k < from + len; k++) {
      if (used[k]) {
        return false;
      }
    }
    return true;
  }

  private static void use(boolean[] used, int from, int len) {
    for (int k = from; k < from + len; k++) {
      used[k] = true;
    }
  }

  private static boolean contentLink(Link link, NamePart[] qs) {
    for (int k = link.q(); k < link.q() + link.qLen(); k++) {
      if (qs[k].isContent()) {
        return true;
      }
    }
    return false;
  }
}

package dev.compact.screening;

import java.util.ArrayList;
import java.util.Comparator;
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
  /** Similarity of an acronym with the words it abbreviates ("PLA", "U.S."). */
  static final double ACRONYM = 0.8;
  /** Factor on the similarity of a one-to-two alignment (a joined or split word). */
  static final double JOINED = 0.95;
  /** Share of its weight that a repeated part ("Sergey Sergey Shoigu") costs when unmatched. */
  static final double REPEATED = 0.25;

  private NameComparator() {}

  /** Factor on the similarity of two parts that play different kinship roles. */
  static final double ROLE_SWAP = 0.3;
  /** Highest score of names that differ only by a qualifier word on one side. */
  static final double QUALIFIED = 0.80;
  /** Highest score of a name of generic words only against a longer, distinctive name. */
  static final double GENERIC_ONLY = 0.5;

  /** Particles that make the next name the father's: "bin", "ibn", "bint", "ould". */
  private static final java.util.Set<String> KINSHIP = java.util.Set.of("bin", "ibn", "bint",
      "binti", "bte", "ben", "ould", "walad", "ibnu");

  private static final java.util.regex.Pattern PATRONYMIC = java.util.regex.Pattern.compile(
      "[a-z]{2,}(ovich?|evich?|ovych?|evych?|ovitch|evitch|ovna|evna|ivna|ichna)");

  private record Link(int q, int qLen, int c, int cLen, double sim, String basis, double weight,
      boolean roleSwap) {
    Link(int q, int qLen, int c, int cLen, double sim, String basis, double weight) {
      this(q, qLen, c, cLen, sim, basis, weight, false);
    }
  }

  private static final Comparator<Link> BEST_FIRST = Comparator.comparingDouble(Link::sim)
      .reversed()
      .thenComparing(Comparator.comparingDouble(Link::weight).reversed())
      .thenComparingInt(Link::q)
      .thenComparingInt(Link::c);

  /** Compares a query name with a candidate name; empty names never match. */
  public static NameMatch compare(NormalisedName query, NormalisedName candidate) {
    return compare(query, candidate, MatchWeights.FITTED, true);
  }

  /** As {@link #compare(NormalisedName, NormalisedName)} with other weights, for calibration. */
  public static NameMatch compare(NormalisedName query, NormalisedName candidate,
      MatchWeights weights) {
    return compare(query, candidate, weights, true);
  }

  /** The score alone, without building the explanation: for ranking many candidates. */
  public static double score(NormalisedName query, NormalisedName candidate) {
    return compare(query, candidate, MatchWeights.FITTED, false).score();
  }

  private static NameMatch compare(NormalisedName query, NormalisedName candidate,
      MatchWeights weights, boolean explain) {
    if (query.isEmpty() || candidate.isEmpty()) {
      return NameMatch.NONE;
    }
    List<NamePart> qs = query.parts();
    List<NamePart> cs = candidate.parts();
    List<Link> links = new ArrayList<>();
    int[] qRole = roles(qs);
    int[] cRole = roles(cs);
    for (int i = 0; i < qs.size(); i++) {
      NamePart q = qs.get(i);
      for (int j = 0; j < cs.size(); j++) {
        NamePart c = cs.get(j);
        PartSimilarity.Similarity s = PartSimilarity.parts(q, c, weights);
        if (s.value() > 0) {
          boolean swap = q.isContent() && c.isContent()
              && (qRole[i] != cRole[j] && qRole[i] != NO_ROLE && cRole[j] != NO_ROLE
              || patronymic(q) != patronymic(c));
          links.add(new Link(i, 1, j, 1, swap ? s.value() * ROLE_SWAP : s.value(),
              basisName(s.basis()), q.weight() + c.weight(), swap));
        }
      }
    }
    for (int span = 2; span <= 3; span++) {
      addJoined(qs, cs, span, false, links);
      addJoined(cs, qs, span, true, links);
    }
    if (query.kind() != NameKind.PERSON && candidate.kind() != NameKind.PERSON) {
      addAcronyms(qs, cs, false, links);
      addAcronyms(cs, qs, true, links);
    }
    links.sort(BEST_FIRST);

    boolean[] qUsed = new boolean[qs.size()];
    boolean[] cUsed = new boolean[cs.size()];
    List<Link> chosen = new ArrayList<>();
    for (Link link : links) {
      if (free(qUsed, link.q, link.qLen) && free(cUsed, link.c, link.cLen)) {
        use(qUsed, link.q, link.qLen);
        use(cUsed, link.c, link.cLen);
        chosen.add(link);
      }
    }
    chosen.sort(Comparator.comparingInt(Link::q));

    double matchedWeight = 0;
    double numerator = 0;
    List<PartAlignment> aligned = new ArrayList<>(explain ? chosen.size() : 0);
    for (Link link : chosen) {
      matchedWeight += link.weight;
      numerator += link.sim * link.weight;
      if (explain) {
        aligned.add(new PartAlignment(qs.subList(link.q, link.q + link.qLen),
            cs.subList(link.c, link.c + link.cLen), explainedBasis(link, qs, cs), link.sim,
            link.weight));
      }
    }
    List<NamePart> unmatchedQ = unmatched(qs, qUsed);
    List<NamePart> unmatchedC = unmatched(cs, cUsed);
    boolean conflict = unmatchedQ.stream().anyMatch(NamePart::isContent)
        && unmatchedC.stream().anyMatch(NamePart::isContent);
    boolean legalConflict = unmatchedQ.stream().anyMatch(p -> p.kind() == PartKind.LEGAL_FORM)
        && unmatchedC.stream().anyMatch(p -> p.kind() == PartKind.LEGAL_FORM);
    // Differing numbers ("Trust 2004-1" and "Trust 2005-1") stay light: in the labelled pairs a
    // series of trusts or vessels is mostly one family, and the review threshold catches it.
    boolean numberConflict = unmatchedQ.stream().anyMatch(p -> p.number() >= 0)
        && unmatchedC.stream().anyMatch(p -> p.number() >= 0);
    // Extra parts cost less the more content parts agree: "Oleg Deripaska" against "Oleg
    // Vladimirovich Deripaska" is strong evidence, "Deripaska" alone is not.
    long agreeing = chosen.stream().filter(l -> l.sim >= 0.5 && contentLink(l, qs)).count();
    double dilution = agreeing <= 1 ? 1.0 : 1.0 / agreeing;
    double extraQuery = weights.extraQuery() * dilution;
    double extraCandidate = weights.extraCandidate() * dilution;
    List<String> notes = new ArrayList<>();
    boolean organisations = query.kind() != NameKind.PERSON && candidate.kind() != NameKind.PERSON;
    boolean qualified = organisations && qualifierOnly(unmatchedQ, unmatchedC,
        query.kind() != NameKind.VESSEL && candidate.kind() != NameKind.VESSEL);
    List<NamePart> qualifierParts = qualified
        ? qualifiers(unmatchedQ.isEmpty() ? unmatchedC : unmatchedQ) : List.of();
    // A qualifier is judged by the cap below, not as a missing word as well.
    double denominator = matchedWeight
        + leftover(qualified ? withoutQualifiers(unmatchedQ) : unmatchedQ, qs, qUsed,
            conflict ? CONFLICT : extraQuery, legalConflict)
        + leftover(qualified ? withoutQualifiers(unmatchedC) : unmatchedC, cs, cUsed,
            conflict ? CONFLICT : extraCandidate, legalConflict);
    if (conflict) {
      notes.add("conflict: both names have parts the other lacks");
    }
    if (legalConflict) {
      notes.add("legal forms differ");
    }
    if (numberConflict) {
      notes.add("numbers differ");
    }
    double score = denominator == 0 ? 0 : numerator / denominator;
    if (inverted(chosen, qs)) {
      score *= weights.reordered();
      notes.add("word order differs");
    }
    if (chosen.stream().anyMatch(Link::roleSwap)) {
      notes.add("kinship roles differ: a name is the person's own in one and a parent's in the"
          + " other (x" + ROLE_SWAP + " on those parts)");
    }
    if (qualified && score > QUALIFIED) {
      notes.add(String.format(java.util.Locale.ROOT,
          "qualifier only in one name (%s): a related entity, score %.2f capped at %.2f",
          PartAlignment.written(qualifierParts), score, QUALIFIED));
      score = QUALIFIED;
    }
    if (organisations && score > GENERIC_ONLY
        && (genericInside(qs, unmatchedC) || genericInside(cs, unmatchedQ))) {
      notes.add(String.format(java.util.Locale.ROOT,
          "a name of generic words only inside a longer name: score %.2f capped at %.2f", score,
          GENERIC_ONLY));
      score = GENERIC_ONLY;
    }
    return new NameMatch(score, aligned, unmatchedQ, unmatchedC, notes);
  }

  /**
   * One part of {@code one} against {@code span} adjacent words of {@code two}: "PolPot" and "Pol
   * Pot", "vanderbilt" and "van der bilt".
   */
  private static void addJoined(List<NamePart> one, List<NamePart> two, int span,
      boolean swapped, List<Link> links) {
    for (int i = 0; i < one.size(); i++) {
      NamePart single = one.get(i);
      if (single.kind() != PartKind.WORD) {
        continue;
      }
      List<String> spellings = PartSimilarity.spellings(single);
      for (int j = 0; j + span <= two.size(); j++) {
        int joinedLength = 0;
        double weight = single.weight();
        boolean words = true;
        for (int k = j; k < j + span; k++) {
          NamePart part = two.get(k);
          words &= part.kind() == PartKind.WORD || part.kind() == PartKind.PARTICLE;
          joinedLength += part.text().length();
          weight += part.weight();
        }
        if (!words) {
          continue;
        }
        String joined = null;
        double best = 0;
        for (int v = 0; v < spellings.size(); v++) {
          String text = spellings.get(v);
          if (two.get(j).text().charAt(0) != text.charAt(0)
              || Math.abs(joinedLength - text.length()) > PartSimilarity.budget(joinedLength)) {
            continue;
          }
          if (joined == null) {
            StringBuilder out = new StringBuilder(joinedLength);
            for (int k = j; k < j + span; k++) {
              out.append(two.get(k).text());
            }
            joined = out.toString();
          }
          best = Math.max(best, PartSimilarity.words(text, joined)
              * PartSimilarity.readingFactor(single, v));
        }
        double sim = best * JOINED;
        if (sim > 0) {
          links.add(swapped
              ? new Link(j, span, i, 1, sim, "joined", weight)
              : new Link(i, 1, j, span, sim, "joined", weight));
        }
      }
    }
  }

  /** A short word spelling the initials of adjacent words of the other name: "PLA", "US". */
  private static void addAcronyms(List<NamePart> one, List<NamePart> two, boolean swapped,
      List<Link> links) {
    for (int i = 0; i < one.size(); i++) {
      NamePart single = one.get(i);
      String text = single.text();
      if (single.kind() != PartKind.WORD || text.length() < 2 || text.length() > 6) {
        continue;
      }
      for (int j = 0; j < two.size(); j++) {
        int k = 0;
        int at = j;
        double weight = single.weight();
        while (k < text.length() && at < two.size()) {
          NamePart part = two.get(at);
          if (part.kind() == PartKind.PARTICLE && part.text().charAt(0) != text.charAt(k)) {
            weight += part.weight();
            at++;
            continue;
          }
          if (part.kind() != PartKind.WORD || part.text().charAt(0) != text.charAt(k)) {
            break;
          }
          weight += part.weight();
          k++;
          at++;
        }
        if (k == text.length() && at - j >= 2) {
          links.add(swapped
              ? new Link(j, at - j, i, 1, ACRONYM, "acronym", weight)
              : new Link(i, 1, j, at - j, ACRONYM, "acronym", weight));
        }
      }
    }
  }

  private static final int NO_ROLE = Integer.MIN_VALUE;

  /**
   * The generation of each part when the name has a kinship particle between two names ("Ahmad
   * bin Ali": 0 for Ahmad, 1 for Ali), {@link #NO_ROLE} for every part when it has none: a name
   * without particles says nothing about whose name each part is.
   */
  private static int[] roles(List<NamePart> parts) {
    int[] roles = new int[parts.size()];
    boolean kinship = false;
    // Only a particle between two names marks roles; one at either end ("Salman Mohammed bin")
    // is a name written out of order.
    for (int i = 1; i + 1 < parts.size(); i++) {
      kinship |= KINSHIP.contains(parts.get(i).text()) && parts.get(i + 1).isContent();
    }
    if (!kinship) {
      java.util.Arrays.fill(roles, NO_ROLE);
      return roles;
    }
    int generation = 0;
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0 && KINSHIP.contains(parts.get(i).text())) {
        generation++;
      }
      roles[i] = generation;
    }
    return roles;
  }

  /** A Slavic patronymic ("Petrovich", "Sergeyevna"): a father's name, not a surname. */
  private static boolean patronymic(NamePart part) {
    return part.kind() == PartKind.WORD && PATRONYMIC.matcher(part.text()).matches();
  }

  /** One side's leftover content parts are all qualifiers and the other side has none left. */
  private static boolean qualifierOnly(List<NamePart> unmatchedQ, List<NamePart> unmatchedC,
      boolean numbers) {
    return allQualifiers(unmatchedQ, numbers) && unmatchedC.stream().noneMatch(NamePart::isContent)
        || allQualifiers(unmatchedC, numbers) && unmatchedQ.stream().noneMatch(NamePart::isContent);
  }

  /**
   * Whether the part tells related organisations apart: a country, city, region or branch word,
   * or (outside vessel names, where "Grace 1" is "Grace") a number: "Bowne Global Solutions II".
   */
  private static boolean isQualifier(NamePart part, boolean numbers) {
    return part.isContent() && (EntityWords.isQualifier(part.text())
        || numbers && part.number() >= 0);
  }

  private static boolean allQualifiers(List<NamePart> parts, boolean numbers) {
    List<NamePart> content = parts.stream().filter(NamePart::isContent).toList();
    return !content.isEmpty() && content.stream().allMatch(p -> isQualifier(p, numbers));
  }

  private static List<NamePart> qualifiers(List<NamePart> parts) {
    return parts.stream().filter(p -> isQualifier(p, true)).toList();
  }

  private static List<NamePart> withoutQualifiers(List<NamePart> parts) {
    return parts.stream().filter(p -> !isQualifier(p, true)).toList();
  }

  /**
   * {@code name}'s content parts are all generic words and the other name has distinctive content
   * left over: "Trading Company" inside "Northern Lights Trading Company".
   */
  private static boolean genericInside(List<NamePart> name, List<NamePart> otherLeftover) {
    List<NamePart> content = name.stream().filter(NamePart::isContent).toList();
    return !content.isEmpty() && content.stream().allMatch(p -> EntityWords.isGeneric(p.text()))
        && otherLeftover.stream().anyMatch(p -> p.isContent() && !EntityWords.isGeneric(p.text())
        && !EntityWords.isQualifier(p.text()));
  }

  /** An exact match reached by reading an abbreviation in full says so ("intl"≈"international"). */
  private static String explainedBasis(Link link, List<NamePart> qs, List<NamePart> cs) {
    if (!link.basis.equals("exact") || link.qLen != 1 || link.cLen != 1) {
      return link.basis;
    }
    NamePart q = qs.get(link.q);
    NamePart c = cs.get(link.c);
    boolean expanded = q.text().equals(CompanyWords.full(q.original()))
        || c.text().equals(CompanyWords.full(c.original()));
    return expanded ? "abbreviation" : link.basis;
  }

  private static String basisName(PartSimilarity.Basis basis) {
    return switch (basis) {
      case EXACT -> "exact";
      case EDITS -> "edits";
      case FOLDED -> "romanisation";
      case BALTIC_ENDING -> "baltic-ending";
      case PHONETIC -> "phonetic";
      case INITIAL -> "initial";
      case SKELETON -> "skeleton";
      case LEGAL_FORM -> "legal-form";
      case NUMBER -> "number";
      case READING -> "reading";
      case NICKNAME -> "nickname";
      case NONE -> "none";
    };
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

  private static List<NamePart> unmatched(List<NamePart> parts, boolean[] used) {
    List<NamePart> out = new ArrayList<>();
    for (int k = 0; k < parts.size(); k++) {
      if (!used[k]) {
        out.add(parts.get(k));
      }
    }
    return out;
  }

  /** Weight of the leftover parts; a leftover that repeats an aligned part costs little. */
  private static double leftover(List<NamePart> left, List<NamePart> all, boolean[] used,
      double share, boolean legalConflict) {
    double total = 0;
    for (NamePart part : left) {
      boolean repeated = false;
      for (int k = 0; k < all.size(); k++) {
        if (used[k] && all.get(k).text().equals(part.text())) {
          repeated = true;
          break;
        }
      }
      // A leftover Han or Hangul syllable is a given name the other lacks ("Bo Bin Xu" is not
      // "Bin Xu"), not an optional middle name.
      double partShare = part.kind() == PartKind.LEGAL_FORM && legalConflict
          || KoreanReadings.isEastAsian(part.original()) ? CONFLICT : share;
      total += part.weight() * (repeated ? REPEATED : partShare);
    }
    return total;
  }

  private static boolean contentLink(Link link, List<NamePart> qs) {
    for (int k = link.q; k < link.q + link.qLen; k++) {
      if (qs.get(k).isContent()) {
        return true;
      }
    }
    return false;
  }

  /** Whether content parts aligned in a different order; particles and legal forms move freely. */
  private static boolean inverted(List<Link> chosenInQueryOrder, List<NamePart> qs) {
    int last = -1;
    for (Link link : chosenInQueryOrder) {
      if (!contentLink(link, qs)) {
        continue;
      }
      if (link.c < last) {
        return true;
      }
      last = link.c;
    }
    return false;
  }
}

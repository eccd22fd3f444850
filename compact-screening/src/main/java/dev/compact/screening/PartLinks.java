package dev.compact.screening;

import java.util.List;

/**
 * The links an alignment chooses from: a part of one name against one, two or three parts of the
 * other (single, joined and split words), or an acronym against the words it abbreviates. Kept
 * apart from {@link NameComparator}, which chooses among them and scores the choice, so that
 * {@link ScoreBound} can ask which parts may link at all without scoring anything.
 */
final class PartLinks {

  private PartLinks() {}

  /** Similarity of an acronym with the words it abbreviates ("PLA", "U.S."). */
  static final double ACRONYM = 0.8;
  /** Factor on the similarity of a one-to-two alignment (a joined or split word). */
  static final double JOINED = 0.95;

  /**
   * Query parts {@code q .. q + qLen} aligned with candidate parts {@code c .. c + cLen}, with the
   * similarity, its basis, and the weight of all the parts it covers.
   */
  record Link(int q, int qLen, int c, int cLen, double sim, String basis, double weight,
      boolean roleSwap) {
    Link(int q, int qLen, int c, int cLen, double sim, String basis, double weight) {
      this(q, qLen, c, cLen, sim, basis, weight, false);
    }
  }

  /** Best similarity first, then heavier pairs, then query and candidate order. */
  static int bestFirst(Link a, Link b) {
    int order = Double.compare(b.sim, a.sim);
    if (order != 0) {
      return order;
    }
    order = Double.compare(b.weight, a.weight);
    if (order != 0) {
      return order;
    }
    order = Integer.compare(a.q, b.q);
    return order != 0 ? order : Integer.compare(a.c, b.c);
  }

  /** Every joined, split and (between organisations) acronym link, in the alignment's order. */
  static void addMultiPart(NamePart[] qs, NamePart[] cs, boolean organisations,
      List<Link> links) {
    for (int span = 2; span <= 3; span++) {
      addJoined(qs, cs, span, false, links);
      addJoined(cs, qs, span, true, links);
    }
    if (organisations) {
      addAcronyms(qs, cs, false, links);
      addAcronyms(cs, qs, true, links);
    }
  }

  /**
   * One part of {@code one} against {@code span} adjacent words of {@code two}: "PolPot" and "Pol
   * Pot", "vanderbilt" and "van der bilt".
   */
  private static void addJoined(NamePart[] one, NamePart[] two, int span, boolean swapped,
      List<Link> links) {
    for (int i = 0; i < one.length; i++) {
      NamePart single = one[i];
      if (single.kind() != PartKind.WORD) {
        continue;
      }
      // Most parts have one spelling: compared without a list, and their length is checked
      // before the joined words are built.
      String only = single.variants().isEmpty() ? single.text() : null;
      List<String> spellings = only == null ? PartSimilarity.spellings(single) : null;
      for (int j = 0; j + span <= two.length; j++) {
        // No spelling that starts with the first letter of the joined words can agree with them:
        // ruled out before anything is summed or joined.
        char first = two[j].text().charAt(0);
        if (only != null) {
          if (only.charAt(0) != first) {
            continue;
          }
        } else {
          boolean any = false;
          for (int v = 0; v < spellings.size() && !any; v++) {
            any = spellings.get(v).charAt(0) == first;
          }
          if (!any) {
            continue;
          }
        }
        int joinedLength = 0;
        long joinedLetters = 0;
        double weight = single.weight();
        boolean words = true;
        for (int k = j; k < j + span; k++) {
          NamePart part = two[k];
          words &= part.kind() == PartKind.WORD || part.kind() == PartKind.PARTICLE;
          joinedLength += part.text().length();
          joinedLetters |= part.letters();
          weight += part.weight();
        }
        if (!words) {
          continue;
        }
        double best = 0;
        if (only != null) {
          // The joined words' letters are their parts' letters together: most pairs are ruled
          // out by them before the joined string is built.
          if (Math.abs(joinedLength - only.length()) <= PartSimilarity.budget(joinedLength)
              && PartSimilarity.lettersAgree(single.letters(), joinedLetters,
              Math.max(only.length(), joinedLength))) {
            best = PartSimilarity.words(only, joined(two, j, span, joinedLength),
                single.letters(), joinedLetters) * PartSimilarity.readingFactor(single, 0);
          }
        } else {
          String joined = null;
          for (int v = 0; v < spellings.size(); v++) {
            String text = spellings.get(v);
            if (first != text.charAt(0)
                || Math.abs(joinedLength - text.length()) > PartSimilarity.budget(joinedLength)) {
              continue;
            }
            if (joined == null) {
              joined = joined(two, j, span, joinedLength);
            }
            best = Math.max(best, PartSimilarity.words(text, joined)
                * PartSimilarity.readingFactor(single, v));
          }
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

  private static String joined(NamePart[] parts, int from, int span, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int k = from; k < from + span; k++) {
      out.append(parts[k].text());
    }
    return out.toString();
  }

  /** A short word spelling the initials of adjacent words of the other name: "PLA", "US". */
  private static void addAcronyms(NamePart[] one, NamePart[] two, boolean swapped,
      List<Link> links) {
    for (int i = 0; i < one.length; i++) {
      NamePart single = one[i];
      String text = single.text();
      if (single.kind() != PartKind.WORD || text.length() < 2 || text.length() > 6) {
        continue;
      }
      for (int j = 0; j < two.length; j++) {
        int k = 0;
        int at = j;
        double weight = single.weight();
        while (k < text.length() && at < two.length) {
          NamePart part = two[at];
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

  /** An exact match reached by reading an abbreviation in full says so ("intl"≈"international"). */
  static String explainedBasis(Link link, NamePart[] qs, NamePart[] cs) {
    if (!link.basis.equals("exact") || link.qLen != 1 || link.cLen != 1) {
      return link.basis;
    }
    NamePart q = qs[link.q];
    NamePart c = cs[link.c];
    boolean expanded = q.text().equals(CompanyWords.full(q.original()))
        || c.text().equals(CompanyWords.full(c.original()));
    return expanded ? "abbreviation" : link.basis;
  }

  static String basisName(PartSimilarity.Basis basis) {
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
}

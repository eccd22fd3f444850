package dev.compact.screening;

import java.util.List;

/**
 * Similarity of two single parts, with a Levenshtein budget: beyond a few edits (depending on
 * length) two words are different names, however many letters they share.
 */
final class PartSimilarity {

  /** Similarity of two different legal forms of the same family (AG and JSC). */
  static final double LEGAL_FAMILY = 0.6;

  private PartSimilarity() {}

  /** Edits allowed between two words of which the longer has {@code length} characters. */
  static int budget(int length) {
    if (length <= 1) {
      return 0;
    }
    if (length <= 5) {
      return 1;
    }
    if (length <= 9) {
      return 2;
    }
    return 3;
  }

  /** Fixed cost of one edit. */
  static final double EDIT_COST = 0.1;
  /** Cost of one edit that grows as words get shorter: one letter of three matters more. */
  static final double SHORT_COST = 0.5;

  /** Similarity of two word-like strings, 0 when they are further apart than the budget. */
  static double words(String a, String b) {
    return words(a, b, letters(a), letters(b));
  }

  /**
   * As {@link #words(String, String)}, with the letter sets of both words: each letter one word
   * has and the other lacks costs at least one edit, which rules most pairs out before the
   * dynamic programme runs.
   */
  static double words(String a, String b, long lettersA, long lettersB) {
    if (a.equals(b)) {
      return 1.0;
    }
    int longer = Math.max(a.length(), b.length());
    if (!lettersAgree(lettersA, lettersB, longer)) {
      return 0.0;
    }
    int budget = budget(longer);
    int distance = distance(a, b, budget);
    if (distance <= budget) {
      return Math.max(0.0, 1.0 - distance * (EDIT_COST + SHORT_COST / longer));
    }
    return 0.0;
  }

  /**
   * Whether two words with these letter sets, the longer of {@code longer} characters, may be
   * within the edit budget: each letter one has and the other lacks costs at least one edit.
   */
  static boolean lettersAgree(long lettersA, long lettersB, int longer) {
    int budget = budget(longer);
    return Long.bitCount(lettersA & ~lettersB) <= budget
        && Long.bitCount(lettersB & ~lettersA) <= budget;
  }

  /** The set of characters of a word, as bits: a-z, 0-9, and one bit for anything else. */
  static long letters(String word) {
    long bits = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c >= 'a' && c <= 'z') {
        bits |= 1L << (c - 'a');
      } else if (c >= '0' && c <= '9') {
        bits |= 1L << (26 + c - '0');
      } else {
        bits |= 1L << 36 + (c % 27);
      }
    }
    return bits;
  }

  /** The kind of similarity {@link #parts} found, for explanations. */
  enum Basis { EXACT, EDITS, FOLDED, BALTIC_ENDING, PHONETIC, INITIAL, SKELETON, LEGAL_FORM,
    NUMBER, READING, NICKNAME, NONE }

  /** A similarity and what it rests on. */
  record Similarity(double value, Basis basis) {
    static final Similarity NONE = new Similarity(0.0, Basis.NONE);
  }

  /** Similarity of two parts according to their kinds. */
  static Similarity parts(NamePart a, NamePart b, MatchWeights weights) {
    return parts(a, b, weights, KoreanReadings.isEastAsian(a.original()),
        KoreanReadings.isEastAsian(b.original()));
  }

  /**
   * As {@link #parts(NamePart, NamePart, MatchWeights)}, with whether each part is written in Han
   * or Hangul known beforehand (an alignment knows it once per part, not once per pair).
   */
  static Similarity parts(NamePart a, NamePart b, MatchWeights weights, boolean eastA,
      boolean eastB) {
    PartKind ka = a.kind();
    PartKind kb = b.kind();
    if (ka == PartKind.LEGAL_FORM || kb == PartKind.LEGAL_FORM) {
      if (ka != kb) {
        // A legal-form word inside a name is left a word ("Corporation" before a misspelt
        // "Joynt Stock Company"), but it still names the same form as the other side's class.
        NamePart word = ka == PartKind.LEGAL_FORM ? b : a;
        String form = ka == PartKind.LEGAL_FORM ? a.text() : b.text();
        return word.kind() == PartKind.WORD
            && LegalForms.classOf(List.of(word.text())).filter(form::equals).isPresent()
            ? new Similarity(1.0, Basis.LEGAL_FORM) : Similarity.NONE;
      }
      if (a.text().equals(b.text())) {
        return new Similarity(1.0, Basis.LEGAL_FORM);
      }
      return sameFamily(a.text(), b.text())
          ? new Similarity(LEGAL_FAMILY, Basis.LEGAL_FORM)
          : Similarity.NONE;
    }
    if (a.number() >= 0 && a.number() == b.number()) {
      // "2", "2nd", "second", "zweite", "II": the same value however it is written. Different
      // values are left to the usual rules: series ("Trust I", "Trust II") are often one family.
      return a.text().equals(b.text()) ? new Similarity(1.0, Basis.EXACT)
          : new Similarity(1.0, Basis.NUMBER);
    }
    if (ka == PartKind.NUMBER || kb == PartKind.NUMBER) {
      return ka == kb && a.text().equals(b.text())
          ? new Similarity(1.0, Basis.EXACT)
          : Similarity.NONE;
    }
    if (ka == PartKind.INITIAL || kb == PartKind.INITIAL) {
      if (a.text().charAt(0) != b.text().charAt(0)) {
        return Similarity.NONE;
      }
      return ka == kb ? new Similarity(1.0, Basis.EXACT) : new Similarity(weights.initial(), Basis.INITIAL);
    }
    return wordSimilarity(a, b, weights, eastA, eastB);
  }

  private static Similarity wordSimilarity(NamePart pa, NamePart pb, MatchWeights weights,
      boolean eastA, boolean eastB) {
    String a = pa.text();
    String b = pb.text();
    if (a.equals(b) && !(eastA && eastB)) {
      return new Similarity(1.0, Basis.EXACT);
    }
    if (eastA && eastB) {
      // Two characters of the same kind compare as written: readings would make 정 and 종
      // ("Jong" for both in the lists' spelling) or 平 and 朋 equal.
      return pa.original().equals(pb.original()) ? new Similarity(1.0, Basis.EXACT)
          : Similarity.NONE;
    }
    if (!pa.variants().isEmpty() || !pb.variants().isEmpty()) {
      Similarity plain = plainWordSimilarity(pa, pb, weights);
      double reading = 0;
      List<String> sa = spellings(pa);
      List<String> sb = spellings(pb);
      for (int i = 0; i < sa.size(); i++) {
        for (int j = 0; j < sb.size(); j++) {
          if (i == 0 && j == 0) {
            continue;
          }
          reading = Math.max(reading, words(sa.get(i), sb.get(j))
              * readingFactor(pa, i) * readingFactor(pb, j));
        }
      }
      return reading > plain.value() ? new Similarity(reading, Basis.READING) : plain;
    }
    return plainWordSimilarity(pa, pb, weights);
  }

  /** Factor on an agreement through another reading of a Han character than its Mandarin one. */
  static final double HAN_READING = 0.85;

  /**
   * A Korean reading of a Han token (any spelling after the first, Mandarin one) is a guess about
   * the language of the name: Chinese and Japanese names written in Han would otherwise find
   * Korean ones as easily.
   */
  static double readingFactor(NamePart part, int spelling) {
    return spelling > 0 && KoreanReadings.isHan(part.original().codePointAt(0)) ? HAN_READING
        : 1.0;
  }

  static List<String> spellings(NamePart part) {
    if (part.variants().isEmpty()) {
      return List.of(part.text());
    }
    List<String> all = new java.util.ArrayList<>(part.variants().size() + 1);
    all.add(part.text());
    all.addAll(part.variants());
    return all;
  }

  private static Similarity plainWordSimilarity(NamePart pa, NamePart pb, MatchWeights weights) {
    String a = pa.text();
    String b = pb.text();
    double best = words(a, b, pa.letters(), pb.letters());
    Basis basis = best > 0 ? Basis.EDITS : Basis.NONE;
    if (best < weights.folded() && !(pa.folded().equals(a) && pb.folded().equals(b))) {
      double folded = words(pa.folded(), pb.folded(), pa.foldedLetters(), pb.foldedLetters())
          * weights.folded();
      if (folded > best) {
        best = folded;
        basis = Basis.FOLDED;
      }
    }
    if (best < weights.folded()) {
      double baltic = balticEnding(pa.folded(), pb.folded()) * weights.folded();
      if (baltic > best) {
        best = baltic;
        basis = Basis.BALTIC_ENDING;
      }
    }
    String ka = pa.phonetic();
    String kb = pb.phonetic();
    boolean abjad = pa.abjad() || pb.abjad();
    if (best < weights.phonetic() && a.length() >= 4 && b.length() >= 4 && !ka.isEmpty() && ka.equals(kb)
        && a.charAt(0) == b.charAt(0)) {
      best = weights.phonetic();
      basis = Basis.PHONETIC;
    }
    if (best < weights.nickname() && Nicknames.related(a, b)) {
      best = weights.nickname();
      basis = Basis.NICKNAME;
    }
    if (abjad && best < weights.skeleton()) {
      String sa = skeleton(a);
      String sb = skeleton(b);
      if (sa.length() >= 2 && sa.equals(sb)) {
        best = weights.skeleton();
        basis = Basis.SKELETON;
      }
    }
    return best > 0 ? new Similarity(best, basis) : Similarity.NONE;
  }

  /**
   * Similarity of two folded words when one of them carries a Latvian or Lithuanian gendered
   * ending the other lacks ("lavrovs" and "lavrov"; "lavroviene" and the Russian feminine
   * "lavrova"). Only one side is stripped: two words that both carry an ending are compared as
   * written, or "Petras" and "Petrus" would meet at "petr".
   */
  static double balticEnding(String a, String b) {
    if (!Romanisation.mayEndBaltic(a) && !Romanisation.mayEndBaltic(b)) {
      return 0.0;
    }
    List<String> stemsA = Romanisation.balticStems(a);
    List<String> stemsB = Romanisation.balticStems(b);
    if (!stemsA.isEmpty() && !stemsB.isEmpty()) {
      return 0.0;
    }
    double best = 0;
    for (String stem : stemsA) {
      best = Math.max(best, bareMatch(stem, b));
    }
    for (String stem : stemsB) {
      best = Math.max(best, bareMatch(stem, a));
    }
    return best;
  }

  /** A stem against a word that may end in the Slavic feminine "-a" the Baltic forms replace. */
  private static double bareMatch(String stem, String other) {
    double plain = words(stem, other);
    if (other.length() > stem.length() && other.endsWith("a")) {
      plain = Math.max(plain, words(stem, other.substring(0, other.length() - 1)));
    }
    return plain;
  }

  /**
   * The consonants of a word, with letters that Arabic script writes alike folded together: short
   * vowels are not written there, and "p", "v" and "e" do not exist.
   */
  static String skeleton(String word) {
    StringBuilder out = new StringBuilder(word.length());
    char previous = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = switch (word.charAt(i)) {
        case 'a', 'e', 'i', 'o', 'u', 'y', 'w', 'h', '\'' -> 0;
        case 'p' -> 'b';
        case 'v' -> 'f';
        case 'z' -> 's';
        case 'q', 'c' -> 'k';
        case 'g' -> 'j';
        default -> word.charAt(i);
      };
      if (c != 0 && c != previous) {
        out.append(c);
      }
      if (c != 0) {
        previous = c;
      }
    }
    return out.toString();
  }

  private static boolean sameFamily(String a, String b) {
    return family(a) != null && family(a).equals(family(b));
  }

  private static String family(String legalClass) {
    return switch (legalClass) {
      case "ag", "jsc", "sa", "plc", "nv", "ab", "as", "se", "corp", "inc", "co" -> "stock";
      case "llc", "gmbh", "ltd", "bv" -> "limited";
      case "lp", "llp", "kg" -> "partnership";
      default -> null;
    };
  }

  /**
   * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), or {@code
   * budget + 1} as soon as it must exceed the budget.
   */
  static int distance(CharSequence a, CharSequence b, int budget) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > budget) {
      return budget + 1;
    }
    int[] prevPrev = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] row = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      row[0] = i;
      int rowMin = row[0];
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= m; j++) {
        char cb = b.charAt(j - 1);
        int cost = ca == cb ? 0 : 1;
        int v = Math.min(Math.min(row[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
          v = Math.min(v, prevPrev[j - 2] + 1);
        }
        row[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > budget) {
        return budget + 1;
      }
      int[] t = prevPrev;
      prevPrev = prev;
      prev = row;
      row = t;
    }
    return Math.min(prev[m], budget + 1);
  }
}

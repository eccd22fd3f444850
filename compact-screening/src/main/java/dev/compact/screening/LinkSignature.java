package dev.compact.screening;

import java.util.List;

/**
 * Four longs per part from which ranking can tell, without fetching the part, that
 * {@link PartSimilarity#parts} would return nothing: a query meets hundreds of listed parts, of
 * which few link to any query part, and at a million entities each part fetched (its record, its
 * strings) is a cache miss.
 *
 * <p>Why {@link #mayLink} is false only when the similarity is zero, branch by branch of {@code
 * PartSimilarity.parts}: a legal form links only to a legal form or to a word that names one
 * (the first branch decides, whatever else the parts are). Numbers and parts with a value,
 * initials, parts with other spellings (Han and Hangul readings), parts written in Han or Hangul,
 * abjad parts and parts longer than 255 characters are never ruled out ({@link #ALWAYS}). What is
 * left goes to the plain word comparison, which is positive only through
 * <ul>
 *   <li>the words within the edit budget, or equal: {@code PartSimilarity.words} returns 0
 *       unless {@code lettersAgree} holds for their letter sets and the longer length (equal
 *       words have equal sets);</li>
 *   <li>the same for the folded forms;</li>
 *   <li>a Baltic ending: one side ends so ({@code Romanisation.mayEndBaltic}) and its stem, a
 *       prefix of it, lies within the budget of the other side's folded form or that form less a
 *       final "a". Every letter of the other side but "a" that the ending side lacks is also
 *       lacking in the stem, and each costs an edit, within a budget no larger than that of the
 *       longer folded form (the stem is shorter than its word);</li>
 *   <li>the phonetic rule: both texts of four letters or more, the same non-empty key and the
 *       same first letter, which give the same {@link #phoneticCode};</li>
 *   <li>nicknames: both words in one nickname group, so their {@code Nicknames.groupBits}
 *       meet.</li>
 * </ul>
 * {@code RankingPruneTests} checks this on every pair of parts met by the evaluation queries,
 * on the real lists and among synthetic entities.
 */
final class LinkSignature {

  private LinkSignature() {}

  /** Longs per part: letters, folded letters, lengths with flags, nickname groups. */
  static final int STRIDE = 4;

  private static final long ALWAYS = 1L << 48;
  private static final long BALTIC = 1L << 49;
  private static final long PHONETIC = 1L << 51;
  private static final long LEGAL_FORM = 1L << 52;
  private static final long LEGAL_WORD = 1L << 53;
  /** The letter "a" in {@link PartSimilarity#letters}. */
  private static final long LETTER_A = 1L;
  private static final int MAX_LENGTH = 0xFF;

  /** Writes {@code part}'s signature at {@code out[at .. at + STRIDE)}. */
  static void write(NamePart part, boolean eastAsian, long[] out, int at) {
    PartKind kind = part.kind();
    String text = part.text();
    String folded = part.folded();
    boolean always = kind == PartKind.NUMBER
        || kind == PartKind.INITIAL || part.number() >= 0 || !part.variants().isEmpty()
        || eastAsian || part.abjad() || text.length() > MAX_LENGTH
        || folded.length() > MAX_LENGTH;
    long flags = (always ? ALWAYS : 0)
        | (kind == PartKind.LEGAL_FORM ? LEGAL_FORM : 0)
        | (kind == PartKind.WORD && LegalForms.classOf(List.of(text)).isPresent()
            ? LEGAL_WORD : 0)
        | (Romanisation.mayEndBaltic(folded) ? BALTIC : 0)
        | (text.length() >= 4 && !part.phonetic().isEmpty() ? PHONETIC : 0);
    out[at] = part.letters();
    out[at + 1] = part.foldedLetters();
    out[at + 2] = (phoneticCode(part) & 0xFFFF_FFFFL)
        | (long) Math.min(text.length(), MAX_LENGTH) << 32
        | (long) Math.min(folded.length(), MAX_LENGTH) << 40
        | flags;
    out[at + 3] = Nicknames.groupBits(text);
  }

  /** Equal for two parts with the same phonetic key and first letter. */
  private static int phoneticCode(NamePart part) {
    return part.phonetic().hashCode() * 31 + part.text().charAt(0);
  }

  /**
   * False only when {@link PartSimilarity#parts} of the two parts is certainly zero (see the
   * class comment).
   */
  static boolean mayLink(long[] a, int at, long[] b, int bt) {
    long ma = a[at + 2];
    long mb = b[bt + 2];
    if (((ma | mb) & LEGAL_FORM) != 0) {
      // Decided by the first branch: two legal forms, or one and a word that names a form.
      return (ma & LEGAL_FORM) != 0 && (mb & (LEGAL_FORM | LEGAL_WORD)) != 0
          || (mb & LEGAL_FORM) != 0 && (ma & (LEGAL_FORM | LEGAL_WORD)) != 0;
    }
    if (((ma | mb) & ALWAYS) != 0) {
      return true;
    }
    int longer = Math.max((int) (ma >>> 32) & MAX_LENGTH, (int) (mb >>> 32) & MAX_LENGTH);
    if (PartSimilarity.lettersAgree(a[at], b[bt], longer)) {
      return true;
    }
    long fa = a[at + 1];
    long fb = b[bt + 1];
    int foldedLonger = Math.max((int) (ma >>> 40) & MAX_LENGTH, (int) (mb >>> 40) & MAX_LENGTH);
    if (PartSimilarity.lettersAgree(fa, fb, foldedLonger)) {
      return true;
    }
    int budget = PartSimilarity.budget(foldedLonger);
    if ((ma & BALTIC) != 0 && Long.bitCount(fb & ~LETTER_A & ~fa) <= budget
        || (mb & BALTIC) != 0 && Long.bitCount(fa & ~LETTER_A & ~fb) <= budget) {
      return true;
    }
    if ((ma & mb & PHONETIC) != 0 && (int) ma == (int) mb) {
      return true;
    }
    return (a[at + 3] & b[bt + 3]) != 0;
  }
}

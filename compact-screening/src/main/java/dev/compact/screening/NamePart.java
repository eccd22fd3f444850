package dev.compact.screening;

import java.util.List;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * One part of a normalised name.
 *
 * @param text the Latin-ASCII lower-case form used for comparison, or a legal-form class code
 * @param original the part as written (NFKC, case-folded, in its own script), for explanations
 * @param kind what the part is
 * @param abjad whether it was transliterated from a script that omits short vowels (Arabic,
 *     Hebrew, Syriac), which makes its vowels unreliable
 * @param phonetic the Double Metaphone key of {@code text}, empty for numbers and legal forms
 * @param folded {@code text} with spelling variants of romanisation folded together (see {@link
 *     Romanisation#fold})
 * @param letters the characters of {@code text} as a bit set, for a quick lower bound on edits
 * @param foldedLetters the characters of {@code folded} as a bit set
 * @param number the value when the part is a number in digits, a number or ordinal written as a
 *     word ("second", "drei") or a Roman numeral where one can stand; -1 otherwise
 * @param variants other spellings of the part that are equally right: the readings of a Han
 *     character or the romanisations of a Hangul syllable besides {@code text}; usually empty
 */
public record NamePart(
    String text, String original, PartKind kind, boolean abjad, String phonetic, String folded,
    long letters, long foldedLetters, int number, List<String> variants) {

  private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

  public NamePart {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a name part needs text");
    }
    variants = List.copyOf(variants);
  }

  /** A part whose phonetic key, folded form and value are derived from its text. */
  public NamePart(String text, String original, PartKind kind, boolean abjad) {
    this(text, original, kind, abjad,
        kind == PartKind.LEGAL_FORM || kind == PartKind.INITIAL ? -1 : NumberWords.value(text));
  }

  /** A part with a numeric value given by the caller (a Roman numeral, several words read as one). */
  public NamePart(String text, String original, PartKind kind, boolean abjad, int number) {
    this(text, original, kind, abjad, number, List.of());
  }

  /** A word with other equally right spellings (readings of a Han or Hangul character). */
  public NamePart(String text, String original, PartKind kind, boolean abjad, int number,
      List<String> variants) {
    this(text, original, kind, abjad, phoneticKey(text, kind), foldedForm(text, original, kind),
        number, variants);
  }

  private NamePart(String text, String original, PartKind kind, boolean abjad, String phonetic,
      String folded, int number, List<String> variants) {
    this(text, original, kind, abjad, phonetic, folded, PartSimilarity.letters(text),
        PartSimilarity.letters(folded), number, variants);
  }

  /** This part with a numeric value. */
  NamePart withNumber(int value) {
    return new NamePart(text, original, kind, abjad, phonetic, folded, letters, foldedLetters,
        value, variants);
  }

  private static String foldedForm(String text, String original, PartKind kind) {
    return kind == PartKind.WORD || kind == PartKind.PARTICLE
        ? Romanisation.fold(Romanisation.caronsAsDigraphs(text, original)) : text;
  }

  private static String phoneticKey(String text, PartKind kind) {
    if (kind == PartKind.NUMBER || kind == PartKind.LEGAL_FORM || text.length() < 2) {
      return "";
    }
    String key = METAPHONE.doubleMetaphone(text);
    return key == null ? "" : key;
  }

  static final double NUMBER_WEIGHT = 0.5;

  /** How much the part counts in an alignment. */
  public double weight() {
    return weightOf(kind);
  }

  /** The weight of a part of this kind. */
  static double weightOf(PartKind kind) {
    return switch (kind) {
      case WORD -> 1.0;
      // Numbers in names are mostly series and fleet designations ("Snow Storm 2").
      case NUMBER -> NUMBER_WEIGHT;
      case INITIAL -> 0.5;
      case LEGAL_FORM -> 0.5;
      case PARTICLE -> 0.25;
    };
  }

  /** Parts that identify someone: words, initials and numbers, not particles or legal forms. */
  public boolean isContent() {
    return isContent(kind);
  }

  /** Whether parts of this kind are content. */
  static boolean isContent(PartKind kind) {
    return kind == PartKind.WORD || kind == PartKind.INITIAL || kind == PartKind.NUMBER;
  }
}

package dev.compact.screening;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a case-folded name into tokens and writes each in Latin ASCII, keeping it as written
 * beside it. {@link NameNormaliser} then reads the tokens as parts of a name.
 *
 * <p>Thread-safe: ICU transliterators are not documented as safe for concurrent use, so each
 * thread gets its own.
 */
final class NameTokens {

  private static final ThreadLocal<Transliterator> TO_LATIN =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));

  private NameTokens() {}

  /**
   * Splits into tokens on anything that is not a letter, digit, mark, dot or apostrophe; dots and
   * apostrophes are then removed, so "A.B.C." is one token "abc" and "Qa'ida" is "qaida".
   */
  static List<RawToken> tokenise(String folded) {
    List<RawToken> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < folded.length()) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || UCharacter.getType(cp) == UCharacter.NON_SPACING_MARK
          || UCharacter.getType(cp) == UCharacter.COMBINING_SPACING_MARK
          || UCharacter.getType(cp) == UCharacter.ENCLOSING_MARK) {
        current.appendCodePoint(cp);
      } else if (cp == '.' || isApostrophe(cp)) {
        // Dropped, but does not split the token.
        continue;
      } else {
        flush(tokens, current);
        if (cp == '&') {
          tokens.add(new RawToken("and", "&", false));
        }
      }
    }
    flush(tokens, current);
    return tokens;
  }

  private static boolean isApostrophe(int cp) {
    return cp == '\'' || cp == '\u2019' || cp == '\u2018' || cp == '\u02bc' || cp == '`'
        || cp == '\u00b4' || cp == '\u02bb';
  }

  private static void flush(List<RawToken> tokens, StringBuilder current) {
    if (!current.isEmpty()) {
      String token = current.toString();
      tokens.add(new RawToken(token, token, false));
      current.setLength(0);
    }
  }

  /** Adds the Latin-ASCII form; a token no transliterator covers keeps its own script. */
  static RawToken transliterate(RawToken token) {
    if (isAscii(token.text)) {
      return token;
    }
    String latin = stripToAscii(TO_LATIN.get().transliterate(token.text));
    boolean abjad = isAbjad(token.text);
    return new RawToken(latin.isEmpty() ? token.text : latin, token.original, abjad);
  }

  private static boolean isAbjad(String text) {
    int script = UScript.getScript(text.codePointAt(0));
    for (int i = 0; i < text.length() && script == UScript.COMMON; ) {
      int cp = text.codePointAt(i);
      script = UScript.getScript(cp);
      i += Character.charCount(cp);
    }
    return script == UScript.ARABIC || script == UScript.HEBREW || script == UScript.SYRIAC
        || script == UScript.THAANA;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String stripToAscii(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A token before classification: comparison text, text as written, and its script family. */
  record RawToken(String text, String original, boolean abjad) {}
}

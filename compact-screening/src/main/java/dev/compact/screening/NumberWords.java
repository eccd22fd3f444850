package dev.compact.screening;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.util.ULocale;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers written as words and ordinals, in the languages most list entries and customer files use,
 * read back to their value: "Second", "2nd", "segundo", "zweite" and "2" are all 2; "Twenty-Five",
 * "vingt-cinq" and "25" are all 25.
 *
 * <p>The spelled-out forms are not a hand-written table: they are generated once from ICU's
 * rule-based number format (CLDR spell-out rules, every cardinal, ordinal and numbering rule set of
 * each language, all genders and cases), normalised exactly as name parts are. A form that means two
 * different numbers in two languages is left out. Digits with an ordinal ending ("21st", "3ra",
 * "2e", "1er") are read by a pattern.
 */
final class NumberWords {

  /** Languages whose spell-out forms are recognised. */
  static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it", "pt", "nl", "ru");

  /** Numbers spelt out: 1 to 100, the hundreds, a thousand. */
  private static final int LARGEST_SMALL = 100;

  /** Longest spelled-out form recognised, in name parts ("vingt et un", "one hundred and five"). */
  static final int MAX_PARTS = 4;

  private static final Map<String, Integer> WORDS = build();

  private static final Pattern ORDINAL_DIGITS = Pattern.compile(
      "(\\d{1,6})(st|nd|rd|th|e|er|re|eme|ieme|o|a|ra|ro|do|da|to|ta|vo|va|no|na|mo|ma|te|ter|ten"
          + "|tes|ste|sten|ster)");

  private static final Pattern ROMAN = Pattern.compile(
      "(x{0,3})(ix|iv|v?i{0,3})");

  private NumberWords() {}

  /** The value of a one-part spelled number or ordinal ("second", "drei", "21st"), or -1. */
  static int value(String text) {
    Integer v = WORDS.get(text);
    if (v != null) {
      return v;
    }
    Matcher m = ORDINAL_DIGITS.matcher(text);
    if (m.matches()) {
      return Integer.parseInt(m.group(1));
    }
    if (!text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Integer.parseInt(text);
    }
    return -1;
  }

  /** The digits of an ordinal written with digits ("21st" gives "21"), or null. */
  static String ordinalDigits(String text) {
    Matcher m = ORDINAL_DIGITS.matcher(text);
    return m.matches() ? m.group(1).replaceFirst("^0+(?=\\d)", "") : null;
  }

  /** The value of several parts read together ("twenty five", "vingt et un"), or -1. */
  static int value(List<String> texts) {
    Integer v = WORDS.get(String.join(" ", texts));
    return v == null ? -1 : v;
  }

  /**
   * The value of a Roman numeral from II to XXXIX, or -1. Single letters are left out ("I", "V",
   * "X" are as often initials), and only the caller knows where in a name a numeral can stand.
   */
  static int roman(String text) {
    if (text.length() < 2 || !ROMAN.matcher(text).matches()) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      int here = digit(text.charAt(i));
      int next = i + 1 < text.length() ? digit(text.charAt(i + 1)) : 0;
      value += here < next ? -here : here;
    }
    return value;
  }

  private static int digit(char c) {
    return switch (c) {
      case 'i' -> 1;
      case 'v' -> 5;
      case 'x' -> 10;
      default -> 0;
    };
  }

  private static Map<String, Integer> build() {
    Normalizer2 casefold = Normalizer2.getNFKCCasefoldInstance();
    Transliterator toLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    Map<String, Integer> words = new HashMap<>();
    Set<String> ambiguous = new HashSet<>();
    for (String language : LANGUAGES) {
      RuleBasedNumberFormat format =
          new RuleBasedNumberFormat(new ULocale(language), RuleBasedNumberFormat.SPELLOUT);
      for (String ruleSet : format.getRuleSetNames()) {
        if (!(ruleSet.startsWith("%spellout-cardinal") || ruleSet.startsWith("%spellout-ordinal")
            || ruleSet.equals("%spellout-numbering"))) {
          continue;
        }
        for (int n = 1; n <= 1000; n = n < LARGEST_SMALL ? n + 1 : n + 100) {
          String spelled = format.format(n, ruleSet);
          List<String> parts = NameTokens.tokenise(casefold.normalize(spelled)).stream()
              .map(t -> latin(toLatin, t.original())).filter(t -> !t.isEmpty()).toList();
          // Short single words ("un", "um") are articles and names more often than numbers.
          if (parts.isEmpty() || parts.size() > MAX_PARTS
              || parts.size() == 1 && parts.getFirst().length() < 3) {
            continue;
          }
          String key = String.join(" ", parts);
          Integer previous = words.putIfAbsent(key, n);
          if (previous != null && previous != n) {
            ambiguous.add(key);
          }
        }
      }
    }
    ambiguous.forEach(words::remove);
    return Map.copyOf(words);
  }

  private static String latin(Transliterator toLatin, String token) {
    String latin = toLatin.transliterate(token).toLowerCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder(latin.length());
    for (int i = 0; i < latin.length(); i++) {
      char c = latin.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      }
    }
    return out.toString();
  }
}

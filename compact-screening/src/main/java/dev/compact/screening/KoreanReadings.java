package dev.compact.screening;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readings of Hangul syllables and Han characters in Latin letters, in the spellings that lists
 * and customer files actually use.
 *
 * <p>A Hangul syllable is decomposed algorithmically (Unicode's syllable arithmetic) into its
 * initial, vowel and final, and romanised by the Revised Romanization ("Yeo", "Jeong", "Eun"),
 * which keeps different syllables apart, with the North Korean and McCune-Reischauer spellings
 * that the sanctions lists use ("Yo", "Jong", "Un": k, t, p, ch for the plain stops, o for ㅓ, u
 * for ㅡ, breves dropped) and common English spellings ("Sung", "Moon") as variants. A family name in first position gets
 * its customary spellings from a small table of our own (박 Park, Pak, Bak; 이 Lee, Yi, Rhee, Ri).
 *
 * <p>A Han character gets its Mandarin reading from ICU's Han-Latin transliterator and its Korean
 * reading from the Korean collation order in ICU's CLDR data, which files every hanja under the
 * Hangul syllable it is read as; that syllable is then romanised as above. So 金與正 reads both
 * "jin yu zheng" and "kim yo jong". No Japanese readings of Han characters are available here
 * (there is no reading table with a compatible licence in the dependencies); kana are read by
 * ICU's Hepburn transliteration.
 */
final class KoreanReadings {

  private static final int SYLLABLE_FIRST = 0xAC00;
  private static final int SYLLABLE_LAST = 0xD7A3;

  /** Spellings of each initial consonant: first the list style, then the others. */
  private static final String[][] INITIALS = {
      {"g", "k"}, {"kk", "gg"}, {"n"}, {"d", "t"}, {"tt", "dd"}, {"r", "l"}, {"m"}, {"b", "p"},
      {"pp", "bb"}, {"s", "sh"}, {"ss"}, {""}, {"j", "ch"}, {"jj", "tch"}, {"ch"}, {"k"}, {"t"},
      {"p"}, {"h"}};

  private static final String[][] VOWELS = {
      {"a"}, {"ae"}, {"ya"}, {"yae"}, {"eo", "o", "u"}, {"e"}, {"yeo", "yo", "yu"}, {"ye"}, {"o"},
      {"wa"}, {"wae"}, {"oe"}, {"yo"}, {"u", "oo"}, {"wo"}, {"we"}, {"wi"}, {"yu", "yoo"},
      {"eu", "u"}, {"ui", "eui"}, {"i"}};

  private static final String[] FINALS = {
      "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
      "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

  /** Customary spellings of common family names, ours, from public usage. */
  private static final Map<String, List<String>> FAMILY = Map.ofEntries(
      Map.entry("김", List.of("kim", "gim")), Map.entry("박", List.of("pak", "park", "bak")),
      Map.entry("이", List.of("ri", "lee", "yi", "rhee", "i")),
      Map.entry("리", List.of("ri", "lee", "li", "yi")),
      Map.entry("최", List.of("choe", "choi")), Map.entry("노", List.of("no", "roh", "noh")),
      Map.entry("윤", List.of("yun", "yoon")), Map.entry("문", List.of("mun", "moon")),
      Map.entry("정", List.of("jong", "jung", "chung", "jeong", "chong")),
      Map.entry("강", List.of("kang", "gang")), Map.entry("조", List.of("jo", "cho")),
      Map.entry("임", List.of("rim", "lim", "im")), Map.entry("림", List.of("rim", "lim")),
      Map.entry("신", List.of("sin", "shin")), Map.entry("서", List.of("so", "seo", "suh")),
      Map.entry("권", List.of("kwon", "gwon")), Map.entry("안", List.of("an", "ahn")),
      Map.entry("류", List.of("ryu", "yu", "yoo")), Map.entry("유", List.of("yu", "yoo")),
      Map.entry("전", List.of("jon", "jeon", "chon", "chun")),
      Map.entry("고", List.of("ko", "go")), Map.entry("현", List.of("hyon", "hyun", "hyeon")),
      Map.entry("반", List.of("pan", "ban")), Map.entry("오", List.of("o", "oh")),
      Map.entry("장", List.of("jang", "chang")), Map.entry("손", List.of("son", "sohn")),
      Map.entry("배", List.of("pae", "bae")), Map.entry("백", List.of("paek", "baek", "paik")),
      Map.entry("허", List.of("ho", "heo", "hur")), Map.entry("심", List.of("sim", "shim")),
      Map.entry("주", List.of("ju", "joo", "chu")), Map.entry("우", List.of("u", "woo")),
      Map.entry("구", List.of("ku", "koo", "gu")), Map.entry("곽", List.of("kwak", "gwak")),
      Map.entry("성", List.of("song", "sung", "seong")), Map.entry("진", List.of("jin", "chin")),
      Map.entry("지", List.of("ji", "chi")), Map.entry("엄", List.of("om", "eom", "um")),
      Map.entry("천", List.of("chon", "cheon", "chun")), Map.entry("방", List.of("pang", "bang")),
      Map.entry("공", List.of("kong", "gong")), Map.entry("변", List.of("pyon", "byun", "byeon")));

  private static final Map<Integer, String> HANJA = hanjaReadings();
  private static final ThreadLocal<Transliterator> MANDARIN =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII"));

  private KoreanReadings() {}

  /**
   * Whether the token is a short East Asian name written in Hangul syllables or Han characters
   * only (at most four, the length of a family and given name); longer Han tokens are most often
   * Chinese transcriptions of foreign names and keep their whole Mandarin reading.
   */
  static boolean applies(String token) {
    if (token.isEmpty() || token.codePointCount(0, token.length()) > 4) {
      return false;
    }
    return token.codePoints().allMatch(cp -> isSyllable(cp) || isHan(cp));
  }

  /** Whether a part as written is a Hangul syllable or a Han character. */
  static boolean isEastAsian(String original) {
    if (original.isEmpty()) {
      return false;
    }
    int cp = original.codePointAt(0);
    return isSyllable(cp) || isHan(cp);
  }

  static boolean isSyllable(int cp) {
    return cp >= SYLLABLE_FIRST && cp <= SYLLABLE_LAST;
  }

  static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  /** Most spellings kept for one token in each order (family name first, family name last). */
  static final int MAX_SPELLINGS = 48;

  /** Spellings of each syllable kept when combining (the first few: RR, list style, English). */
  private static final int PER_SYLLABLE = 3;

  /**
   * The spellings of a whole token, best first: for Han, the Mandarin reading of its characters
   * first, then its Korean readings; for Hangul, the customary family name (when {@code
   * familyFirst}) and the Revised Romanization first, then the other systems' spellings, syllable
   * by syllable, at most {@link #MAX_SPELLINGS}.
   */
  static List<String> read(String token, boolean familyFirst) {
    StringBuilder mandarin = new StringBuilder();
    boolean han = false;
    List<List<String>> syllables = new ArrayList<>();
    int index = 0;
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      i += Character.charCount(cp);
      int hangul = hangulOf(cp);
      if (isHan(cp)) {
        han = true;
        mandarin.append(mandarin(cp));
      }
      if (hangul >= 0) {
        List<String> spellings = syllable(hangul, familyFirst && index == 0);
        int keep = familyFirst && index == 0 ? spellings.size() : PER_SYLLABLE;
        syllables.add(spellings.subList(0, Math.min(keep, spellings.size())));
      } else {
        syllables.add(List.of());
      }
      index++;
    }
    Set<String> out = new LinkedHashSet<>();
    if (han && !mandarin.isEmpty()) {
      out.add(mandarin.toString());
    }
    if (syllables.stream().noneMatch(List::isEmpty)) {
      combine(syllables, 0, "", out, MAX_SPELLINGS);
      if (familyFirst && syllables.size() > 1) {
        // Lists put the family name last as often as first ("KIM, Yo Jong" read "Yo Jong KIM").
        List<List<String>> familyLast = new ArrayList<>(syllables.subList(1, syllables.size()));
        familyLast.add(syllables.getFirst());
        combine(familyLast, 0, "", out, 2 * MAX_SPELLINGS);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The spellings of each character of a token on its own (Mandarin and Korean readings for Han,
   * romanisations for Hangul), for candidate retrieval: lists write "KIM Yo Jong" in pieces.
   */
  static Set<String> pieces(String token) {
    Set<String> out = new LinkedHashSet<>();
    int index = 0;
    for (int i = 0; i < token.length(); ) {
      int cp = token.codePointAt(i);
      i += Character.charCount(cp);
      int hangul = hangulOf(cp);
      if (isHan(cp) && !mandarin(cp).isEmpty()) {
        out.add(mandarin(cp));
      }
      if (hangul >= 0) {
        out.addAll(syllable(hangul, index == 0));
      }
      index++;
    }
    return out;
  }

  /** The Hangul syllable a character is read as: itself, a hanja's reading, or -1. */
  private static int hangulOf(int cp) {
    if (!isHan(cp)) {
      return cp;
    }
    String reading = HANJA.get(cp);
    return reading == null ? -1 : reading.codePointAt(0);
  }

  private static String mandarin(int cp) {
    return ascii(MANDARIN.get().transliterate(new String(Character.toChars(cp))));
  }

  private static void combine(List<List<String>> syllables, int at, String prefix,
      Set<String> out, int limit) {
    if (out.size() >= limit) {
      return;
    }
    if (at == syllables.size()) {
      out.add(prefix);
      return;
    }
    for (String s : syllables.get(at)) {
      combine(syllables, at + 1, prefix + s, out, limit);
    }
  }

  /** The spellings of one Hangul syllable, Revised Romanization first. */
  static List<String> syllable(int cp, boolean family) {
    String text = new String(Character.toChars(cp));
    Set<String> out = new LinkedHashSet<>();
    if (family && FAMILY.containsKey(text)) {
      out.addAll(FAMILY.get(text));
    }
    int offset = cp - SYLLABLE_FIRST;
    int initial = offset / (21 * 28);
    int vowel = offset % (21 * 28) / 28;
    int last = offset % 28;
    for (String v : VOWELS[vowel]) {
      for (String c : INITIALS[initial]) {
        // "Shi" only before i; "sh" elsewhere is not a Korean spelling.
        if (c.equals("sh") && !v.startsWith("i")) {
          continue;
        }
        out.add(c + v + FINALS[last]);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Han characters filed under their Hangul reading in the Korean collation rules ("&김<<金"), the
   * first reading of each character kept.
   */
  private static Map<Integer, String> hanjaReadings() {
    String rules = ((RuleBasedCollator) Collator.getInstance(new ULocale("ko"))).getRules();
    Matcher m = Pattern.compile("&(\\p{IsHangul})<<\\*?([^&]*)").matcher(rules);
    Map<Integer, String> readings = new HashMap<>();
    while (m.find()) {
      String hangul = m.group(1);
      String hanja = m.group(2);
      for (int i = 0; i < hanja.length(); ) {
        int cp = hanja.codePointAt(i);
        i += Character.charCount(cp);
        if (isHan(cp)) {
          readings.putIfAbsent(cp, hangul);
        }
      }
    }
    return Map.copyOf(readings);
  }

  private static String ascii(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if (c >= 'a' && c <= 'z') {
        out.append(c);
      }
    }
    return out.toString();
  }
}

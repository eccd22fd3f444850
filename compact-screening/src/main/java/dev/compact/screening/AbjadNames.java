package dev.compact.screening;

import java.util.List;
import java.util.Map;

/**
 * Customary Latin spellings of common given and family names written in Arabic or Hebrew script.
 *
 * <p>ICU's transliteration writes only the consonants these scripts spell ("محمد" becomes "mhmd",
 * "יוסף" becomes "ywsp"), far from "Mohammed" or "Yosef". This table, our own from common
 * usage, gives the spellings lists and customer files use; every spelling agrees fully. Keys are
 * in the form {@link #key} gives: without vowel signs or tatweel, with the alef forms, alef maqsura
 * and ta marbuta folded. An Arabic word beginning with the article "ال" that is not in the table
 * also gets its transliteration without "al" as a variant, since lists write "al-Zawahiri",
 * "Zawahiri" and "Alzawahiri".
 */
final class AbjadNames {

  private static final Map<String, List<String>> NAMES = Map.ofEntries(
      // Arabic
      Map.entry("محمد", List.of("muhammad", "mohammed", "mohamed", "mohammad", "muhammed",
          "mohamad", "mohamud")),
      Map.entry("احمد", List.of("ahmad", "ahmed", "ahmet")),
      Map.entry("عبد الرحمن", List.of("abdulrahman", "abdurrahman", "abdelrahman", "abdalrahman",
          "abdarrahman", "abderrahmane", "abdrahman")),
      Map.entry("عبد الله", List.of("abdullah", "abdallah", "abdulla", "abdellah")),
      Map.entry("عبد العزيز", List.of("abdulaziz", "abdelaziz", "abdalaziz", "abdelaziz")),
      Map.entry("عبد الكريم", List.of("abdulkarim", "abdelkarim", "abdulkareem")),
      Map.entry("عبد الرحيم", List.of("abdulrahim", "abdelrahim", "abdurrahim")),
      Map.entry("عبد الحميد", List.of("abdulhamid", "abdelhamid", "abdulhameed")),
      Map.entry("يوسف", List.of("yusuf", "youssef", "yousef", "yousif", "yusef", "youssouf")),
      Map.entry("عمر", List.of("omar", "umar")), Map.entry("علي", List.of("ali")),
      Map.entry("حسن", List.of("hassan", "hasan")),
      Map.entry("حسين", List.of("hussein", "husain", "hussain", "hosein", "husayn", "hossein")),
      Map.entry("خالد", List.of("khalid", "khaled")),
      Map.entry("ابراهيم", List.of("ibrahim", "ebrahim")),
      Map.entry("اسماعيل", List.of("ismail", "ismael", "esmail")),
      Map.entry("مصطفي", List.of("mustafa", "mostafa", "moustafa")),
      Map.entry("محمود", List.of("mahmoud", "mahmud")),
      Map.entry("سعيد", List.of("saeed", "said", "saied")),
      Map.entry("صالح", List.of("saleh", "salih")),
      Map.entry("سليمان", List.of("sulaiman", "suleiman", "soleiman", "sulayman")),
      Map.entry("سليماني", List.of("soleimani", "suleimani", "sulaimani")),
      Map.entry("قاسم", List.of("qasem", "qassem", "kassem", "qasim", "kasim")),
      Map.entry("فاطمه", List.of("fatima", "fatimah", "fatma")),
      Map.entry("عايشه", List.of("aisha", "aysha", "ayesha")),
      Map.entry("عائشه", List.of("aisha", "aysha", "ayesha")),
      Map.entry("زينب", List.of("zainab", "zaynab", "zeinab")),
      Map.entry("مريم", List.of("maryam", "mariam")),
      Map.entry("نصر الله", List.of("nasrallah", "nasrullah")),
      Map.entry("اسامه", List.of("osama", "usama", "ousama")),
      Map.entry("ايمن", List.of("ayman", "aiman")),
      Map.entry("هنيه", List.of("haniyeh", "haniya", "haniyah")),
      Map.entry("مشعل", List.of("meshaal", "mashal", "mishal", "mashaal")),
      Map.entry("بكر", List.of("bakr", "bakir")), Map.entry("ابو", List.of("abu", "abou")),
      Map.entry("بن", List.of("bin", "ben")), Map.entry("بنت", List.of("bint")),
      Map.entry("جعفر", List.of("jafar", "jaafar", "jafer")),
      Map.entry("عثمان", List.of("othman", "uthman", "osman")),
      Map.entry("طارق", List.of("tariq", "tarek", "tarik")),
      Map.entry("جمال", List.of("jamal", "gamal")),
      Map.entry("ناصر", List.of("nasser", "nasir", "naser")),
      Map.entry("بشار", List.of("bashar", "bashshar")), Map.entry("الاسد", List.of("assad", "asad")),
      Map.entry("حافظ", List.of("hafez", "hafiz")),
      // Hebrew
      Map.entry("יוסף", List.of("yosef", "yossef", "josef", "joseph", "yoseph")),
      Map.entry("משה", List.of("moshe", "moses", "moishe")),
      Map.entry("דוד", List.of("david", "dovid")),
      Map.entry("יעקב", List.of("yaakov", "yaacov", "yakov", "jacob", "yaakob")),
      Map.entry("אברהם", List.of("avraham", "abraham")),
      Map.entry("שלמה", List.of("shlomo", "solomon")),
      Map.entry("יצחק", List.of("yitzhak", "yitzchak", "itzhak", "isaac", "yitshak")),
      Map.entry("בנימין", List.of("binyamin", "benjamin")),
      Map.entry("נתניהו", List.of("netanyahu")), Map.entry("שמעון", List.of("shimon", "simon")),
      Map.entry("אריאל", List.of("ariel")), Map.entry("מנחם", List.of("menachem", "menahem")),
      Map.entry("אהרון", List.of("aharon", "aaron")), Map.entry("אהרן", List.of("aharon", "aaron")),
      Map.entry("שרה", List.of("sara", "sarah")), Map.entry("רחל", List.of("rachel", "rahel")),
      Map.entry("חיים", List.of("chaim", "haim", "hayim")),
      Map.entry("יהודה", List.of("yehuda", "yehudah", "judah")),
      Map.entry("אליהו", List.of("eliyahu", "eliahu", "elijah")));

  /** Longest phrase in the table, in tokens. */
  static final int MAX_TOKENS = 2;

  private AbjadNames() {}

  /** The customary spellings of a name written in Arabic or Hebrew script, or an empty list. */
  static List<String> spellings(List<String> tokens) {
    StringBuilder phrase = new StringBuilder();
    for (String token : tokens) {
      phrase.append(phrase.isEmpty() ? "" : " ").append(key(token));
    }
    return NAMES.getOrDefault(phrase.toString(), List.of());
  }

  /** Folds the spelling differences of Arabic and Hebrew script that do not change a name. */
  static String key(String token) {
    StringBuilder out = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c >= '\u064b' && c <= '\u065f' || c == '\u0670' || c == '\u0640'
          || c >= '\u0591' && c <= '\u05c7') {
        continue;
      }
      out.append(switch (c) {
        case '\u0623', '\u0625', '\u0622', '\u0671' -> '\u0627';
        case '\u0649' -> '\u064a';
        case '\u0629' -> '\u0647';
        default -> c;
      });
    }
    return out.toString();
  }

  /** Whether a token is written in Arabic or Hebrew letters. */
  static boolean applies(String token) {
    if (token.isEmpty()) {
      return false;
    }
    int cp = token.codePointAt(0);
    return cp >= 0x0590 && cp <= 0x05ff || cp >= 0x0600 && cp <= 0x06ff;
  }
}

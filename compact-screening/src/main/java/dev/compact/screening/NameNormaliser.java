package dev.compact.screening;

import com.ibm.icu.text.Normalizer2;
import dev.compact.screening.NameTokens.RawToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Turns a raw name into comparable parts: NFKC with case folding, ICU {@code Any-Latin;
 * Latin-ASCII} transliteration (the original script is kept beside it), titles removed, particles
 * marked, legal forms mapped to their class, "SURNAME, Given" reordered for people.
 *
 * <p>Thread-safe. Splitting into tokens and transliterating them is {@link NameTokens}'s job;
 * this class reads the tokens as parts of a name.
 */
public final class NameNormaliser {

  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  /** Forms of address and ranks: they say nothing about who someone is. */
  private static final Set<String> TITLES = Set.of(
      "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
      "madam", "madame", "mme", "mlle", "monsieur", "herr", "frau", "president", "praesident",
      "prasident", "sheikh", "shaikh", "shaykh", "sheik", "mullah", "mulla", "maulana", "maulvi",
      "mawlawi", "general", "gen", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant",
      "lt", "admiral", "adm", "brigadier", "marshal", "hon", "honourable", "honorable", "excellency",
      "rev", "reverend", "gospodin", "gospoza");

  /** Prefixes of ship names ("MV Hellenic Spirit"). */
  private static final Set<String> VESSEL_PREFIXES = Set.of("mv", "mt", "ms", "ss", "mts", "mfv");

  /**
   * Connecting words that appear in very many names; they still align, but weigh little so that
   * sharing "al" or "bin" does not make two names alike.
   */
  private static final Set<String> PARTICLES = Set.of(
      "al", "el", "ul", "ur", "bin", "ben", "ibn", "bint", "binti", "bte", "abu", "abou", "haji",
      "hajji", "de", "del", "della", "der", "den", "di", "da", "das", "dos", "do", "du", "la", "le",
      "les", "van", "von", "zu", "y", "e", "of", "the", "and", "for", "und", "et", "na", "ter",
      "ten", "op");

  private NameNormaliser() {}

  /** Normalises {@code raw} as a name of a party of the given kind; never fails. */
  public static NormalisedName normalise(String raw, NameKind kind) {
    if (raw == null || raw.isBlank()) {
      return new NormalisedName(raw == null ? "" : raw, kind, List.of());
    }
    String folded = NFKC_CASEFOLD.normalize(raw);
    List<RawToken> tokens = reorderSurnameFirst(folded, kind);
    List<NamePart> latin = new ArrayList<>(tokens.size());
    // A name with a middle dot ("贝拉克·奥巴马") is a foreign name transcribed: its Han tokens keep
    // their whole Mandarin reading rather than being read character by character.
    boolean transcribed = folded.indexOf('\u00b7') >= 0 || folded.indexOf('\u30fb') >= 0
        || folded.indexOf('\u2027') >= 0;
    for (int t = 0; t < tokens.size(); t++) {
      RawToken token = tokens.get(t);
      if (KoreanReadings.applies(token.original()) && !transcribed) {
        // Hangul or Han: one part with every reading; the first is its text, the rest variants.
        // The family name leads a name written as one token ("김여정") or stands alone before
        // the given name ("김 여정"); a first token of two syllables followed by others is a
        // given name ("수진 김").
        int length = token.original().codePointCount(0, token.original().length());
        boolean family = t == 0 && (length != 2 || tokens.size() == 1);
        List<String> readings = KoreanReadings.read(token.original(), family);
        if (!readings.isEmpty()) {
          latin.add(new NamePart(readings.getFirst(), token.original(), PartKind.WORD, false, -1,
              readings.subList(1, readings.size())));
          continue;
        }
      }
      if (AbjadNames.applies(token.original())) {
        int taken = abjadPart(tokens, t, latin);
        if (taken > 0) {
          t += taken - 1;
          continue;
        }
      }
      latin.add(token.original().equals("&") ? AMPERSAND : part(token.original()));
    }
    boolean[] legal = new boolean[latin.size()];
    String[] legalClass = new String[latin.size()];
    if (kind != NameKind.PERSON) {
      markLegalForms(latin, legal, legalClass);
    }
    List<NamePart> parts = new ArrayList<>(latin.size());
    for (int i = 0; i < latin.size(); i++) {
      NamePart part = latin.get(i);
      if (legal[i]) {
        if (legalClass[i] != null) {
          parts.add(legalPart(legalClass[i], part.original()));
        }
        continue;
      }
      String text = part.text();
      if ((kind == NameKind.PERSON || kind == NameKind.UNKNOWN) && TITLES.contains(text)) {
        continue;
      }
      if (kind == NameKind.VESSEL && i == 0 && VESSEL_PREFIXES.contains(text)) {
        continue;
      }
      String full = kind == NameKind.PERSON ? null : CompanyWords.full(text);
      parts.add(full == null ? part : wordPart(full, part.original()));
    }
    return new NormalisedName(raw, kind, readNumbers(parts, kind));
  }

  /**
   * A name in Arabic or Hebrew script found in {@link AbjadNames} (one token or two, "عبد الرحمن"),
   * added as one part with its customary spellings as variants; an Arabic word with the article
   * ("الظواهري") also gets its transliteration without "al". Returns the tokens used, 0 if none.
   */
  private static int abjadPart(List<RawToken> tokens, int t, List<NamePart> out) {
    for (int len = Math.min(AbjadNames.MAX_TOKENS, tokens.size() - t); len >= 1; len--) {
      List<String> words = tokens.subList(t, t + len).stream().map(RawToken::original).toList();
      List<String> spellings = AbjadNames.spellings(words);
      if (!spellings.isEmpty()) {
        NamePart latin = part(String.join("", words));
        String text = spellings.getFirst();
        PartKind kind = PARTICLES.contains(text) ? PartKind.PARTICLE : PartKind.WORD;
        // Known spellings replace the consonant-skeleton guess (not abjad): "عبد الله" is
        // Abdullah, and its skeleton "bdl" must not make it "Abdul".
        out.add(new NamePart(text, String.join(" ", words), kind, false, -1,
            java.util.stream.Stream.concat(spellings.stream().skip(1), Stream.of(latin.text()))
                .distinct().toList()));
        return len;
      }
    }
    String word = tokens.get(t).original();
    if (AbjadNames.key(word).startsWith("\u0627\u0644") && word.length() > 3) {
      NamePart latin = part(word);
      if (latin.text().startsWith("al") && latin.text().length() > 3) {
        out.add(new NamePart(latin.text(), word, latin.kind(), true, -1,
            List.of(latin.text().substring(2))));
        return 1;
      }
    }
    return 0;
  }

  /**
   * Reads numbers spelt over several parts ("Twenty-Five", "vingt et un") as one part with their
   * value, and, outside people's names, a Roman numeral after the first word ("Ocean Star II",
   * "Solutions II Denmark", and "I" where it ends the name: "Grace I") as its value.
   */
  private static List<NamePart> readNumbers(List<NamePart> parts, NameKind kind) {
    List<NamePart> out = new ArrayList<>(parts.size());
    int i = 0;
    while (i < parts.size()) {
      int taken = 0;
      for (int len = Math.min(NumberWords.MAX_PARTS, parts.size() - i); len >= 2; len--) {
        List<NamePart> span = parts.subList(i, i + len);
        if (span.stream().anyMatch(p -> p.kind() != PartKind.WORD && p.kind() != PartKind.PARTICLE)) {
          continue;
        }
        int value = NumberWords.value(span.stream().map(NamePart::text).toList());
        if (value >= 0) {
          StringBuilder text = new StringBuilder();
          StringBuilder original = new StringBuilder();
          for (NamePart p : span) {
            text.append(p.text());
            original.append(original.isEmpty() ? "" : " ").append(p.original());
          }
          out.add(new NamePart(text.toString(), original.toString(), PartKind.WORD, false, value));
          taken = len;
          break;
        }
      }
      if (taken == 0) {
        out.add(parts.get(i));
        taken = 1;
      }
      i += taken;
    }
    if (kind != NameKind.PERSON && out.size() >= 2) {
      int lastContent = out.size() - 1;
      while (lastContent > 0 && out.get(lastContent).kind() == PartKind.LEGAL_FORM) {
        lastContent--;
      }
      for (int k = 1; k <= lastContent; k++) {
        NamePart p = out.get(k);
        // "I" alone is read as one only where it ends the name ("Grace I"); II, III, IV... anywhere
        // after the first word ("Bowne Global Solutions II Denmark").
        int value = p.kind() == PartKind.INITIAL && p.text().equals("i") && k == lastContent ? 1
            : p.kind() == PartKind.WORD && p.number() < 0 ? NumberWords.roman(p.text()) : -1;
        if (value > 0) {
          out.set(k, p.withNumber(value));
        }
      }
    }
    return out;
  }

  /**
   * Parts by token as written: names repeat the same tokens endlessly, and transliteration,
   * folding and phonetic keys are the costly steps. Bounded so that a stream of unique queries
   * cannot grow it without limit; beyond the bound parts are simply computed.
   */
  private static final int CACHE_LIMIT = 500_000;
  private static final Map<String, NamePart> PARTS = new ConcurrentHashMap<>();
  private static final Map<String, NamePart> LEGAL_PARTS = new ConcurrentHashMap<>();

  private static final NamePart AMPERSAND = new NamePart("and", "&", PartKind.PARTICLE, false);

  private static NamePart part(String token) {
    NamePart cached = PARTS.get(token);
    if (cached != null) {
      return cached;
    }
    RawToken latin = NameTokens.transliterate(new RawToken(token, token, false));
    String ordinal = NumberWords.ordinalDigits(latin.text());
    NamePart part = ordinal != null
        ? new NamePart(ordinal, token, PartKind.NUMBER, false)
        : new NamePart(latin.text(), token, kindOf(latin.text()), latin.abjad());
    if (PARTS.size() < CACHE_LIMIT) {
      PARTS.putIfAbsent(token, part);
    }
    return part;
  }

  /** A word read in full from an abbreviation ("intl" as "international"), cached. */
  private static NamePart wordPart(String text, String original) {
    return cached(text, original, PartKind.WORD);
  }

  private static NamePart legalPart(String legalClass, String original) {
    return cached(legalClass, original, PartKind.LEGAL_FORM);
  }

  private static NamePart cached(String text, String original, PartKind kind) {
    String key = kind.ordinal() + text + '\u0000' + original;
    NamePart cached = LEGAL_PARTS.get(key);
    if (cached != null) {
      return cached;
    }
    NamePart part = new NamePart(text, original, kind, false);
    if (LEGAL_PARTS.size() < CACHE_LIMIT) {
      LEGAL_PARTS.putIfAbsent(key, part);
    }
    return part;
  }

  private static PartKind kindOf(String text) {
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return PartKind.NUMBER;
    }
    if (text.codePointCount(0, text.length()) == 1 && Character.isLetter(text.codePointAt(0))) {
      return PartKind.INITIAL;
    }
    if (PARTICLES.contains(text)) {
      return PartKind.PARTICLE;
    }
    return PartKind.WORD;
  }

  /**
   * Marks legal forms found at either end of the name (working inwards, so "Co., Ltd." and "Corp.
   * JSC" are both found); in the middle ("Deutsche Bank Trust Company Americas") words stay words.
   * The first part of a multi-word form carries the class, the others are dropped.
   */
  private static void markLegalForms(List<NamePart> tokens, boolean[] legal,
      String[] legalClass) {
    List<String> words = tokens.stream().map(NamePart::text).toList();
    int end = words.size();
    int start = 0;
    boolean found = true;
    while (found && end > start) {
      found = false;
      for (int len = Math.min(LegalForms.MAX_PHRASE, end - start); len >= 1; len--) {
        Optional<String> cls = LegalForms.classOf(words.subList(end - len, end));
        if (cls.isPresent()) {
          mark(legal, legalClass, end - len, end, cls.get());
          end -= len;
          found = true;
          break;
        }
      }
    }
    found = true;
    while (found && start < end) {
      found = false;
      for (int len = Math.min(LegalForms.MAX_PHRASE, end - start); len >= 1; len--) {
        Optional<String> cls = LegalForms.classOf(words.subList(start, start + len));
        if (cls.isPresent()) {
          mark(legal, legalClass, start, start + len, cls.get());
          start += len;
          found = true;
          break;
        }
      }
    }
  }

  private static void mark(boolean[] legal, String[] legalClass, int from, int to, String cls) {
    for (int i = from; i < to; i++) {
      legal[i] = true;
    }
    legalClass[from] = cls;
  }

  /**
   * Splits on the first comma and, for people, puts the part after it first: "DERIPASKA, Oleg
   * Vladimirovich" reads "Oleg Vladimirovich DERIPASKA". A company's ", Inc." stays where it is.
   */
  private static List<RawToken> reorderSurnameFirst(String folded, NameKind kind) {
    int comma = folded.indexOf(',');
    if (comma < 0 || kind == NameKind.ORGANISATION || kind == NameKind.VESSEL) {
      return NameTokens.tokenise(folded);
    }
    List<RawToken> left = NameTokens.tokenise(folded.substring(0, comma));
    List<RawToken> right = NameTokens.tokenise(folded.substring(comma + 1));
    boolean rightIsLegalForm =
        LegalForms.classOf(right.stream().map(t -> part(t.original()).text()).toList()).isPresent();
    if (left.isEmpty() || right.isEmpty() || left.size() > 3 || rightIsLegalForm) {
      List<RawToken> all = new ArrayList<>(left);
      all.addAll(right);
      return all;
    }
    List<RawToken> all = new ArrayList<>(right);
    all.addAll(left);
    return all;
  }
}

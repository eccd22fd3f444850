package dev.compact.watchlist;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.screening.NameKind;
import dev.compact.screening.NameNormaliser;
import dev.compact.screening.NamePart;
import dev.compact.screening.NormalisedName;
import dev.compact.screening.PartKind;
import dev.compact.screening.QueryText;
import dev.compact.screening.ScreeningQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counterparties of every watchlist, indexed by the keys their names could share with a listed
 * name that matches them, so that a list version's new and changed designations find the
 * counterparties worth screening by looking up their own keys: the work follows the change, not the
 * book.
 *
 * <p>It only picks candidates; each candidate is then screened as before, counterparty against the
 * changed designations (the matcher's score is not symmetric), so the alerts are those of screening
 * every counterparty. For that the keys must be shared by every pair that can reach the review
 * threshold. A pair scores at least 0.70 only if some pair of its parts is similar enough (the score
 * is a weighted mean of part similarities, at most their largest; qualifiers only lower it) or, with
 * a legal form, particle or number aligned beside it, a content pair reaches about 0.55. Part pairs
 * that similar are: equal words or spellings (text, romanisation-folded form, the readings of Han
 * and Hangul, each character's readings alone, words joined or split, a number's value), the same
 * phonetic key, the same consonant skeleton (abjad scripts), a Baltic or Slavic ending left off, or
 * words within one edit (two for words of eight letters or more, or six beside a legal form, particle
 * or number). Words two edits apart share a key of their deletion neighbourhoods; one edit, of their
 * one-letter deletions. What is left out: words ten
 * letters or longer three edits apart, which score 0.55 to 0.58 and so alert only beside an aligned
 * legal form, particle or number; the tests compare every re-screen with a full one.
 */
final class CounterpartyIndex {
  /** Baltic and Slavic endings the comparator may leave off (ASCII, as normalised text has them). */
  private static final List<String> ENDINGS = List.of("iene", "aite", "yte", "ute", "ius", "is", "us", "as", "s", "a");

  /** One indexed counterparty of an account, or a place left by one that was replaced. */
  record Entry(String account, Watchlists.Counterparty counterparty) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Integer> ordinals = new HashMap<>();
  private final Map<String, Postings> postings = new HashMap<>();
  private int replaced;

  /** Adds a counterparty, or replaces the one of the account with its id. */
  synchronized void add(String account, Watchlists.Counterparty c) {
    String key = account + "\n" + c.id();
    Integer before = ordinals.get(key);
    if (before != null) {
      entries.set(before, null);
      replaced++;
    }
    int ordinal = entries.size();
    entries.add(new Entry(account, c));
    ordinals.put(key, ordinal);
    List<String> problems = new ArrayList<>();
    ScreeningQuery query = QueryText.query(c.name(), c.type(), c.dob(), c.country(), List.of(), problems);
    if (!problems.isEmpty() || !query.problems().isEmpty()) {
      return;
    }
    for (String k : keys(NameNormaliser.normalise(query.name(), query.kind()), true)) {
      post(k, ordinal);
    }
  }

  /** The counterparties (by ordinal, ascending) whose names have one key. */
  private static final class Postings {
    int[] ordinals = new int[2];
    int size;

    void add(int ordinal) {
      if (size == ordinals.length) {
        ordinals = Arrays.copyOf(ordinals, size * 2);
      }
      ordinals[size++] = ordinal;
    }
  }

  private void post(String key, int ordinal) {
    postings.computeIfAbsent(key, k -> new Postings()).add(ordinal);
  }

  /** How many counterparties it holds. */
  synchronized int size() {
    return entries.size() - replaced;
  }

  /** The counterparties that could match one of these designations, in the order they were added. */
  synchronized List<Entry> candidates(List<SanctionedEntity> designations) {
    BitSet found = new BitSet(entries.size());
    for (SanctionedEntity e : designations) {
      NameKind kind = switch (e.schema()) {
        case PERSON -> NameKind.PERSON;
        case ORGANIZATION, COMPANY -> NameKind.ORGANISATION;
        case VESSEL -> NameKind.VESSEL;
        case AIRCRAFT -> NameKind.UNKNOWN;
      };
      for (EntityName name : e.names()) {
        for (String k : keys(NameNormaliser.normalise(name.full(), kind), false)) {
          Postings list = postings.get(k);
          if (list != null) {
            for (int i = 0; i < list.size; i++) {
              found.set(list.ordinals[i]);
            }
          }
        }
      }
    }
    List<Entry> candidates = new ArrayList<>(found.cardinality());
    for (int i = found.nextSetBit(0); i >= 0; i = found.nextSetBit(i + 1)) {
      if (entries.get(i) != null) {
        candidates.add(entries.get(i));
      }
    }
    return candidates;
  }

  /**
   * The keys a name's parts can share with a matching name's: those a counterparty is posted under
   * ({@code posting}), or those a listed name looks up. They differ only for consonant skeletons,
   * which pair a part written in an abjad script with a Latin one, never two Latin ones.
   */
  static Set<String> keys(NormalisedName name, boolean posting) {
    Set<String> keys = new LinkedHashSet<>();
    List<NamePart> words = new ArrayList<>();
    // Two edits apart, words of six or seven letters score 0.63 to 0.66: enough only beside an aligned legal form, particle or number.
    int twoEdits = name.parts().stream().anyMatch(p -> p.kind() == PartKind.LEGAL_FORM || p.kind() == PartKind.PARTICLE
        || p.kind() == PartKind.NUMBER) ? 6 : 8;
    for (NamePart p : name.parts()) {
      if (p.kind() == PartKind.LEGAL_FORM || p.kind() == PartKind.INITIAL) {
        continue;
      }
      if (p.kind() == PartKind.WORD) {
        words.add(p);
      }
      Set<String> spellings = new LinkedHashSet<>();
      spellings.add(p.text());
      spellings.add(p.folded());
      spellings.addAll(p.variants());
      for (String spelling : spellings) {
        word(keys, spelling, twoEdits);
        for (String ending : ENDINGS) {
          if (spelling.endsWith(ending) && spelling.length() - ending.length() >= 4) {
            keys.add("w:" + spelling.substring(0, spelling.length() - ending.length()));
          }
        }
      }
      // The comparator asks for the same phonetic key and the same first letter.
      if (!p.phonetic().isEmpty()) {
        keys.add("p:" + p.text().charAt(0) + p.phonetic());
      }
      if (p.number() >= 0) {
        keys.add("n:" + p.number());
      }
      String skeleton = skeleton(p.text());
      if (skeleton.length() >= 2) {
        keys.add((p.abjad() == posting ? "ka:" : "kl:") + skeleton);
      }
      // Lists write East Asian names in pieces ("KIM Yo Jong"): each character's readings alone.
      if (p.original().codePoints().anyMatch(CounterpartyIndex::eastAsian)) {
        p.original().codePoints().filter(CounterpartyIndex::eastAsian).forEach(cp -> {
          for (NamePart piece : NameNormaliser.normalise(Character.toString(cp), name.kind()).parts()) {
            keys.add("w:" + piece.text());
            piece.variants().forEach(v -> keys.add("w:" + v));
          }
        });
      }
    }
    // A word written as two or three ("Pol Pot" / "POLPOT").
    for (int i = 0; i + 1 < words.size(); i++) {
      word(keys, words.get(i).text() + words.get(i + 1).text(), Integer.MAX_VALUE);
      if (i + 2 < words.size()) {
        word(keys, words.get(i).text() + words.get(i + 1).text() + words.get(i + 2).text(), Integer.MAX_VALUE);
      }
    }
    return keys;
  }

  /** A spelling and its deletion neighbourhood: one letter off from three letters, two from {@code twoEdits} letters. */
  private static void word(Set<String> keys, String word, int twoEdits) {
    keys.add("w:" + word);
    if (word.length() >= 3) {
      for (int i = 0; i < word.length(); i++) {
        String one = word.substring(0, i) + word.substring(i + 1);
        keys.add("w:" + one);
        if (word.length() >= twoEdits) {
          for (int j = i; j < one.length(); j++) {
            keys.add("w:" + one.substring(0, j) + one.substring(j + 1));
          }
        }
      }
    }
  }

  /** Consonants in order, repeats collapsed: what abjad scripts write and Latin spellings of them keep. */
  static String skeleton(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if ("aeiouwy".indexOf(ch) >= 0) {
        continue;
      }
      if (out.isEmpty() || out.charAt(out.length() - 1) != ch) {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static boolean eastAsian(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HANGUL;
  }
}

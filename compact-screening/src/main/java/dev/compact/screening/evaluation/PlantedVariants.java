package dev.compact.screening.evaluation;

import com.ibm.icu.text.Transliterator;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.Schema;
import dev.compact.screening.Hit;
import dev.compact.screening.NameNormaliser;
import dev.compact.screening.NormalisedName;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.Thresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Known variants of listed names (a typo, another word order, another romanisation, the name in
 * Cyrillic, a word left out), planted as queries with the entity they must find. Screened against
 * the real lists alone and against the real lists among a million synthetic entities, they show
 * what a larger index costs in recall, so that a candidate budget that binds only at scale is
 * judged by what it loses and not by its speed alone.
 *
 * <p>The variants are drawn with a fixed seed from the lists' own primary names (Latin script, two
 * words or more), never from the evaluation sets, and are made by general rules, not by hand.
 */
public final class PlantedVariants {

  /** How a variant differs from the listed name. */
  public enum Kind {
    /** One edit (a letter replaced, left out, added, or two swapped) in a word of five or more. */
    TYPO,
    /** The last word moved to the front ("Oleg Deripaska" to "Deripaska Oleg"). */
    REORDER,
    /** Another romanisation: one spelling rule (kh/h, y/i, sh/sch, ...) wherever it applies. */
    SPELLING,
    /** The whole name written in Cyrillic (ICU Latin-Cyrillic). */
    CYRILLIC,
    /** A word in the middle of a name of three or more words left out. */
    DROPPED_WORD
  }

  /** One planted query and the listed entity (list name and id) it must find. */
  public record Planted(Kind kind, String expected, String listedName, ScreeningQuery query) {}

  /**
   * Found and planted counts per kind, at the review and at the alert threshold; {@code found}
   * says, in the order planted, which queries found their entity at review; of those that did
   * not, {@code notCandidates} never reached scoring (candidate generation left the entity out)
   * and {@code outranked} scored at review or above but below {@link #LIMIT} other hits.
   */
  public record Result(Map<Kind, int[]> counts, boolean[] found, int notCandidates,
      int outranked, List<String> misses) {

    /** Queries found here but not in {@code other} (the same planted queries screened elsewhere). */
    public int lostAgainst(Result other) {
      int lost = 0;
      for (int i = 0; i < found.length && i < other.found.length; i++) {
        lost += other.found[i] && !found[i] ? 1 : 0;
      }
      return lost;
    }

    /** Planted queries of a kind (all kinds when null). */
    public int planted(Kind kind) {
      return sum(kind, 0);
    }

    /** Of those, how many found the expected entity at or above review, among the first 10. */
    public int foundAtReview(Kind kind) {
      return sum(kind, 1);
    }

    /** Of those, how many found it at or above the alert threshold. */
    public int foundAtAlert(Kind kind) {
      return sum(kind, 2);
    }

    private int sum(Kind kind, int column) {
      int total = 0;
      for (Map.Entry<Kind, int[]> e : counts.entrySet()) {
        if (kind == null || e.getKey() == kind) {
          total += e.getValue()[column];
        }
      }
      return total;
    }
  }

  /** Hits read per planted query. */
  public static final int LIMIT = 10;

  private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z .,'&-]*");

  /** Spelling rules of common romanisations, each from one spelling to another. */
  private static final String[][] SPELLINGS = {
      {"kh", "h"}, {"sh", "sch"}, {"ch", "tch"}, {"y", "i"}, {"i", "y"}, {"u", "ou"}, {"v", "w"},
      {"w", "v"}, {"ks", "x"}, {"x", "ks"}, {"ph", "f"}, {"ya", "ia"}, {"yu", "iu"}, {"zh", "j"},
      {"j", "dj"}, {"c", "k"}, {"k", "c"}, {"q", "k"}, {"ts", "tz"}, {"ee", "i"}, {"oo", "u"},
      {"ei", "ey"}, {"e", "a"}, {"o", "a"}};

  private PlantedVariants() {}

  /**
   * Up to {@code perKind} variants of each kind, of listed entities drawn at random with {@code
   * seed} from {@code lists} (people, organisations and vessels alike; one may be drawn twice).
   */
  public static List<Planted> plant(List<SanctionsList> lists, int perKind, long seed) {
    List<SanctionedEntity> pool = new ArrayList<>();
    for (SanctionsList list : lists) {
      for (SanctionedEntity entity : list.entities()) {
        String name = entity.primaryName().full();
        if (LATIN.matcher(name).matches() && words(customerOrder(entity)).length >= 2) {
          pool.add(entity);
        }
      }
    }
    Transliterator cyrillic = Transliterator.getInstance("Latin-Cyrillic");
    List<Planted> planted = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(seed);
    for (Kind kind : Kind.values()) {
      int made = 0;
      for (int tries = 0; made < perKind && tries < perKind * 20 && !pool.isEmpty(); tries++) {
        SanctionedEntity entity = pool.get(random.nextInt(pool.size()));
        String written = customerOrder(entity);
        String variant = variant(kind, written, random, cyrillic);
        if (variant == null || variant.equalsIgnoreCase(written)) {
          continue;
        }
        planted.add(new Planted(kind, key(entity), entity.primaryName().full(),
            ScreeningQuery.of(variant).withKind(ScreeningIndex.kindOf(entity.schema()))));
        made++;
      }
    }
    return planted;
  }

  /** Screens every planted query and counts those that found their entity. */
  public static Result run(Screener screener, List<Planted> planted) {
    Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
    List<String> misses = new ArrayList<>();
    boolean[] found = new boolean[planted.size()];
    int notCandidates = 0;
    int outranked = 0;
    for (int i = 0; i < planted.size(); i++) {
      Planted p = planted.get(i);
      int[] c = counts.computeIfAbsent(p.kind(), k -> new int[3]);
      c[0]++;
      if (!(screener.screen(p.query(), LIMIT) instanceof ScreeningOutcome.Screened screened)) {
        misses.add(p.kind() + ": '" + p.query().name() + "' refused (for " + p.listedName() + ")");
        continue;
      }
      double score = -1;
      for (Hit hit : screened.hits()) {
        if (key(hit.entity()).equals(p.expected())) {
          score = hit.score();
          break;
        }
      }
      if (score >= Thresholds.REVIEW) {
        c[1]++;
        found[i] = true;
      } else {
        misses.add(p.kind() + ": '" + p.query().name() + "' for " + p.listedName());
        switch (standing(screener, p)) {
          case 0 -> notCandidates++;
          case 2 -> outranked++;
          default -> { }
        }
      }
      if (score >= Thresholds.ALERT) {
        c[2]++;
      }
    }
    return new Result(counts, found, notCandidates, outranked, misses);
  }

  /**
   * Why a planted query missed: 0 when its entity is not a candidate, 1 when it is but scores
   * below review, 2 when it scores at review or above (so other hits took the places).
   */
  private static int standing(Screener screener, Planted p) {
    NormalisedName name = NameNormaliser.normalise(p.query().name(), p.query().kind());
    for (int entity : screener.candidates(name, p.query())) {
      if (key(screener.index().entityAt(entity)).equals(p.expected())) {
        ScreeningOutcome all = screener.screen(p.query(), Integer.MAX_VALUE);
        return all instanceof ScreeningOutcome.Screened s && s.hits().stream()
            .anyMatch(h -> key(h.entity()).equals(p.expected())) ? 2 : 1;
      }
    }
    return 0;
  }

  static String variant(Kind kind, String name, SplittableRandom random,
      Transliterator cyrillic) {
    String[] words = words(name);
    return switch (kind) {
      case TYPO -> typo(words, random);
      case REORDER -> {
        String[] moved = new String[words.length];
        moved[0] = words[words.length - 1];
        System.arraycopy(words, 0, moved, 1, words.length - 1);
        yield String.join(" ", moved);
      }
      case SPELLING -> spelling(name, random);
      case CYRILLIC -> cyrillic.transliterate(name.toLowerCase(Locale.ROOT));
      case DROPPED_WORD -> {
        if (words.length < 3) {
          yield null;
        }
        int drop = 1 + random.nextInt(words.length - 2);
        List<String> kept = new ArrayList<>(Arrays.asList(words));
        kept.remove(drop);
        yield String.join(" ", kept);
      }
    };
  }

  private static String typo(String[] words, SplittableRandom random) {
    List<Integer> long5 = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      if (words[i].length() >= 5 && words[i].chars().allMatch(Character::isLetter)) {
        long5.add(i);
      }
    }
    if (long5.isEmpty()) {
      return null;
    }
    int w = long5.get(random.nextInt(long5.size()));
    StringBuilder word = new StringBuilder(words[w].toLowerCase(Locale.ROOT));
    int at = random.nextInt(word.length());
    char letter = (char) ('a' + random.nextInt(26));
    switch (random.nextInt(4)) {
      case 0 -> word.setCharAt(at, letter);
      case 1 -> word.deleteCharAt(at);
      case 2 -> word.insert(at, letter);
      default -> {
        int next = at + 1 < word.length() ? at + 1 : at - 1;
        char c = word.charAt(at);
        word.setCharAt(at, word.charAt(next));
        word.setCharAt(next, c);
      }
    }
    String[] out = words.clone();
    out[w] = word.toString();
    return String.join(" ", out);
  }

  private static String spelling(String name, SplittableRandom random) {
    String lower = name.toLowerCase(Locale.ROOT);
    List<String[]> applicable = new ArrayList<>();
    for (String[] rule : SPELLINGS) {
      if (lower.contains(rule[0])) {
        applicable.add(rule);
      }
    }
    if (applicable.isEmpty()) {
      return null;
    }
    String[] rule = applicable.get(random.nextInt(applicable.size()));
    return lower.replace(rule[0], rule[1]);
  }

  /** A person's "SURNAME, Given" as a customer would write it, "Given SURNAME". */
  static String customerOrder(SanctionedEntity entity) {
    String name = entity.primaryName().full().strip();
    int comma = name.indexOf(',');
    if (entity.schema() == Schema.PERSON && comma > 0 && comma == name.lastIndexOf(',')) {
      name = name.substring(comma + 1).strip() + " " + name.substring(0, comma).strip();
    }
    return String.join(" ", words(name));
  }

  private static String[] words(String name) {
    String trimmed = name.replace(",", " ").strip();
    return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
  }

  static String key(SanctionedEntity entity) {
    return entity.listName() + "/" + entity.id().value();
  }
}

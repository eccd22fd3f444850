package dev.compact.screening;

import dev.compact.sanctions.Country;
import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.IdentifierType;
import dev.compact.sanctions.NameStrength;
import dev.compact.sanctions.PartialDate;
import dev.compact.sanctions.SanctionedEntity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Screens queries against a {@link ScreeningIndex}: candidate generation from the postings, then
 * full scoring of at most {@link #MAX_CANDIDATES} entities by name alignment and qualifiers.
 *
 * <p>Thread-safe; each thread keeps its own scratch arrays, so a query allocates little and never
 * copies the corpus.
 */
public final class Screener {

  /** Entities scored in full per query. */
  public static final int MAX_CANDIDATES = 200;
  /** Names kept from candidate generation before grouping them by entity. */
  static final int MAX_CANDIDATE_NAMES = 400;

  /**
   * Names retrieving less than this share of the best name's retrieval score are not scored: they
   * share only a common word or a few trigrams with the query.
   */
  static final float MIN_RETRIEVAL_SHARE = 0.25f;

  /**
   * Most names a phonetic key or a trigram may retrieve; a commoner one says little about a name
   * and is skipped. Fixed, not a share of the index, so that a larger index costs no more per key.
   */
  static final int KEY_CAP = 5_000;

  /**
   * Most postings one query adds up (see {@link Scratch#prune}): past it, the commonest keys are
   * left out, so that the cost of candidate generation stays flat as the index grows. On the real
   * lists no query of the evaluation sets comes near it (the largest of their 5,366 screenings adds 59,268 postings), so
   * there it changes nothing.
   */
  static final int POSTINGS_BUDGET = 64_000;

  /** Contribution of a key kind to a name's retrieval score, times the key's IDF. */
  static final double TOKEN_WEIGHT = 1.0;
  static final double FOLDED_WEIGHT = 0.8;
  static final double PHONETIC_WEIGHT = 0.5;
  static final double TRIGRAM_WEIGHT = 0.8;

  /** Factor on a weak alias's name score: weak aliases are short, generic or outdated. */
  static final double WEAK_ALIAS = 0.9;
  /** Score an exact match on a strong identifier is lifted to, whatever the name says. */
  static final double STRONG_IDENTIFIER = 0.98;
  /** Bonus of an exact match on a weak identifier (MMSI, registration number). */
  static final double WEAK_IDENTIFIER = 0.10;
  static final double DOB_YEAR_DIFFERS = -0.20;
  static final double DOB_DAY_DIFFERS = -0.10;
  static final double COUNTRY_DIFFERS = -0.10;
  static final double GENDER_DIFFERS = -0.20;

  private final ScreeningIndex index;
  private final int postingsBudget;
  private final ThreadLocal<Scratch> scratch;

  public Screener(ScreeningIndex index) {
    this(index, POSTINGS_BUDGET);
  }

  /** With another postings budget, to show what the budget does. */
  Screener(ScreeningIndex index, int postingsBudget) {
    this.index = index;
    this.postingsBudget = postingsBudget;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(index.nameCount(),
        index.entityCount()));
  }

  public ScreeningIndex index() {
    return index;
  }

  /** Screens a query and returns the hits at or above the review threshold, best first. */
  public ScreeningOutcome screen(ScreeningQuery query, int limit) {
    return screen(query, limit, Thresholds.REVIEW);
  }

  /** Screens a query and returns up to {@code limit} hits scoring at least {@code minScore}. */
  public ScreeningOutcome screen(ScreeningQuery query, int limit, double minScore) {
    List<String> problems = query.problems();
    if (!problems.isEmpty()) {
      return new ScreeningOutcome.Rejected(problems);
    }
    NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
    int[] candidates = candidates(name, query);
    NameComparator.Prepared prepared = NameComparator.prepare(name);
    // Rank every candidate by score alone, then explain only the hits that are returned.
    List<Ranked> ranked = new ArrayList<>();
    for (int entity : candidates) {
      double score = score(entity, prepared, query, false).score();
      if (score >= minScore) {
        ranked.add(new Ranked(entity, score));
      }
    }
    ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
        .thenComparing(r -> index.entity(r.entity).listName())
        .thenComparing(r -> index.entity(r.entity).id()));
    List<Hit> hits = new ArrayList<>(Math.min(limit, ranked.size()));
    for (int k = 0; k < ranked.size() && k < limit; k++) {
      hits.add(score(ranked.get(k).entity, prepared, query, true));
    }
    return new ScreeningOutcome.Screened(name, hits, candidates.length);
  }

  /**
   * The entities worth scoring in full, best retrieval score first: names sharing rare tokens,
   * folded tokens, phonetic keys or many trigrams with the query, plus every entity carrying one
   * of the query's identifiers. Public so that candidate recall can be measured on its own.
   */
  public int[] candidates(NormalisedName name, ScreeningQuery query) {
    Scratch s = scratch.get();
    s.reset();
    int n = index.nameCount();
    double total = Math.max(1, n);
    for (NamePart part : name.parts()) {
      if (part.kind() != PartKind.WORD && part.kind() != PartKind.NUMBER) {
        continue;
      }
      s.want(index.tokenPostings(part.text()), TOKEN_WEIGHT, Integer.MAX_VALUE);
      for (String variant : part.variants()) {
        s.want(index.tokenPostings(variant), TOKEN_WEIGHT, Integer.MAX_VALUE);
      }
      if (!part.variants().isEmpty() && KoreanReadings.applies(part.original())) {
        // Lists write East Asian names in pieces ("KIM Yo Jong"): look each character up alone.
        for (String piece : KoreanReadings.pieces(part.original())) {
          s.want(index.tokenPostings(piece), TOKEN_WEIGHT, Integer.MAX_VALUE);
        }
      }
      if (part.number() >= 0 && !part.text().equals(Integer.toString(part.number()))) {
        s.want(index.tokenPostings(ScreeningIndex.numberKey(part.number())), TOKEN_WEIGHT, Integer.MAX_VALUE);
      }
      if (part.kind() == PartKind.NUMBER) {
        continue;
      }
      s.want(index.foldedPostings(part.folded()), FOLDED_WEIGHT, Integer.MAX_VALUE);
      if (!part.phonetic().isEmpty()) {
        s.want(index.phoneticPostings(part.phonetic()), PHONETIC_WEIGHT, KEY_CAP);
      }
      int grams = ScreeningIndex.trigrams(part.text(), s.grams);
      for (int k = 0; k < grams; k++) {
        s.want(index.trigramPostings(s.grams[k]), TRIGRAM_WEIGHT / grams, KEY_CAP);
      }
    }
    // A list may write as one word what the query splits ("Pol Pot" / "POLPOT").
    List<NamePart> parts = name.parts();
    for (int i = 0; i + 1 < parts.size(); i++) {
      if (parts.get(i).kind() == PartKind.WORD && parts.get(i + 1).kind() == PartKind.WORD) {
        s.want(index.tokenPostings(parts.get(i).text() + parts.get(i + 1).text()),
            TOKEN_WEIGHT * 2, Integer.MAX_VALUE);
      }
    }
    // The keys are added in the order they were asked for, whatever was pruned, so a query that
    // stays within the budget sums its floats exactly as it always did.
    int kept = s.prune(postingsBudget);
    for (int k = 0; k < kept; k++) {
      accumulate(s, s.wanted[k], s.weights[k], total);
    }
    int[] topNames = s.topNames(MAX_CANDIDATE_NAMES, MIN_RETRIEVAL_SHARE);
    int[] entities = new int[MAX_CANDIDATES];
    int count = 0;
    for (Identifier identifier : query.identifiers()) {
      for (int entity : index.entitiesWithIdentifier(ScreeningIndex.identifierKey(identifier))) {
        if (count < MAX_CANDIDATES && s.markEntity(entity)) {
          entities[count++] = entity;
        }
      }
    }
    for (int k = 0; k < topNames.length && count < MAX_CANDIDATES; k++) {
      int entity = index.entityOfName(topNames[k]);
      if (!query.kind().compatibleWith(index.entityKind(entity))) {
        continue;
      }
      if (s.markEntity(entity)) {
        entities[count++] = entity;
      }
    }
    return java.util.Arrays.copyOf(entities, count);
  }

  private static void accumulate(Scratch s, int[] postings, double weight, double total) {
    float add = (float) (weight * Math.log(1 + total / postings.length));
    for (int nameId : postings) {
      s.add(nameId, add);
    }
  }

  private record Ranked(int entity, double score) {}

  /** Scores one entity in full, with an explanation when {@code explain} is set. */
  Hit score(int entityIndex, NameComparator.Prepared query, ScreeningQuery q, boolean explain) {
    SanctionedEntity entity = index.entity(entityIndex);
    NameMatch best = null;
    int bestName = -1;
    double bestScore = -1;
    double bestRaw = 0;
    for (int nameId = index.firstName(entityIndex); nameId < index.endName(entityIndex);
        nameId++) {
      // Ranking needs the score alone; only the returned hits build their explanation.
      NameMatch match = explain ? NameComparator.compare(query, index.prepared(nameId)) : null;
      double raw = explain ? match.score() : NameComparator.score(query, index.prepared(nameId));
      double score = raw
          * (index.nameStrength(nameId) == NameStrength.WEAK_ALIAS ? WEAK_ALIAS : 1.0);
      if (score > bestScore) {
        best = match;
        bestRaw = raw;
        bestScore = score;
        bestName = nameId;
      }
    }
    if (!explain && bestName >= 0) {
      best = new NameMatch(bestRaw, List.of(), List.of(), List.of(), List.of());
    }
    List<QualifierEffect> effects = new ArrayList<>();
    double score = Math.max(0, bestScore);
    if (bestName >= 0 && index.nameStrength(bestName) == NameStrength.WEAK_ALIAS
        && best.score() > 0) {
      effects.add(new QualifierEffect("alias", "weak alias, name score x" + WEAK_ALIAS,
          bestScore - best.score()));
    }
    double nameScore = score;
    score += birthDateEffect(q, entity, effects);
    score += countryEffect(q, entity, effects);
    score += genderEffect(q, entity, effects);
    score = qualifierFloor(query, nameScore, score, best, bestName, effects);
    score = identifierEffect(q, entity, score, effects);
    score = Math.max(0, Math.min(1, score));
    if (best == null) {
      best = NameMatch.NONE;
    }
    String matched = bestName >= 0 ? index.name(bestName).original() : entity.primaryName().full();
    NameStrength strength = bestName >= 0 ? index.nameStrength(bestName) : NameStrength.PRIMARY;
    Explanation explanation = new Explanation(matched, strength, best, effects,
        entity.listName(), entity.listVersion(), Algorithm.ID);
    return new Hit(entity, score, Thresholds.decide(score), explanation);
  }

  /**
   * Qualifiers lower, they do not erase: when the name alone would alert and is not weak, a
   * different date of birth, country or gender turns the alert into a review (the reasons listed),
   * never into silence. The floor keeps the order of the name scores: {@link Thresholds#REVIEW}
   * plus half of the name's margin over {@link Thresholds#ALERT}, always below the alert threshold.
   * A weak name (a weak alias, or a name that agrees on fewer than two content parts) gets no floor:
   * there the qualifiers are the evidence.
   */
  private double qualifierFloor(NameComparator.Prepared query, double nameScore, double score,
      NameMatch best, int bestName, List<QualifierEffect> effects) {
    if (score >= nameScore || nameScore < Thresholds.ALERT || best == null
        || index.nameStrength(bestName) == NameStrength.WEAK_ALIAS) {
      return score;
    }
    // Ranking skips the explanation; the alignment is needed here, so build it (rarely).
    NameMatch aligned = best.aligned().isEmpty()
        ? NameComparator.compare(query, index.prepared(bestName)) : best;
    if (agreeingParts(aligned) < 2) {
      return score;
    }
    double floor = Thresholds.REVIEW + FLOOR_SHARE * (nameScore - Thresholds.ALERT);
    if (score >= floor) {
      return score;
    }
    effects.add(new QualifierEffect("floor", String.format(Locale.ROOT,
        "the name alone would alert (%.2f); qualifiers lower it to review, not below", nameScore),
        floor - score));
    return floor;
  }

  /** Share of the name's margin over the alert threshold that the qualifier floor keeps. */
  static final double FLOOR_SHARE = 0.5;

  private static long agreeingParts(NameMatch match) {
    return match.aligned().stream()
        .filter(a -> a.similarity() >= 0.5 && a.query().stream().anyMatch(NamePart::isContent))
        .count();
  }

  private static double birthDateEffect(ScreeningQuery q, SanctionedEntity entity,
      List<QualifierEffect> effects) {
    if (q.birthDate().isEmpty() || entity.birthDates().isEmpty()) {
      return 0;
    }
    PartialDate date = q.birthDate().get();
    boolean sameYear = false;
    for (PartialDate listed : entity.birthDates()) {
      if (listed.consistentWith(date)) {
        effects.add(new QualifierEffect("date-of-birth", format(date) + " agrees with listed "
            + format(listed), 0));
        return 0;
      }
      sameYear |= listed.year() == date.year();
    }
    double effect = sameYear ? DOB_DAY_DIFFERS : DOB_YEAR_DIFFERS;
    effects.add(new QualifierEffect("date-of-birth", format(date)
        + (sameYear ? " has the year but not the day of " : " differs from ")
        + entity.birthDates().stream().map(Screener::format).toList(), effect));
    return effect;
  }

  private static String format(PartialDate date) {
    if (date.hasDay()) {
      return String.format(Locale.ROOT, "%04d-%02d-%02d", date.year(), date.month(), date.day());
    }
    return date.hasMonth() ? String.format(Locale.ROOT, "%04d-%02d", date.year(), date.month())
        : String.format(Locale.ROOT, "%04d", date.year());
  }

  private static double countryEffect(ScreeningQuery q, SanctionedEntity entity,
      List<QualifierEffect> effects) {
    if (q.country().isEmpty() || entity.allCountries().isEmpty()) {
      return 0;
    }
    Country country = q.country().get();
    if (entity.allCountries().contains(country)) {
      effects.add(new QualifierEffect("country", country.code() + " is listed", 0));
      return 0;
    }
    effects.add(new QualifierEffect("country", country.code() + " is not among listed "
        + entity.allCountries().stream().map(Country::code).toList(), COUNTRY_DIFFERS));
    return COUNTRY_DIFFERS;
  }

  private static double genderEffect(ScreeningQuery q, SanctionedEntity entity,
      List<QualifierEffect> effects) {
    if (q.gender().isEmpty() || entity.gender().isEmpty()
        || q.gender().get() == entity.gender().get()) {
      return 0;
    }
    effects.add(new QualifierEffect("gender", q.gender().get() + " against listed "
        + entity.gender().get(), GENDER_DIFFERS));
    return GENDER_DIFFERS;
  }

  /**
   * An exact strong identifier (IMO, LEI, passport, crypto address, ...) wins whatever the name;
   * a weak one (MMSI, registration number) only adds. Types must agree unless one side does not
   * know it, and a passport with a different issuing country is a different passport.
   */
  private static double identifierEffect(ScreeningQuery q, SanctionedEntity entity, double score,
      List<QualifierEffect> effects) {
    for (Identifier wanted : q.identifiers()) {
      for (Identifier listed : entity.identifiers()) {
        if (!listed.normalisedValue().equals(wanted.normalisedValue())) {
          continue;
        }
        boolean typesAgree = listed.type() == wanted.type()
            || listed.type() == IdentifierType.OTHER || wanted.type() == IdentifierType.OTHER;
        boolean countriesAgree = listed.country().isEmpty() || wanted.country().isEmpty()
            || listed.country().equals(wanted.country());
        if (!typesAgree || !countriesAgree) {
          continue;
        }
        String detail = listed.type() + " " + listed.value() + " matches exactly";
        if (listed.isStrong() && wanted.type() != IdentifierType.OTHER || wanted.isStrong()
            && listed.type() != IdentifierType.OTHER) {
          double lifted = Math.max(score, STRONG_IDENTIFIER);
          effects.add(new QualifierEffect("identifier", detail + " (strong)", lifted - score));
          return lifted;
        }
        effects.add(new QualifierEffect("identifier", detail + " (weak)", WEAK_IDENTIFIER));
        return score + WEAK_IDENTIFIER;
      }
    }
    return score;
  }

  /** Per-thread accumulators, reset by touching only what the last query touched. */
  private static final class Scratch {
    final int[] grams = new int[64];
    private final float[] scores;
    private final int[] touched;
    private int touchedCount;
    private final int[] entityStamp;
    private int stamp;

    Scratch(int names, int entities) {
      scores = new float[names];
      touched = new int[names];
      entityStamp = new int[entities];
    }

    void reset() {
      for (int k = 0; k < touchedCount; k++) {
        scores[touched[k]] = 0f;
      }
      touchedCount = 0;
      stamp++;
      wantedCount = 0;
    }

    /** The postings a query asks for, in the order asked, with the weight of each key. */
    int[][] wanted = new int[64][];
    double[] weights = new double[64];
    private int wantedCount;

    /** Asks for a key's postings; an empty key or one past its cap adds nothing. */
    void want(int[] postings, double weight, int cap) {
      if (postings.length == 0 || postings.length > cap) {
        return;
      }
      if (wantedCount == wanted.length) {
        wanted = java.util.Arrays.copyOf(wanted, wantedCount * 2);
        weights = java.util.Arrays.copyOf(weights, wantedCount * 2);
      }
      wanted[wantedCount] = postings;
      weights[wantedCount++] = weight;
    }

    /**
     * Drops the most common keys until the postings left fit the budget (always keeping the
     * rarest), keeping the others in the order asked; returns how many are kept.
     */
    int prune(int budget) {
      long total = 0;
      for (int k = 0; k < wantedCount; k++) {
        total += wanted[k].length;
      }
      while (total > budget && wantedCount > 1) {
        int largest = 0;
        for (int k = 1; k < wantedCount; k++) {
          if (wanted[k].length >= wanted[largest].length) {
            largest = k;
          }
        }
        total -= wanted[largest].length;
        System.arraycopy(wanted, largest + 1, wanted, largest, wantedCount - largest - 1);
        System.arraycopy(weights, largest + 1, weights, largest, wantedCount - largest - 1);
        wantedCount--;
      }
      return wantedCount;
    }

    void add(int nameId, float value) {
      if (scores[nameId] == 0f) {
        touched[touchedCount++] = nameId;
      }
      scores[nameId] += value;
    }

    boolean markEntity(int entity) {
      if (entityStamp[entity] == stamp) {
        return false;
      }
      entityStamp[entity] = stamp;
      return true;
    }

    private long[] keys = new long[1024];

    /**
     * The best {@code k} names by accumulated score, best first (ties by name id), among those
     * retrieving at least {@code share} of the best name's score. Each name becomes one long that
     * sorts in that order (score descending in the high half, name id in the low half), so the
     * selection is a partition and a sort of primitives, whatever the number of names touched.
     */
    int[] topNames(int k, float share) {
      float best = 0f;
      for (int t = 0; t < touchedCount; t++) {
        best = Math.max(best, scores[touched[t]]);
      }
      float floor = best * share;
      if (keys.length < touchedCount) {
        keys = new long[Math.max(touchedCount, keys.length * 2)];
      }
      int n = 0;
      for (int t = 0; t < touchedCount; t++) {
        int id = touched[t];
        float score = scores[id];
        if (score >= floor) {
          // Scores are positive, so their bits order as the scores do.
          keys[n++] = (long) (Integer.MAX_VALUE - Float.floatToIntBits(score)) << 32 | id;
        }
      }
      int size = Math.min(k, n);
      if (n > size) {
        select(keys, 0, n - 1, size);
      }
      java.util.Arrays.sort(keys, 0, size);
      int[] out = new int[size];
      for (int i = 0; i < size; i++) {
        out[i] = (int) keys[i];
      }
      return out;
    }

    /** Moves the {@code k} smallest keys of {@code a[from..to]} to its front (keys are distinct). */
    private static void select(long[] a, int from, int to, int k) {
      while (from < to) {
        int mid = from + (to - from) / 2;
        long pivot = median(a[from], a[mid], a[to]);
        int i = from;
        int j = to;
        while (i <= j) {
          while (a[i] < pivot) {
            i++;
          }
          while (a[j] > pivot) {
            j--;
          }
          if (i <= j) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
          }
        }
        // a[from..j] <= pivot <= a[i..to]
        if (k - 1 <= j) {
          to = j;
        } else if (k - 1 >= i) {
          from = i;
        } else {
          return;
        }
      }
    }

    private static long median(long a, long b, long c) {
      return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
  }
}

package dev.compact.screening;

import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.NameStrength;
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

  /**
   * Share of a query's retrieval weight that its commonest keys may carry and still be read only
   * for the names its rarer keys retrieved (see {@link Scratch#accumulateAndSelect}). At 0.2 the
   * shortcut holds for 82% of the evaluation queries against a million synthetic entities and
   * 35% on the real lists (the others then read the common keys for the remaining names too);
   * measured, 0.2 saved more CPU at a million entities than 0.1 and cost nothing on the real lists.
   */
  static final float RARE_SHARE = 0.2f;

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
  private final float commonShare;
  private final ThreadLocal<Scratch> scratch;

  public Screener(ScreeningIndex index) {
    this(index, POSTINGS_BUDGET);
  }

  /** With another postings budget, to show what the budget does. */
  Screener(ScreeningIndex index, int postingsBudget) {
    this(index, postingsBudget, RARE_SHARE);
  }

  /** With another share for the common keys (0: every key read for every name), for tests. */
  Screener(ScreeningIndex index, int postingsBudget, float commonShare) {
    this.index = index;
    this.postingsBudget = postingsBudget;
    this.commonShare = commonShare;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(index.nameCount(),
        index.partCount()));
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
    // The name is normalised once: ScreeningQuery.problems() would normalise it a second time
    // only to see whether anything is left.
    if (query.name().isBlank() || query.name().length() > ScreeningQuery.MAX_NAME_LENGTH) {
      return new ScreeningOutcome.Rejected(query.problems());
    }
    NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
    if (name.isEmpty()) {
      return new ScreeningOutcome.Rejected(query.problems());
    }
    int[] candidates = candidates(name, query);
    PreparedName prepared = NameComparator.prepare(name);
    Scratch s = scratch.get();
    PartMemo memo = s.memo;
    memo.reset(prepared);
    long[] spans = spans(candidates, s);
    // A listed name whose score provably stays below minScore is not aligned (see ScoreBound);
    // nothing but an identifier lifts an entity above its best name's score.
    double prune = query.identifiers().isEmpty() ? minScore : 0;
    // Rank every candidate by score alone, then explain only the hits that are returned.
    List<Ranked> ranked = new ArrayList<>();
    for (int k = 0; k < candidates.length; k++) {
      int entity = candidates[k];
      double score = rank(entity, spans[k], prepared, query, memo, prune);
      if (score >= minScore) {
        ranked.add(new Ranked(entity, score));
      }
    }
    ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
        .thenComparing(r -> index.entity(r.entity).listName())
        .thenComparing(r -> index.entity(r.entity).id()));
    List<Hit> hits = new ArrayList<>(Math.min(limit, ranked.size()));
    for (int k = 0; k < ranked.size() && k < limit; k++) {
      hits.add(score(ranked.get(k).entity, prepared, query));
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
    int[] topNames = s.accumulateAndSelect(kept, total, MAX_CANDIDATE_NAMES, MIN_RETRIEVAL_SHARE,
        commonShare);
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
      int entityAndKind = index.entityAndKind(topNames[k]);
      if (!query.kind().compatibleWith(ScreeningIndex.packedKind(entityAndKind))) {
        continue;
      }
      int entity = ScreeningIndex.packedEntity(entityAndKind);
      if (s.markEntity(entity)) {
        entities[count++] = entity;
      }
    }
    return java.util.Arrays.copyOf(entities, count);
  }


  private record Ranked(int entity, double score) {}

  /**
   * The candidates' name spans ({@link ScreeningIndex#names}), read in one pass, and their first
   * names' headers read in a second. At a million entities each is a cache miss; read while
   * ranking, every candidate waits for its own two in turn (the second depends on the first),
   * while a loop that does nothing else has many in flight at once. Reading a value changes no
   * result.
   */
  private long[] spans(int[] candidates, Scratch s) {
    long[] spans = s.spans(candidates.length);
    for (int k = 0; k < candidates.length; k++) {
      spans[k] = index.names(candidates[k]);
    }
    int[] flat = index.table().flat();
    int headers = 0;
    for (int k = 0; k < candidates.length; k++) {
      headers |= flat[(int) spans[k]];
    }
    // Kept, so that the reads above are not dropped as unused.
    s.headersRead = headers;
    return spans;
  }

  /** Slack for rounding: the bound and the score sum the same terms in different orders. */
  static final double BOUND_MARGIN = 1e-9;

  /**
   * The score of one entity, exactly as {@link #score} computes it, without building the hit or
   * its explanation: ranking needs the number alone. A name whose {@link ScoreBound} is below
   * {@code prune} is skipped, so a score below {@code prune} may be lower than the true one
   * (never one at or above it); with {@code prune} 0 nothing is skipped. {@code names} is the
   * entity's span ({@link ScreeningIndex#names}), read beforehand.
   */
  double rank(int entityIndex, long names, PreparedName query, ScreeningQuery q, PartMemo memo,
      double prune) {
    int bestName = -1;
    double bestScore = -1;
    double bestRaw = 0;
    NameTable table = index.table();
    // The entity's names ({@code names}: its span, ScreeningIndex.names) are adjacent in the
    // table: walk them from the first one's header.
    int header = (int) names;
    int end = index.endName(entityIndex);
    for (int nameId = (int) (names >>> 32); nameId < end;
        nameId++, header = table.nextHeader(header)) {
      double factor = table.weakAliasAt(header) ? WEAK_ALIAS : 1.0;
      if (prune > 0 && !ScoreBound.mayReach(query, table, nameId, header, memo,
          prune / factor - BOUND_MARGIN)) {
        continue;
      }
      PreparedName listed = index.prepared(nameId);
      double raw = NameComparator.score(query, listed, memo);
      double score = raw * factor;
      if (score > bestScore) {
        bestRaw = raw;
        bestScore = score;
        bestName = nameId;
      }
    }
    if (bestScore < prune && q.identifiers().isEmpty()) {
      // Without a query identifier qualifiers only lower a score, and the floor stays below the
      // name's: the entity stays below prune, and its record is not read.
      return Math.max(0, bestScore);
    }
    return qualified(entityIndex, query, q, bestName, bestScore, bestRaw, null, null);
  }

  /** Scores one entity in full, with its explanation. */
  Hit score(int entityIndex, PreparedName query, ScreeningQuery q) {
    SanctionedEntity entity = index.entity(entityIndex);
    NameMatch best = null;
    int bestName = -1;
    double bestScore = -1;
    for (int nameId = index.firstName(entityIndex); nameId < index.endName(entityIndex);
        nameId++) {
      NameMatch match = NameComparator.compare(query, index.prepared(nameId));
      double score = match.score()
          * (index.nameStrength(nameId) == NameStrength.WEAK_ALIAS ? WEAK_ALIAS : 1.0);
      if (score > bestScore) {
        best = match;
        bestScore = score;
        bestName = nameId;
      }
    }
    List<QualifierEffect> effects = new ArrayList<>();
    double score = qualified(entityIndex, query, q, bestName, bestScore,
        best == null ? 0 : best.score(), best, effects);
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
   * The entity's score from its best name's: the weak-alias factor, the qualifiers, the floor and
   * the identifiers, in one order whether explained or not, so that ranking and explanation agree
   * to the last bit. {@code best} and {@code effects} are null when only the score is wanted.
   */
  private double qualified(int entityIndex, PreparedName query, ScreeningQuery q,
      int bestName, double bestScore, double bestRaw, NameMatch best,
      List<QualifierEffect> effects) {
    SanctionedEntity entity = index.entity(entityIndex);
    double score = Math.max(0, bestScore);
    if (effects != null && bestName >= 0
        && index.nameStrength(bestName) == NameStrength.WEAK_ALIAS && bestRaw > 0) {
      effects.add(new QualifierEffect("alias", "weak alias, name score x" + WEAK_ALIAS,
          bestScore - bestRaw));
    }
    double nameScore = score;
    score += Qualifiers.birthDateEffect(q, entity, effects);
    score += Qualifiers.countryEffect(q, entity, effects);
    score += Qualifiers.genderEffect(q, entity, effects);
    score = qualifierFloor(query, nameScore, score, best, bestName, effects);
    score = Qualifiers.identifierEffect(q, entity, score, effects);
    return Math.max(0, Math.min(1, score));
  }

  /**
   * Qualifiers lower, they do not erase: when the name alone would alert and is not weak, a
   * different date of birth, country or gender turns the alert into a review (the reasons listed),
   * never into silence. The floor keeps the order of the name scores: {@link Thresholds#REVIEW}
   * plus half of the name's margin over {@link Thresholds#ALERT}, always below the alert threshold.
   * A weak name (a weak alias, or a name that agrees on fewer than two content parts) gets no floor:
   * there the qualifiers are the evidence.
   */
  private double qualifierFloor(PreparedName query, double nameScore, double score,
      NameMatch best, int bestName, List<QualifierEffect> effects) {
    if (score >= nameScore || nameScore < Thresholds.ALERT || bestName < 0
        || index.nameStrength(bestName) == NameStrength.WEAK_ALIAS) {
      return score;
    }
    // Ranking skips the explanation; the alignment is needed here, so build it (rarely).
    NameMatch aligned = best == null || best.aligned().isEmpty()
        ? NameComparator.compare(query, index.prepared(bestName)) : best;
    if (agreeingParts(aligned) < 2) {
      return score;
    }
    double floor = Thresholds.REVIEW + FLOOR_SHARE * (nameScore - Thresholds.ALERT);
    if (score >= floor) {
      return score;
    }
    if (effects != null) {
      effects.add(new QualifierEffect("floor", String.format(Locale.ROOT,
          "the name alone would alert (%.2f); qualifiers lower it to review, not below",
          nameScore), floor - score));
    }
    return floor;
  }

  /** Share of the name's margin over the alert threshold that the qualifier floor keeps. */
  static final double FLOOR_SHARE = 0.5;

  private static long agreeingParts(NameMatch match) {
    return match.aligned().stream()
        .filter(a -> a.similarity() >= 0.5 && a.query().stream().anyMatch(NamePart::isContent))
        .count();
  }
}

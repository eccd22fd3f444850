package dev.compact.screening.evaluation;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.PartialDate;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Hit;
import dev.compact.screening.NameKind;
import dev.compact.screening.NameNormaliser;
import dev.compact.screening.NormalisedName;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Recall@1 and recall@5 of listed people: each positive must find its entry among the top hits.
 * The expected entry is found by joining on the normalised name (any listed name) and, where
 * both sides have one, a consistent date of birth.
 */
public final class ListedPositivesBench {

  /** The figures of one run. */
  public record Result(int positives, int resolved, int atOne, int atFive, int inCandidates,
      List<String> misses) {
    public double recallAtOne() {
      return resolved == 0 ? 0 : (double) atOne / resolved;
    }

    public double recallAtFive() {
      return resolved == 0 ? 0 : (double) atFive / resolved;
    }

    public double candidateRecall() {
      return resolved == 0 ? 0 : (double) inCandidates / resolved;
    }
  }

  private ListedPositivesBench() {}

  /**
   * Maps each positive to the entries it denotes in {@code lists}: every entry, in any of the
   * lists, with the same name (word order aside) and a date of birth in the same year. A person on
   * both the UN and the OFAC list has two correct answers. Positives that resolve to nothing are
   * left out and counted as unresolved.
   */
  public static Map<PersonRecord, Set<String>> groundTruth(List<PersonRecord> positives,
      List<SanctionsList> lists) {
    Map<String, List<SanctionedEntity>> byKey = new HashMap<>();
    for (SanctionedEntity entity : lists.stream().flatMap(l -> l.entities().stream())
        .filter(e -> e.schema() == dev.compact.sanctions.Schema.PERSON).toList()) {
      for (EntityName name : entity.names()) {
        NormalisedName normalised = NameNormaliser.normalise(name.full(), NameKind.PERSON);
        byKey.computeIfAbsent(sortedKey(normalised), k -> new ArrayList<>()).add(entity);
      }
    }
    Map<PersonRecord, Set<String>> truth = new HashMap<>();
    for (PersonRecord positive : positives) {
      NormalisedName normalised = NameNormaliser.normalise(positive.fullName(), NameKind.PERSON);
      Set<String> ids = new HashSet<>();
      for (SanctionedEntity entity : byKey.getOrDefault(sortedKey(normalised), List.of())) {
        if (positive.birthDate().isEmpty() || entity.birthDates().isEmpty()
            || entity.birthDates().stream().anyMatch(d -> consistent(d, positive))) {
          ids.add(key(entity));
        }
      }
      if (!ids.isEmpty()) {
        truth.put(positive, ids);
      }
    }
    return truth;
  }

  private static boolean consistent(PartialDate listed, PersonRecord positive) {
    return listed.year() == positive.birthDate().get().year();
  }

  /** Word order differs between exports ("SURNAME Given"), so the join ignores it. */
  private static String sortedKey(NormalisedName name) {
    return name.parts().stream().map(p -> p.text()).sorted().reduce((a, b) -> a + " " + b)
        .orElse("");
  }

  static String key(SanctionedEntity entity) {
    return entity.listName() + "/" + entity.id().value();
  }

  /** Screens every resolved positive with {@code toQuery} and counts where its entry ranks. */
  public static Result run(Screener screener, List<PersonRecord> positives,
      Map<PersonRecord, Set<String>> truth, Function<PersonRecord, ScreeningQuery> toQuery) {
    int atOne = 0;
    int atFive = 0;
    int inCandidates = 0;
    List<String> misses = new ArrayList<>();
    for (PersonRecord positive : positives) {
      Set<String> expected = truth.get(positive);
      if (expected == null) {
        continue;
      }
      ScreeningQuery query = toQuery.apply(positive);
      ScreeningOutcome outcome = screener.screen(query, 5, 0.0);
      if (!(outcome instanceof ScreeningOutcome.Screened screened)) {
        misses.add(positive.fullName() + ": rejected");
        continue;
      }
      int[] candidates = screener.candidates(screened.query(), query);
      for (int c : candidates) {
        if (expected.contains(key(screener.index().entityAt(c)))) {
          inCandidates++;
          break;
        }
      }
      List<Hit> hits = screened.hits();
      int rank = -1;
      for (int k = 0; k < hits.size(); k++) {
        if (expected.contains(key(hits.get(k).entity()))) {
          rank = k;
          break;
        }
      }
      if (rank == 0) {
        atOne++;
      }
      if (rank >= 0 && rank < 5) {
        atFive++;
      } else {
        misses.add(positive.fullName() + " (line " + positive.line() + ")");
      }
    }
    return new Result(positives.size(), truth.size(), atOne, atFive, inCandidates, misses);
  }
}

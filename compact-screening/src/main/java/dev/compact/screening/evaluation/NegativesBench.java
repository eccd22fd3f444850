package dev.compact.screening.evaluation;

import dev.compact.screening.Decision;
import dev.compact.screening.Hit;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The false-positive rate: the share of people on no list who get a hit at a threshold. */
public final class NegativesBench {

  /** The figures of one run. */
  public record Result(int queries, int alerts, int reviews, List<String> examples) {
    public double alertRate() {
      return queries == 0 ? 0 : (double) alerts / queries;
    }

    /** Share with any hit at or above the review threshold. */
    public double reviewRate() {
      return queries == 0 ? 0 : (double) reviews / queries;
    }
  }

  private NegativesBench() {}

  public static Result run(Screener screener, List<PersonRecord> negatives,
      Function<PersonRecord, ScreeningQuery> toQuery) {
    int alerts = 0;
    int reviews = 0;
    List<String> examples = new ArrayList<>();
    for (PersonRecord negative : negatives) {
      ScreeningOutcome outcome = screener.screen(toQuery.apply(negative), 1, Thresholds.REVIEW);
      if (outcome instanceof ScreeningOutcome.Screened screened && !screened.hits().isEmpty()) {
        Hit top = screened.hits().getFirst();
        reviews++;
        if (top.decision() == Decision.ALERT) {
          alerts++;
          examples.add(String.format(java.util.Locale.ROOT, "%s -> %s (%.2f)",
              negative.fullName(), top.explanation().matchedName(), top.score()));
        }
      }
    }
    return new Result(negatives.size(), alerts, reviews, examples);
  }
}

package dev.compact.screening.evaluation;

import dev.compact.screening.NameComparator;
import dev.compact.screening.NameKind;
import dev.compact.screening.NameNormaliser;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Precision, recall and F1 on labelled name pairs (nomenklatura's name_bench format), per quality
 * tier, with the threshold chosen by two-fold cross-validation so that the held-out figure is not
 * flattered by tuning on the very pairs it is measured on.
 */
public final class NamePairBench {

  /** One labelled pair. */
  public record NamePair(int line, String group, NameKind kind, String name1, String name2,
      boolean match, String quality) {}

  /** Per-tier counts (and "ALL") of one scorer at one threshold. */
  public record TierCounts(double threshold, Map<String, BinaryCounts> byTier) {
    public BinaryCounts all() {
      return byTier.get(ALL);
    }
  }

  /**
   * A cross-validated evaluation: the threshold fitted on each half, the counts on the other half
   * (summed), and the in-sample counts at the threshold fitted on all pairs.
   */
  public record Calibration(double thresholdOnFirstHalf, double thresholdOnSecondHalf,
      TierCounts heldOut, TierCounts inSample) {}

  public static final String ALL = "ALL";

  private NamePairBench() {}

  /** Reads pairs; the source name appears in error messages. */
  public static List<NamePair> read(String source, Reader reader) {
    CsvTable table = CsvTable.read(source, reader,
        List.of("case_group", "schema", "name1", "name2", "is_match", "quality"));
    List<NamePair> pairs = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      String label = row.get("is_match").trim().toLowerCase(Locale.ROOT);
      if (!label.equals("true") && !label.equals("false")) {
        throw new EvaluationDataException(source + ":" + row.line()
            + ": is_match must be true or false, not '" + row.get("is_match") + "'");
      }
      String quality = row.get("quality").trim();
      pairs.add(new NamePair(row.line(), row.get("case_group"), kindOf(row.get("schema")),
          row.get("name1"), row.get("name2"), label.equals("true"),
          quality.isEmpty() ? "UNRATED" : quality.toUpperCase(Locale.ROOT)));
    }
    return List.copyOf(pairs);
  }

  static NameKind kindOf(String schema) {
    return switch (schema.trim()) {
      case "Person" -> NameKind.PERSON;
      case "Company", "Organization" -> NameKind.ORGANISATION;
      case "Vessel" -> NameKind.VESSEL;
      default -> NameKind.UNKNOWN;
    };
  }

  /** Our matcher: name-part alignment of the two normalised names. */
  public static double alignmentScore(NamePair pair) {
    return NameComparator.compare(NameNormaliser.normalise(pair.name1(), pair.kind()),
        NameNormaliser.normalise(pair.name2(), pair.kind())).score();
  }

  /** The plain baseline: Jaro-Winkler of the whole case-folded strings. */
  public static double jaroWinklerScore(NamePair pair) {
    return Baseline.jaroWinkler(pair.name1(), pair.name2());
  }

  /** Scores every pair once. */
  public static double[] score(List<NamePair> pairs, ToDoubleFunction<NamePair> scorer) {
    double[] scores = new double[pairs.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = scorer.applyAsDouble(pairs.get(i));
    }
    return scores;
  }

  /** Counts per tier of the decision {@code score >= threshold}, restricted to {@code rows}. */
  public static TierCounts count(List<NamePair> pairs, double[] scores, double threshold,
      int[] rows) {
    Map<String, BinaryCounts> byTier = new LinkedHashMap<>();
    for (String tier : List.of("STRONG", "MEDIUM", "WEAK", "UNRATED", ALL)) {
      byTier.put(tier, BinaryCounts.EMPTY);
    }
    for (int i : rows) {
      NamePair pair = pairs.get(i);
      boolean predicted = scores[i] >= threshold;
      byTier.merge(pair.quality(), BinaryCounts.EMPTY.plus(predicted, pair.match()),
          BinaryCounts::plus);
      byTier.merge(ALL, BinaryCounts.EMPTY.plus(predicted, pair.match()), BinaryCounts::plus);
    }
    return new TierCounts(threshold, byTier);
  }

  /**
   * The threshold with the best F1 on {@code rows}: the midpoint between the two neighbouring
   * scores that bracket the best cut, so that it does not sit on a training score.
   */
  public static double bestThreshold(List<NamePair> pairs, double[] scores, int[] rows) {
    double[] sorted = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      sorted[k] = scores[rows[k]];
    }
    java.util.Arrays.sort(sorted);
    double best = 1.0;
    double bestF1 = -1;
    for (int k = 0; k < sorted.length; k++) {
      double below = k == 0 ? 0.0 : sorted[k - 1];
      if (k > 0 && sorted[k] == below) {
        continue;
      }
      double cut = k == 0 ? sorted[0] : (below + sorted[k]) / 2;
      double f1 = count(pairs, scores, cut, rows).all().f1();
      if (f1 > bestF1) {
        bestF1 = f1;
        best = cut;
      }
    }
    return best;
  }

  /** Two-fold cross-validation over alternate rows, plus the in-sample fit. */
  public static Calibration calibrate(List<NamePair> pairs, double[] scores) {
    int[] first = java.util.stream.IntStream.range(0, pairs.size()).filter(i -> i % 2 == 0)
        .toArray();
    int[] second = java.util.stream.IntStream.range(0, pairs.size()).filter(i -> i % 2 == 1)
        .toArray();
    int[] all = java.util.stream.IntStream.range(0, pairs.size()).toArray();
    double t1 = bestThreshold(pairs, scores, first);
    double t2 = bestThreshold(pairs, scores, second);
    TierCounts onSecond = count(pairs, scores, t1, second);
    TierCounts onFirst = count(pairs, scores, t2, first);
    Map<String, BinaryCounts> heldOut = new LinkedHashMap<>();
    for (String tier : onSecond.byTier().keySet()) {
      heldOut.put(tier, onSecond.byTier().get(tier).plus(onFirst.byTier().get(tier)));
    }
    double tAll = bestThreshold(pairs, scores, all);
    return new Calibration(t1, t2, new TierCounts(Double.NaN, heldOut),
        count(pairs, scores, tAll, all));
  }
}

package dev.compact.screening.evaluation;

import dev.compact.screening.MatchWeights;
import dev.compact.screening.NameComparator;
import dev.compact.screening.NameNormaliser;
import dev.compact.screening.NormalisedName;
import dev.compact.screening.evaluation.NamePairBench.NamePair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * K-fold cross-validation of the name matcher on labelled pairs that holds out the weights as well
 * as the threshold: on each fold the weights ({@link MatchWeights}) and the F1-optimal threshold
 * are fitted on the other k-1 folds only, then the fold is scored with them. The held-out
 * confusion matrix is the sum over the folds, so every pair is judged exactly once by a matcher
 * that never saw it.
 *
 * <p>Weights are fitted by coordinate descent over a fixed grid per weight, starting from {@link
 * MatchWeights#FITTED}, keeping the current value on ties so that a weight moves only when the
 * training folds ask for it. Deterministic: folds are dealt by a hash of the pair, not by chance.
 */
public final class CrossValidation {

  /** Values tried for each weight, in {@link MatchWeights#NAMES} order. */
  static final double[][] GRID = {
      {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
      {0.2, 0.3, 0.4, 0.5, 0.6, 0.7},
      {0.85, 0.9, 0.93, 0.95, 0.97},
      {0.5, 0.6, 0.7, 0.75, 0.8, 0.85},
      {0.5, 0.6, 0.7, 0.75, 0.8, 0.85},
      {0.85, 0.9, 0.93, 0.95, 0.97},
      {0.6, 0.7, 0.75, 0.8, 0.85, 0.9},
      {0.5, 0.6, 0.7, 0.75, 0.8}};

  /** Rounds of coordinate descent. */
  static final int ROUNDS = 2;

  /** One fold: what was fitted on the other folds and how it did on this one. */
  public record Fold(int index, int pairs, MatchWeights weights, double threshold,
      double trainingF1, BinaryCounts heldOut) {}

  /**
   * The whole run.
   *
   * @param folds each fold's fit and held-out counts
   * @param heldOut the sum of the held-out counts: every pair judged once, unseen
   * @param onAll the weights fitted on all pairs, what the matcher should ship
   * @param thresholdOnAll the F1-optimal threshold on all pairs with {@code onAll}
   * @param inSample the counts on all pairs with {@code onAll} at {@code thresholdOnAll}
   */
  public record Result(List<Fold> folds, BinaryCounts heldOut, MatchWeights onAll,
      double thresholdOnAll, BinaryCounts inSample) {

    public int k() {
      return folds.size();
    }
  }

  private CrossValidation() {}

  /**
   * Deals pairs into {@code k} folds, positives and negatives separately so that every fold has
   * the same share of matches, in the order of a hash of the pair's text so that the file's order
   * (pairs grouped by case) does not put a whole group in one fold.
   */
  public static int[] folds(List<NamePair> pairs, int k) {
    int[] fold = new int[pairs.size()];
    for (boolean label : new boolean[] {true, false}) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        if (pairs.get(i).match() == label) {
          rows.add(i);
        }
      }
      rows.sort((a, b) -> {
        int c = Integer.compare(mix(pairs.get(a)), mix(pairs.get(b)));
        return c != 0 ? c : Integer.compare(a, b);
      });
      for (int r = 0; r < rows.size(); r++) {
        fold[rows.get(r)] = r % k;
      }
    }
    return fold;
  }

  private static int mix(NamePair pair) {
    int h = (pair.name1() + '\u0000' + pair.name2()).hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  /** Runs k-fold cross-validation with weight fitting on each fold. */
  public static Result run(List<NamePair> pairs, int k) {
    NormalisedName[][] names = normalise(pairs);
    int[] fold = folds(pairs, k);
    List<Fold> folds = new ArrayList<>();
    BinaryCounts heldOut = BinaryCounts.EMPTY;
    for (int f = 0; f < k; f++) {
      int ff = f;
      int[] train = IntStream.range(0, pairs.size()).filter(i -> fold[i] != ff).toArray();
      int[] test = IntStream.range(0, pairs.size()).filter(i -> fold[i] == ff).toArray();
      MatchWeights weights = fit(pairs, names, train);
      double[] scores = scores(names, weights);
      double threshold = NamePairBench.bestThreshold(pairs, scores, train);
      double trainF1 = NamePairBench.count(pairs, scores, threshold, train).all().f1();
      BinaryCounts counts = NamePairBench.count(pairs, scores, threshold, test).all();
      folds.add(new Fold(f, test.length, weights, threshold, trainF1, counts));
      heldOut = heldOut.plus(counts);
    }
    int[] all = IntStream.range(0, pairs.size()).toArray();
    MatchWeights onAll = fit(pairs, names, all);
    double[] scores = scores(names, onAll);
    double threshold = NamePairBench.bestThreshold(pairs, scores, all);
    return new Result(folds, heldOut, onAll, threshold,
        NamePairBench.count(pairs, scores, threshold, all).all());
  }

  static NormalisedName[][] normalise(List<NamePair> pairs) {
    NormalisedName[][] names = new NormalisedName[pairs.size()][];
    for (int i = 0; i < names.length; i++) {
      NamePair pair = pairs.get(i);
      names[i] = new NormalisedName[] {NameNormaliser.normalise(pair.name1(), pair.kind()),
          NameNormaliser.normalise(pair.name2(), pair.kind())};
    }
    return names;
  }

  static double[] scores(NormalisedName[][] names, MatchWeights weights) {
    double[] scores = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      scores[i] = NameComparator.compare(names[i][0], names[i][1], weights).score();
    }
    return scores;
  }

  /** Coordinate descent from {@link MatchWeights#FITTED}: best training F1 at its best cut. */
  static MatchWeights fit(List<NamePair> pairs, NormalisedName[][] names, int[] rows) {
    MatchWeights best = MatchWeights.FITTED;
    double bestF1 = trainingF1(pairs, names, rows, best);
    for (int round = 0; round < ROUNDS; round++) {
      boolean moved = false;
      for (int w = 0; w < GRID.length; w++) {
        for (double value : GRID[w]) {
          MatchWeights trial = best.with(w, value);
          if (trial.equals(best)) {
            continue;
          }
          double f1 = trainingF1(pairs, names, rows, trial);
          if (f1 > bestF1 + 1e-9) {
            best = trial;
            bestF1 = f1;
            moved = true;
          }
        }
      }
      if (!moved) {
        break;
      }
    }
    return best;
  }

  private static double trainingF1(List<NamePair> pairs, NormalisedName[][] names, int[] rows,
      MatchWeights weights) {
    double[] scores = new double[pairs.size()];
    for (int i : rows) {
      scores[i] = NameComparator.compare(names[i][0], names[i][1], weights).score();
    }
    double threshold = NamePairBench.bestThreshold(pairs, scores, rows);
    return NamePairBench.count(pairs, scores, threshold, rows).all().f1();
  }
}

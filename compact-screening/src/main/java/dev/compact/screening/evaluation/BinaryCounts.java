package dev.compact.screening.evaluation;

/** Confusion counts of a yes/no decision against labels. */
public record BinaryCounts(int truePositives, int falsePositives, int falseNegatives,
    int trueNegatives) {

  public static final BinaryCounts EMPTY = new BinaryCounts(0, 0, 0, 0);

  /** These counts with one more decision added. */
  public BinaryCounts plus(boolean predicted, boolean actual) {
    return new BinaryCounts(
        truePositives + (predicted && actual ? 1 : 0),
        falsePositives + (predicted && !actual ? 1 : 0),
        falseNegatives + (!predicted && actual ? 1 : 0),
        trueNegatives + (!predicted && !actual ? 1 : 0));
  }

  public BinaryCounts plus(BinaryCounts other) {
    return new BinaryCounts(truePositives + other.truePositives,
        falsePositives + other.falsePositives, falseNegatives + other.falseNegatives,
        trueNegatives + other.trueNegatives);
  }

  public int total() {
    return truePositives + falsePositives + falseNegatives + trueNegatives;
  }

  /** Precision; 1 when nothing was predicted positive (no false alarm was raised). */
  public double precision() {
    int predicted = truePositives + falsePositives;
    return predicted == 0 ? 1.0 : (double) truePositives / predicted;
  }

  /** Recall; 1 when there was nothing to find. */
  public double recall() {
    int actual = truePositives + falseNegatives;
    return actual == 0 ? 1.0 : (double) truePositives / actual;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}

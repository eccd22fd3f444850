package dev.compact.screening;

/**
 * The two decision thresholds on a hit's score.
 *
 * <p>Calibrated on nomenklatura's labelled name pairs (see docs/screening.md): the alert threshold
 * is the F1-optimal cut fitted with the weights on all pairs (0.857), rounded up; 5-fold
 * cross-validation, fitting weights and threshold on four folds, chose 0.855 to 0.859 on each
 * fold. The review threshold is where recall on the matching pairs reaches about 0.92, so that a
 * reviewer sees nearly every true match. Scores rank candidates;
 * the thresholds turn them into work for people, not verdicts.
 */
public final class Thresholds {

  /** At or above: alert, the hit needs a decision before the transaction proceeds. */
  public static final double ALERT = 0.86;
  /** At or above (and below {@link #ALERT}): review, a person should look. */
  public static final double REVIEW = 0.70;

  private Thresholds() {}

  /** The decision a score leads to. */
  public static Decision decide(double score) {
    if (score >= ALERT) {
      return Decision.ALERT;
    }
    return score >= REVIEW ? Decision.REVIEW : Decision.BELOW;
  }
}

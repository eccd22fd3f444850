package dev.compact.agreements;

/**
 * What a commitment's amount means, as the texts word it: the Danish "not less than", the French
 * "up to", an exact sum, or a range. It decides when deliveries fulfil the commitment and whether a
 * period that ends short of the amount is a breach.
 */
public enum AmountBound {
  /** A floor ("not less than", the default): reaching it fulfils; ending the period short is a breach. */
  AT_LEAST,
  /** The sum itself: reaching it fulfils; ending short is a breach; more is noted. */
  EXACT,
  /** A ceiling ("up to"): reaching it fulfils; ending short is not a breach (the period closes discharged); more is noted. */
  UP_TO,
  /** Between {@code min} and {@code max}: reaching the minimum fulfils; ending short of it is a breach; more than the maximum is noted. */
  RANGE;

  /** How the bound reads in legal text, before the amount. */
  public String phrase() {
    return switch (this) {
      case AT_LEAST -> "not less than";
      case EXACT -> "exactly";
      case UP_TO -> "up to";
      case RANGE -> "between";
    };
  }
}

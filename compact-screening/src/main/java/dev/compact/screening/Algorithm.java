package dev.compact.screening;

/** Identifies the matching algorithm so that every explanation can be reproduced later. */
public final class Algorithm {

  /**
   * Bumped whenever normalisation, alignment, weights or thresholds change, because a stored hit is
   * only reproducible with the algorithm that produced it.
   */
  public static final String ID = "compact-align-11";

  private Algorithm() {}
}

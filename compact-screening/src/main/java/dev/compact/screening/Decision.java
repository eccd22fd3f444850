package dev.compact.screening;

/** What a hit's score calls for. */
public enum Decision {
  ALERT,
  REVIEW,
  /** Below the review threshold: shown only when asked for (benchmarks, ranked lists). */
  BELOW
}

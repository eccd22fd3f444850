package dev.compact.screening;

/** What a name part is, which decides how it may align and how much it weighs. */
public enum PartKind {
  /** An ordinary given, family or company word. */
  WORD,
  /** A connecting word such as "al", "bin", "de" or "of": present in many names, weighs little. */
  PARTICLE,
  /** A single letter, standing for a word that starts with it. */
  INITIAL,
  /** Digits; only equal numbers align. */
  NUMBER,
  /**
   * A legal form mapped to its class ("Corp." and "Corporation" both become {@code corp}); kept
   * rather than deleted, with a low weight, so that "... CORP" alone never makes a match.
   */
  LEGAL_FORM
}

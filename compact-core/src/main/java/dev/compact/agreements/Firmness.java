package dev.compact.agreements;

/**
 * How firm a deadline is. The US agreement's "where possible within 24 hours" is a best effort, not
 * a duty to be breached at the 25th hour; "immediately" and "promptly" are named so that the reading
 * chosen for them is written down once (docs/agreement-format.md) instead of guessed per clause.
 */
public enum Firmness {
  /** Missing it is a breach (the default). */
  HARD,
  /** "Where possible", "as soon as possible": missing it is recorded and shown as lateness, never a breach. */
  BEST_EFFORT,
  /** "Immediately": read as the stated time, firm; missing it is a breach. */
  IMMEDIATELY,
  /** "Promptly", "without delay": read as the stated time, as a best effort; lateness is shown, not a breach. */
  PROMPTLY;

  /** True when passing the deadline breaches the duty. */
  public boolean breaches() {
    return this == HARD || this == IMMEDIATELY;
  }
}

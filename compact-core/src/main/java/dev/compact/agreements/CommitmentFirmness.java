package dev.compact.agreements;

/**
 * How firmly a commitment promises its figures, as the texts word it. A deadline's firmness says
 * whether missing the time is a breach; this says whether ending a period short of the amount is.
 * Latvia's 0.25% of GDP "subject to the availability of opportunities and resources", Lithuania's
 * "will seek to" and a ministry's announced package are not promises that a short year breaks.
 */
public enum CommitmentFirmness {
  /** "Will provide", "commits": a period that ends short is a breach (the default). */
  HARD,
  /** "Will seek to", "will strive to": an endeavour; a period that ends short is unmet, never breached. */
  BEST_EFFORT,
  /** "Subject to the availability of resources": as a best effort, the proviso named. */
  RESOURCES_PERMITTING,
  /** An announcement of intended support with figures, not a promise under an agreement: short is unmet, never breached. */
  ANNOUNCED;

  /** True when a period that ends short of its floor breaches the commitment. */
  public boolean breaches() {
    return this == HARD;
  }

  /** The words that carry the reading in a text: "will seek to", "resources permitting", "announces". */
  public String phrase() {
    return switch (this) {
      case HARD -> "commits";
      case BEST_EFFORT -> "will seek to";
      case RESOURCES_PERMITTING -> "resources permitting";
      case ANNOUNCED -> "announces";
    };
  }

  /** How a table of norms marks it beside the amount; nothing for a firm commitment. */
  public String label() {
    return switch (this) {
      case HARD -> "";
      case BEST_EFFORT -> "a best effort (\"will seek to\"), short is not a breach";
      case RESOURCES_PERMITTING -> "resources permitting, short is not a breach";
      case ANNOUNCED -> "announced, not promised: short is not a breach";
    };
  }

  /** Why a period that ended short is not a breach, for the cause of that step. */
  public String reading() {
    return switch (this) {
      case HARD -> "a firm commitment";
      case BEST_EFFORT -> "a best effort (firmness: best-effort, \"will seek to\")";
      case RESOURCES_PERMITTING -> "a commitment given resources permitting (firmness: resources-permitting)";
      case ANNOUNCED -> "an announcement, not a promise (firmness: announced)";
    };
  }
}

package dev.compact.agreements;

/** "Within {@code within} of {@code from}", with the boundary and the firmness stated. */
public record Deadline(IsoDuration within, Anchor from, Boundary boundary, Firmness firmness) {
  public Deadline(IsoDuration within, Anchor from, Boundary boundary) {
    this(within, from, boundary, Firmness.HARD);
  }

  public String display() {
    String prefix = switch (firmness) {
      case HARD -> "within ";
      case BEST_EFFORT -> "where possible within ";
      case IMMEDIATELY -> "immediately, within ";
      case PROMPTLY -> "promptly, within ";
    };
    return prefix + within.display() + " of " + from.phrase() + (boundary == Boundary.EXCLUSIVE ? " (strictly before)" : "");
  }
}

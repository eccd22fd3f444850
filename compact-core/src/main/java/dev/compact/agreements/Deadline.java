package dev.compact.agreements;

/** "Within {@code within} of {@code from}", with the boundary stated. */
public record Deadline(IsoDuration within, Anchor from, Boundary boundary) {
  public String display() {
    return "within " + within.display() + " of " + from.phrase() + (boundary == Boundary.EXCLUSIVE ? " (strictly before)" : "");
  }
}

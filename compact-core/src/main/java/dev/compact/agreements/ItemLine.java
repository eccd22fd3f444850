package dev.compact.agreements;

/** A line of in-kind support: an item and how many. */
public record ItemLine(String item, long quantity) {
  public String display() {
    return String.format(java.util.Locale.ROOT, "%,d %s", quantity, item);
  }
}

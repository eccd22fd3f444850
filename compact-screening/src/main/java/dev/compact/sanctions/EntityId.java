package dev.compact.sanctions;

/** The identifier of an entity within its list, such as OFAC's {@code ent_num} or the UN's DATAID. */
public record EntityId(String value) implements Comparable<EntityId> {

  public EntityId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an entity id must not be blank");
    }
  }

  @Override
  public int compareTo(EntityId other) {
    // Numeric ids (OFAC, UN) sort numerically so that reports read in list order.
    boolean thisNumeric = isDigits(value);
    boolean otherNumeric = isDigits(other.value);
    if (thisNumeric && otherNumeric) {
      int byLength = Integer.compare(value.length(), other.value.length());
      return byLength != 0 ? byLength : value.compareTo(other.value);
    }
    if (thisNumeric != otherNumeric) {
      return thisNumeric ? -1 : 1;
    }
    return value.compareTo(other.value);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(c -> c >= '0' && c <= '9')
        && (s.length() == 1 || s.charAt(0) != '0');
  }

  @Override
  public String toString() {
    return value;
  }
}

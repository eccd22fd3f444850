package dev.compact.agreements;

/** A clause's stable id, unique within its agreement; text refers to it as {@code {{id.field}}}. */
public record ClauseId(String value) implements Comparable<ClauseId> {
  @Override
  public int compareTo(ClauseId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

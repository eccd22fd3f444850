package dev.compact.agreements;

/** An agreement's id, unique within its compact. */
public record AgreementId(String value) implements Comparable<AgreementId> {
  @Override
  public int compareTo(AgreementId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

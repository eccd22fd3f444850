package dev.compact.engine;

import dev.compact.agreements.PartyCode;

/**
 * A norm instance's id: agreement, clause (or measure), obligor and the incident, consultation or
 * period it arose from. Written {@code agreement/clause/OBLIGOR@context}; built only from the record,
 * so the same events always give the same ids.
 */
public record InstanceId(String agreement, String clause, PartyCode obligor, String context)
    implements Comparable<InstanceId> {

  public String key() {
    return agreement + "/" + clause + "/" + obligor.value() + (context.isEmpty() ? "" : "@" + context);
  }

  @Override
  public int compareTo(InstanceId other) {
    return key().compareTo(other.key());
  }

  @Override
  public String toString() {
    return key();
  }
}

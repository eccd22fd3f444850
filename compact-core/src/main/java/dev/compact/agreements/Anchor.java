package dev.compact.agreements;

/** The named events a deadline may be anchored to. */
public enum Anchor {
  /** The norm instance became active (its trigger held). */
  ACTIVATION,
  INCIDENT_REPORTED,
  INCIDENT_VERIFIED,
  CONSULTATION_REQUESTED,
  CONSULTATION_HELD,
  MEASURES_DECIDED,
  ENTRY_INTO_FORCE,
  NOTICE_GIVEN,
  /** The breach of the norm this one remedies. */
  BREACH
}

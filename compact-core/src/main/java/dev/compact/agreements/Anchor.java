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
  BREACH;

  /** The event as legal text names it: "the request for consultations". */
  public String phrase() {
    return switch (this) {
      case ACTIVATION -> "the moment the obligation arises";
      case INCIDENT_REPORTED -> "the report of the incident";
      case INCIDENT_VERIFIED -> "the verification of the incident";
      case CONSULTATION_REQUESTED -> "the request for consultations";
      case CONSULTATION_HELD -> "the consultations";
      case MEASURES_DECIDED -> "the decision on measures";
      case ENTRY_INTO_FORCE -> "entry into force";
      case NOTICE_GIVEN -> "notice";
      case BREACH -> "the breach";
    };
  }
}

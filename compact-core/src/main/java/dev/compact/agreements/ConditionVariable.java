package dev.compact.agreements;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;

/**
 * The facts a condition may refer to. Declared here, once, so that conditions are type-checked at
 * load and the engine knows exactly which facts to supply.
 */
public enum ConditionVariable {
  /** Kind of the incident: armed-attack, missile-strike, drone-strike, cyber-attack, ceasefire-breach, hybrid. */
  INCIDENT_KIND("incident.kind", SimpleType.STRING),
  /** Severity from 1 (minor) to 5 (large-scale). */
  INCIDENT_SEVERITY("incident.severity", SimpleType.INT),
  /** Where it happened: an ISO 3166-2 code such as UA-43, or a country code. */
  INCIDENT_PLACE("incident.place", SimpleType.STRING),
  /** Whether the place lies inside the agreement's territorial scope. */
  INCIDENT_IN_SCOPE("incident.in_scope", SimpleType.BOOL),
  /** Whether the incident has been verified. */
  INCIDENT_VERIFIED("incident.verified", SimpleType.BOOL),
  /** The party that requested the consultation. */
  CONSULTATION_REQUESTED_BY("consultation.requested_by", SimpleType.STRING),
  /** Whether the protected state has joined NATO. */
  BENEFICIARY_NATO_MEMBER("beneficiary.nato_member", SimpleType.BOOL),
  /** Whether the protected state has joined the EU. */
  BENEFICIARY_EU_MEMBER("beneficiary.eu_member", SimpleType.BOOL),
  /** Whether the aggressor has ended the aggression. */
  AGGRESSION_ENDED("aggressor.aggression_ended", SimpleType.BOOL),
  /** Whether the aggressor has guaranteed that the aggression will not be repeated. */
  NON_REPETITION_GUARANTEED("aggressor.non_repetition_guaranteed", SimpleType.BOOL),
  /** Whether the aggressor has compensated the damage. */
  DAMAGE_COMPENSATED("aggressor.damage_compensated", SimpleType.BOOL),
  /** The state that attacked or threatened, when the report names it ("RUS"); empty otherwise. */
  INCIDENT_ATTACKER("incident.attacker", SimpleType.STRING),
  /** The aggressor as the compact declares it ({@code aggressor: RUS} in compact.md); empty if it declares none. */
  AGGRESSOR("aggressor", SimpleType.STRING),
  /** Whether a guarantor has invoked snapback. */
  SNAPBACK_INVOKED("snapback.invoked", SimpleType.BOOL),
  /** The share of the assessed damage the aggressor has compensated, 0.0 to 1.0 (and above, if it pays more). */
  AGGRESSOR_COMPENSATED_SHARE("aggressor.compensated_share", SimpleType.DOUBLE);

  /** The incident kinds {@code incident.kind} can hold, as written. */
  public static final java.util.List<String> INCIDENT_KINDS = java.util.List.of(
      "armed-attack", "missile-strike", "drone-strike", "cyber-attack", "ceasefire-breach", "hybrid", "threat-of-armed-attack");

  private final String celName;
  private final CelType type;

  ConditionVariable(String celName, CelType type) {
    this.celName = celName;
    this.type = type;
  }

  /** The name a condition uses, e.g. {@code incident.kind}. */
  public String celName() {
    return celName;
  }

  public CelType type() {
    return type;
  }
}

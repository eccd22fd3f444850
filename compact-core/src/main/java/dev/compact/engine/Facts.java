package dev.compact.engine;

import dev.cel.runtime.CelVariableResolver;
import java.util.Optional;

/**
 * The values a condition sees, set field by field before each evaluation and resolved by name.
 * One instance per run, never shared, so evaluation allocates no map per call.
 */
final class Facts implements CelVariableResolver {
  String incidentKind = "";
  long incidentSeverity;
  String incidentPlace = "";
  boolean incidentInScope;
  boolean incidentVerified;
  String requestedBy = "";
  boolean natoMember;
  boolean euMember;
  boolean aggressionEnded;
  boolean nonRepetitionGuaranteed;
  boolean damageCompensated;
  String incidentAttacker = "";
  String aggressor = "";
  boolean snapbackInvoked;
  double compensatedShare;

  @Override
  public Optional<Object> find(String name) {
    return Optional.ofNullable(
        switch (name) {
          case "incident.kind" -> incidentKind;
          case "incident.severity" -> incidentSeverity;
          case "incident.place" -> incidentPlace;
          case "incident.in_scope" -> incidentInScope;
          case "incident.verified" -> incidentVerified;
          case "consultation.requested_by" -> requestedBy;
          case "beneficiary.nato_member" -> natoMember;
          case "beneficiary.eu_member" -> euMember;
          case "aggressor.aggression_ended" -> aggressionEnded;
          case "aggressor.non_repetition_guaranteed" -> nonRepetitionGuaranteed;
          case "aggressor.damage_compensated" -> damageCompensated;
          case "incident.attacker" -> incidentAttacker;
          case "aggressor" -> aggressor;
          case "snapback.invoked" -> snapbackInvoked;
          case "aggressor.compensated_share" -> compensatedShare;
          default -> null;
        });
  }
}

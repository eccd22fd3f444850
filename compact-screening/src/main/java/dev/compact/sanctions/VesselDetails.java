package dev.compact.sanctions;

import java.util.Optional;

/**
 * What lists publish about a vessel besides its names and IMO number.
 *
 * @param callSign radio call sign
 * @param vesselType "Crude Oil Tanker", "General Cargo"...
 * @param flag flag state
 * @param tonnage tonnage as published (free text; units vary)
 * @param grossRegisteredTonnage GRT as published
 * @param owner owner or operator as published
 */
public record VesselDetails(
    String callSign,
    String vesselType,
    Optional<Country> flag,
    String tonnage,
    String grossRegisteredTonnage,
    String owner) {

  public VesselDetails {
    callSign = orEmpty(callSign);
    vesselType = orEmpty(vesselType);
    flag = flag == null ? Optional.empty() : flag;
    tonnage = orEmpty(tonnage);
    grossRegisteredTonnage = orEmpty(grossRegisteredTonnage);
    owner = orEmpty(owner);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  /** Whether nothing at all is known. */
  public boolean isEmpty() {
    return callSign.isEmpty() && vesselType.isEmpty() && flag.isEmpty() && tonnage.isEmpty()
        && grossRegisteredTonnage.isEmpty() && owner.isEmpty();
  }
}

package dev.compact.sanctions;

/** How a country relates to an entity. */
public enum CountryRole {
  NATIONALITY,
  CITIZENSHIP,
  /** Country of birth, when the source gives the place of birth as a country. */
  BIRTH,
  /** Country of an address or of residence. */
  RESIDENCE,
  /** Country of incorporation or registration of an organisation. */
  JURISDICTION,
  /** Flag state of a vessel or registration country of an aircraft. */
  FLAG,
  /** A country the source associates with the entity without saying how. */
  OTHER
}

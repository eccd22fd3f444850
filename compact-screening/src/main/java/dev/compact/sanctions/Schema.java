package dev.compact.sanctions;

/** What kind of thing a listed entity is, after FollowTheMoney's schemata. */
public enum Schema {
  PERSON,
  /** Any organisation that is not known to be a registered company (groups, agencies, parties). */
  ORGANIZATION,
  COMPANY,
  VESSEL,
  AIRCRAFT;

  /**
   * Whether an entity of this schema can be the same real-world thing as one of {@code other}.
   *
   * <p>Lists disagree on whether a body is an organisation or a company, so those two are treated
   * as compatible; everything else only matches itself.
   */
  public boolean compatibleWith(Schema other) {
    return this == other || (isOrganisation() && other.isOrganisation());
  }

  /** Organisations and companies: the schemata that carry registration numbers and jurisdictions. */
  public boolean isOrganisation() {
    return this == ORGANIZATION || this == COMPANY;
  }
}

package dev.compact.sanctions;

/** The kind of an identifier, which decides how much a match on it is worth. */
public enum IdentifierType {
  PASSPORT(true),
  NATIONAL_ID(true),
  /** IMO ship number: permanent for the life of the hull. */
  IMO(true),
  /** Maritime Mobile Service Identity: reassigned when a ship changes flag, hence weaker. */
  MMSI(false),
  LEI(true),
  /** SWIFT/BIC code of a bank. */
  BIC(true),
  /** Russian taxpayer number (INN). */
  INN(true),
  /** Russian state registration number (OGRN). */
  OGRN(true),
  TAX_ID(true),
  /** A company or aircraft registration number; only unique within its registry. */
  REGISTRATION(false),
  /** A digital-currency address. */
  CRYPTO(true),
  OTHER(false);

  private final boolean strong;

  IdentifierType(boolean strong) {
    this.strong = strong;
  }

  /**
   * Whether an exact match on an identifier of this type on its own is near-conclusive; weak
   * types (MMSI, registration numbers) only corroborate a name match.
   */
  public boolean isStrong() {
    return strong;
  }
}

package dev.compact.agreements;

/** Guarantor tiers of the Kyiv Compact: core (military) and broader (non-military, sanctions). */
public enum Tier {
  CORE,
  BROADER
}

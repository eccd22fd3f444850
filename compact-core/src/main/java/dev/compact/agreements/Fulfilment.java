package dev.compact.agreements;

/** The kind of event that fulfils an obligation. */
public enum Fulfilment {
  /** A consultation is held with the obligor attending. */
  CONSULTATION_HELD,
  /** Measures are decided at a consultation. */
  MEASURES_DECIDED,
  /** An allocation is recorded by the obligor. */
  ALLOCATION,
  /** A delivery is recorded by the obligor. */
  DELIVERY,
  /** The obligor re-imposes sanctions (after snapback). */
  SANCTIONS_REIMPOSED
}

package dev.compact.agreements;

/** What a prohibition forbids until its condition holds. */
public enum ProhibitedAction {
  /** Easing or lifting sanctions packages. */
  EASE_SANCTIONS,
  /** Releasing immobilised assets of the aggressor state. */
  RELEASE_FROZEN_ASSETS,
  /** Imposing caps on the protected state's armed forces. */
  LIMIT_ARMED_FORCES
}

package dev.compact.agreements;

/**
 * Whether an act at exactly the deadline instant is in time. Stated on every deadline because
 * "within 24 hours" is read both ways in practice.
 */
public enum Boundary {
  /** An act at the deadline instant is in time. */
  INCLUSIVE,
  /** An act must come strictly before the deadline instant. */
  EXCLUSIVE
}

package dev.compact.agreements;

/** Whether an agreement binds in law, politically, or both. */
public enum Binding {
  LEGAL,
  POLITICAL,
  BOTH
}

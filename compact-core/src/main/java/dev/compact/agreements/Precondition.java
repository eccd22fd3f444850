package dev.compact.agreements;

/**
 * A condition a commitment waits for before it binds: money "subject to the appropriation of
 * funds" (the US text), spending that "needs the authorisation of the Bundestag" (the German text).
 * Met by an event in the record; until then the commitment is pending, and a period that ends before
 * it is met expires without a breach.
 */
public enum Precondition {
  APPROPRIATION,
  PARLIAMENTARY_APPROVAL,
  RATIFICATION
}

package dev.compact.agreements;

/**
 * How guarantors decide a response. Under {@code UNANIMITY} every guarantor must agree, so any one
 * of them can block it: this is how the Istanbul draft gave Russia a veto.
 */
public enum Decision {
  /** Each guarantor decides its own measures. */
  NATIONAL,
  /** The guarantors present decide together; absence does not block. */
  CONSENSUS,
  /** Every guarantor must agree; a single objection blocks the response. */
  UNANIMITY,
  /** A share of the guarantors at least the clause's threshold must agree; objections below that do not block. */
  QUALIFIED_MAJORITY
}

package dev.compact.engine;

/**
 * Where a norm instance stands. The lifecycle follows Symboleo's norm machines: pending until its
 * trigger holds, active while it binds, then one of the final states; suspension comes and goes.
 */
public enum State {
  /** Exists, but its trigger or its period has not come yet. */
  PENDING,
  /** Binding now: must be performed, may be exercised, or forbids. */
  ACTIVE,
  /** Performed in time. */
  FULFILLED,
  /** Not performed in time, or the forbidden act happened. */
  BREACHED,
  /** Released without fault: its incident was rejected, or the condition that lifts it holds. */
  DISCHARGED,
  /**
   * A period of a commitment that promised no more than an effort (a best effort, resources
   * permitting, an announcement) ended short: the shortfall is shown, and it is not a breach.
   */
  UNMET,
  /** Never became binding and now cannot, or its agreement's term ran out. */
  EXPIRED,
  /** Its agreement is suspended; it returns to its former state on resumption. */
  SUSPENDED,
  /** Its agreement was terminated. */
  TERMINATED;

  /** True for the states an instance never leaves. */
  public boolean isFinal() {
    return switch (this) {
      case PENDING, ACTIVE, SUSPENDED -> false;
      case FULFILLED, BREACHED, DISCHARGED, UNMET, EXPIRED, TERMINATED -> true;
    };
  }

  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package dev.compact.agreements;

import java.util.Optional;

/**
 * The compact-wide response clock: how soon guarantors must convene after a request and decide
 * after convening, and how they decide. Clauses fall back to these when they say nothing.
 */
public record ResponseDefaults(Optional<IsoDuration> convene, Optional<IsoDuration> decide, Decision decision) {
  public static ResponseDefaults none() {
    return new ResponseDefaults(Optional.empty(), Optional.empty(), Decision.NATIONAL);
  }
}

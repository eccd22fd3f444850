package dev.compact.access;

import java.util.function.BooleanSupplier;

/**
 * Whether the bearer token a long-lived answer (an event stream) was opened with still authenticates
 * an account cleared as far as it was: asked again while the answer lasts. The security layer
 * implements it with the API's own token check; readers of the record only ask.
 */
public interface StreamCredentials {
  /** A check for a stream opened at {@code clearance} with {@code bearerToken} (null: no token, always yes). */
  BooleanSupplier stillCleared(String bearerToken, Clearance clearance);
}

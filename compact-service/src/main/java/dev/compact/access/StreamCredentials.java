package dev.compact.access;

import java.util.function.BooleanSupplier;

/**
 * Whether the bearer token or dashboard session a long-lived answer (an event stream) was opened with
 * still authenticates an account cleared as far as it was: asked again while the answer lasts. The
 * security layer implements it with the API's own token check and the dashboard's session check;
 * readers of the record only ask.
 */
public interface StreamCredentials {
  /**
   * A check for a stream opened at {@code clearance} with the request's {@code Authorization} header (null, or no
   * bearer token in it: always yes).
   */
  BooleanSupplier stillCleared(String authorization, Clearance clearance);

  /**
   * A check for a dashboard stream opened at {@code clearance} in the session stored under {@code sessionId} (null:
   * none, always yes): whether that session is still live (not signed out, idle or too old by the service's clock,
   * its account enabled and the token it was opened with valid) and its account cleared as far.
   */
  BooleanSupplier stillSignedIn(String sessionId, Clearance clearance);
}

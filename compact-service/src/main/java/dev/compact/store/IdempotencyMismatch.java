package dev.compact.store;

/** An idempotency key was reused for a different request; nothing was written. */
public final class IdempotencyMismatch extends RuntimeException {
  public IdempotencyMismatch(String key) {
    // Not the key itself: the store keeps a digest of the account and the key, which would mean nothing to the client.
    super("this Idempotency-Key was already used by this account for a different request");
  }
}

package dev.compact.store;

/** An idempotency key was reused for a different request; nothing was written. */
public final class IdempotencyMismatch extends RuntimeException {
  public IdempotencyMismatch(String key) {
    super("idempotency key '" + key + "' was already used for a different request");
  }
}

package dev.compact.service;

import java.util.Optional;

/**
 * Idempotency keys as the store keeps them. The store answers a retry with what its first attempt
 * recorded ({@link dev.compact.store.EventStore#append}), and so do watchlist decisions; this scopes
 * each key to its account.
 */
public final class IdempotencyKeys {
  private IdempotencyKeys() {}

  /**
   * An idempotency key as the store keeps it: scoped to the account that sent it, so that one
   * account's key never answers (or refuses) another's request, and of a fixed length whatever the
   * client sent.
   */
  public static Optional<String> scoped(Optional<String> idempotencyKey, String actor) {
    return idempotencyKey.map(key -> {
      if (key.length() > 200) {
        throw new IllegalArgumentException("'Idempotency-Key' is longer than 200 characters");
      }
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
            .digest((actor + "\n" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "k1:" + java.util.HexFormat.of().formatHex(digest);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}

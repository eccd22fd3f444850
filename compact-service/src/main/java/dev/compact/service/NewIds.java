package dev.compact.service;

import dev.compact.access.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The id the service gives a new incident or consultation whose writer named none. With an
 * {@code Idempotency-Key} the id follows from the account and the key, so that a retry names the same
 * record as its first attempt and is answered with it (a random id would make every retry a different
 * request, refused as a reused key). Without a key it is random. Either way 80 bits, so that ids do
 * not collide at any size the record will reach (with 32 bits, two of 100,000 ids collide more often
 * than not).
 */
public final class NewIds {
  private static final int HEX_DIGITS = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private NewIds() {}

  /**
   * An id of {@code prefix} and 20 hex digits. From a key, the digits come from the key as the store
   * keeps it (a SHA-256 of the account and the key), hashed again with the prefix: the id does not
   * show the key, and the same key gives another id for another kind of record.
   */
  public static String of(String prefix, Optional<String> idempotencyKey, Actor actor) {
    Optional<String> scoped = IdempotencyKeys.scoped(idempotencyKey.filter(k -> !k.isBlank()), actor.name());
    if (scoped.isPresent()) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((prefix + "\n" + scoped.get()).getBytes(StandardCharsets.UTF_8));
        return prefix + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return random(prefix);
  }

  /** A random id of {@code prefix} and 20 hex digits, as the dashboard's forms suggest. */
  public static String random(String prefix) {
    byte[] bytes = new byte[HEX_DIGITS / 2];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}

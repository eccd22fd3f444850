package dev.compact.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of one link: SHA-256 over the previous hash and the event's fields, each prefixed with
 * its length, so that no two different events can share canonical bytes.
 */
public final class ChainHash {
  /** The hash before the first event. */
  public static final String GENESIS = "0".repeat(64);

  private ChainHash() {}

  public static String of(String prevHash, long seq, String streamId, long streamVersion, String type, String payload,
      String occurredAt, String recordedAt, String actor) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String field : new String[] {prevHash, Long.toString(seq), streamId, Long.toString(streamVersion), type, payload,
          occurredAt, recordedAt, actor}) {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String of(StoredEvent e) {
    return of(e.prevHash(), e.seq(), e.streamId(), e.streamVersion(), e.type(), e.payload(), e.occurredAt().toString(),
        e.recordedAt().toString(), e.actor());
  }
}

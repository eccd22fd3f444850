package dev.compact.transparency;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What the tree commits to for one event: its index (the event's sequence number less one), type,
 * times and classification, and a digest of its content (salt, stream, stream version, actor and
 * payload), never the content itself. A classified event's leaf can be published without its
 * payload and still be checked; the salt keeps a guessed payload from being confirmed by its digest.
 */
public record Leaf(long index, String type, Instant occurredAt, Instant recordedAt, String classification, byte[] content) {
  static final String VERSION = "compact-leaf/v1";

  public Leaf {
    check(index, type, classification, content);
    content = content.clone();
  }

  static void check(long index, String type, String classification, byte[] content) {
    if (index < 0) {
      throw new IllegalArgumentException("a leaf index is never negative");
    }
    for (String field : new String[] {type, classification}) {
      if (field.isEmpty() || field.contains("\n") || field.contains(" ")) {
        throw new IllegalArgumentException("a leaf's type and classification are single words: '" + field + "'");
      }
    }
    if (content.length != Hashes.SIZE) {
      throw new IllegalArgumentException("a content digest has 32 bytes");
    }
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The leaf's bytes: seven lines of UTF-8, each ending in a newline. */
  public byte[] bytes() {
    return new Hasher().bytes(index, type, occurredAt.toString(), recordedAt.toString(), classification, content);
  }

  /** {@link Hashes#leaf} of the bytes: the tree's level-0 node. */
  public byte[] hash() {
    return new Hasher().leaf(index, type, occurredAt.toString(), recordedAt.toString(), classification, content);
  }

  /**
   * SHA-256 over the fields, each written as its UTF-8 length in decimal, a colon and the bytes, so
   * that no two different contents share an encoding.
   */
  public static byte[] content(String salt, String streamId, long streamVersion, String actor, String payload) {
    return new Hasher().content(salt, streamId, streamVersion, actor, payload);
  }

  /** Parses {@link #bytes()} back; used by verifiers of an export. */
  public static Leaf parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length != 8 || !lines[0].equals(VERSION) || !lines[7].isEmpty()) {
      throw new NoteException("not a " + VERSION + " leaf");
    }
    String[] keys = {"index", "type", "occurred", "recorded", "classification", "content"};
    String[] values = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      if (!lines[i + 1].startsWith(keys[i] + " ")) {
        throw new NoteException("leaf line " + (i + 2) + " should start with '" + keys[i] + " '");
      }
      values[i] = lines[i + 1].substring(keys[i].length() + 1);
    }
    try {
      Leaf leaf = new Leaf(Long.parseLong(values[0]), values[1], Instant.parse(values[2]), Instant.parse(values[3]), values[4],
          Hashes.unhex(values[5]));
      if (!java.util.Arrays.equals(leaf.bytes(), text.getBytes(StandardCharsets.UTF_8))) {
        throw new NoteException("leaf " + values[0] + " is not in canonical form");
      }
      return leaf;
    } catch (RuntimeException e) {
      throw e instanceof NoteException n ? n : new NoteException("leaf: " + e.getMessage());
    }
  }
}

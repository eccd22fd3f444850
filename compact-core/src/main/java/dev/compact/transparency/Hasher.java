package dev.compact.transparency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Writes and hashes leaves, content digests and interior nodes with one SHA-256 digest and one
 * buffer, reused from one hash to the next: an appender hashes three times per event, and a fresh
 * digest, the leaf's text as a string and its hex digits cost more than the hashing itself. Not
 * safe to share between threads; {@link Leaf} and {@link Hashes} use a fresh one per call.
 */
public final class Hasher {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_VERSION = ascii("compact-content/v1");
  private static final byte[] INDEX = ascii(Leaf.VERSION + "\nindex ");
  private static final byte[] TYPE = ascii("\ntype ");
  private static final byte[] OCCURRED = ascii("\noccurred ");
  private static final byte[] RECORDED = ascii("\nrecorded ");
  private static final byte[] CLASSIFICATION = ascii("\nclassification ");
  private static final byte[] CONTENT = ascii("\ncontent ");

  private final MessageDigest digest = Hashes.sha256();
  private byte[] buffer = new byte[512];
  private int length;

  /** RFC 9162's interior node: SHA-256(0x01 || left || right). */
  public byte[] node(byte[] left, byte[] right) {
    length = 0;
    put((byte) 0x01);
    put(left);
    put(right);
    digest.update(buffer, 0, length);
    return digest.digest();
  }

  /** The leaf hash, SHA-256(0x00 || leaf bytes), of the leaf {@link Leaf#bytes} describes; times as {@code Instant.toString} writes them. */
  public byte[] leaf(long index, String type, String occurredAt, String recordedAt, String classification, byte[] content) {
    Leaf.check(index, type, classification, content);
    write(index, type, occurredAt, recordedAt, classification, content);
    digest.update((byte) 0x00);
    digest.update(buffer, 0, length);
    return digest.digest();
  }

  /** The leaf's bytes: seven lines of UTF-8, each ending in a newline. */
  byte[] bytes(long index, String type, String occurredAt, String recordedAt, String classification, byte[] content) {
    write(index, type, occurredAt, recordedAt, classification, content);
    return java.util.Arrays.copyOf(buffer, length);
  }

  /**
   * SHA-256 over the content fields, each written as its UTF-8 length in decimal, a colon and the
   * bytes, so that no two different contents share an encoding ({@link Leaf#content}).
   */
  public byte[] content(String salt, String streamId, long streamVersion, String actor, String payload) {
    length = 0;
    field(CONTENT_VERSION);
    field(salt.getBytes(StandardCharsets.UTF_8));
    return content(streamId, streamVersion, actor, payload);
  }

  /** The same, with the salt as its bytes: the field is their lowercase hex digits, as a stored salt's text reads. */
  public byte[] content(byte[] salt, String streamId, long streamVersion, String actor, String payload) {
    length = 0;
    field(CONTENT_VERSION);
    number(2L * salt.length);
    put((byte) ':');
    hex(salt);
    return content(streamId, streamVersion, actor, payload);
  }

  private byte[] content(String streamId, long streamVersion, String actor, String payload) {
    // The small fields gathered in the buffer and hashed with one update, the payload with its own.
    field(streamId.getBytes(StandardCharsets.UTF_8));
    field(Long.toString(streamVersion).getBytes(StandardCharsets.US_ASCII));
    field(actor.getBytes(StandardCharsets.UTF_8));
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    number(bytes.length);
    put((byte) ':');
    digest.update(buffer, 0, length);
    digest.update(bytes);
    return digest.digest();
  }

  private void field(byte[] bytes) {
    number(bytes.length);
    put((byte) ':');
    put(bytes);
  }

  private void write(long index, String type, String occurredAt, String recordedAt, String classification, byte[] content) {
    length = 0;
    put(INDEX);
    number(index);
    put(TYPE);
    text(type);
    put(OCCURRED);
    text(occurredAt);
    put(RECORDED);
    text(recordedAt);
    put(CLASSIFICATION);
    text(classification);
    put(CONTENT);
    hex(content);
    put((byte) '\n');
  }

  private void hex(byte[] bytes) {
    ensure(2 * bytes.length);
    for (byte b : bytes) {
      buffer[length++] = HEX[(b >> 4) & 0xf];
      buffer[length++] = HEX[b & 0xf];
    }
  }

  private void text(String text) {
    put(text.getBytes(StandardCharsets.UTF_8));
  }

  private void put(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void number(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("never negative: " + value);
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    ensure(digits);
    long v = value;
    for (int i = length + digits - 1; i >= length; i--) {
      buffer[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length += digits;
  }

  private void put(byte b) {
    ensure(1);
    buffer[length++] = b;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}

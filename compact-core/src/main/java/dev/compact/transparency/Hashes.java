package dev.compact.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** RFC 9162 hashing: SHA-256 with a 0x00 prefix for leaves and 0x01 for interior nodes. */
public final class Hashes {
  /** The length of every hash in the tree. */
  public static final int SIZE = 32;

  private Hashes() {}

  /** The root of the empty tree: the hash of nothing. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  public static byte[] leaf(byte[] data) {
    MessageDigest digest = sha256();
    digest.update((byte) 0x00);
    return digest.digest(data);
  }

  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest digest = sha256();
    digest.update((byte) 0x01);
    digest.update(left);
    return digest.digest(right);
  }

  public static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  /** Never updated, only cloned: a clone costs a fraction of a provider look-up, and every leaf and node takes one. */
  private static final MessageDigest PROTOTYPE = create();

  public static MessageDigest sha256() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return create();
    }
  }

  private static MessageDigest create() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }

  public static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}

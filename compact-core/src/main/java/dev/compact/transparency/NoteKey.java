package dev.compact.transparency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A public key that verifies note signatures, in the C2SP signed-note "vkey" form
 * {@code name+hexid+base64(type || key)}: type 0x01 for Ed25519 signatures of the note itself (a
 * log's checkpoint), 0x04 for timestamped Ed25519 cosignatures (a witness).
 */
public record NoteKey(String name, int id, byte type, byte[] publicKey) {
  public static final byte ED25519 = 0x01;
  public static final byte COSIGNATURE_V1 = 0x04;

  public NoteKey {
    checkName(name);
    if (type != ED25519 && type != COSIGNATURE_V1) {
      throw new NoteException("key " + name + ": signature type " + type + " is not supported (0x01 Ed25519, 0x04 cosignature/v1)");
    }
    if (publicKey.length != 32) {
      throw new NoteException("key " + name + ": an Ed25519 public key has 32 bytes, not " + publicKey.length);
    }
    if (id != idOf(name, type, publicKey)) {
      throw new NoteException("key " + name + ": its id " + HexFormat.of().toHexDigits(id) + " does not match the key (expected "
          + HexFormat.of().toHexDigits(idOf(name, type, publicKey)) + ")");
    }
    publicKey = publicKey.clone();
  }

  public static NoteKey of(String name, byte type, byte[] publicKey) {
    return new NoteKey(name, idOf(name, type, publicKey), type, publicKey);
  }

  /** Parses {@code name+hexid+base64}; the base64 may itself contain '+'. */
  public static NoteKey parse(String vkey) {
    String text = vkey.strip();
    int first = text.indexOf('+');
    int second = first < 0 ? -1 : text.indexOf('+', first + 1);
    if (first <= 0 || second < 0 || second - first != 9) {
      throw new NoteException("not a verifier key (name+hexid+base64): " + shorten(text));
    }
    String name = text.substring(0, first);
    int id;
    byte[] material;
    try {
      id = (int) Long.parseLong(text.substring(first + 1, second), 16);
      material = Base64.getDecoder().decode(text.substring(second + 1));
    } catch (IllegalArgumentException e) {
      throw new NoteException("verifier key " + name + ": its id or key is not hex and base64: " + e.getMessage());
    }
    if (material.length != 33) {
      throw new NoteException("verifier key " + name + ": expected a type byte and a 32-byte Ed25519 key, got " + material.length + " bytes");
    }
    return new NoteKey(name, id, material[0], java.util.Arrays.copyOfRange(material, 1, 33));
  }

  /** The key as text, {@code name+hexid+base64(type || key)}. */
  public String text() {
    byte[] material = new byte[33];
    material[0] = type;
    System.arraycopy(publicKey, 0, material, 1, 32);
    return name + "+" + HexFormat.of().toHexDigits(id) + "+" + Base64.getEncoder().encodeToString(material);
  }

  /** SHA-256(name || 0x0A || type || key)[:4], big-endian. */
  public static int idOf(String name, byte type, byte[] publicKey) {
    var digest = Hashes.sha256();
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0x0A);
    digest.update(type);
    digest.update(publicKey);
    return ByteBuffer.wrap(digest.digest()).getInt();
  }

  /** Whether {@code signature} (without its key id) is this key's over {@code message}. */
  boolean verifies(byte[] message, byte[] signature) {
    return Ed25519.verify(publicKey, message, signature);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoteKey k && k.name.equals(name) && k.id == id && k.type == type
        && java.util.Arrays.equals(k.publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + id;
  }

  @Override
  public String toString() {
    return text();
  }

  static void checkName(String name) {
    if (name.isEmpty() || name.codePoints().anyMatch(c -> c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20)) {
      throw new NoteException("a key name must be non-empty, without spaces or '+': '" + name + "'");
    }
  }

  private static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}

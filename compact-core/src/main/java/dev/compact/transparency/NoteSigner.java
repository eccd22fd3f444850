package dev.compact.transparency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A private key that signs notes, in the signed-note signer form
 * {@code PRIVATE+KEY+name+hexid+base64(type || seed)}: type 0x01 signs checkpoints as the log,
 * type 0x04 cosigns them as a witness (C2SP tlog-cosignature).
 */
public final class NoteSigner {
  private final String name;
  private final byte type;
  private final byte[] seed;
  private final NoteKey key;

  private NoteSigner(String name, byte type, byte[] seed) {
    this.name = name;
    this.type = type;
    this.seed = seed.clone();
    this.key = NoteKey.of(name, type, Ed25519.publicOf(seed));
  }

  /** A signer from a 32-byte seed (the caller draws it from a secure random source). */
  public static NoteSigner of(String name, byte type, byte[] seed) {
    NoteKey.checkName(name);
    return new NoteSigner(name, type, seed);
  }

  public static NoteSigner parse(String skey) {
    String text = skey.strip();
    String prefix = "PRIVATE+KEY+";
    if (!text.startsWith(prefix)) {
      throw new NoteException("not a signer key (it starts with PRIVATE+KEY+)");
    }
    String rest = text.substring(prefix.length());
    int first = rest.indexOf('+');
    int second = first < 0 ? -1 : rest.indexOf('+', first + 1);
    if (first <= 0 || second - first != 9) {
      throw new NoteException("not a signer key (PRIVATE+KEY+name+hexid+base64)");
    }
    String name = rest.substring(0, first);
    byte[] material;
    try {
      material = Base64.getDecoder().decode(rest.substring(second + 1));
    } catch (IllegalArgumentException e) {
      throw new NoteException("signer key " + name + ": its key is not base64");
    }
    if (material.length != 33) {
      throw new NoteException("signer key " + name + ": expected a type byte and a 32-byte Ed25519 seed");
    }
    NoteSigner signer = of(name, material[0], java.util.Arrays.copyOfRange(material, 1, 33));
    if (!HexFormat.of().toHexDigits(signer.key.id()).equals(rest.substring(first + 1, second))) {
      throw new NoteException("signer key " + name + ": its id does not match the key");
    }
    return signer;
  }

  public String text() {
    byte[] material = new byte[33];
    material[0] = type;
    System.arraycopy(seed, 0, material, 1, 32);
    return "PRIVATE+KEY+" + name + "+" + HexFormat.of().toHexDigits(key.id()) + "+" + Base64.getEncoder().encodeToString(material);
  }

  /** The public half, to publish and to trust. */
  public NoteKey key() {
    return key;
  }

  public String name() {
    return name;
  }

  /** Signs a note's text as the log (type 0x01). */
  public Note.Signature sign(String text) {
    if (type != NoteKey.ED25519) {
      throw new IllegalStateException(name + " is a cosigner key; it cosigns checkpoints with a time");
    }
    return new Note.Signature(name, key.id(), Ed25519.sign(seed, text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Cosigns a checkpoint's note text as a witness at {@code timestamp} (POSIX seconds), per C2SP tlog-cosignature. */
  public Note.Signature cosign(String checkpointText, long timestamp) {
    if (type != NoteKey.COSIGNATURE_V1) {
      throw new IllegalStateException(name + " is a log key; a witness cosigns with a cosignature key");
    }
    byte[] signature = Ed25519.sign(seed, Note.cosignedMessage(checkpointText, timestamp));
    return new Note.Signature(name, key.id(), ByteBuffer.allocate(8 + 64).putLong(timestamp).put(signature).array());
  }

  @Override
  public String toString() {
    return "NoteSigner[" + name + "]"; // never the seed
  }
}

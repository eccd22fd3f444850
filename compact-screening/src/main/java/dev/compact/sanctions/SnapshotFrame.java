package dev.compact.sanctions;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The envelope of a snapshot file (list or index): magic bytes, a format version, the key it was
 * written for, the payload's length, the payload, and a SHA-256 of everything before it. Pure: the
 * bytes come from and go to whoever keeps the files.
 */
public final class SnapshotFrame {
  private SnapshotFrame() {}

  private static final int DIGEST = 32;

  /** {@code payload} in its envelope. */
  public static byte[] wrap(byte[] magic, int format, String key, byte[] payload) {
    try {
      ByteArrayOutputStream file = new ByteArrayOutputStream(payload.length + 256);
      DataOutputStream f = new DataOutputStream(file);
      f.write(magic);
      f.writeInt(format);
      f.writeUTF(key);
      f.writeInt(payload.length);
      f.write(payload);
      f.flush();
      byte[] signed = file.toByteArray();
      f.write(sha256(signed, signed.length));
      f.flush();
      return file.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  /**
   * The payload of {@code bytes} (a buffer over them, positioned at its first byte and limited to its
   * last), or empty when they are not a whole, undamaged envelope of this magic and format written
   * for {@code key}.
   */
  public static Optional<ByteBuffer> unwrap(byte[] bytes, byte[] magic, int format, String key) {
    if (bytes.length < magic.length + Integer.BYTES + DIGEST
        || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
      return Optional.empty();
    }
    int signed = bytes.length - DIGEST;
    if (!MessageDigest.isEqual(sha256(bytes, signed), Arrays.copyOfRange(bytes, signed, bytes.length))) {
      return Optional.empty();
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes, 0, signed);
      in.position(magic.length);
      if (in.getInt() != format) {
        return Optional.empty();
      }
      byte[] written = new byte[Short.toUnsignedInt(in.getShort())];
      in.get(written);
      // Keys are ASCII (hex digests, test names), which writeUTF writes as plain bytes.
      if (!new String(written, StandardCharsets.UTF_8).equals(key) || in.getInt() != in.remaining()) {
        return Optional.empty();
      }
      return Optional.of(in);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static byte[] sha256(byte[] bytes, int length) {
    MessageDigest digest = CodeFingerprint.sha256();
    digest.update(bytes, 0, length);
    return digest.digest();
  }
}

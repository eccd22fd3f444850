package dev.compact.log;

import dev.compact.transparency.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Signer keys (the log's, a witness's) as files in the signed-note form, created owner-only. */
public final class KeyFiles {
  private KeyFiles() {}

  /** Reads the key at {@code file}, or creates one named {@code name} there if there is none. */
  public static NoteSigner loadOrCreate(Path file, String name, byte type) throws IOException {
    if (Files.exists(file)) {
      NoteSigner signer = read(file);
      if (!signer.name().equals(name)) {
        throw new IllegalArgumentException(file + " holds the key of '" + signer.name() + "', not of '" + name
            + "': a log's key is named after its origin");
      }
      return signer;
    }
    return create(file, name, type);
  }

  public static NoteSigner read(Path file) throws IOException {
    try {
      return NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** A fresh key; the file is created owner-only before the key is written to it. */
  public static NoteSigner create(Path file, String name, byte type) throws IOException {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    NoteSigner signer = NoteSigner.of(name, type, seed);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, signer.text() + "\n", StandardCharsets.UTF_8);
    return signer;
  }
}

package dev.compact.log;

import dev.compact.transparency.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Signer keys (the log's, a witness's) as files in the signed-note form, created owner-only. */
public final class KeyFiles {
  private KeyFiles() {}

  /** Reads the key at {@code file}, or creates one named {@code name} there if there is none. */
  public static NoteSigner loadOrCreate(Path file, String name, byte type) throws IOException {
    if (!Files.exists(file)) {
      try {
        return create(file, name, type);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // Another instance over the same database created it a moment ago: use that one.
      }
    }
    NoteSigner signer = read(file);
    if (!signer.name().equals(name)) {
      throw new IllegalArgumentException(file + " holds the key of '" + signer.name() + "', not of '" + name
          + "': a log's key is named after its origin");
    }
    return signer;
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
      dev.compact.store.OwnerOnly.createDirectories(parent);
    }
    // Written whole to an owner-only temporary file, then linked into place: a file that exists is
    // never half written, and of two instances creating it at once one gets FileAlreadyExists.
    Path temporary = dev.compact.store.OwnerOnly.createTempFile(parent, ".key-", ".tmp");
    try {
      Files.writeString(temporary, signer.text() + "\n", StandardCharsets.UTF_8);
      Files.createLink(file, temporary);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return signer;
  }
}

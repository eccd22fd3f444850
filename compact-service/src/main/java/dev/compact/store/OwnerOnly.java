package dev.compact.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and folders readable by their owner only from their creation, never widened by the umask
 * afterwards: the record (secret events, watchlists, credential hashes), keys and results of
 * screenings. Where the file system has no POSIX permissions they get its defaults.
 */
public final class OwnerOnly {
  private OwnerOnly() {}

  /** Creates an empty file, owner-only (rw-------). */
  public static Path createFile(Path file) throws IOException {
    try {
      return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file gets its default permissions.
      return Files.createFile(file);
    }
  }

  /** Creates an empty temporary file in {@code folder}, owner-only (rw-------). */
  public static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
    try {
      return Files.createTempFile(folder, prefix, suffix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file gets its default permissions.
      return Files.createTempFile(folder, prefix, suffix);
    }
  }

  /** Creates the folder and any missing parents, each one created here owner-only (rwx------); existing ones are left as they are. */
  public static Path createDirectories(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return folder;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectory(absolute);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(absolute)) {
        throw e;
      }
    }
    return folder;
  }
}

package dev.compact.sanctions;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * How the cache folder's snapshot files are written and kept: whole or not at all, marked when
 * read, and removed once unused for a month. A cache that cannot be written or pruned only costs a
 * later run the work the snapshot would have saved, so nothing here fails.
 */
public final class SnapshotFiles {
  private SnapshotFiles() {}

  /** Snapshots unread for this long are removed when another is written, so that old builds' ones do not pile up. */
  public static final Duration UNUSED = Duration.ofDays(30);

  /** Marks a snapshot as used (its modification time), so that pruning keeps it. */
  public static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException | RuntimeException e) {
      // A snapshot whose time cannot be set is at worst rebuilt in a month.
    }
  }

  /**
   * Writes {@code bytes} to a temporary file moved into place, so that a reader sees a whole file
   * or none; first removes the folder's files ending in {@code suffix} unused for {@link #UNUSED}.
   */
  public static void write(Path file, byte[] bytes, String suffix) {
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      prune(file.getParent(), suffix);
      tmp = Files.createTempFile(file.getParent(), ".snapshot-", ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // Left for whoever clears the cache folder.
        }
      }
    }
  }

  private static void prune(Path dir, String suffix) {
    Instant cutoff = Instant.now().minus(UNUSED);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
        if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Pruning is housekeeping: a failure only leaves old files behind.
    }
  }
}

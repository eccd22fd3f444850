package dev.compact.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A file a command writes for the user (a batch's results, a rendered agreement, a report): checked
 * before the work starts, so that a mistyped path costs nothing and is named in one line, and written
 * whole or not at all, through a temporary file beside it that is moved over it in one step.
 */
final class OutputFile {
  private OutputFile() {}

  /** Writes the content of a file. */
  @FunctionalInterface
  interface Content {
    void write(Writer writer) throws IOException;
  }

  /** Why {@code out} cannot be written, in words for the user, or empty when it can be tried. */
  static Optional<String> problem(Path out) {
    Path absolute = out.toAbsolutePath().normalize();
    Path folder = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      return Optional.of(out + " is a folder; give the name of a file to write");
    }
    if (folder == null || !Files.exists(folder)) {
      return Optional.of("the folder " + folder + " does not exist; create it first or write elsewhere");
    }
    if (!Files.isDirectory(folder)) {
      return Optional.of(folder + " is a file, not a folder, so " + out + " cannot be written in it");
    }
    if (!Files.isWritable(folder)) {
      return Optional.of("no permission to write in the folder " + folder);
    }
    if (Files.exists(absolute) && !Files.isWritable(absolute)) {
      return Optional.of(out + " is read-only; it is not replaced");
    }
    return Optional.empty();
  }

  /**
   * Writes {@code out} in UTF-8: readers (and the user after a failure) see the old file or the whole
   * new one, never a part; the temporary file is removed whatever happens.
   */
  static void write(Path out, Content content) throws IOException {
    write(out, content, false);
  }

  /**
   * As {@link #write}, for a file of personal data (a batch's screening results: customers' names,
   * dates of birth and their hits): a new file is readable by its owner only, as it was before writes
   * went through a temporary file.
   */
  static void writePrivate(Path out, Content content) throws IOException {
    write(out, content, true);
  }

  private static void write(Path out, Content content, boolean ownerOnly) throws IOException {
    Path folder = out.toAbsolutePath().normalize().getParent();
    Path part = folder.resolve("." + out.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".part");
    // A new file of personal data is owner-only from its creation; a file replaced keeps its permissions
    // (an operator's chmod 600 is not widened to the umask), set before a byte is written.
    boolean replacing = Files.exists(out);
    Path tmp = ownerOnly && !replacing ? createOwnerOnly(part) : Files.createFile(part);
    try {
      if (replacing && Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(out));
      }
      try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        content.write(writer);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Creates an empty file readable by its owner only, from its creation on (default permissions where the file system has none). */
  static Path createOwnerOnly(Path file) throws IOException {
    return dev.compact.store.OwnerOnly.createFile(file);
  }

  /** An I/O failure as one line: the JDK's file exceptions carry only the path as their message. */
  static String reason(IOException e) {
    return switch (e) {
      case NoSuchFileException n -> "no such file or folder: " + n.getFile();
      case AccessDeniedException a -> "permission denied: " + a.getFile();
      case FileAlreadyExistsException x -> "a file is in the way: " + x.getFile();
      case FileSystemException f when f.getReason() != null -> f.getReason() + ": " + f.getFile();
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}

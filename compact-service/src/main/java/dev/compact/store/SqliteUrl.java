package dev.compact.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * The file an SQLite JDBC URL makes SQLite create when it is missing, read the way the driver (sqlite-jdbc) and SQLite
 * read the URL: so that the service creates that file owner-only first, whatever form the URL takes. The forms are
 * {@code jdbc:sqlite:PATH}, where the driver takes the parameters after {@code ?} that name its pragmas and leaves any
 * other in the file's name; {@code jdbc:sqlite:file:PATH?mode=...}, an SQLite URI, whose path is percent-decoded and
 * may follow an empty or {@code localhost} authority; and the databases no file holds: {@code :memory:}, an empty name
 * (a temporary database), {@code file::memory:}, {@code mode=memory}, {@code vfs=memdb} and the driver's
 * {@code :resource:}. A URI opened {@code mode=ro} or {@code mode=rw}, or the driver's {@code open_mode} without the
 * create flag, never creates its file, so there is nothing to create first.
 */
final class SqliteUrl {
  static final String PREFIX = "jdbc:sqlite:";
  /** The driver's flag for "create the file when missing" (SQLITE_OPEN_CREATE). */
  private static final int OPEN_CREATE = 0x04;
  /** The parameters the driver takes out of a URL as pragmas (its own list, so a newer driver's is followed). */
  private static final Set<String> PRAGMAS = Arrays.stream(SQLiteConfig.Pragma.values()).map(SQLiteConfig.Pragma::getPragmaName)
      .collect(Collectors.toUnmodifiableSet());

  private SqliteUrl() {}

  /**
   * The absolute path of the file opening {@code jdbcUrl} creates when it is missing; empty when it names no file (in
   * memory, temporary, a class-path resource) or one it never creates. A relative path is the working folder's, as for
   * SQLite.
   */
  static Optional<Path> fileItMayCreate(String jdbcUrl) {
    if (!jdbcUrl.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an SQLite JDBC URL: " + jdbcUrl);
    }
    String rest = jdbcUrl.substring(PREFIX.length());
    int query = rest.indexOf('?');
    StringBuilder name = new StringBuilder(query < 0 ? rest : rest.substring(0, query));
    boolean creates = true;
    if (query >= 0) {
      // As the driver does: the parameters taken from the last to the first; a pragma's is consumed (open_mode among
      // them, which sets the open flags), any other kept in the name, in that reversed order.
      String[] parameters = rest.substring(query + 1).split("&");
      int kept = 0;
      for (int i = parameters.length - 1; i >= 0; i--) {
        String parameter = parameters[i].trim();
        if (parameter.isEmpty()) {
          continue;
        }
        String[] pair = parameter.split("=");
        String key = pair[0].trim().toLowerCase(Locale.ROOT);
        if (PRAGMAS.contains(key)) {
          if (key.equals("open_mode") && pair.length > 1 && !pair[1].isBlank()) {
            creates = (openFlags(pair[1].trim()) & OPEN_CREATE) != 0;
          }
          continue;
        }
        name.append(kept++ == 0 ? '?' : '&').append(parameter);
      }
    }
    String file = name.toString();
    if (!creates || file.isEmpty() || file.equals(":memory:") || file.startsWith(":resource:")) {
      return Optional.empty();
    }
    if (!file.startsWith("file:")) {
      // A plain name, '?' and all: SQLite reads URIs only from names that begin with "file:".
      return Optional.of(Path.of(file).toAbsolutePath());
    }
    return uriFile(file.substring("file:".length()));
  }

  /** The file of an SQLite URI (after {@code file:}), as SQLite's own URI parser reads it. */
  private static Optional<Path> uriFile(String uri) {
    int end = Database.indexOfAny(uri, "?#");
    String path = uri.substring(0, end);
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      String authority = slash < 0 ? path.substring(2) : path.substring(2, slash);
      if (!authority.isEmpty() && !authority.equals("localhost")) {
        return Optional.empty(); // SQLite refuses the URI: no file is opened.
      }
      path = slash < 0 ? "" : path.substring(slash);
    }
    path = percentDecoded(path);
    if (end < uri.length() && uri.charAt(end) == '?') {
      int fragment = uri.indexOf('#', end);
      // SQLite reads the parameters in turn, each mode= or vfs= replacing the one before: the last of each decides (here,
      // after the driver's reversal, the first of the URL as written).
      String mode = "rwc";
      String vfs = "";
      for (String parameter : uri.substring(end + 1, fragment < 0 ? uri.length() : fragment).split("&")) {
        int equals = parameter.indexOf('=');
        String key = percentDecoded(equals < 0 ? parameter : parameter.substring(0, equals));
        String value = equals < 0 ? "" : percentDecoded(parameter.substring(equals + 1));
        if (key.equals("mode")) {
          mode = value;
        } else if (key.equals("vfs")) {
          vfs = value;
        }
      }
      if (!mode.equals("rwc") || vfs.equals("memdb")) {
        // ro and rw never create the file, memory holds none; memdb keeps the database in memory.
        return Optional.empty();
      }
    }
    if (path.isEmpty() || path.equals(":memory:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(path).toAbsolutePath());
  }

  /**
   * How to read a record by, when it is a file nothing has open: that file as an immutable SQLite URI, with the file's
   * state when the read began. A reader of a WAL record makes its {@code -wal} and {@code -shm} files when they are
   * missing and, unable to checkpoint, leaves them behind: a write beside an evidence copy, or a failure on a read-only
   * share. SQLite reads an immutable file alone, with no side files and no locks, which is right only while nothing writes
   * it: so only when neither a {@code -wal} file (a connection has the record open; its latest commits may be there only)
   * nor a {@code -journal} (a writer died mid-write) is beside it. Empty for any other URL, which is read as it is: one with
   * parameters (the user's choice), a missing file (whose error is the driver's), a record in use. A writer that opens the
   * record during the read and checkpoints into the file may make the reader fail on what it reads, or read a mix of
   * before and after; the record itself is never touched, and {@link ImmutableRead#changed()} tells afterwards.
   */
  static Optional<ImmutableRead> immutableWhileUnused(String jdbcUrl) {
    if (jdbcUrl.indexOf('?') >= 0) {
      return Optional.empty();
    }
    Optional<Path> named = fileItMayCreate(jdbcUrl);
    if (named.isEmpty() || !Files.isRegularFile(named.get())) {
      return Optional.empty();
    }
    Path file;
    FileState before;
    try {
      // SQLite puts the side files beside the file a symbolic link leads to.
      file = named.get().toRealPath();
      // Taken before the side files are looked for: a writer that comes between the look and the open leaves a -wal
      // file or a new size or time behind, which changed() sees.
      before = FileState.of(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (sideFiles(file)) {
      return Optional.empty();
    }
    // In an SQLite URI '%' starts an escape and '?' and '#' end the path; nothing else of a path needs one.
    String path = file.toString().replace("%", "%25").replace("?", "%3F").replace("#", "%23");
    return Optional.of(new ImmutableRead(PREFIX + "file:" + path + "?immutable=1", file, before));
  }

  /** Whether a connection has the record open (its {@code -wal}) or a writer left a rollback journal. */
  private static boolean sideFiles(Path file) {
    return Files.exists(Path.of(file + "-wal"), LinkOption.NOFOLLOW_LINKS) || Files.exists(Path.of(file + "-journal"), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * A record read as an immutable file: the URL to open, the file and its state when the read began.
   *
   * @param url the immutable SQLite URI
   * @param file the record's file (links resolved)
   * @param before its size, modification time and identity before the open
   */
  record ImmutableRead(String url, Path file, FileState before) {
    /**
     * Whether anything may have written the record since the read began: a {@code -wal} or {@code -journal} file beside it
     * now (a connection opened it, or is writing), or a file of another size, time or identity (a writer came and went).
     * When it is true, what was read may be a mix of before and after, and a failure found in it proves nothing about
     * the record.
     */
    boolean changed() {
      if (sideFiles(file)) {
        return true;
      }
      try {
        return !FileState.of(file).equals(before);
      } catch (IOException e) {
        // Gone or unreadable now: it did not stay as it was read.
        return true;
      }
    }
  }

  /** What a change to a file shows in its attributes: size, modification time and identity (the inode, where there is one). */
  record FileState(long size, FileTime modified, @Nullable Object key) {
    static FileState of(Path file) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileState(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    }
  }

  /** The driver's {@code open_mode}: a number of SQLITE_OPEN_* flags; one it cannot read is taken as creating. */
  private static int openFlags(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return OPEN_CREATE;
    }
  }

  /** %HH sequences as bytes of UTF-8, the rest as it is ('+' stays a plus, as SQLite reads it). */
  private static String percentDecoded(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
        bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 3;
      } else {
        int codePoint = text.codePointAt(i);
        byte[] encoded = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(codePoint);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}

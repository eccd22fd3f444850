package dev.compact.sanctionsregister;

import dev.compact.service.EventCodec;
import dev.compact.service.Registrations;
import dev.compact.store.Database;
import dev.compact.store.StoreException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What {@code compact verify} checks of the stored list files: every file each {@code
 * list-version-recorded} event names is in {@code list_files}, and its bytes, decompressed, hash to
 * the SHA-256 and have the size the event records. The chain and the log vouch for the events; this
 * carries their word over to the files, which are kept beside the log, not in it. Without it an
 * altered or deleted file row would be found only when someone reads that version.
 *
 * <p>It reads only the events and the table, never the read models.
 */
public final class ListFilesCheck {
  private ListFilesCheck() {}

  /** One file that does not match its event: the version, the event, the file and what is wrong. */
  public record Problem(String source, String versionHash, long eventSeq, String file, String fileSha256, String reason) {
    @Override
    public String toString() {
      return "list version " + source + " " + versionHash.substring(0, Math.min(12, versionHash.length())) + " (event " + eventSeq + "): "
          + file + " (sha256 " + fileSha256 + ") " + reason;
    }
  }

  /**
   * What the check found.
   *
   * @param versions the list versions the record holds
   * @param files the file references they make (a file shared by two versions counts twice)
   * @param problems the references that do not hold, in the order of the events
   * @param unreferenced stored files no version names (harmless: nothing reads them)
   */
  public record Result(int versions, int files, List<Problem> problems, int unreferenced) {
    public boolean intact() {
      return problems.isEmpty();
    }

    /** Prints the outcome as {@code compact verify} shows it; returns how many problems it found. */
    public int report(PrintWriter out, PrintWriter err) {
      for (Problem problem : problems) {
        err.println(problem);
      }
      if (problems.isEmpty()) {
        out.printf("%d list file%s of %d list version%s match the hashes their events record%s%n", files, files == 1 ? "" : "s", versions,
            versions == 1 ? "" : "s", unreferenced == 0 ? "" : " (" + unreferenced + " stored file" + (unreferenced == 1 ? "" : "s")
                + " no version names)");
      } else {
        err.printf("%d of %d list files of %d list versions are missing or altered%n", problems.size(), files, versions);
      }
      out.flush();
      err.flush();
      return problems.size();
    }
  }

  /** Checks every list version's files. */
  public static Result check(Database database) {
    EventCodec codec = new EventCodec();
    List<Problem> problems = new ArrayList<>();
    Set<String> referenced = new HashSet<>();
    int versions = 0;
    int files = 0;
    int unreferenced = 0;
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement events = connection.prepareStatement("SELECT seq, payload FROM events WHERE event_type = ? ORDER BY seq");
        PreparedStatement file = connection.prepareStatement("SELECT size, gz FROM list_files WHERE sha256 = ?")) {
      events.setString(1, Registrations.LIST_VERSION_RECORDED);
      try (ResultSet rs = events.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          ListVersion.Recorded event = codec.read(rs.getString(2), ListVersion.Recorded.class);
          versions++;
          for (ListVersion.FileRef ref : event.files()) {
            files++;
            referenced.add(ref.sha256());
            checkFile(file, ref).ifPresent(reason -> problems.add(new Problem(event.source(), event.versionHash(), seq, ref.name(), ref.sha256(),
                reason)));
          }
        }
      }
      try (PreparedStatement all = connection.prepareStatement("SELECT sha256 FROM list_files"); ResultSet rs = all.executeQuery()) {
        while (rs.next()) {
          if (!referenced.contains(rs.getString(1).strip())) {
            unreferenced++;
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the list files: " + e.getMessage(), e);
    }
    return new Result(versions, files, List.copyOf(problems), unreferenced);
  }

  /** What the decompressor said; a stream cut short says nothing (an EOFException without a message). */
  private static String why(java.io.IOException e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e instanceof java.io.EOFException ? "it ends before its compressed data does" : e.getClass().getSimpleName();
  }

  /** Why one referenced file does not hold, if it does not. */
  private static java.util.Optional<String> checkFile(PreparedStatement select, ListVersion.FileRef ref) throws SQLException {
    select.setString(1, ref.sha256());
    try (ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        return java.util.Optional.of("is missing from list_files");
      }
      byte[] bytes;
      try {
        bytes = ListVersions.gunzip(rs.getBytes(2));
      } catch (UncheckedIOException e) {
        return java.util.Optional.of("cannot be decompressed (" + why(java.util.Objects.requireNonNull(e.getCause())) + "): the stored row was altered");
      }
      String actual = sha256(bytes);
      if (!actual.equals(ref.sha256())) {
        return java.util.Optional.of("does not match the hash its event records: the stored bytes hash to " + actual);
      }
      if (bytes.length != ref.size()) {
        return java.util.Optional.of("has " + bytes.length + " bytes, its event records " + ref.size());
      }
      return java.util.Optional.empty();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }
}

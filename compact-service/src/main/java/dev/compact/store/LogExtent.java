package dev.compact.store;

import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.MerkleTree;
import dev.compact.transparency.Note;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether the stored tree still extends a checkpoint the log signed: the one check that decides if
 * the log may sign again and if the record may take a write, shared by the log (which holds the key
 * and checks signatures) and by every writer that opens the record without it (the command line).
 */
public final class LogExtent {
  private LogExtent() {}

  /**
   * The stored tree held against the checkpoint of {@code size} leaves and {@code root}: how many
   * leaves it holds and its root now, and why it does not extend that checkpoint, if it does not
   * (leaves removed from the end, or a root at that size that differs: an event, leaf or subtree
   * changed under it). O(log n): the nodes of both roots are read in one query.
   */
  public static Extension extension(Connection connection, long size, byte[] root) throws SQLException {
    long leaves = LogTree.size(connection);
    if (leaves < size) {
      return new Extension(leaves, null, Optional.of("the record's transparency log holds " + leaves + " leaves, but the log signed a"
          + " checkpoint of " + size + ": events " + (leaves + 1) + " to " + size + " were removed from the database after it was signed"));
    }
    byte[][] roots = LogTree.withNodes(connection, nodes -> new byte[][] {MerkleTree.root(size, nodes), MerkleTree.root(leaves, nodes)});
    if (!Arrays.equals(roots[0], root)) {
      return new Extension(leaves, roots[1], Optional.of("the record's stored tree no longer gives the root the log signed for its"
          + " checkpoint of size " + size + ": an event, a leaf or a subtree among the first " + size + " was changed in the database"
          + " after it was signed"));
    }
    return new Extension(leaves, roots[1], Optional.empty());
  }

  /** The stored tree's size and root (null when leaves were removed), and why it does not extend a checkpoint, if so. */
  public record Extension(long leaves, byte[] root, Optional<String> departure) {}

  /** Why a record whose head is {@code head} takes no write, given a checkpoint of {@code signed} leaves: events removed since. */
  public static Optional<String> cutBack(long head, long signed) {
    if (head >= signed) {
      return Optional.empty();
    }
    return Optional.of("the record holds " + head + " events, but the log signed a checkpoint of " + signed + ": events " + (head + 1)
        + " to " + signed + " were removed from the database after it was signed");
  }

  /** What a writer without the log's key finds: the largest checkpoint the database keeps, or why no write may be made. */
  public sealed interface Kept {
    /** No checkpoint kept: nothing a write could fail to extend. */
    record None() implements Kept {}

    /** The stored tree extends the kept checkpoint of {@code size} leaves: a write is refused only on a head below it. */
    record Extended(long size) implements Kept {}

    /** The stored tree does not extend the kept checkpoint, or its row is no checkpoint at all. */
    record Departed(String reason) implements Kept {}
  }

  /**
   * Holds the stored tree against the largest checkpoint row, its signature unchecked (without the
   * log's key it cannot be): what the log would find at its next attempt to sign, unless a row that
   * the key did not sign was added, which the log refuses too.
   */
  public static Kept kept(Connection connection) throws SQLException {
    String text;
    try (PreparedStatement ps = connection.prepareStatement("SELECT note FROM log_checkpoints ORDER BY size DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return new Kept.None();
      }
      text = rs.getString(1);
    }
    Checkpoint latest;
    try {
      latest = Checkpoint.parse(Note.parse(text).text());
    } catch (IllegalArgumentException e) {
      return new Kept.Departed("the latest checkpoint row in the database is not a signed checkpoint (" + e.getMessage()
          + "): it was written outside the service");
    }
    return extension(connection, latest.size(), latest.root()).departure().<Kept>map(Kept.Departed::new)
        .orElse(new Kept.Extended(latest.size()));
  }
}

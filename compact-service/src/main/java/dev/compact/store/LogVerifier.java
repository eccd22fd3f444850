package dev.compact.store;

import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Frontier;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recomputes the transparency log from the events alone (each leaf from its event and the salt and
 * classification kept in its row) and holds it against checkpoints issued earlier. A writer who changed
 * an event and recomputed every hash after it, the chain head and the stored tree cannot make the
 * roots match a checkpoint signed before: the first leaf that differs is named, exactly when the
 * stored tree or the kept checkpoints still pin it down, otherwise as the range between the last
 * checkpoint that matches and the first that does not.
 */
public final class LogVerifier {
  private LogVerifier() {}

  /** The outcome: how many leaves were recomputed, and the first problem if any. */
  public record Result(long checked, List<Checkpoint> matched, Optional<ChainVerifier.Break> firstBreak) {
    public boolean intact() {
      return firstBreak.isEmpty();
    }
  }

  /**
   * Checks every leaf against the event it commits to and the stored tree against the leaves, and
   * the root at each trusted checkpoint's size against that checkpoint ({@code trusted}: checkpoints
   * whose signatures the caller has checked).
   */
  public static Result verify(Database database, List<Checkpoint> trusted) {
    return verify(database, trusted, false);
  }

  /**
   * The same; with {@code requireCovered}, events beyond the largest trusted checkpoint are a break
   * too: the service signs a checkpoint after every append, so an event no signed checkpoint covers
   * was appended past it (or is being appended this very moment).
   */
  public static Result verify(Database database, List<Checkpoint> trusted, boolean requireCovered) {
    TreeMap<Long, Checkpoint> bySize = new TreeMap<>();
    for (Checkpoint checkpoint : trusted) {
      Checkpoint other = bySize.putIfAbsent(checkpoint.size(), checkpoint);
      if (other != null && !other.equals(checkpoint)) {
        // Two signed roots for one size: the log forked, and no rewrite of the database explains it.
        return new Result(0, List.of(), Optional.of(new ChainVerifier.Break(checkpoint.size(),
            "two trusted checkpoints of size " + checkpoint.size() + " have different roots: the log showed two histories")));
      }
    }
    // A page of rows at a time, in one snapshot (see Database#readSnapshot).
    try {
      return database.readSnapshot(connection -> verify(connection, bySize, requireCovered));
    } catch (SQLException e) {
      throw new StoreException("cannot read the transparency log: " + e.getMessage(), e);
    }
  }

  private static Result verify(Connection connection, TreeMap<Long, Checkpoint> bySize, boolean requireCovered) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
            "SELECT e.seq, e.stream_id, e.stream_version, e.event_type, e.payload, e.occurred_at, e.recorded_at, e.actor,"
                + " e.leaf_salt, e.leaf_classification, e.leaf_hash FROM events e ORDER BY e.seq");
        // The stored subtrees in the order the leaves complete them: by the last leaf each covers, smaller first.
        PreparedStatement stored = connection.prepareStatement("SELECT level, idx, hash FROM log_nodes WHERE level >= "
            + LogTree.FIRST_STORED_LEVEL + " ORDER BY (idx + 1) << level, level")) {
      ps.setFetchSize(1000);
      stored.setFetchSize(1000);
      Frontier frontier = new Frontier();
      StoredNodes nodes = new StoredNodes(stored.executeQuery());
      List<Checkpoint> matched = new ArrayList<>();
      Checkpoint failed = null;
      long firstStoredMismatch = -1;
      String storedMismatchReason = null;
      long missingLeaf = -1;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          if (seq != frontier.size() + 1) {
            return new Result(frontier.size(), matched, Optional.of(new ChainVerifier.Break(frontier.size() + 1,
                "event " + (frontier.size() + 1) + " is missing (the next one is " + seq + ")")));
          }
          byte[] salt = rs.getBytes(9);
          if (salt == null) {
            if (missingLeaf < 0) {
              missingLeaf = seq;
            }
            break;
          }
          StoredEvent event = new StoredEvent(seq, rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
              Instant.parse(rs.getString(6)), Instant.parse(rs.getString(7)), rs.getString(8), "", "");
          byte[] leaf = LogTree.leaf(event, salt, rs.getString(10)).hash();
          if (firstStoredMismatch < 0 && !MessageDigest.isEqual(leaf, rs.getBytes(11))) {
            firstStoredMismatch = seq;
            storedMismatchReason = "its leaf does not match the event: the event, its salt or its classification was altered";
          }
          frontier.append(leaf, nodes);
          Checkpoint at = bySize.get(frontier.size());
          if (at != null) {
            if (MessageDigest.isEqual(frontier.root(), at.root())) {
              matched.add(at);
            } else if (failed == null) {
              failed = at;
            }
          }
        }
      }
      long size = frontier.size();
      if (failed != null) {
        return new Result(size, matched, Optional.of(locate(connection, failed, matched, bySize, firstStoredMismatch)));
      }
      Optional<Checkpoint> beyond = bySize.values().stream().filter(c -> c.size() > size).max(Comparator.comparingLong(Checkpoint::size));
      if (missingLeaf > 0) {
        return new Result(size, matched, Optional.of(new ChainVerifier.Break(missingLeaf,
            "event " + missingLeaf + " has no leaf in the transparency log: start the service once so that it adds the leaves of"
                + " events recorded before the log existed")));
      }
      if (beyond.isPresent()) {
        return new Result(size, matched, Optional.of(new ChainVerifier.Break(size + 1,
            "the record ends at event " + size + " but checkpoint of size " + beyond.get().size()
                + " was issued for it: events " + (size + 1) + " to " + beyond.get().size() + " were removed")));
      }
      if (firstStoredMismatch > 0) {
        return new Result(size, matched, Optional.of(new ChainVerifier.Break(firstStoredMismatch, storedMismatchReason)));
      }
      if (nodes.problem != null) {
        return new Result(size, matched, Optional.of(nodes.problem));
      }
      long covered = bySize.isEmpty() ? 0 : bySize.lastKey();
      if (requireCovered && size > covered) {
        return new Result(size, matched, Optional.of(new ChainVerifier.Break(covered + 1, "events " + (covered + 1) + " to " + size
            + " are not covered by any checkpoint the log signed: appended outside the service (which signs one after every append),"
            + " or being appended right now")));
      }
      long leaves = LogTree.size(connection);
      if (leaves != size) {
        return new Result(size, matched, Optional.of(new ChainVerifier.Break(Math.min(leaves, size) + 1,
            "the log has " + leaves + " leaves for " + size + " events")));
      }
      return new Result(size, matched, Optional.empty());
    }
  }

  /**
   * Holds each stored subtree against the one the recomputed leaves complete, reading the rows in the
   * same order: the service signs roots and serves proofs from the stored ones, so a subtree changed
   * or removed there (with the events left alone) would make it sign and prove another tree. Rows
   * beyond the leaves read are left alone: a live record grows while it is read.
   */
  private static final class StoredNodes implements Frontier.Completed {
    private final ResultSet rows;
    private boolean present;
    private int level;
    private long index;
    private byte[] hash;
    ChainVerifier.Break problem;

    StoredNodes(ResultSet rows) throws SQLException {
      this.rows = rows;
      next();
    }

    private void next() throws SQLException {
      present = rows.next();
      if (present) {
        level = rows.getInt(1);
        index = rows.getLong(2);
        hash = rows.getBytes(3);
      }
    }

    @Override
    public void subtree(int completedLevel, long completedIndex, byte[] completedHash) {
      if (completedLevel < LogTree.FIRST_STORED_LEVEL || problem != null) {
        return;
      }
      long first = completedIndex << completedLevel;
      String which = "the stored subtree of events " + (first + 1) + " to " + (first + (1L << completedLevel)) + " (level "
          + completedLevel + ", index " + completedIndex + ")";
      try {
        long end = (completedIndex + 1) << completedLevel;
        if (present && (((index + 1) << level) < end || ((index + 1) << level) == end && level < completedLevel)) {
          problem = new ChainVerifier.Break(first + 1, "the log holds a stored subtree (level " + level + ", index " + index
              + ") that no leaves make: it was written outside the service");
        } else if (!present || level != completedLevel || index != completedIndex) {
          problem = new ChainVerifier.Break(first + 1, which + " is missing: the roots and proofs that need it cannot be made");
        } else {
          if (!MessageDigest.isEqual(hash, completedHash)) {
            problem = new ChainVerifier.Break(first + 1, which + " does not match their leaves: the stored tree was altered, and the"
                + " service signs roots and serves proofs from it");
          }
          next();
        }
      } catch (SQLException e) {
        throw new StoreException("cannot read the transparency log's subtrees: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Where the history under {@code failed} was changed. If the stored tree still gives that
   * checkpoint's root, its leaf hashes are the original ones and the first that the events no longer
   * give is the answer; otherwise the kept checkpoints bound it.
   */
  private static ChainVerifier.Break locate(Connection connection, Checkpoint failed, List<Checkpoint> matched,
      TreeMap<Long, Checkpoint> bySize, long firstStoredMismatch) throws SQLException {
    String pinned = " does not match the root that checkpoint " + failed.size() + " committed to";
    if (firstStoredMismatch > 0 && firstStoredMismatch <= failed.size()) {
      byte[] storedRoot;
      try {
        storedRoot = LogTree.withNodes(connection, nodes -> dev.compact.transparency.MerkleTree.root(failed.size(), nodes));
      } catch (StoreException missing) {
        storedRoot = null;
      }
      if (storedRoot != null && MessageDigest.isEqual(storedRoot, failed.root())) {
        return new ChainVerifier.Break(firstStoredMismatch, "its leaf differs from the one that checkpoint " + failed.size()
            + " committed to: the event was altered after the checkpoint was issued");
      }
    }
    long low = matched.stream().mapToLong(Checkpoint::size).filter(s -> s < failed.size()).max().orElse(0);
    long high = failed.size();
    if (high - low == 1) {
      return new ChainVerifier.Break(high, "its leaf differs from the one that checkpoint " + failed.size()
          + " committed to (checkpoint " + low + " still matches): the event was altered, removed or replaced");
    }
    return new ChainVerifier.Break(low + 1, "the tree of events " + (low + 1) + " to " + high + pinned
        + " (checkpoint " + low + " still matches): an event among them was altered, removed or replaced, the first at event "
        + (low + 1) + " or later");
  }
}

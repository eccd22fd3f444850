package dev.compact.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Walks the whole log and recomputes the hash chain. Any altered, removed, inserted or reordered
 * event breaks it; the verifier names the first sequence number where it breaks and why.
 */
public final class ChainVerifier {
  private ChainVerifier() {}

  /** The outcome: how many events were checked, and the first problem if any. */
  public record Result(long checked, Optional<Break> firstBreak) {
    public boolean intact() {
      return firstBreak.isEmpty();
    }
  }

  /** Where the chain breaks and why. */
  public record Break(long seq, String reason) {}

  /** Verifies the record, read a page of rows at a time in one snapshot ({@link Database#readSnapshot}). */
  public static Result verify(Database database) {
    try {
      return database.readSnapshot(ChainVerifier::verify);
    } catch (SQLException e) {
      throw new StoreException("cannot read the event log: " + e.getMessage(), e);
    }
  }

  private static Result verify(Connection connection) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
            "SELECT seq, stream_id, stream_version, event_type, payload, occurred_at, recorded_at, actor, prev_hash, hash FROM events ORDER BY seq")) {
      ps.setFetchSize(1000);
      long expectedSeq = 1;
      String prev = ChainHash.GENESIS;
      long checked = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          if (seq != expectedSeq) {
            return broken(checked, expectedSeq, seq > expectedSeq
                ? "event " + expectedSeq + " is missing (the next one is " + seq + ")"
                : "unexpected sequence number " + seq);
          }
          String storedPrev = rs.getString(9);
          if (!storedPrev.equals(prev)) {
            return broken(checked, seq, "its link to the previous event does not match: an event before it was removed, inserted or reordered");
          }
          String hash = ChainHash.of(prev, seq, rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
              rs.getString(7), rs.getString(8));
          if (!hash.equals(rs.getString(10))) {
            return broken(checked, seq, "its content does not match its hash: the event was altered");
          }
          prev = hash;
          expectedSeq++;
          checked++;
        }
      }
      try (PreparedStatement head = connection.prepareStatement("SELECT seq, hash FROM chain_head WHERE id = 1");
          ResultSet rs = head.executeQuery()) {
        rs.next();
        long headSeq = rs.getLong(1);
        if (headSeq < checked) {
          // Rows after the head: appended past the service, which always moves the head with them.
          return broken(headSeq, headSeq + 1, "the log goes on after the chain head (event " + headSeq + "): events " + (headSeq + 1)
              + " to " + checked + " were appended outside the service");
        }
        if (headSeq != checked || !rs.getString(2).equals(prev)) {
          return broken(checked, Math.min(checked + 1, headSeq),
              "the log ends at event " + checked + " but the chain head records event " + headSeq + ": events at the end were removed");
        }
      }
      return new Result(checked, Optional.empty());
    }
  }

  private static Result broken(long checked, long seq, String reason) {
    return new Result(checked, Optional.of(new Break(seq, reason)));
  }
}

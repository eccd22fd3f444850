package dev.compact.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** What makes two requests the same, and the events the first of them recorded under an idempotency key. */
final class RequestHash {
  private RequestHash() {}

  /**
   * Stream, actor and what the events say. Not the time an event occurred nor the stream version
   * expected: a retry sent later, without a time of its own, is stamped later and finds the stream
   * already moved on by its own first attempt.
   */
  static String of(String streamId, List<NewEvent> events) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((streamId + "\n").getBytes(StandardCharsets.UTF_8));
      for (NewEvent event : events) {
        digest.update((event.type() + "\n" + event.actor() + "\n" + event.payload() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The events a first request with this key recorded, if there was one and it was the same request
   * (a different one is an {@link IdempotencyMismatch}).
   */
  static Optional<List<StoredEvent>> previous(Connection connection, String key, String requestHash) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT request_hash, first_seq, last_seq FROM idempotency_keys WHERE idempotency_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!rs.getString(1).equals(requestHash)) {
          throw new IdempotencyMismatch(key);
        }
        long first = rs.getLong(2);
        long last = rs.getLong(3);
        return Optional.of(EventStore.select(connection, "SELECT * FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq", s -> {
          s.setLong(1, first);
          s.setLong(2, last);
        }));
      }
    }
  }
}

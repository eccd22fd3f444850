package dev.compact.store;

import dev.compact.transparency.Hashes;
import dev.compact.transparency.Leaf;
import dev.compact.transparency.MerkleTree;
import dev.compact.transparency.NodeSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transparency log's tables: a leaf per event and every complete subtree hash, written in the
 * append's transaction, and the roots and proofs read back from them with one query each.
 */
public final class LogTree {
  private static final SecureRandom RANDOM = new SecureRandom();

  private LogTree() {}

  /** The leaf of a stored event, given the salt and classification its leaf row keeps. */
  public static Leaf leaf(StoredEvent event, String salt, String classification) {
    return new Leaf(event.seq() - 1, event.type(), event.occurredAt(), event.recordedAt(), classification,
        Leaf.content(salt, event.streamId(), event.streamVersion(), event.actor(), event.payload()));
  }

  public static long size(Connection connection) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM log_leaves"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Adds the leaves of {@code events} (the next ones of the log, in order) and the subtrees they complete. */
  public static void append(Connection connection, List<StoredEvent> events, List<String> classifications) throws SQLException {
    Map<MerkleTree.Node, byte[]> made = new HashMap<>();
    NodeSource left = (level, index) -> {
      byte[] hash = made.get(new MerkleTree.Node(level, index));
      if (hash != null) {
        return hash;
      }
      try {
        return fetch(connection, Set.of(new MerkleTree.Node(level, index))).get(new MerkleTree.Node(level, index));
      } catch (SQLException e) {
        throw new StoreException("cannot read the log's tree: " + e.getMessage(), e);
      }
    };
    try (PreparedStatement leaves = connection.prepareStatement("INSERT INTO log_leaves (seq, salt, classification, leaf_hash) VALUES (?, ?, ?, ?)");
        PreparedStatement nodes = connection.prepareStatement("INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)")) {
      for (int i = 0; i < events.size(); i++) {
        StoredEvent event = events.get(i);
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        byte[] hash = leaf(event, salt, classifications.get(i)).hash();
        leaves.setLong(1, event.seq());
        leaves.setString(2, salt);
        leaves.setString(3, classifications.get(i));
        leaves.setString(4, Hashes.hex(hash));
        leaves.addBatch();
        for (MerkleTree.StoredNode node : MerkleTree.completedBy(event.seq() - 1, hash, left)) {
          made.put(new MerkleTree.Node(node.level(), node.index()), node.hash());
          nodes.setInt(1, node.level());
          nodes.setLong(2, node.index());
          nodes.setString(3, Hashes.hex(node.hash()));
          nodes.addBatch();
        }
      }
      leaves.executeBatch();
      nodes.executeBatch();
    }
  }

  /** The given nodes, read in one query; a missing one is a damaged log. */
  static Map<MerkleTree.Node, byte[]> fetch(Connection connection, Set<MerkleTree.Node> wanted) throws SQLException {
    Map<MerkleTree.Node, byte[]> found = new HashMap<>();
    if (wanted.isEmpty()) {
      return found;
    }
    List<MerkleTree.Node> list = new ArrayList<>(wanted);
    StringBuilder sql = new StringBuilder("SELECT level, idx, hash FROM log_nodes WHERE ");
    for (int i = 0; i < list.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("(level = ? AND idx = ?)");
    }
    try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < list.size(); i++) {
        ps.setInt(2 * i + 1, list.get(i).level());
        ps.setLong(2 * i + 2, list.get(i).index());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(new MerkleTree.Node(rs.getInt(1), rs.getLong(2)), Hashes.unhex(rs.getString(3)));
        }
      }
    }
    for (MerkleTree.Node node : list) {
      if (!found.containsKey(node)) {
        throw new StoreException("the log's subtree at level " + node.level() + ", index " + node.index()
            + " is missing: run compact verify", null);
      }
    }
    return found;
  }

  /** Runs {@code work} over the nodes it needs, fetched in one query first. */
  public static <T> T withNodes(Connection connection, java.util.function.Function<NodeSource, T> work) throws SQLException {
    Set<MerkleTree.Node> needed = MerkleTree.nodesFor(work::apply);
    Map<MerkleTree.Node, byte[]> nodes = fetch(connection, needed);
    return work.apply((level, index) -> nodes.get(new MerkleTree.Node(level, index)));
  }
}

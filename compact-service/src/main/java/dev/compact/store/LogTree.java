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
 * The transparency log's tables: a leaf per event and the hash of every complete subtree of at
 * least {@code 2^FIRST_STORED_LEVEL} leaves, written in the append's transaction, and the roots
 * and proofs read back from them with at most two queries each.
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

  /**
   * Subtrees below this level are not stored: each is hashed from its at most {@code 2^level} leaf
   * rows when read. Storing them would cost about two node rows per event (level 0 alone repeats
   * the leaf row's hash); from this level up it costs one row per 16 events. A root or a proof reads
   * at most one such subtree per level below this one, so at most 2 * 15 leaf rows more, and stays
   * O(log n). Rows of lower levels written before this change are kept and ignored.
   */
  static final int FIRST_STORED_LEVEL = 4;

  /** Adds the leaves of {@code events} (the next ones of the log, in order) and the subtrees they complete. */
  public static void append(Connection connection, List<StoredEvent> events, List<String> classifications) throws SQLException {
    // Every subtree this append completes, kept in memory so that later leaves never read back what
    // an earlier one made; only those before the append are read, each at most once.
    Map<MerkleTree.Node, byte[]> made = new HashMap<>();
    NodeSource left = (level, index) -> {
      MerkleTree.Node node = new MerkleTree.Node(level, index);
      byte[] hash = made.get(node);
      if (hash != null) {
        return hash;
      }
      try {
        hash = fetch(connection, Set.of(node)).get(node);
      } catch (SQLException e) {
        throw new StoreException("cannot read the log's tree: " + e.getMessage(), e);
      }
      made.put(node, hash);
      return hash;
    };
    boolean anyNode = false;
    try (PreparedStatement leaves = connection.prepareStatement("INSERT INTO log_leaves (seq, salt, classification, leaf_hash) VALUES (?, ?, ?, ?)");
        PreparedStatement nodes = connection.prepareStatement("INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)")) {
      byte[] saltBytes = new byte[16];
      for (int i = 0; i < events.size(); i++) {
        StoredEvent event = events.get(i);
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
          if (node.level() >= FIRST_STORED_LEVEL) {
            nodes.setInt(1, node.level());
            nodes.setLong(2, node.index());
            nodes.setString(3, Hashes.hex(node.hash()));
            nodes.addBatch();
            anyNode = true;
          }
        }
      }
      leaves.executeBatch();
      if (anyNode) {
        nodes.executeBatch();
      }
    }
  }

  /**
   * The given nodes, read in at most two queries: stored subtrees from log_nodes, lower ones hashed
   * from their leaf rows. A missing one is a damaged log.
   */
  static Map<MerkleTree.Node, byte[]> fetch(Connection connection, Set<MerkleTree.Node> wanted) throws SQLException {
    Map<MerkleTree.Node, byte[]> found = new HashMap<>();
    if (wanted.isEmpty()) {
      return found;
    }
    List<MerkleTree.Node> stored = new ArrayList<>();
    List<MerkleTree.Node> low = new ArrayList<>();
    for (MerkleTree.Node node : wanted) {
      (node.level() >= FIRST_STORED_LEVEL ? stored : low).add(node);
    }
    if (!stored.isEmpty()) {
      StringBuilder sql = new StringBuilder("SELECT level, idx, hash FROM log_nodes WHERE ");
      for (int i = 0; i < stored.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append("(level = ? AND idx = ?)");
      }
      try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < stored.size(); i++) {
          ps.setInt(2 * i + 1, stored.get(i).level());
          ps.setLong(2 * i + 2, stored.get(i).index());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(new MerkleTree.Node(rs.getInt(1), rs.getLong(2)), Hashes.unhex(rs.getString(3)));
          }
        }
      }
    }
    if (!low.isEmpty()) {
      Map<Long, byte[]> leafHashes = leafHashes(connection, low);
      for (MerkleTree.Node node : low) {
        byte[] hash = subtree(node.level(), node.index() << node.level(), leafHashes);
        if (hash != null) {
          found.put(node, hash);
        }
      }
    }
    for (MerkleTree.Node node : wanted) {
      if (!found.containsKey(node)) {
        throw new StoreException("the log's subtree at level " + node.level() + ", index " + node.index()
            + " is missing: run compact verify", null);
      }
    }
    return found;
  }

  /** The leaf hashes under {@code nodes}, by leaf index, in one query. */
  private static Map<Long, byte[]> leafHashes(Connection connection, List<MerkleTree.Node> nodes) throws SQLException {
    Set<Long> seqs = new java.util.TreeSet<>();
    for (MerkleTree.Node node : nodes) {
      long first = node.index() << node.level();
      for (long i = first; i < first + (1L << node.level()); i++) {
        seqs.add(i + 1);
      }
    }
    Map<Long, byte[]> hashes = new HashMap<>();
    StringBuilder sql = new StringBuilder("SELECT seq, leaf_hash FROM log_leaves WHERE seq IN (");
    for (int i = 0; i < seqs.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    try (PreparedStatement ps = connection.prepareStatement(sql.append(")").toString())) {
      int p = 1;
      for (long seq : seqs) {
        ps.setLong(p++, seq);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hashes.put(rs.getLong(1) - 1, Hashes.unhex(rs.getString(2)));
        }
      }
    }
    return hashes;
  }

  /** The hash of the perfect subtree of {@code 2^level} leaves from leaf {@code first}, or null if one is missing. */
  private static byte[] subtree(int level, long first, Map<Long, byte[]> leafHashes) {
    if (level == 0) {
      return leafHashes.get(first);
    }
    byte[] left = subtree(level - 1, first, leafHashes);
    byte[] right = subtree(level - 1, first + (1L << (level - 1)), leafHashes);
    return left == null || right == null ? null : Hashes.node(left, right);
  }

  /** Runs {@code work} over the nodes it needs, fetched in one query first. */
  public static <T> T withNodes(Connection connection, java.util.function.Function<NodeSource, T> work) throws SQLException {
    Set<MerkleTree.Node> needed = MerkleTree.nodesFor(work::apply);
    Map<MerkleTree.Node, byte[]> nodes = fetch(connection, needed);
    return work.apply((level, index) -> nodes.get(new MerkleTree.Node(level, index)));
  }
}

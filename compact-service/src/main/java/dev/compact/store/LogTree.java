package dev.compact.store;

import dev.compact.transparency.Hasher;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transparency log's storage: each event's leaf (its salt, classification and hash) in the
 * event's own row, and the hash of every complete subtree of at least {@code 2^FIRST_STORED_LEVEL}
 * leaves in {@code log_nodes}, written in the append's transaction; the roots and proofs are read
 * back from them with at most two queries each.
 */
public final class LogTree {
  /**
   * The JDK's NIST SP 800-90A generator (Hash_DRBG, seeded by the operating system): a salt must be
   * unpredictable, and this makes one in a quarter of the time the default NativePRNG takes.
   */
  private static final SecureRandom RANDOM = drbg();

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (java.security.NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  private LogTree() {}

  /** The leaf of a stored event, given the salt and classification kept with it (the salt enters the leaf as hex). */
  public static Leaf leaf(StoredEvent event, byte[] salt, String classification) {
    return new Leaf(event.seq() - 1, event.type(), event.occurredAt(), event.recordedAt(), classification,
        Leaf.content(Hashes.hex(salt), event.streamId(), event.streamVersion(), event.actor(), event.payload()));
  }

  /**
   * The tree's size: the last event with its leaf. Leaves are added in order (the database refuses
   * a missing leaf added out of it), so every event up to that one has its leaf.
   */
  /** The hash of the leaf of event {@code seq}, from its fields as the append path holds them (times as text). */
  static byte[] leafHash(Hasher hasher, long seq, String streamId, long streamVersion, String type, String payload, String occurredAt,
      String recordedAt, String actor, byte[] salt, String classification) {
    return hasher.leaf(seq - 1, type, occurredAt, recordedAt, classification, hasher.content(salt, streamId, streamVersion, actor, payload));
  }

  public static long size(Connection connection) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT seq FROM events WHERE leaf_hash IS NOT NULL ORDER BY seq DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Fresh random salts, 16 bytes per leaf, drawn in one call. */
  public static byte[][] salts(int count) {
    byte[][] salts = new byte[count][];
    salts(salts, 0, count);
    return salts;
  }

  /** Fresh random salts for {@code salts[from]} to {@code salts[to - 1]}, drawn in one call. */
  static void salts(byte[][] salts, int from, int to) {
    byte[] bytes = new byte[16 * (to - from)];
    RANDOM.nextBytes(bytes);
    for (int i = from; i < to; i++) {
      salts[i] = java.util.Arrays.copyOfRange(bytes, 16 * (i - from), 16 * (i - from + 1));
    }
  }

  /**
   * Subtrees below this level are not stored: each is hashed from its at most {@code 2^level} leaf
   * hashes when read. Storing them would cost about two node rows per event (level 0 alone repeats
   * the leaf hash); from this level up it costs one row per 32 events (from level 4 up it was one
   * per 8, a tenth of a batched append's time). A root or a proof reads at most one such subtree per
   * level below this one, so at most 2 * 63 leaf hashes more in one query, and stays O(log n). Rows
   * of lower levels written before are kept and ignored.
   */
  static final int FIRST_STORED_LEVEL = 6;

  /**
   * Adds the leaves of events recorded before the log existed (the next ones without a leaf, in
   * order) to their rows, and the subtrees they complete.
   */
  static void addLeaves(Connection connection, List<StoredEvent> events, List<String> classifications) throws SQLException {
    byte[][] salts = salts(events.size());
    byte[][] hashes = new byte[events.size()][];
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE events SET leaf_salt = ?, leaf_classification = ?, leaf_hash = ? WHERE seq = ?")) {
      for (int i = 0; i < events.size(); i++) {
        hashes[i] = leaf(events.get(i), salts[i], classifications.get(i)).hash();
        update.setBytes(1, salts[i]);
        update.setString(2, classifications.get(i));
        update.setBytes(3, hashes[i]);
        update.setLong(4, events.get(i).seq());
        update.addBatch();
      }
      update.executeBatch();
    }
    addNodes(connection, events.getFirst().seq() - 1, hashes, new Hasher(), Edge.NONE);
  }

  /**
   * The right edge of the tree of {@code size} leaves: its perfect subtrees whose parents are not
   * complete yet, one per set bit of the size ({@code hashes[level]}, null where the bit is clear).
   * They are the left siblings every later append needs, so an appender keeps the edge its last
   * append left and reads nothing when the tree has not grown since. Never changed once made.
   */
  record Edge(long size, byte[][] hashes) {
    static final Edge NONE = new Edge(-1, new byte[0][]);
  }

  /**
   * Stores the subtrees that the leaves {@code hashes}, the next ones of the tree from leaf index
   * {@code first}, complete, and returns the tree's new right edge. The older subtrees they need are
   * taken from {@code known} when it is the edge at {@code first}, otherwise read in one go.
   */
  static Edge addNodes(Connection connection, long first, byte[][] hashes, Hasher hasher, Edge known) throws SQLException {
    return store(connection, grow(first, hashes, hasher, edgeAt(connection, first, known)));
  }

  /** The edge of the tree of {@code size} leaves: {@code known} if it is that one, otherwise read in one query. */
  static Edge edgeAt(Connection connection, long size, Edge known) throws SQLException {
    if (known.size() == size) {
      return known;
    }
    byte[][] hashes = new byte[64 - Long.numberOfLeadingZeros(size)][];
    for (Map.Entry<MerkleTree.Node, byte[]> node : fetch(connection, edge(size)).entrySet()) {
      hashes[node.getKey().level()] = node.getValue();
    }
    return new Edge(size, hashes);
  }

  /** One subtree to store: level {@code level} (at least {@link #FIRST_STORED_LEVEL}), index {@code index}. */
  record StoredNode(int level, long index, byte[] hash) {}

  /** What appending some leaves does to the tree: the subtrees they complete that are stored, and the new right edge. */
  record Growth(List<StoredNode> nodes, Edge edge) {}

  /**
   * The subtrees that the leaves {@code hashes}, the next ones of the tree from leaf index {@code first},
   * complete, and the tree's new right edge: hashing only, no database, so that it can run beside the
   * append's inserts ({@link LeafHashing}). {@code at} is the edge at {@code first}: every older subtree
   * an append needs is on it (a left sibling whose parent this append completes was complete before
   * it, its parent not).
   */
  static Growth grow(long first, byte[][] hashes, Hasher hasher, Edge at) {
    if (at.size() != first) {
      throw new IllegalArgumentException("the edge of " + at.size() + " leaves is not the one at " + first);
    }
    byte[][] last = new byte[64][];
    System.arraycopy(at.hashes(), 0, last, 0, at.hashes().length);
    // last[level]: the last left child completed at that level, the sibling of the next right one
    // there. One pass, no allocation but the hashes: a batch hashes about one node per leaf.
    List<StoredNode> nodes = new ArrayList<>();
    for (int i = 0; i < hashes.length; i++) {
      long index = first + i;
      byte[] hash = hashes[i];
      int level = 0;
      while ((index & 1) == 1) {
        byte[] left = last[level];
        if (left == null) {
          throw new StoreException("the log's subtree at level " + level + ", index " + (index - 1) + " is missing: run compact verify", null);
        }
        hash = hasher.node(left, hash);
        index >>= 1;
        level++;
        if (level >= FIRST_STORED_LEVEL) {
          nodes.add(new StoredNode(level, index, hash));
        }
      }
      last[level] = hash;
    }
    long size = first + hashes.length;
    byte[][] edge = new byte[64 - Long.numberOfLeadingZeros(size)][];
    for (int level = 0; level < edge.length; level++) {
      if ((size >> level & 1) == 1) {
        edge[level] = last[level];
      }
    }
    return new Growth(nodes, new Edge(size, edge));
  }

  /** Writes the subtrees of {@code growth} (the node insert is prepared only when there is one) and returns its edge. */
  static Edge store(Connection connection, Growth growth) throws SQLException {
    if (!growth.nodes().isEmpty()) {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)")) {
        for (StoredNode node : growth.nodes()) {
          insert.setInt(1, node.level());
          insert.setLong(2, node.index());
          insert.setBytes(3, node.hash());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    return growth.edge();
  }

  /** The perfect subtrees on the right edge of the tree of {@code size} leaves: one per set bit of the size. */
  private static Set<MerkleTree.Node> edge(long size) {
    Set<MerkleTree.Node> nodes = new java.util.HashSet<>();
    for (int level = 0; level < 63; level++) {
      if ((size >> level & 1) == 1) {
        nodes.add(new MerkleTree.Node(level, (size >> level) - 1));
      }
    }
    return nodes;
  }

  /**
   * The given nodes, read in at most two queries: stored subtrees from log_nodes, lower ones hashed
   * from the leaf hashes in their events' rows. A missing one is a damaged log.
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
            found.put(new MerkleTree.Node(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
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
    StringBuilder sql = new StringBuilder("SELECT seq, leaf_hash FROM events WHERE leaf_hash IS NOT NULL AND seq IN (");
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
          hashes.put(rs.getLong(1) - 1, rs.getBytes(2));
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

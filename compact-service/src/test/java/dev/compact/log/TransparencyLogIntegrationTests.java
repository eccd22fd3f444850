package dev.compact.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.store.ChainHash;
import dev.compact.store.ChainVerifier;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.LogTree;
import dev.compact.store.LogVerifier;
import dev.compact.store.NewEvent;
import dev.compact.store.StoredEvent;
import dev.compact.store.TestDatabases;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Hashes;
import dev.compact.transparency.MemoryTree;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import dev.compact.transparency.Proofs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transparency log on both databases: checkpoints after each append, proofs that verify with
 * the RFC 9162 algorithms, the database's own guards, and the rewrite that the chain alone does not
 * catch (issue #11): an event changed with every later hash, the head and the stored tree recomputed.
 */
public class TransparencyLogIntegrationTests {
  static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T07:00:00Z"), ZoneOffset.UTC);
  static final NoteSigner LOG_KEY = NoteSigner.of("log.test.example/compact", NoteKey.ED25519, seed(7));

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static byte[] seed(int value) {
    byte[] seed = new byte[32];
    seed[31] = (byte) value;
    return seed;
  }

  /** Seven events, one append each, a checkpoint after each; the classification of every third is restricted. */
  static TransparencyLog fill(Database db) {
    EventStore store = new EventStore(db, CLOCK, List.of());
    TransparencyLog log = new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK);
    for (int n = 1; n <= 7; n++) {
      store.append("s" + (n % 2), store.streamVersion("s" + (n % 2)), List.of(new NewEvent("incident-reported", "{\"n\":" + n + "}",
          T0.plusSeconds(n), "desk", n % 3 == 0 ? "restricted" : "public")), Optional.empty());
      log.issue();
    }
    return log;
  }

  static List<byte[]> leafHashes(Database db) throws Exception {
    List<byte[]> leaves = new ArrayList<>();
    EventStore store = new EventStore(db, CLOCK, List.of());
    List<StoredEvent> events = new ArrayList<>();
    for (List<StoredEvent> page = store.read(1, 1000); !page.isEmpty(); page = store.read(page.getLast().seq() + 1, 1000)) {
      events.addAll(page);
    }
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT leaf_salt, leaf_classification FROM events ORDER BY seq")) {
      for (StoredEvent event : events) {
        rs.next();
        leaves.add(LogTree.leaf(event, rs.getBytes(1), rs.getString(2)).hash());
      }
    }
    return leaves;
  }

  static List<Checkpoint> kept(TransparencyLog log) {
    List<Checkpoint> all = new ArrayList<>();
    for (long size = 0; size <= 7; size++) {
      log.stored(size).ifPresent(note -> all.add(Checkpoint.parse(note.text())));
    }
    return all;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void checkpointsAndProofsVerifyWithTheRfcAlgorithms(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = fill(db);
      Note latest = Note.parse(log.latest().format());
      assertThat(latest.check(LOG_KEY.key())).isEqualTo(new Note.Check.Valid(-1));
      Checkpoint checkpoint = Checkpoint.parse(latest.text());
      assertThat(checkpoint.size()).isEqualTo(7);
      List<byte[]> leaves = leafHashes(db);
      MemoryTree independent = new MemoryTree();
      leaves.forEach(independent::append);
      assertThat(checkpoint.root()).isEqualTo(independent.root());
      List<Checkpoint> all = kept(log);
      assertThat(all).hasSize(8);
      for (Checkpoint to : all) {
        for (int i = 0; i < to.size(); i++) {
          assertThat(Proofs.inclusion(i, to.size(), leaves.get(i), log.inclusion(i, to.size()), to.root())).as("%d in %d", i, to.size()).isTrue();
        }
        for (Checkpoint from : all) {
          if (from.size() <= to.size() && to.size() > 0) {
            assertThat(Proofs.consistency(from.size(), to.size(), log.consistency(from.size(), to.size()), from.root(), to.root()))
                .as("%d to %d", from.size(), to.size()).isTrue();
          }
        }
      }
      assertThat(LogVerifier.verify(db, all).intact()).isTrue();
      // Leaves commit to the classification: restricted events are marked so in the tree.
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT seq FROM events WHERE leaf_classification = 'restricted' ORDER BY seq")) {
        List<Long> restricted = new ArrayList<>();
        while (rs.next()) {
          restricted.add(rs.getLong(1));
        }
        assertThat(restricted).containsExactly(3L, 6L);
      }
    }
  }

  /**
   * Subtrees below FIRST_STORED_LEVEL are hashed from the events' leaf hashes, the rest read from log_nodes: over
   * appends of mixed sizes, by two stores, crossing several stored levels, every root, inclusion and consistency
   * proof still matches an independent in-memory tree, and no node row below that level is written.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void proofsOverStoredAndDerivedSubtreesMatchAnIndependentTree(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = new EventStore(db, CLOCK, List.of());
      EventStore other = new EventStore(db, CLOCK, List.of());
      TransparencyLog log = new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK);
      int n = 0;
      List<Checkpoint> issued = new ArrayList<>();
      for (int batch : new int[] {1, 3, 17, 1, 40, 2, 15, 16, 33, 1}) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
          n++;
          events.add(new NewEvent("incident-reported", "{\"n\":" + n + "}", T0.plusSeconds(n), "desk", n % 5 == 0 ? "secret" : "public"));
        }
        // Every third batch through a second store, as another instance would: the first store's
        // remembered right edge of the tree is then stale and must be read again.
        EventStore writer = issued.size() % 3 == 2 ? other : store;
        writer.append("s", store.streamVersion("s"), events, Optional.empty());
        issued.add(log.issue());
      }
      List<byte[]> leaves = leafHashes(db);
      assertThat(leaves).hasSize(n);
      MemoryTree growing = new MemoryTree();
      List<byte[]> roots = new ArrayList<>(List.of(growing.root()));
      for (byte[] leaf : leaves) {
        growing.append(leaf);
        roots.add(growing.root());
      }
      for (int size : new int[] {1, 2, 15, 16, 17, 31, 32, 33, 64, 65, 100, n}) {
        byte[] root = store.readTree(c -> LogTree.withNodes(c, nodes -> dev.compact.transparency.MerkleTree.root(size, nodes)));
        assertThat(root).as("root of %d", size).isEqualTo(roots.get(size));
        for (int i = 0; i < size; i++) {
          assertThat(Proofs.inclusion(i, size, leaves.get(i), log.inclusion(i, size), roots.get(size))).as("%d in %d", i, size).isTrue();
        }
        for (int from = 1; from <= size; from++) {
          assertThat(Proofs.consistency(from, size, log.consistency(from, size), roots.get(from), roots.get(size)))
              .as("%d to %d", from, size).isTrue();
        }
      }
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MIN(level), COUNT(*) FROM log_nodes")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(6);
        // Complete subtrees of 64 leaves or more among n = 129: 2 + 1.
        assertThat(rs.getInt(2)).isEqualTo(3);
      }
      for (Checkpoint checkpoint : issued) {
        assertThat(checkpoint.root()).as("checkpoint %d", checkpoint.size()).isEqualTo(roots.get((int) checkpoint.size()));
      }
      assertThat(LogVerifier.verify(db, issued, true).firstBreak()).isEmpty();
    }
  }

  /** {@code count} events from number {@code from + 1} on, every fifth secret. */
  static List<NewEvent> numbered(int from, int count) {
    List<NewEvent> events = new ArrayList<>();
    for (int n = from + 1; n <= from + count; n++) {
      events.add(new NewEvent("incident-reported", "{\"n\":" + n + "}", T0.plusSeconds(n), "desk", n % 5 == 0 ? "secret" : "public"));
    }
    return events;
  }

  /**
   * Appends of at least LeafHashing.BESIDE_FROM events hash their leaves on another thread while the
   * rows are written: with the right edge remembered or read again (another store appended between),
   * the leaf hashes stored in the rows are the events' own, the stored subtrees and every checkpoint's
   * root match an independent tree, and every proof verifies.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void largeAppendsHashedBesideTheirInsertsGiveTheSameTree(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = new EventStore(db, CLOCK, List.of());
      EventStore other = new EventStore(db, CLOCK, List.of());
      TransparencyLog log = new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK);
      List<Checkpoint> issued = new ArrayList<>(List.of(log.issue()));
      int n = 0;
      for (int[] append : new int[][] {{0, 5}, {0, 150}, {1, 70}, {0, 64}, {0, 1}, {0, 100}}) {
        (append[0] == 0 ? store : other).append("s", n, numbered(n, append[1]), Optional.empty());
        n += append[1];
        issued.add(log.issue());
      }
      List<byte[]> leaves = leafHashes(db);
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT leaf_hash FROM events ORDER BY seq")) {
        List<byte[]> stored = new ArrayList<>();
        while (rs.next()) {
          stored.add(rs.getBytes(1));
        }
        assertThat(stored).hasSize(n).containsExactlyElementsOf(leaves);
      }
      MemoryTree independent = new MemoryTree();
      List<byte[]> roots = new ArrayList<>(List.of(independent.root()));
      for (byte[] leaf : leaves) {
        independent.append(leaf);
        roots.add(independent.root());
      }
      for (Checkpoint checkpoint : issued) {
        assertThat(checkpoint.root()).as("checkpoint %d", checkpoint.size()).isEqualTo(roots.get((int) checkpoint.size()));
        for (Checkpoint earlier : issued) {
          if (earlier.size() > 0 && earlier.size() <= checkpoint.size()) {
            assertThat(Proofs.consistency(earlier.size(), checkpoint.size(), log.consistency(earlier.size(), checkpoint.size()),
                earlier.root(), checkpoint.root())).as("%d to %d", earlier.size(), checkpoint.size()).isTrue();
          }
        }
      }
      for (int i = 0; i < n; i++) {
        assertThat(Proofs.inclusion(i, n, leaves.get(i), log.inclusion(i, n), roots.get(n))).as("leaf %d", i).isTrue();
      }
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT level, idx, hash FROM log_nodes ORDER BY level, idx")) {
        int nodes = 0;
        while (rs.next()) {
          assertThat(rs.getBytes(3)).as("node %d/%d", rs.getInt(1), rs.getLong(2)).isEqualTo(independent.node(rs.getInt(1), rs.getLong(2)));
          nodes++;
        }
        // n = 390: six subtrees of 64, three of 128, one of 256.
        assertThat(nodes).isEqualTo(10);
      }
      assertThat(LogVerifier.verify(db, issued, true).firstBreak()).isEmpty();
    }
  }

  /**
   * An append larger than the most rows SQLite is given at once (AppendBatch.LAST_CHUNK) is written in
   * several executions while its salts are drawn and its leaves hashed on the other thread: every row
   * holds its own event's leaf, each salt is fresh, and the tree matches an independent one.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void anAppendWrittenInSeveralChunksGivesTheSameTree(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = new EventStore(db, CLOCK, List.of());
      TransparencyLog log = new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK);
      store.append("s", 0, numbered(0, 7), Optional.empty());
      store.append("s", 7, numbered(7, 1300), Optional.empty());
      Checkpoint checkpoint = log.issue();
      List<byte[]> leaves = leafHashes(db);
      List<byte[]> stored = new ArrayList<>();
      java.util.Set<String> salts = new java.util.HashSet<>();
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT leaf_salt, leaf_hash FROM events ORDER BY seq")) {
        while (rs.next()) {
          salts.add(java.util.HexFormat.of().formatHex(rs.getBytes(1)));
          stored.add(rs.getBytes(2));
        }
      }
      assertThat(leaves).hasSize(1307);
      assertThat(stored).containsExactlyElementsOf(leaves);
      assertThat(salts).hasSize(1307);
      MemoryTree independent = new MemoryTree();
      leaves.forEach(independent::append);
      assertThat(checkpoint.size()).isEqualTo(1307);
      assertThat(checkpoint.root()).isEqualTo(independent.root());
      for (int i : new int[] {0, 6, 7, 38, 39, 102, 103, 230, 231, 486, 487, 998, 999, 1306}) {
        assertThat(Proofs.inclusion(i, 1307, leaves.get(i), log.inclusion(i, 1307), checkpoint.root())).as("leaf %d", i).isTrue();
      }
      assertThat(LogVerifier.verify(db, List.of(checkpoint), true).firstBreak()).isEmpty();
    }
  }

  /** A large append whose leaf cannot be made (its hashing fails on the other thread) fails as a small one does, writing nothing. */
  @ParameterizedTest
  @MethodSource("kinds")
  void aLargeAppendWhoseLeafCannotBeMadeWritesNothing(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = new EventStore(db, CLOCK, List.of());
      store.append("s", 0, numbered(0, 3), Optional.empty());
      List<NewEvent> events = new ArrayList<>(numbered(3, 200));
      NewEvent bad = events.get(150);
      events.set(150, new NewEvent(bad.type(), bad.payload(), bad.occurredAt(), bad.actor(), "top secret"));
      assertThatThrownBy(() -> store.append("s", 3, events, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("single words");
      assertThat(store.head().seq()).isEqualTo(3);
      assertThat(store.treeSize()).isEqualTo(3);
      store.append("s", 3, numbered(3, 100), Optional.empty());
      TransparencyLog log = new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK);
      MemoryTree independent = new MemoryTree();
      leafHashes(db).forEach(independent::append);
      assertThat(Checkpoint.parse(log.latest().text())).satisfies(c -> {
        assertThat(c.size()).isEqualTo(103);
        assertThat(c.root()).isEqualTo(independent.root());
      });
      assertThat(LogVerifier.verify(db, List.of(Checkpoint.parse(log.latest().text())), true).firstBreak()).isEmpty();
    }
  }

  /** A record written before the log existed: its events get their leaves, and both the chain and the tree verify. */
  @ParameterizedTest
  @MethodSource("kinds")
  void eventsRecordedBeforeTheLogGetTheirLeavesAndTheOldChainStillVerifies(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore before = new EventStore(db, CLOCK, List.of(), false);
      for (int n = 1; n <= 5; n++) {
        before.append("s", n - 1, List.of(new NewEvent("incident-reported", "{\"n\":" + n + "}", T0.plusSeconds(n), "desk")), Optional.empty());
      }
      EventStore store = new EventStore(db, CLOCK, List.of());
      assertThat(store.treeSize()).isZero();
      // Appends wait until the leaves are there, so that leaf i stays event i + 1.
      assertThatThrownBy(() -> store.append("s", 5, List.of(new NewEvent("incident-reported", "{}", T0.plusSeconds(9), "desk")), Optional.empty()))
          .hasMessageContaining("0 leaves for 5 events");
      assertThat(LogVerifier.verify(db, List.of()).firstBreak()).get().satisfies(b -> assertThat(b.reason()).contains("has no leaf"));
      // The one change the database lets through is a missing leaf added in order, with nothing else of the row changed.
      String leaf = "leaf_salt = '" + "1".repeat(32) + "', leaf_classification = 'public', leaf_hash = '" + "2".repeat(64) + "'";
      for (String attempt : List.of("UPDATE events SET " + leaf + " WHERE seq = 3", "UPDATE events SET payload = '{}', " + leaf + " WHERE seq = 1",
          "UPDATE events SET leaf_salt = '" + "1".repeat(32) + "' WHERE seq = 1")) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
          assertThatThrownBy(() -> s.executeUpdate(attempt)).as(attempt).isInstanceOf(java.sql.SQLException.class).message().contains("append-only");
        }
      }
      assertThat(store.addMissingLeaves(event -> event.seq() == 3 ? "restricted" : "public")).isEqualTo(5);
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeUpdate("UPDATE events SET " + leaf + " WHERE seq = 2")).isInstanceOf(java.sql.SQLException.class)
            .message().contains("append-only");
      }
      assertThat(store.addMissingLeaves(event -> "public")).isZero();
      TransparencyLog log = new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK);
      store.append("s", 5, List.of(new NewEvent("incident-reported", "{\"n\":6}", T0.plusSeconds(6), "desk")), Optional.empty());
      log.issue();
      assertThat(ChainVerifier.verify(db).intact()).isTrue();
      LogVerifier.Result result = LogVerifier.verify(db, kept(log), true);
      assertThat(result.firstBreak()).isEmpty();
      assertThat(result.checked()).isEqualTo(6);
    }
  }

  /**
   * A record written before each leaf moved into its event's row (migration V65), as the store wrote
   * it then: a leaf row per event beside it. The migration moves the leaves; the checkpoint signed
   * before still verifies, so do proofs of the old leaves, and later appends continue the same tree.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void leavesWrittenBeforeTheyMovedIntoTheEventRowsStillVerify(String kind) throws Exception {
    String url = migratedJustBefore(kind, "65");
    MemoryTree tree = new MemoryTree();
    List<byte[]> oldLeaves = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection(url);
        PreparedStatement event = c.prepareStatement("INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at,"
            + " recorded_at, actor, prev_hash, hash) VALUES (?, 's', ?, 'incident-reported', ?, ?, ?, 'desk', ?, ?)");
        PreparedStatement leaf = c.prepareStatement("INSERT INTO log_leaves (seq, salt, classification, leaf_hash) VALUES (?, ?, ?, ?)");
        PreparedStatement node = c.prepareStatement("INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)");
        PreparedStatement head = c.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
      String prev = "0".repeat(64);
      for (int n = 1; n <= 20; n++) {
        StoredEvent stored = chained(n, prev);
        String hash = stored.hash();
        bindEvent(event, stored);
        event.executeUpdate();
        byte[] salt = LogTree.salts(1)[0];
        String classification = n % 3 == 0 ? "restricted" : "public";
        byte[] leafHash = LogTree.leaf(stored, salt, classification).hash();
        leaf.setLong(1, n);
        leaf.setString(2, Hashes.hex(salt));
        leaf.setString(3, classification);
        leaf.setString(4, Hashes.hex(leafHash));
        leaf.executeUpdate();
        tree.append(leafHash);
        oldLeaves.add(leafHash);
        prev = hash;
      }
      node.setInt(1, 4);
      node.setLong(2, 0);
      node.setString(3, Hashes.hex(tree.node(4, 0)));
      node.executeUpdate();
      head.setLong(1, 20);
      head.setString(2, prev);
      head.executeUpdate();
    }
    try (Database db = Database.open(url)) {
      assertOldRecordStillVerifies(db, new Checkpoint(LOG_KEY.name(), 20, tree.root()), oldLeaves);
    }
  }

  /** Event {@code n} of stream "s" after the one whose hash is {@code prev}, as the store of any version chained it. */
  static StoredEvent chained(int n, String prev) {
    String payload = "{\"n\":" + n + "}";
    String hash = ChainHash.of(prev, n, "s", n, "incident-reported", payload, T0.plusSeconds(n).toString(), CLOCK.instant().toString(), "desk");
    return new StoredEvent(n, "s", n, "incident-reported", payload, T0.plusSeconds(n), CLOCK.instant(), "desk", prev, hash);
  }

  /** Binds the first seven parameters of an insert of the events' own columns (see the old layouts' inserts). */
  static void bindEvent(PreparedStatement event, StoredEvent stored) throws java.sql.SQLException {
    event.setLong(1, stored.seq());
    event.setLong(2, stored.streamVersion());
    event.setString(3, stored.payload());
    event.setString(4, stored.occurredAt().toString());
    event.setString(5, stored.recordedAt().toString());
    event.setString(6, stored.prevHash());
    event.setString(7, stored.hash());
  }

  /** Flyway's migrations applied to a fresh database up to the last one before {@code version}, whichever that is. */
  static String migratedJustBefore(String kind, String version) {
    String url = TestDatabases.freshUrl(kind);
    var flyway = org.flywaydb.core.Flyway.configure().dataSource(url, null, null)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + kind);
    String before = java.util.Arrays.stream(flyway.load().info().all()).map(m -> m.getVersion())
        .filter(v -> v.compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion(version)) < 0)
        .max(Comparable::compareTo).orElseThrow().getVersion();
    flyway.target(before).load().migrate();
    return url;
  }

  /**
   * After the migrations of {@code db}: the leaves are the old ones, the checkpoint signed before
   * still verifies and is the log's latest, the old leaves' proofs verify, and three appends continue
   * the same tree.
   */
  static void assertOldRecordStillVerifies(Database db, Checkpoint signedBefore, List<byte[]> oldLeaves) throws Exception {
    int count = oldLeaves.size();
    assertThat(leafHashes(db)).containsExactlyElementsOf(oldLeaves);
    LogVerifier.Result moved = LogVerifier.verify(db, List.of(signedBefore), true);
    assertThat(moved.firstBreak()).isEmpty();
    assertThat(moved.matched()).containsExactly(signedBefore);
    EventStore store = new EventStore(db, CLOCK, List.of());
    TransparencyLog log = new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK);
    assertThat(Checkpoint.parse(log.latest().text()).root()).isEqualTo(signedBefore.root());
    for (int i = 0; i < count; i++) {
      assertThat(Proofs.inclusion(i, count, oldLeaves.get(i), log.inclusion(i, count), signedBefore.root())).as("old leaf %d", i).isTrue();
    }
    for (int n = count + 1; n <= count + 3; n++) {
      store.append("s", n - 1, List.of(new NewEvent("incident-reported", "{\"n\":" + n + "}", T0.plusSeconds(n), "desk")), Optional.empty());
    }
    Checkpoint after = log.issue();
    assertThat(Proofs.consistency(count, count + 3, log.consistency(count, count + 3), signedBefore.root(), after.root())).isTrue();
    MemoryTree independent = new MemoryTree();
    leafHashes(db).forEach(independent::append);
    assertThat(after.root()).isEqualTo(independent.root());
    assertThat(ChainVerifier.verify(db).intact()).isTrue();
    LogVerifier.Result result = LogVerifier.verify(db, List.of(signedBefore, after), true);
    assertThat(result.firstBreak()).isEmpty();
    assertThat(result.checked()).isEqualTo(count + 3);
  }

  /**
   * A record written while the leaves and nodes were hex text (migrations V65 to V89), as the store
   * wrote it then, with a stored subtree of 64 leaves: V90 turns them into bytes; the checkpoint
   * signed before still verifies, its root is read back through the converted node, the old leaves'
   * proofs verify, and later appends continue the same tree.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void hexLeavesAndNodesWrittenBeforeTheyBecameBytesStillVerify(String kind) throws Exception {
    String url = migratedJustBefore(kind, "90");
    int count = 70;
    MemoryTree tree = new MemoryTree();
    List<byte[]> oldLeaves = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection(url);
        PreparedStatement event = c.prepareStatement("INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at,"
            + " recorded_at, actor, prev_hash, hash, leaf_salt, leaf_classification, leaf_hash)"
            + " VALUES (?, 's', ?, 'incident-reported', ?, ?, ?, 'desk', ?, ?, ?, ?, ?)");
        PreparedStatement node = c.prepareStatement("INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)");
        PreparedStatement head = c.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
      String prev = "0".repeat(64);
      for (int n = 1; n <= count; n++) {
        StoredEvent stored = chained(n, prev);
        String hash = stored.hash();
        byte[] salt = LogTree.salts(1)[0];
        String classification = n % 3 == 0 ? "restricted" : "public";
        byte[] leafHash = LogTree.leaf(stored, salt, classification).hash();
        bindEvent(event, stored);
        event.setString(8, Hashes.hex(salt));
        event.setString(9, classification);
        event.setString(10, Hashes.hex(leafHash));
        event.executeUpdate();
        tree.append(leafHash);
        oldLeaves.add(leafHash);
        prev = hash;
      }
      node.setInt(1, 6);
      node.setLong(2, 0);
      node.setString(3, Hashes.hex(tree.node(6, 0)));
      node.executeUpdate();
      head.setLong(1, count);
      head.setString(2, prev);
      head.executeUpdate();
    }
    try (Database db = Database.open(url)) {
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT hash FROM log_nodes WHERE level = 6 AND idx = 0")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBytes(1)).isEqualTo(tree.node(6, 0));
      }
      // The latest checkpoint's root is read through that converted node.
      assertOldRecordStillVerifies(db, new Checkpoint(LOG_KEY.name(), count, tree.root()), oldLeaves);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theDatabaseRefusesRewritesOfTheRecord(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      fill(db);
      List<String> attempts = new ArrayList<>(List.of(
          "UPDATE events SET payload = '{}' WHERE seq = 3",
          "DELETE FROM events WHERE seq = 7",
          "UPDATE chain_head SET seq = 5",
          "DELETE FROM chain_head",
          "INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at, recorded_at, actor, prev_hash, hash)"
              + " VALUES (20, 'x', 1, 't', '{}', '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z', 'a', 'p', 'h')",
          // The leaf in the event's row is as fixed as the rest of it: no reclassifying, no new salt, no removing it.
          "UPDATE events SET leaf_classification = 'public' WHERE seq = 3",
          "UPDATE events SET leaf_salt = '00000000000000000000000000000000' WHERE seq = 3",
          "UPDATE events SET leaf_salt = NULL, leaf_classification = NULL, leaf_hash = NULL WHERE seq = 2",
          "UPDATE log_checkpoints SET note = 'x'",
          "DELETE FROM log_checkpoints"));
      if (kind.equals("sqlite")) {
        attempts.add("INSERT OR REPLACE INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at, recorded_at, actor,"
            + " prev_hash, hash) SELECT seq, stream_id, stream_version, event_type, '{\"n\":99}', occurred_at, recorded_at, actor, prev_hash, hash"
            + " FROM events WHERE seq = 3");
        attempts.add("INSERT OR REPLACE INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at, recorded_at, actor,"
            + " prev_hash, hash, leaf_salt, leaf_classification, leaf_hash) SELECT seq, stream_id, stream_version, event_type, payload,"
            + " occurred_at, recorded_at, actor, prev_hash, hash, leaf_salt, 'public', leaf_hash FROM events WHERE seq = 3");
      } else {
        attempts.add("TRUNCATE events");
        attempts.add("TRUNCATE chain_head");
        attempts.add("TRUNCATE log_nodes");
      }
      for (String attempt : attempts) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
          assertThatThrownBy(() -> s.executeUpdate(attempt)).as(attempt).isInstanceOf(java.sql.SQLException.class)
              .message().containsAnyOf("append-only", "chain head", "kept as issued", "one chain head");
        }
      }
      assertThat(ChainVerifier.verify(db).intact()).isTrue();
      assertThat(new EventStore(db, CLOCK, List.of()).head().seq()).isEqualTo(7);
    }
  }

  /** Turns the guards off, as the owner of the tables can. */
  public static void disableGuards(Database db, String kind) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      if (kind.equals("sqlite")) {
        List<String> triggers = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")) {
          while (rs.next()) {
            triggers.add(rs.getString(1));
          }
        }
        for (String trigger : triggers) {
          s.executeUpdate("DROP TRIGGER " + trigger);
        }
      } else {
        for (String table : List.of("events", "chain_head", "log_nodes", "log_checkpoints")) {
          s.executeUpdate("ALTER TABLE " + table + " DISABLE TRIGGER ALL");
        }
      }
    }
  }

  /**
   * The attack that passed before: event 4 rewritten, every later chain hash and the head
   * recomputed. With {@code tree}, the attacker recomputes the stored leaves and tree as well.
   */
  static void rewriteEvent4(Database db, String kind, boolean tree) throws Exception {
    disableGuards(db, kind);
    List<StoredEvent> original = new EventStore(db, CLOCK, List.of()).read(1, 100);
    List<StoredEvent> events = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      String prev = null;
      for (StoredEvent e : original) {
        String payload = e.seq() == 4 ? "{\"n\":44}" : e.payload();
        String before = prev == null ? e.prevHash() : prev;
        String hash = ChainHash.of(before, e.seq(), e.streamId(), e.streamVersion(), e.type(), payload, e.occurredAt().toString(),
            e.recordedAt().toString(), e.actor());
        try (PreparedStatement ps = c.prepareStatement("UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
          ps.setString(1, payload);
          ps.setString(2, before);
          ps.setString(3, hash);
          ps.setLong(4, e.seq());
          ps.executeUpdate();
        }
        prev = hash;
        events.add(new StoredEvent(e.seq(), e.streamId(), e.streamVersion(), e.type(), payload, e.occurredAt(), e.recordedAt(), e.actor(),
            before, hash));
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE chain_head SET hash = ? WHERE id = 1")) {
        ps.setString(1, prev);
        ps.executeUpdate();
      }
      c.commit();
      if (tree) {
        List<byte[]> salts = new ArrayList<>();
        List<String> classifications = new ArrayList<>();
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT leaf_salt, leaf_classification FROM events ORDER BY seq")) {
          while (rs.next()) {
            salts.add(rs.getBytes(1));
            classifications.add(rs.getString(2));
          }
        }
        try (Statement s = c.createStatement()) {
          s.executeUpdate("DELETE FROM log_nodes");
        }
        List<StoredEvent> rewritten = new ArrayList<>(events);
        // The attacker recomputes every leaf in the events' rows, with the same salts and
        // classifications, and rebuilds the whole tree.
        MemoryTree rebuilt = new MemoryTree();
        try (PreparedStatement leaf = c.prepareStatement("UPDATE events SET leaf_hash = ? WHERE seq = ?")) {
          for (int i = 0; i < rewritten.size(); i++) {
            byte[] hash = LogTree.leaf(rewritten.get(i), salts.get(i), classifications.get(i)).hash();
            rebuilt.append(hash);
            leaf.setBytes(1, hash);
            leaf.setLong(2, i + 1);
            leaf.executeUpdate();
          }
        }
        try (PreparedStatement node = c.prepareStatement("INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)")) {
          for (int level = 0; (1L << level) <= rewritten.size(); level++) {
            for (long index = 0; (index + 1) << level <= rewritten.size(); index++) {
              node.setInt(1, level);
              node.setLong(2, index);
              node.setBytes(3, rebuilt.node(level, index));
              node.executeUpdate();
            }
          }
        }
        c.commit();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRewriteWithEveryHashRecomputedFailsAgainstEarlierCheckpointsNamingTheEvent(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = fill(db);
      List<Checkpoint> kept = kept(log);
      Checkpoint seventh = kept.getLast();
      rewriteEvent4(db, kind, false);
      // The chain alone is fooled: this is the attack that passed before the log.
      assertThat(ChainVerifier.verify(db).intact()).isTrue();
      // The stored tree still holds the original leaves: one checkpoint names the event.
      LogVerifier.Result one = LogVerifier.verify(db, List.of(seventh));
      assertThat(one.firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(4);
        assertThat(b.reason()).contains("checkpoint 7");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRewriteOfTheTreeTooIsPinnedByTheKeptCheckpoints(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = fill(db);
      List<Checkpoint> kept = kept(log);
      rewriteEvent4(db, kind, true);
      assertThat(ChainVerifier.verify(db).intact()).isTrue();
      // With one checkpoint only, the attacker's own tree gives nothing: the range is named.
      assertThat(LogVerifier.verify(db, List.of(kept.getLast())).firstBreak()).get()
          .satisfies(b -> assertThat(b.reason()).contains("events 1 to 7"));
      // With the checkpoints the log kept (signed: the writer cannot forge them), the event itself.
      assertThat(LogVerifier.verify(db, kept).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(4);
        assertThat(b.reason()).contains("checkpoint 4", "checkpoint 3 still matches");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aTailRemovedWithTheHeadMovedBackIsNamed(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = fill(db);
      List<Checkpoint> kept = kept(log);
      disableGuards(db, kind);
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        // The leaves of events 6 and 7 go with their rows.
        s.executeUpdate("DELETE FROM events WHERE seq >= 6");
        s.executeUpdate("UPDATE chain_head SET seq = 5, hash = (SELECT hash FROM events WHERE seq = 5)");
      }
      assertThat(ChainVerifier.verify(db).intact()).isTrue();
      assertThat(LogVerifier.verify(db, List.of(kept.getLast())).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(6);
        assertThat(b.reason()).contains("events 6 to 7 were removed");
      });
      // With every checkpoint the log kept, the whole range still: the largest says how far the record went.
      assertThat(LogVerifier.verify(db, kept).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(6);
        assertThat(b.reason()).contains("checkpoint of size 7", "events 6 to 7 were removed");
      });
    }
  }

  /**
   * The service signs roots and serves proofs from the stored subtrees, not from the events: a
   * subtree changed in the database (events and leaves left alone) makes it serve a proof that does
   * not verify, and verify names the subtree; so it does when one is removed.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aStoredSubtreeAlteredOrRemovedIsNamed(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = new EventStore(db, CLOCK, List.of());
      TransparencyLog log = new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK);
      store.append("s", 0, numbered(0, 130), Optional.empty());
      Checkpoint signed = log.issue();
      List<byte[]> leaves = leafHashes(db);
      assertThat(Proofs.inclusion(0, 130, leaves.getFirst(), log.inclusion(0, 130), signed.root())).isTrue();
      assertThat(LogVerifier.verify(db, List.of(signed), true).firstBreak()).isEmpty();
      disableGuards(db, kind);
      try (Connection c = db.dataSource().getConnection();
          PreparedStatement ps = c.prepareStatement("UPDATE log_nodes SET hash = ? WHERE level = 6 AND idx = 1")) {
        ps.setBytes(1, new byte[32]);
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      assertThat(Proofs.inclusion(0, 130, leaves.getFirst(), log.inclusion(0, 130), signed.root())).isFalse();
      assertThat(LogVerifier.verify(db, List.of(signed), true).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(65);
        assertThat(b.reason()).contains("the stored subtree of events 65 to 128 (level 6, index 1) does not match their leaves");
      });
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM log_nodes WHERE level = 6 AND idx = 0");
      }
      assertThat(LogVerifier.verify(db, List.of(signed), true).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(1);
        assertThat(b.reason()).contains("the stored subtree of events 1 to 64 (level 6, index 0) is missing");
      });
    }
  }

  /**
   * A writer of the database without the log's key rewrites event 4 with every later hash and the
   * whole tree recomputed, and the record grows: the log does not sign the rewritten tree (its key
   * would then stand under two histories), and a service started over it refuses to start.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void theLogSignsNoTreeThatNoLongerGivesItsLatestRoot(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = fill(db);
      rewriteEvent4(db, kind, true);
      EventStore store = new EventStore(db, CLOCK, List.of());
      assertThatThrownBy(log::issue).isInstanceOf(RecordAltered.class)
          .hasMessageContaining("no longer gives the root the log signed for its checkpoint of size 7");
      store.append("s1", store.streamVersion("s1"), List.of(new NewEvent("incident-reported", "{\"n\":8}", T0.plusSeconds(8), "desk")),
          Optional.empty());
      assertThatThrownBy(log::issue).isInstanceOf(RecordAltered.class);
      assertThat(log.stored(8)).isEmpty();
      assertThat(Checkpoint.parse(log.latest().text()).size()).isEqualTo(7);
      assertThatThrownBy(() -> new TransparencyLog(store, LOG_KEY, List.of(), 0, CLOCK)).isInstanceOf(RecordAltered.class)
          .hasMessageContaining("checkpoint of size 7");
      // Removing the checkpoints from the rewrite on does not make the running log forget what it signed.
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM log_checkpoints WHERE size >= 4");
      }
      assertThatThrownBy(log::issue).isInstanceOf(RecordAltered.class).hasMessageContaining("checkpoint of size 7");
      assertThat(log.stored(8)).isEmpty();
    }
  }

  /**
   * The tail removed with the head moved back (a rollback), then grown again with other events: the
   * log refuses to sign at every step, and a service does not start over the rolled-back record.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void theLogSignsNothingOverARolledBackRecord(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = fill(db);
      disableGuards(db, kind);
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM events WHERE seq >= 6");
        s.executeUpdate("UPDATE chain_head SET seq = 5, hash = (SELECT hash FROM events WHERE seq = 5)");
      }
      assertThatThrownBy(() -> new TransparencyLog(new EventStore(db, CLOCK, List.of()), LOG_KEY, List.of(), 0, CLOCK))
          .isInstanceOf(RecordAltered.class).hasMessageContaining("holds 5 leaves", "events 6 to 7 were removed");
      EventStore store = new EventStore(db, CLOCK, List.of());
      for (int n = 6; n <= 9; n++) {
        store.append("other", store.streamVersion("other"), List.of(new NewEvent("incident-reported", "{\"other\":" + n + "}",
            T0.plusSeconds(n), "desk")), Optional.empty());
        assertThatThrownBy(log::issue).as("size %d", n).isInstanceOf(RecordAltered.class);
      }
      assertThat(store.treeSize()).isEqualTo(9);
      assertThat(log.stored(8)).isEmpty();
      assertThat(log.stored(9)).isEmpty();
    }
  }

  /** A checkpoint row that names the log's key with a signature it did not make stops the start, naming the row as the fault. */
  @ParameterizedTest
  @MethodSource("kinds")
  void aForgedCheckpointRowIsNamedAsWrittenOutsideTheService(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = fill(db);
      Note seventh = log.stored(7).orElseThrow();
      Checkpoint larger = new Checkpoint(LOG_KEY.name(), 8, Checkpoint.parse(seventh.text()).root());
      Note.Signature copied = seventh.signatures().getFirst();
      String forged = new Note(larger.text(), List.of(copied)).format();
      try (Connection c = db.dataSource().getConnection();
          PreparedStatement ps = c.prepareStatement("INSERT INTO log_checkpoints (size, root, note, issued_at) VALUES (8, ?, ?, ?)")) {
        ps.setString(1, Hashes.hex(larger.root()));
        ps.setString(2, forged);
        ps.setString(3, CLOCK.instant().toString());
        ps.executeUpdate();
      }
      assertThatThrownBy(() -> new TransparencyLog(new EventStore(db, CLOCK, List.of()), LOG_KEY, List.of(), 0, CLOCK))
          .isInstanceOf(RecordAltered.class).hasMessageContaining("size 8", "written or changed outside the service");
      assertThatThrownBy(log::issue).isInstanceOf(RecordAltered.class).hasMessageContaining("written outside the service");
    }
  }

  /**
   * A forged event appended the way the service appends (the next sequence number, the right previous
   * hash, the head moved, its leaf and tree nodes added): the guards cannot tell it from an append,
   * but no checkpoint the log signed covers it.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aForgedAppendWithTheHeadMovedIsNotCoveredByAnySignedCheckpoint(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      TransparencyLog log = fill(db);
      List<Checkpoint> kept = kept(log);
      // Through an EventStore of its own: the same SQL the service runs, without the service's signing.
      new EventStore(db, CLOCK, List.of()).append("forged", 0, List.of(new NewEvent("incident-reported", "{\"forged\":true}",
          T0.plusSeconds(100), "desk")), Optional.empty());
      assertThat(ChainVerifier.verify(db).intact()).isTrue();
      assertThat(LogVerifier.verify(db, kept).intact()).isTrue();
      assertThat(LogVerifier.verify(db, kept, true).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(8);
        assertThat(b.reason()).contains("not covered by any checkpoint the log signed");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRowAppendedAfterTheEndIsNamedAsSuch(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      fill(db);
      disableGuards(db, kind);
      StoredEvent last = new EventStore(db, CLOCK, List.of()).read(7, 1).getFirst();
      String hash = ChainHash.of(last.hash(), 8, "forged", 1, last.type(), last.payload(), last.occurredAt().toString(),
          last.recordedAt().toString(), last.actor());
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at, recorded_at, actor, prev_hash, hash)"
            + " SELECT 8, 'forged', 1, event_type, payload, occurred_at, recorded_at, actor, hash, '" + hash + "' FROM events WHERE seq = 7");
      }
      assertThat(ChainVerifier.verify(db).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(8);
        assertThat(b.reason()).contains("appended outside the service");
      });
      assertThat(LogVerifier.verify(db, List.of()).firstBreak()).get().satisfies(b -> {
        assertThat(b.seq()).isEqualTo(8);
        assertThat(b.reason()).contains("no leaf");
      });
    }
  }
}

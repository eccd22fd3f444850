package dev.compact.store;

import dev.compact.store.EventStore.ChainHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The appends of one transaction ({@link EventStore#inBatch}), with the chain head locked; used by one
 * thread. What the batch needs to know between its appends it keeps in memory instead of reading it
 * again for each one: the head, how many leaves the tree holds, each stream's version (taken from
 * {@link StreamVersions} when no other writer moved the head since this store's last commit), and
 * the tree's right edge. The head is written once, when the batch ends.
 *
 * <p>When the batch holds its writes ({@link WriteBehind}), an append makes no round trip of its own
 * in the common case: its rows are sent with every other append's at the end, one JDBC batch per
 * table. A write refused in Java (a version conflict, a reused key, the engine) drops what it held;
 * should that not be possible, or should the database refuse a held row, {@link #mustRetry} tells the
 * store to roll the whole batch back and write it again with a savepoint per write.
 */
public final class AppendBatch {
  private final EventStore store;
  private final Connection real;
  private final WriteBehind held;
  private final Connection connection;
  private final long firstSeq;
  private ChainHead head;
  /** Leaves in the tree as this batch stands: -1 until read, the head's seq when this store's last commit left it so. */
  private long treeSize;
  /** Stream versions this batch learnt or changed. */
  private Map<String, Long> versions = new HashMap<>();
  /** The tree's right edge after this batch's last append that stands. */
  private LogTree.Edge edge;
  private boolean mustRetry;

  AppendBatch(EventStore store, Connection real, ChainHead head, LogTree.Edge committedEdge, boolean hold) {
    this.store = store;
    this.real = real;
    this.held = hold ? new WriteBehind(real) : null;
    this.connection = hold ? held.connection() : real;
    this.firstSeq = head.seq();
    this.head = head;
    this.edge = committedEdge;
    // An edge of the head's size was made when this store's own append of the head's event stood,
    // every leaf written; the record is append-only, so a query of the tree's size would say the same.
    this.treeSize = !store.transparencyLog() ? head.seq() : committedEdge.size() == head.seq() ? head.seq() : -1;
  }

  /** The batch's connection: reads on it see the batch's appends so far. */
  public Connection connection() {
    return connection;
  }

  /** The chain head as this batch's appends have left it so far. */
  public ChainHead head() {
    return head;
  }

  /**
   * Runs {@code work} as one write of the batch: if it fails, what it wrote is undone, the batch goes
   * on and the failure is thrown as a single append's would be.
   */
  public <T> T attempt(EventStore.Work<T> work) {
    ChainHead headBefore = head;
    long treeBefore = treeSize;
    LogTree.Edge edgeBefore = edge;
    Map<String, Long> versionsBefore = new HashMap<>(versions);
    WriteBehind.Mark mark = held != null ? held.mark() : null;
    Savepoint savepoint = null;
    try {
      if (held == null) {
        savepoint = real.setSavepoint();
      }
      T result = work.run(connection);
      if (savepoint != null) {
        real.releaseSavepoint(savepoint);
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      head = headBefore;
      treeSize = treeBefore;
      edge = edgeBefore;
      versions = versionsBefore;
      if (held != null) {
        mustRetry |= held.failed() || !held.undo(mark);
      } else if (savepoint != null) {
        try {
          real.rollback(savepoint);
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
      }
      throw e instanceof SQLException sql ? EventStore.translate(sql) : (RuntimeException) e;
    }
  }

  /** {@link EventStore#append(String, OptionalLong, EventStore.Preparation, Optional)}, as the batch's next append. */
  public EventStore.AppendResult append(String streamId, OptionalLong expectedVersion, EventStore.Preparation preparation,
      Optional<String> idempotencyKey) throws SQLException {
    for (Projection projection : store.projections()) {
      projection.beforeAppend(connection, head.seq());
    }
    List<NewEvent> events = preparation.events(connection);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("nothing to append");
    }
    String requestHash = RequestHash.of(streamId, events);
    if (idempotencyKey.isPresent()) {
      Optional<List<StoredEvent>> previous = RequestHash.previous(connection, idempotencyKey.get(), requestHash);
      if (previous.isPresent()) {
        return new EventStore.AppendResult.Replayed(previous.get());
      }
    }
    preparation.check(connection, events);
    if (treeSize < 0) {
      treeSize = LogTree.size(connection);
    }
    if (treeSize != head.seq()) {
      throw new StoreException("the transparency log has " + treeSize + " leaves for " + head.seq()
          + " events; start the service once so that it adds the missing leaves, or run compact verify", null);
    }
    long actual = streamVersion(streamId);
    if (expectedVersion.isPresent() && actual != expectedVersion.getAsLong()) {
      throw new ConcurrencyConflict(streamId, expectedVersion.getAsLong(), actual);
    }
    List<StoredEvent> stored = insert(streamId, actual, events);
    versions.put(streamId, stored.getLast().streamVersion());
    head = new ChainHead(stored.getLast().seq(), stored.getLast().hash());
    if (store.transparencyLog()) {
      treeSize = head.seq();
    }
    if (idempotencyKey.isPresent()) {
      try (PreparedStatement key = connection.prepareStatement(
          "INSERT INTO idempotency_keys (idempotency_key, request_hash, first_seq, last_seq) VALUES (?, ?, ?, ?)")) {
        key.setString(1, idempotencyKey.get());
        key.setString(2, requestHash);
        key.setLong(3, stored.getFirst().seq());
        key.setLong(4, head.seq());
        key.executeUpdate();
      }
    }
    for (StoredEvent event : stored) {
      for (Projection projection : store.projections()) {
        projection.apply(connection, event);
      }
    }
    return new EventStore.AppendResult.Appended(List.copyOf(stored));
  }

  /** The events a first request with this key recorded, read in the batch (see {@link EventStore#recorded}). */
  public Optional<List<StoredEvent>> recorded(String idempotencyKey, String streamId, List<NewEvent> events) throws SQLException {
    return RequestHash.previous(connection, idempotencyKey, RequestHash.of(streamId, events));
  }

  private static final String INSERT = "INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at, recorded_at,"
      + " actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_WITH_LEAF = "INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at,"
      + " recorded_at, actor, prev_hash, hash, leaf_salt, leaf_classification, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The first and the largest chunk of rows a large insert executes at once on SQLite (see {@link #insert}). */
  private static final int FIRST_CHUNK = 32;
  private static final int LAST_CHUNK = 512;

  /** Writes the events, hash-chained after the head, and their leaves; returns them as stored. */
  private List<StoredEvent> insert(String streamId, long version, List<NewEvent> events) throws SQLException {
    boolean tree = store.transparencyLog();
    // recordedAt is the store's clock: when the record learnt of the event, not when it happened.
    Instant recordedInstant = store.clock().instant();
    String recordedAt = recordedInstant.toString();
    List<StoredEvent> stored = new ArrayList<>();
    long seq = head.seq();
    String prev = head.hash();
    // Each event's leaf goes into its own row: a row of its own per leaf cost a third of a batch. A
    // large insert's leaves are hashed beside this loop, which takes each as it binds its row.
    LeafHashing hashing = tree ? LeafHashing.start(seq, streamId, version, recordedAt, events, LogTree.edgeAt(connection, seq, edge)) : null;
    // SQLite binds and writes a JDBC batch's rows when it is executed, in this thread. Executed in
    // growing chunks, the rows are written while the hashing thread works ahead, so that the leaves
    // are ready when their rows are bound instead of the two threads keeping step leaf by leaf (the
    // chaining of a row takes about as long as the hashing of its leaf). PostgreSQL writes in its own
    // process, and each execution would be a round trip of its own: there the rows go in one.
    int chunk = hashing != null && hashing.beside() && store.writesInProcess() ? FIRST_CHUNK : Integer.MAX_VALUE;
    int pending = 0;
    try (PreparedStatement insert = connection.prepareStatement(tree ? INSERT_WITH_LEAF : INSERT)) {
      for (int i = 0; i < events.size(); i++) {
        NewEvent event = events.get(i);
        seq++;
        version++;
        String occurredAt = event.occurredAt().toString();
        String hash = ChainHash.of(prev, seq, streamId, version, event.type(), event.payload(), occurredAt, recordedAt, event.actor());
        insert.setLong(1, seq);
        insert.setString(2, streamId);
        insert.setLong(3, version);
        insert.setString(4, event.type());
        insert.setString(5, event.payload());
        insert.setString(6, occurredAt);
        insert.setString(7, recordedAt);
        insert.setString(8, event.actor());
        insert.setString(9, prev);
        insert.setString(10, hash);
        if (tree) {
          // The leaf first: the salt is known once its leaf is.
          byte[] leaf = hashing.leaf(i);
          insert.setBytes(11, hashing.salt(i));
          insert.setString(12, event.classification());
          insert.setBytes(13, leaf);
        }
        insert.addBatch();
        if (++pending == chunk && i + 1 < events.size()) {
          insert.executeBatch();
          pending = 0;
          chunk = Math.min(2 * chunk, LAST_CHUNK);
        }
        stored.add(new StoredEvent(seq, streamId, version, event.type(), event.payload(), event.occurredAt(), recordedInstant, event.actor(),
            prev, hash));
        prev = hash;
      }
      insert.executeBatch();
    }
    if (tree) {
      edge = LogTree.store(connection, hashing.growth());
    }
    return stored;
  }

  /** The stream's version as this batch stands: remembered, or read once. */
  private long streamVersion(String streamId) throws SQLException {
    Long known = versions.get(streamId);
    if (known == null) {
      OptionalLong remembered = store.versions().get(firstSeq, streamId);
      known = remembered.isPresent() ? remembered.getAsLong() : EventStore.streamVersion(connection, streamId);
      versions.put(streamId, known);
    }
    return known;
  }

  /** True when a write could not be undone alone: the store rolls the batch back and writes it again, a savepoint per write. */
  boolean mustRetry() {
    return mustRetry || (held != null && held.failed());
  }

  /** Writes the head where the batch's appends left it and sends what is held: the batch is ready to commit. */
  void finish() throws SQLException {
    if (head.seq() != firstSeq) {
      try (PreparedStatement update = connection.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
        update.setLong(1, head.seq());
        update.setString(2, head.hash());
        update.executeUpdate();
      }
    }
    if (held != null) {
      held.flush();
    }
  }

  /** After the commit: what this batch leaves for the next one to know without reading. */
  void committed() {
    if (head.seq() != firstSeq || !versions.isEmpty()) {
      store.versions().committed(firstSeq, head.seq(), versions);
    }
    if (head.seq() != firstSeq && edge != null && edge.size() == head.seq()) {
      store.committedEdge(edge);
    }
  }
}

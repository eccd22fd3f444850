package dev.compact.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The append-only event log. Appends are serialised by locking the chain head, checked against the
 * stream's expected version, hash-chained, and projected into read models, all in one transaction:
 * either everything is written or nothing is.
 */
public final class EventStore {
  private final Database database;
  private final Clock clock;
  private final List<Projection> projections;

  private final boolean transparencyLog;
  /** The tree's right edge after this store's last committed append (see {@link LogTree.Edge}). */
  private volatile LogTree.Edge edge = LogTree.Edge.NONE;

  public EventStore(Database database, Clock clock, List<Projection> projections) {
    this(database, clock, projections, true);
  }

  /**
   * With {@code transparencyLog} false, appends write no leaves nor tree: only {@code compact bench
   * log} does that, on a database of its own, to measure what the tree costs beside what it does not.
   */
  public EventStore(Database database, Clock clock, List<Projection> projections, boolean transparencyLog) {
    this.database = database;
    this.clock = clock;
    this.projections = List.copyOf(projections);
    this.transparencyLog = transparencyLog;
  }

  /** What an append did: recorded new events, or recognised a retry and returned the first result. */
  public sealed interface AppendResult {
    List<StoredEvent> events();

    record Appended(List<StoredEvent> events) implements AppendResult {}

    record Replayed(List<StoredEvent> events) implements AppendResult {}
  }

  /**
   * Appends events to a stream whose current version must be {@code expectedVersion} (0 for a new
   * stream). With an idempotency key, a retry of the same request returns the events recorded the
   * first time instead of recording them again.
   */
  public AppendResult append(String streamId, long expectedVersion, List<NewEvent> events, Optional<String> idempotencyKey) {
    return append(streamId, java.util.OptionalLong.of(expectedVersion), connection -> events, idempotencyKey);
  }

  /**
   * What to append, decided with the chain head locked and the projections caught up with every
   * other writer: the caller stamps the time and checks the events against the record as it stands
   * at that moment, so that no other write can come between its checks and its append.
   */
  public interface Preparation {
    /** The events to append (at least one), built on the locked head. */
    List<NewEvent> events(Connection connection) throws SQLException;

    /** Last checks, made only when the request is not a retry that an idempotency key recognised. */
    default void check(Connection connection, List<NewEvent> events) throws SQLException {}
  }

  /**
   * Appends what {@code preparation} builds once the head is locked. An empty {@code expectedVersion}
   * appends after whatever the stream holds at that moment, so writers that did not say which version
   * they saw never conflict with each other.
   */
  public AppendResult append(String streamId, java.util.OptionalLong expectedVersion, Preparation preparation,
      Optional<String> idempotencyKey) {
    return inBatch(batch -> batch.append(streamId, expectedVersion, preparation, idempotencyKey));
  }

  /**
   * Several appends in one transaction, committed together: one commit and one sync of the disk for
   * all of them. The chain head is locked first, for the whole batch, so the appends are the next
   * events of the log in the order {@code work} makes them, and no other writer (of this or another
   * instance) comes between them. Each runs in a savepoint of its own ({@link Batch#attempt}), so
   * that one that fails leaves the others. Nothing is visible to anyone before the commit; if the
   * commit fails, nothing of the batch was written.
   */
  public <T> T inBatch(BatchWork<T> work) {
    Batch[] opened = {null};
    T result = inTransaction(connection -> {
      lockHead(connection);
      opened[0] = new Batch(connection);
      return work.run(opened[0]);
    });
    if (opened[0].edge != null) {
      // Only once committed: a rolled-back append's edge is not the tree's.
      edge = opened[0].edge;
    }
    return result;
  }

  /** Work on one batch of appends. */
  public interface BatchWork<T> {
    T run(Batch batch) throws SQLException;
  }

  /** The appends of one transaction (see {@link #inBatch}); used by one thread. */
  public final class Batch {
    private final Connection connection;
    /** The tree's right edge after this batch's last append that stands. */
    private LogTree.Edge edge;

    private Batch(Connection connection) {
      this.connection = connection;
    }

    /** The batch's connection: reads on it see the batch's appends so far. */
    public Connection connection() {
      return connection;
    }

    /**
     * Runs {@code work} in a savepoint: if it fails, what it wrote is undone, the batch goes on and
     * the failure is thrown as a single append's would be.
     */
    public <T> T attempt(Work<T> work) {
      LogTree.Edge before = edge;
      java.sql.Savepoint savepoint;
      try {
        savepoint = connection.setSavepoint();
      } catch (SQLException e) {
        throw translate(e);
      }
      try {
        T result = work.run(connection);
        connection.releaseSavepoint(savepoint);
        return result;
      } catch (SQLException | RuntimeException e) {
        edge = before;
        try {
          connection.rollback(savepoint);
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e instanceof SQLException sql ? translate(sql) : (RuntimeException) e;
      }
    }

    /** {@link EventStore#append(String, java.util.OptionalLong, Preparation, Optional)}, as the batch's next append. */
    public AppendResult append(String streamId, java.util.OptionalLong expectedVersion, Preparation preparation,
        Optional<String> idempotencyKey) throws SQLException {
      return appendOn(this, streamId, expectedVersion, preparation, idempotencyKey);
    }

    /** The events a first request with this key recorded, read in the batch (see {@link EventStore#recorded}). */
    public Optional<List<StoredEvent>> recorded(String idempotencyKey, String streamId, List<NewEvent> events) throws SQLException {
      return previous(connection, idempotencyKey, requestHash(streamId, events));
    }
  }

  private AppendResult appendOn(Batch batch, String streamId, java.util.OptionalLong expectedVersion, Preparation preparation,
      Optional<String> idempotencyKey) throws SQLException {
    Connection connection = batch.connection;
    // The batch locked the head before its first append.
    ChainHead head = readHead(connection);
    for (Projection projection : projections) {
      projection.beforeAppend(connection, head.seq());
    }
    List<NewEvent> events = preparation.events(connection);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("nothing to append");
    }
    if (idempotencyKey.isPresent()) {
      Optional<List<StoredEvent>> previous = previous(connection, idempotencyKey.get(), requestHash(streamId, events));
      if (previous.isPresent()) {
        return new AppendResult.Replayed(previous.get());
      }
    }
    preparation.check(connection, events);
    LogTree.Edge known = batch.edge != null ? batch.edge : edge;
    // An edge of the head's size was made when this store's own append of the head's event stood,
    // every leaf written; the record is append-only, so the query would say the same.
    long treeSize = !transparencyLog ? head.seq() : known.size() == head.seq() ? known.size() : LogTree.size(connection);
    if (treeSize != head.seq()) {
      throw new StoreException("the transparency log has " + treeSize + " leaves for " + head.seq()
          + " events; start the service once so that it adds the missing leaves, or run compact verify", null);
    }
    long actual = streamVersion(connection, streamId);
    if (expectedVersion.isPresent() && actual != expectedVersion.getAsLong()) {
      throw new ConcurrencyConflict(streamId, expectedVersion.getAsLong(), actual);
    }
    String requestHash = requestHash(streamId, events);
    // recordedAt is the store's clock: when the record learnt of the event, not when it happened.
    Instant recordedInstant = clock.instant();
    String recordedAt = recordedInstant.toString();
    List<StoredEvent> stored = new ArrayList<>();
    long seq = head.seq();
    String prev = head.hash();
    // Each event's leaf goes into its own row: a row of its own per leaf cost a third of a batch.
    byte[][] salts = transparencyLog ? LogTree.salts(events.size()) : null;
    dev.compact.transparency.Hasher hasher = transparencyLog ? new dev.compact.transparency.Hasher() : null;
    byte[][] leaves = new byte[events.size()][];
    try (PreparedStatement insert = connection.prepareStatement(transparencyLog ? INSERT_WITH_LEAF : INSERT)) {
      long version = actual;
      for (int i = 0; i < events.size(); i++) {
        NewEvent event = events.get(i);
        seq++;
        version++;
        String occurredAt = event.occurredAt().toString();
        String hash = ChainHash.of(prev, seq, streamId, version, event.type(), event.payload(), occurredAt, recordedAt, event.actor());
        StoredEvent written = new StoredEvent(seq, streamId, version, event.type(), event.payload(), event.occurredAt(),
            recordedInstant, event.actor(), prev, hash);
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
        if (transparencyLog) {
          leaves[i] = LogTree.leafHash(hasher, seq, streamId, version, event.type(), event.payload(), occurredAt, recordedAt, event.actor(), salts[i],
              event.classification());
          insert.setBytes(11, salts[i]);
          insert.setString(12, event.classification());
          insert.setBytes(13, leaves[i]);
        }
        insert.addBatch();
        stored.add(written);
        prev = hash;
      }
      insert.executeBatch();
    }
    if (transparencyLog) {
      batch.edge = LogTree.addNodes(connection, head.seq(), leaves, hasher, known);
    }
    try (PreparedStatement update = connection.prepareStatement("UPDATE chain_head SET seq = ?, hash = ? WHERE id = 1")) {
      update.setLong(1, seq);
      update.setString(2, prev);
      update.executeUpdate();
    }
    if (idempotencyKey.isPresent()) {
      try (PreparedStatement key = connection.prepareStatement(
          "INSERT INTO idempotency_keys (idempotency_key, request_hash, first_seq, last_seq) VALUES (?, ?, ?, ?)")) {
        key.setString(1, idempotencyKey.get());
        key.setString(2, requestHash);
        key.setLong(3, stored.getFirst().seq());
        key.setLong(4, seq);
        key.executeUpdate();
      }
    }
    for (StoredEvent event : stored) {
      for (Projection projection : projections) {
        projection.apply(connection, event);
      }
    }
    return new AppendResult.Appended(List.copyOf(stored));
  }

  private static final String INSERT = "INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at, recorded_at,"
      + " actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_WITH_LEAF = "INSERT INTO events (seq, stream_id, stream_version, event_type, payload, occurred_at,"
      + " recorded_at, actor, prev_hash, hash, leaf_salt, leaf_classification, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The events of the whole log from {@code fromSeq} on, in order, at most {@code limit}. */
  public List<StoredEvent> read(long fromSeq, int limit) {
    return inTransaction(connection -> select(connection,
        "SELECT * FROM events WHERE seq >= ? ORDER BY seq LIMIT ?", ps -> {
          ps.setLong(1, fromSeq);
          ps.setInt(2, limit);
        }));
  }

  /** The events of one stream, in order. */
  public List<StoredEvent> readStream(String streamId) {
    return inTransaction(connection -> select(connection,
        "SELECT * FROM events WHERE stream_id = ? ORDER BY stream_version", ps -> ps.setString(1, streamId)));
  }

  public long streamVersion(String streamId) {
    return inTransaction(connection -> streamVersion(connection, streamId));
  }

  /** The last sequence number and hash: what a verifier or a reader commits to. */
  public ChainHead head() {
    return inTransaction(connection -> {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT seq, hash FROM chain_head WHERE id = 1")) {
        rs.next();
        return new ChainHead(rs.getLong(1), rs.getString(2));
      }
    });
  }

  /** How many events have their leaf in the transparency log. */
  public long treeSize() {
    return inTransaction(LogTree::size);
  }

  /**
   * Adds the leaves of events recorded before the transparency log existed (or by a version that
   * did not write them), with the head locked: {@code classification} gives each one's.
   */
  public long addMissingLeaves(java.util.function.Function<StoredEvent, String> classification) {
    return inTransaction(connection -> {
      ChainHead head = lockHead(connection);
      long from = LogTree.size(connection);
      long added = 0;
      while (from < head.seq()) {
        long start = from;
        List<StoredEvent> page = select(connection, "SELECT * FROM events WHERE seq > ? AND seq <= ? ORDER BY seq", ps -> {
          ps.setLong(1, start);
          ps.setLong(2, Math.min(head.seq(), start + 1000));
        });
        if (page.isEmpty()) {
          break;
        }
        LogTree.addLeaves(connection, page, page.stream().map(classification).toList());
        added += page.size();
        from = page.getLast().seq();
      }
      return added;
    });
  }

  /** Runs a read of the log's tree (roots, proofs) in one transaction, so that it sees one state. */
  public <T> T readTree(Work<T> work) {
    return inTransaction(work);
  }

  /** Empties every read model and replays the whole log into them, in one transaction. */
  public long rebuild() {
    return inTransaction(connection -> {
      lockHead(connection);
      for (Projection projection : projections) {
        projection.reset(connection);
      }
      long count = 0;
      long from = 1;
      while (true) {
        long start = from;
        List<StoredEvent> page = select(connection, "SELECT * FROM events WHERE seq >= ? ORDER BY seq LIMIT 1000", ps -> ps.setLong(1, start));
        for (StoredEvent event : page) {
          for (Projection projection : projections) {
            projection.apply(connection, event);
          }
          count++;
          from = event.seq() + 1;
        }
        if (page.size() < 1000) {
          return count;
        }
      }
    });
  }

  /** The last link of the chain. */
  public record ChainHead(long seq, String hash) {}

  private ChainHead lockHead(Connection connection) throws SQLException {
    String sql = database.dialect() == Database.Dialect.POSTGRESQL
        ? "SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE"
        : "SELECT seq, hash FROM chain_head WHERE id = 1";
    if (database.dialect() == Database.Dialect.SQLITE) {
      // Take SQLite's write lock now, not at the first insert, so that reads and writes agree.
      try (Statement s = connection.createStatement()) {
        s.executeUpdate("UPDATE chain_head SET seq = seq WHERE id = 1");
      }
    }
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return new ChainHead(rs.getLong(1), rs.getString(2));
    }
  }

  private static ChainHead readHead(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT seq, hash FROM chain_head WHERE id = 1")) {
      rs.next();
      return new ChainHead(rs.getLong(1), rs.getString(2));
    }
  }

  private static long streamVersion(Connection connection, String streamId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT MAX(stream_version) FROM events WHERE stream_id = ?")) {
      ps.setString(1, streamId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * The events a first request with this key recorded, if there was one and it was the same request
   * (a different one is an {@link IdempotencyMismatch}): lets a retry be answered before anything
   * that depends on time or the stream's version is checked.
   */
  public Optional<List<StoredEvent>> recorded(String idempotencyKey, String streamId, List<NewEvent> events) {
    return inTransaction(connection -> previous(connection, idempotencyKey, requestHash(streamId, events)));
  }

  private Optional<List<StoredEvent>> previous(Connection connection, String key, String requestHash) throws SQLException {
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
        return Optional.of(select(connection, "SELECT * FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq", s -> {
          s.setLong(1, first);
          s.setLong(2, last);
        }));
      }
    }
  }

  /**
   * What makes two requests the same: stream, actor and what the events say. Not the time an event
   * occurred nor the stream version expected: a retry sent later, without a time of its own, is
   * stamped later and finds the stream already moved on by its own first attempt.
   */
  private static String requestHash(String streamId, List<NewEvent> events) {
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

  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Events after {@code afterSeq} up to {@code toSeq}, read on the caller's connection (and so its transaction). */
  public static List<StoredEvent> between(Connection connection, long afterSeq, long toSeq) throws SQLException {
    return select(connection, "SELECT * FROM events WHERE seq > ? AND seq <= ? ORDER BY seq", ps -> {
      ps.setLong(1, afterSeq);
      ps.setLong(2, toSeq);
    });
  }

  static List<StoredEvent> select(Connection connection, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<StoredEvent> events = new ArrayList<>();
        while (rs.next()) {
          events.add(new StoredEvent(rs.getLong("seq"), rs.getString("stream_id"), rs.getLong("stream_version"),
              rs.getString("event_type"), rs.getString("payload"), Instant.parse(rs.getString("occurred_at")),
              Instant.parse(rs.getString("recorded_at")), rs.getString("actor"), rs.getString("prev_hash"), rs.getString("hash")));
        }
        return events;
      }
    }
  }

  /** Work on one connection, in one transaction. */
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private static RuntimeException translate(SQLException e) {
    if ("22001".equals(e.getSQLState())) {
      return new ValueTooLong();
    }
    if (isUniqueViolation(e)) {
      // Either two instances raced past the version check, or a read model refuses a duplicate
      // (a second signature by the same party over the same version): nothing was written.
      return new Duplicate("the record already holds this: " + e.getMessage());
    }
    return new StoreException("the event store failed: " + e.getMessage(), e);
  }

  private static boolean isUniqueViolation(SQLException e) {
    String state = e.getSQLState();
    return "23505".equals(state) || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"));
  }
}

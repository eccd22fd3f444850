package dev.compact.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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

  /** The name of the thread that hashes the leaves of large appends beside their inserts (see {@link LeafHashing}). */
  public static final String HASHING_THREAD = LeafHashing.THREAD_NAME;

  private final boolean transparencyLog;
  /** The tree's right edge after this store's last committed append (see {@link LogTree.Edge}). */
  private volatile LogTree.Edge edge = LogTree.Edge.NONE;
  private final StreamVersions versions = new StreamVersions();

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
   * instance) comes between them. Each runs in a savepoint of its own ({@link AppendBatch#attempt}), so
   * that one that fails leaves the others. Nothing is visible to anyone before the commit; if the
   * commit fails, nothing of the batch was written.
   */
  public <T> T inBatch(BatchWork<T> work) {
    return runBatch(work, false);
  }

  /**
   * As {@link #inBatch(BatchWork)}, with the batch's writes held and sent together when it ends
   * ({@link WriteBehind}): a round trip per table for the whole batch instead of several per append.
   * A write that fails in Java drops what it held, at no cost. Should the database refuse a held
   * row, or a write fail after some of its rows were sent, the batch is rolled back, {@code undone}
   * is told (so that whatever the caller built on the batch goes back to the committed log), and
   * {@code work} runs again with a savepoint per write, so that only the write at fault fails. So
   * {@code work} must be one that can run twice, and each of its writes is answered only after the
   * run that commits.
   */
  public <T> T inBatch(BatchWork<T> work, Runnable undone) {
    try {
      return runBatch(work, true);
    } catch (Undone e) {
      undone.run();
      return runBatch(work, false);
    }
  }

  /** The held batch could not stand as it was: nothing of it was written. */
  private static final class Undone extends RuntimeException {
    Undone() {
      super("the batch is written again write by write", null, false, false);
    }
  }

  private <T> T runBatch(BatchWork<T> work, boolean hold) {
    AppendBatch[] opened = {null};
    T result = inTransaction(connection -> {
      opened[0] = new AppendBatch(this, connection, lockHead(connection), edge, hold);
      try {
        T done = work.run(opened[0]);
        if (opened[0].mustRetry()) {
          throw new Undone();
        }
        opened[0].finish();
        return done;
      } catch (SQLException | RuntimeException e) {
        if (hold && opened[0].mustRetry()) {
          throw new Undone();
        }
        throw e;
      }
    });
    // Only once committed: a rolled-back batch's versions and edge are not the log's.
    opened[0].committed();
    return result;
  }

  /** Work on one batch of appends. */
  public interface BatchWork<T> {
    T run(AppendBatch batch) throws SQLException;
  }

  List<Projection> projections() {
    return projections;
  }

  Clock clock() {
    return clock;
  }

  boolean transparencyLog() {
    return transparencyLog;
  }

  /** True when the database writes in this process, as SQLite does: a statement's work is then this thread's, not a round trip. */
  boolean writesInProcess() {
    return database.dialect() == Database.Dialect.SQLITE;
  }

  StreamVersions versions() {
    return versions;
  }

  void committedEdge(LogTree.Edge edge) {
    this.edge = edge;
  }

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
      return replay(connection, connection, Long.MAX_VALUE, projections);
    });
  }

  /**
   * Applies the events of {@code source} up to {@code toSeq}, in order, to {@code projections} writing on
   * {@code target}: the fold of a rebuild (one connection) and of {@code compact verify --read-models}, which
   * folds the record under audit into a scratch database to compare what the two hold.
   */
  public static long replay(Connection source, Connection target, long toSeq, List<Projection> projections) throws SQLException {
    long count = 0;
    long after = 0;
    while (true) {
      long start = after;
      // Pages by count, not by range: a gap in the sequence (a deleted event) must not end the fold.
      List<StoredEvent> page = select(source, "SELECT * FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT 1000", ps -> {
        ps.setLong(1, start);
        ps.setLong(2, toSeq);
      });
      for (StoredEvent event : page) {
        for (Projection projection : projections) {
          projection.apply(target, event);
        }
        count++;
        after = event.seq();
      }
      if (page.size() < 1000) {
        return count;
      }
    }
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

  static long streamVersion(Connection connection, String streamId) throws SQLException {
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
    return inTransaction(connection -> RequestHash.previous(connection, idempotencyKey, RequestHash.of(streamId, events)));
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

  static RuntimeException translate(SQLException e) {
    if ("22001".equals(e.getSQLState())) {
      return new ValueTooLong();
    }
    if (Sql.isUniqueViolation(e)) {
      // Either two instances raced past the version check, or a read model refuses a duplicate
      // (a second signature by the same party over the same version): nothing was written.
      return new Duplicate("the record already holds this: " + e.getMessage());
    }
    return new StoreException("the event store failed: " + e.getMessage(), e);
  }

}

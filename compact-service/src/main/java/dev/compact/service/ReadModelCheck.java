package dev.compact.service;

import dev.compact.engine.Engine;
import dev.compact.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the read models a database holds (what the API and the pages show: obligation states,
 * transitions, incidents, consultations, the support ledger, versions, keys, signatures) with what
 * the log gives. The log is folded by the service's own projection ({@link EngineProjection}, as
 * {@code compact rebuild} does) into a scratch SQLite database, then every row of each table is
 * compared, column by column, with the row of the same key in the database under audit. The
 * database is only read, in one transaction, so a service appending meanwhile is neither blocked
 * nor seen half-way.
 */
public final class ReadModelCheck {
  private ReadModelCheck() {}

  /** A read-model table and the columns that name a row. */
  record Table(String name, List<String> key) {}

  /** Every read model the projection writes; {@link EngineProjection#reset} empties these. */
  static final List<Table> TABLES = List.of(
      new Table("norm_instances", List.of("instance_key")),
      new Table("norm_transitions", List.of("store_seq", "position")),
      new Table("incidents", List.of("incident_id")),
      new Table("consultations", List.of("consultation_id")),
      new Table("support", List.of("store_seq")),
      new Table("agreement_versions", List.of("version_hash")),
      new Table("party_keys", List.of("party")),
      new Table("signatures", List.of("store_seq")));

  /**
   * One row that differs: {@code column} is empty when the whole row is missing from one side
   * ({@code stored} or {@code recomputed} is then empty too).
   */
  public record Difference(String table, String key, Optional<String> column, Optional<String> stored, Optional<String> recomputed) {
    public String describe() {
      if (column.isPresent()) {
        return table + " " + key + ": " + column.get() + " is " + quoted(stored) + " in the database, the log gives " + quoted(recomputed);
      }
      return table + " " + key + (stored.isPresent() ? ": the database has this row, the log gives no such row"
          : ": the log gives this row, the database does not have it");
    }

    private static String quoted(Optional<String> value) {
      return value.map(v -> "'" + (v.length() > 120 ? v.substring(0, 120) + "..." : v) + "'").orElse("null");
    }
  }

  /**
   * The outcome: events folded, rows compared, the first differences (at most the limit asked) and
   * how many in all; {@code texts} is the event that recorded the agreement texts the fold applied,
   * empty when the log records none (nothing then shows that the compact given is the one applied).
   */
  public record Result(long events, long rows, List<Difference> differences, long differing, Optional<Long> texts) {
    public boolean matches() {
      return differing == 0;
    }
  }

  /**
   * Thrown, before anything is folded, when the compact's agreement texts are not those the log last
   * recorded ({@link AppliedTexts}): its rules would recompute other states and find them matching
   * whatever the read models hold.
   */
  public static final class OtherTexts extends RuntimeException {
    private final long recordedAt;
    private final List<String> differences;

    OtherTexts(long recordedAt, List<String> differences) {
      super("the agreement texts are not those the log last recorded (event " + recordedAt + "): " + String.join("; ", differences));
      this.recordedAt = recordedAt;
      this.differences = List.copyOf(differences);
    }

    /** The event that recorded the texts the service applied. */
    public long recordedAt() {
      return recordedAt;
    }

    /** One line per agreement whose text differs. */
    public List<String> differences() {
      return differences;
    }
  }

  /** Thrown when the log cannot be folded at all (an event the engine of this compact refuses). */
  public static final class Unfoldable extends RuntimeException {
    Unfoldable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Folds the log of {@code database} with {@code engine}'s rules and compares; reports at most {@code limit} differences. */
  public static Result check(Database database, Engine engine, int limit) {
    Path scratch;
    try {
      scratch = Files.createTempFile("compact-verify-", ".db");
    } catch (IOException e) {
      throw new dev.compact.store.StoreException("cannot create a scratch database: " + e.getMessage(), e);
    }
    try (Database recomputed = Database.open(scratch.toString());
        Connection source = database.dataSource().getConnection();
        Connection target = recomputed.dataSource().getConnection()) {
      source.setAutoCommit(false);
      if (database.dialect() == Database.Dialect.POSTGRESQL) {
        source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        source.setReadOnly(true);
      }
      target.setAutoCommit(false);
      try {
        Optional<AppliedTexts.Recorded> recorded = lastTexts(source);
        AppliedTexts.TextsApplied applied = AppliedTexts.of(engine.compact());
        if (recorded.isPresent() && !AppliedTexts.same(recorded, applied)) {
          throw new OtherTexts(recorded.get().seq(), AppliedTexts.differences(recorded.get().texts(), applied));
        }
        EngineProjection projection = new EngineProjection(engine, recomputed, Clock.systemUTC(), new EventCodec(),
            new ClassificationPolicy(engine.compact()), new ChangeFeed(), () -> null);
        long events;
        try {
          events = projection.rebuildInto(source, target, Long.MAX_VALUE);
        } catch (RuntimeException e) {
          throw new Unfoldable("the log cannot be folded with this compact's rules: " + e.getMessage(), e);
        }
        List<Difference> differences = new ArrayList<>();
        long[] counts = new long[2];
        for (Table table : TABLES) {
          compare(table, source, target, limit, differences, counts);
        }
        return new Result(events, counts[0], List.copyOf(differences), counts[1], recorded.map(AppliedTexts.Recorded::seq));
      } finally {
        source.rollback();
        target.rollback();
      }
    } catch (SQLException e) {
      throw new dev.compact.store.StoreException("cannot compare the read models: " + e.getMessage(), e);
    } finally {
      for (String suffix : List.of("", "-wal", "-shm")) {
        try {
          Files.deleteIfExists(Path.of(scratch + suffix));
        } catch (IOException ignored) {
          // A scratch file left in the temporary folder holds nothing the database does not.
        }
      }
    }
  }

  /** The texts the log last recorded, read in the check's own transaction. */
  private static Optional<AppliedTexts.Recorded> lastTexts(Connection source) throws SQLException {
    try (java.sql.PreparedStatement select = source.prepareStatement(
        "SELECT seq, payload FROM events WHERE stream_id = ? ORDER BY seq DESC LIMIT 1")) {
      select.setString(1, AppliedTexts.STREAM);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(new AppliedTexts.Recorded(rs.getLong(1),
            new EventCodec().read(rs.getString(2), AppliedTexts.TextsApplied.class))) : Optional.empty();
      }
    }
  }

  /** Adds the table's differences; {@code counts} is rows compared and differences found. */
  private static void compare(Table table, Connection stored, Connection recomputed, int limit, List<Difference> out, long[] counts)
      throws SQLException {
    String order = String.join(", ", table.key());
    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    try (Statement s = recomputed.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table.name() + " ORDER BY " + order)) {
      while (rs.next()) {
        Map<String, String> row = row(rs);
        expected.put(key(table, row), row);
      }
    }
    try (Statement s = stored.createStatement()) {
      s.setFetchSize(1000);
      try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.name() + " ORDER BY " + order)) {
        while (rs.next()) {
          counts[0]++;
          Map<String, String> row = row(rs);
          String key = key(table, row);
          Map<String, String> want = expected.remove(key);
          if (want == null) {
            add(out, limit, counts, new Difference(table.name(), key, Optional.empty(), Optional.of("row"), Optional.empty()));
            continue;
          }
          for (Map.Entry<String, String> column : want.entrySet()) {
            String have = row.get(column.getKey());
            if (!Objects.equals(have, column.getValue())) {
              add(out, limit, counts, new Difference(table.name(), key, Optional.of(column.getKey()), Optional.ofNullable(have),
                  Optional.ofNullable(column.getValue())));
              break;
            }
          }
        }
      }
    }
    for (String key : expected.keySet()) {
      add(out, limit, counts, new Difference(table.name(), key, Optional.empty(), Optional.empty(), Optional.of("row")));
    }
  }

  private static void add(List<Difference> out, int limit, long[] counts, Difference difference) {
    counts[1]++;
    if (out.size() < limit) {
      out.add(difference);
    }
  }

  /** A row as text, column names in lower case: SQLite and PostgreSQL give numbers as different classes. */
  private static Map<String, String> row(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object value = rs.getObject(i);
      row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value == null ? null
          : value instanceof Number n && !(value instanceof java.math.BigDecimal) ? Long.toString(n.longValue()) : value.toString());
    }
    return row;
  }

  private static String key(Table table, Map<String, String> row) {
    List<String> parts = new ArrayList<>();
    for (String column : table.key()) {
      parts.add(column + "=" + row.get(column));
    }
    return String.join(", ", parts);
  }
}

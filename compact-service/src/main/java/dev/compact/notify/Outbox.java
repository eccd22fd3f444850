package dev.compact.notify;

import dev.compact.access.Clearance;
import dev.compact.service.ChangeFeed;
import dev.compact.service.RecordService;
import dev.compact.store.Database;
import dev.compact.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifications outbox: every norm transition, written in the transaction of the append that
 * caused it (a crash between the commit and the notification loses nothing), and read by every
 * instance, so that each streams every instance's writes. Appends are serialised by the chain head,
 * so entries commit in {@code seq} order: a reader that has read up to {@code seq} n never later
 * finds a smaller one.
 */
@Component
public class Outbox {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Database database;
  private final java.time.Clock wall;

  @org.springframework.beans.factory.annotation.Autowired
  public Outbox(RecordService record) {
    this(record, java.time.Clock.systemUTC());
  }

  /** {@code wall} dates the entries for their retention: the real time, never a test clock. */
  public Outbox(RecordService record, java.time.Clock wall) {
    this.database = record.database();
    this.wall = wall;
    record.onChangesInTransaction(this::write);
  }

  /**
   * One transition as the outbox holds it: {@code seq} in the order of all transitions;
   * {@code publicSeq} and {@code restrictedSeq} its number among those a public or a restricted
   * reader may see (empty if it may not); the classification and obligor that decide who hears of
   * it; and the transition as JSON.
   */
  public record Entry(long seq, Optional<Long> publicSeq, Optional<Long> restrictedSeq, String classification, String obligor, String body) {
    /** Whether a reader with this clearance may see it. */
    public boolean visibleTo(Clearance clearance) {
      return clearance.visible().contains(classification);
    }

    /** Its position as a reader with this clearance counts, which counts only what that reader may see. */
    public Cursor cursor(Clearance clearance) {
      return switch (clearance) {
        case PUBLIC -> new Cursor(clearance, publicSeq.orElseThrow());
        case RESTRICTED -> new Cursor(clearance, restrictedSeq.orElseThrow());
        case SECRET -> new Cursor(clearance, seq);
      };
    }
  }

  /**
   * A reader's position: the number of transitions it has seen at its clearance. Shown as
   * {@code p12}, {@code r40} or {@code s57}; its gaps are none, so it counts nothing the reader may
   * not see.
   */
  public record Cursor(Clearance clearance, long position) {
    public static Optional<Cursor> parse(String text) {
      if (text == null || !text.matches("[prs][0-9]{1,18}")) {
        return Optional.empty();
      }
      Clearance clearance = switch (text.charAt(0)) {
        case 'p' -> Clearance.PUBLIC;
        case 'r' -> Clearance.RESTRICTED;
        default -> Clearance.SECRET;
      };
      return Optional.of(new Cursor(clearance, Long.parseLong(text.substring(1))));
    }

    @Override
    public String toString() {
      return switch (clearance) {
        case PUBLIC -> "p";
        case RESTRICTED -> "r";
        case SECRET -> "s";
      } + position;
    }
  }

  /** Writes one event's transitions, inside its append's transaction (the chain head is locked). */
  void write(Connection connection, List<ChangeFeed.Change> changes) throws SQLException {
    long seq;
    long publicSeq;
    long restrictedSeq;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(seq), MAX(public_seq), MAX(restricted_seq) FROM notify_outbox")) {
      rs.next();
      seq = rs.getLong(1);
      publicSeq = rs.getLong(2);
      restrictedSeq = rs.getLong(3);
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO notify_outbox (seq, public_seq, restricted_seq, store_seq, classification, obligor, body, created_millis)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      long now = wall.millis();
      for (ChangeFeed.Change change : changes) {
        String level = change.classification();
        insert.setLong(1, ++seq);
        setOrNull(insert, 2, level.equals("public") ? ++publicSeq : null);
        setOrNull(insert, 3, Clearance.RESTRICTED.visible().contains(level) ? ++restrictedSeq : null);
        insert.setLong(4, change.storeSeq());
        insert.setString(5, level);
        insert.setString(6, change.transition().instance().obligor().value());
        insert.setString(7, JSON.writeValueAsString(view(change)));
        insert.setLong(8, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    OutboxSignal.notify(connection, database.dialect());
  }

  private static void setOrNull(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, java.sql.Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  /**
   * One transition as readers receive it: what changed, when, why, and where the instance stands
   * now. Without the log's sequence number, whose gaps would count the classified events between.
   */
  static Map<String, Object> view(ChangeFeed.Change change) {
    var t = change.transition();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("instance", t.instance().key());
    view.put("obligor", t.instance().obligor().value());
    view.put("agreement", t.instance().agreement());
    view.put("at", t.at().toString());
    view.put("from", t.from().map(s -> s.keyword()).orElse("new"));
    view.put("to", t.to().keyword());
    // The cause as the record describes it (events named by time): a position in the fold counts hidden events.
    view.put("cause", change.cause());
    view.put("due", change.instance() == null ? "" : change.instance().due().map(Object::toString).orElse(""));
    return view;
  }

  /** The last entry's {@code seq}, 0 if there is none. */
  public long head() {
    try (Connection connection = database.dataSource().getConnection(); Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM notify_outbox")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  /** Up to {@code limit} entries after {@code seq}, in order. */
  public List<Entry> after(long seq, int limit) {
    return select("SELECT seq, public_seq, restricted_seq, classification, obligor, body FROM notify_outbox WHERE seq > ? ORDER BY seq LIMIT ?",
        seq, limit);
  }

  /**
   * Up to {@code limit} entries after {@code seq} and up to {@code through}, that a reader with this
   * clearance may see, in order.
   */
  public List<Entry> visibleAfter(Clearance clearance, long seq, long through, int limit) {
    String where = switch (clearance) {
      case PUBLIC -> " AND public_seq IS NOT NULL";
      case RESTRICTED -> " AND restricted_seq IS NOT NULL";
      case SECRET -> "";
    };
    return select("SELECT seq, public_seq, restricted_seq, classification, obligor, body FROM notify_outbox WHERE seq > ? AND seq <= ?" + where
        + " ORDER BY seq LIMIT ?", seq, through, limit);
  }

  /** Where a reader that last received {@code cursor} resumes. */
  public sealed interface Resume {
    /** After the entry with this {@code seq} (0: from the first): nothing it may see is missing. */
    record After(long seq) implements Resume {}

    /** Entries after the cursor were pruned: the reader must read the state again; {@code oldest} is the first still held. */
    record Pruned(Cursor oldest) implements Resume {}

    /** No entry has that number yet: a cursor from another record, or one made up. */
    record Unknown() implements Resume {}
  }

  /**
   * Where a reader resumes after {@code cursor}. Positions at one clearance are numbered without
   * gaps, so entries after the cursor are missing (pruned) exactly when fewer are held than the
   * numbers between the cursor and the newest.
   */
  public Resume resume(Cursor cursor) {
    String column = column(cursor.clearance());
    long p = cursor.position();
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement ps = connection.prepareStatement(
        "SELECT MAX(" + column + "), COUNT(CASE WHEN " + column + " > ? THEN 1 END), MIN(CASE WHEN " + column + " > ? THEN seq END),"
            + " MIN(CASE WHEN " + column + " > ? THEN " + column + " END), MAX(CASE WHEN " + column + " = ? THEN seq END) FROM notify_outbox")) {
      for (int i = 1; i <= 4; i++) {
        ps.setLong(i, p);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long max = rs.getLong(1);
        if (rs.wasNull() || p > max) {
          return p == 0 ? new Resume.After(0) : new Resume.Unknown();
        }
        long held = rs.getLong(2);
        long firstSeqAfter = rs.getLong(3);
        long firstAfter = rs.getLong(4);
        if (held < max - p) {
          return new Resume.Pruned(new Cursor(cursor.clearance(), firstAfter));
        }
        return p == max ? new Resume.After(rs.getLong(5)) : new Resume.After(firstSeqAfter - 1);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  /** The cursor a reader with this clearance stands at once it has seen every entry up to {@code seq}. */
  public Cursor cursorAt(Clearance clearance, long seq) {
    String column = column(clearance);
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement ps = connection.prepareStatement("SELECT MAX(" + column + ") FROM notify_outbox WHERE seq <= ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Cursor(clearance, rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  private static String column(Clearance clearance) {
    return switch (clearance) {
      case PUBLIC -> "public_seq";
      case RESTRICTED -> "restricted_seq";
      case SECRET -> "seq";
    };
  }

  /**
   * Deletes the entries written before {@code cutoff} (epoch milliseconds, wall clock), and those
   * older still that predate the entries' times, except the newest at each clearance, which numbers
   * the next entries. Every instance's stream has long read them (it polls every fraction of a
   * second); webhook deliveries keep their own copy. A reader that resumes from before what is left
   * is told to read the state again ({@link Resume.Pruned}). Returns how many were deleted.
   */
  public int prune(long cutoff) {
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement ps = connection.prepareStatement(
        "DELETE FROM notify_outbox WHERE seq <= (SELECT MAX(seq) FROM notify_outbox WHERE created_millis < ?)"
            + " AND seq < (SELECT MAX(seq) FROM notify_outbox)"
            + " AND (public_seq IS NULL OR public_seq < (SELECT MAX(public_seq) FROM notify_outbox))"
            + " AND (restricted_seq IS NULL OR restricted_seq < (SELECT MAX(restricted_seq) FROM notify_outbox))")) {
      ps.setLong(1, cutoff);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot prune the outbox: " + e.getMessage(), e);
    }
  }

  private List<Entry> select(String sql, long... args) {
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setLong(i + 1, args[i]);
      }
      List<Entry> entries = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(new Entry(rs.getLong(1), optional(rs, 2), optional(rs, 3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new StoreException("cannot read the outbox: " + e.getMessage(), e);
    }
  }

  private static Optional<Long> optional(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }
}

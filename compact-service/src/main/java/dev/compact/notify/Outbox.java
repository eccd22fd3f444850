package dev.compact.notify;

import dev.compact.access.Clearance;
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

  public Outbox(RecordService record) {
    this.database = record.database();
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
  void write(Connection connection, List<RecordService.Change> changes) throws SQLException {
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
        "INSERT INTO notify_outbox (seq, public_seq, restricted_seq, store_seq, classification, obligor, body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (RecordService.Change change : changes) {
        String level = change.classification();
        insert.setLong(1, ++seq);
        setOrNull(insert, 2, level.equals("public") ? ++publicSeq : null);
        setOrNull(insert, 3, Clearance.RESTRICTED.visible().contains(level) ? ++restrictedSeq : null);
        insert.setLong(4, change.storeSeq());
        insert.setString(5, level);
        insert.setString(6, change.transition().instance().obligor().value());
        insert.setString(7, JSON.writeValueAsString(view(change)));
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
  static Map<String, Object> view(RecordService.Change change) {
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

  /**
   * The {@code seq} a cursor stands at: that of the entry it names (0 before the first). Empty if no
   * entry has that number yet (a cursor from another record, or one made up).
   */
  public Optional<Long> seqOf(Cursor cursor) {
    if (cursor.position() == 0) {
      return Optional.of(0L);
    }
    String column = switch (cursor.clearance()) {
      case PUBLIC -> "public_seq";
      case RESTRICTED -> "restricted_seq";
      case SECRET -> "seq";
    };
    List<Entry> found = select("SELECT seq, public_seq, restricted_seq, classification, obligor, body FROM notify_outbox WHERE " + column
        + " = ? LIMIT ?", cursor.position(), 1);
    return found.stream().findFirst().map(Entry::seq);
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

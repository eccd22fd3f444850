package dev.compact.sanctionsregister;

import dev.compact.agreements.Classification;
import dev.compact.engine.Event;
import dev.compact.packages.Register;
import dev.compact.service.RecordReads;
import dev.compact.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packages the record holds, as the public sees them. The log is the only copy: the register is
 * folded from the events of the {@code sanctions-*} streams, incrementally (each read folds only the
 * events recorded since the last), so it needs no table of its own and a rebuild has nothing to
 * redo. Classified sanctions acts, which the API does not let anyone write today, would be left out.
 */
public final class PackageRegister {
  private final RecordReads record;
  private final Register register = new Register();
  private long folded;

  public PackageRegister(RecordReads record) {
    this.record = record;
  }

  /** Every package, in the order the record first named them. */
  public List<Register.Entry> packages() {
    long head = head();
    synchronized (this) {
      catchUp(head);
      return register.packages();
    }
  }

  public Optional<Register.Entry> get(String id) {
    long head = head();
    synchronized (this) {
      catchUp(head);
      return register.get(id);
    }
  }

  /** The packages that designated entry {@code entry} of list source {@code list} ({@code ofac}, {@code eu}, ...). */
  public List<Register.Link> designating(String list, String entry) {
    long head = head();
    synchronized (this) {
      catchUp(head);
      return register.designating(list, entry);
    }
  }

  /** The same as references for an answer: what a hit or a diff entry names. */
  public List<PackageRef> refs(String list, String entry) {
    return asRefs(designating(list, entry));
  }

  /** An entry of a list, by list source keyword ({@code ofac}, {@code eu}, ...) and entry id, as a hit names it. */
  public record Listed(String list, String entry) {}

  /**
   * The references for each entry, in order, read after a single catch-up with the record: one screening answer
   * names the packages of up to a hundred hits, and catching up once per hit read the record that many times
   * (a query each, one thread at a time) for what one read gives.
   */
  public List<List<PackageRef>> refs(List<Listed> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    List<List<Register.Link>> links = new java.util.ArrayList<>(entries.size());
    long head = head();
    synchronized (this) {
      catchUp(head);
      for (Listed listed : entries) {
        links.add(register.designating(listed.list(), listed.entry()));
      }
    }
    return links.stream().map(this::asRefs).toList();
  }

  private List<PackageRef> asRefs(List<Register.Link> links) {
    if (links.isEmpty()) {
      return List.of();
    }
    LocalDate today = today();
    return links.stream().map(l -> {
      List<String> inForceFor = l.entry().inForceFor(l.designation(), today).stream().map(p -> p.value()).toList();
      return new PackageRef(l.entry().id(), l.entry().title(), l.entry().issuer().map(p -> p.value()).orElse(null), l.designation().id(),
          l.designation().state().keyword(), !inForceFor.isEmpty(), inForceFor,
          l.entry().liftedBy(l.designation()).stream().map(p -> p.value()).toList());
    }).toList();
  }

  /**
   * The list source keyword ({@code ofac}, {@code un}, {@code eu}, {@code uk}, {@code ftm}) of a list
   * by its name, for lists not read from a recorded version (the bundled ones); empty when unknown.
   */
  public static java.util.Optional<String> sourceOf(String listName) {
    String name = listName == null ? "" : listName.strip();
    return name.startsWith("OFAC") ? Optional.of("ofac") : name.startsWith("UN ") || name.startsWith("United Nations") ? Optional.of("un")
        : name.startsWith("EU ") ? Optional.of("eu") : name.startsWith("UK ") ? Optional.of("uk")
        : name.startsWith("FollowTheMoney") ? Optional.of("ftm") : Optional.empty();
  }

  /** The day on the service's clock (a test clock in tests): what "in force" is judged against. */
  public LocalDate today() {
    return LocalDate.ofInstant(record.clock().instant(), ZoneOffset.UTC);
  }

  /**
   * The log's head (its last sequence number): one indexed row, read on the readers' connections (SQLite's one writer
   * connection is for appends) and outside the register's lock, so that concurrent answers do not queue behind each
   * other's reads. Nearly always nothing was recorded since the last read, and this is all a screening answer reads.
   */
  private long head() {
    try (Connection connection = record.database().readDataSource().getConnection();
        ResultSet rs = heads.of(connection).executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new StoreException("cannot read the log's head: " + e.getMessage(), e);
    }
  }

  private final HeadStatements heads = new HeadStatements();

  /**
   * The head's query, prepared once per pooled connection rather than once per answer (every screening answer with
   * hits reads the head). A statement is kept by the driver's own connection, which the pool hands to one thread at a
   * time, so each is used by the thread that has borrowed its connection and by no other. It is prepared on the
   * driver's connection, not the pool's wrapper: the pool closes the statements made through its wrapper when the
   * connection goes back, and resets nothing a read with auto-commit leaves. Closing the result set resets the
   * statement, so it holds no read transaction between answers and each read sees the last commit. A connection the
   * pool has closed (retired after its lifetime, or broken) is dropped with its statement when the next new
   * connection comes.
   */
  private static final class HeadStatements {
    private final Map<Connection, PreparedStatement> prepared = new HashMap<>();

    PreparedStatement of(Connection pooled) throws SQLException {
      Connection driver = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
      synchronized (prepared) {
        PreparedStatement statement = prepared.get(driver);
        if (statement != null && !statement.isClosed()) {
          return statement;
        }
        prepared.keySet().removeIf(PackageRegister::closed);
        statement = driver.prepareStatement("SELECT seq FROM chain_head WHERE id = 1");
        prepared.put(driver, statement);
        return statement;
      }
    }
  }

  private static boolean closed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /**
   * Folds the sanctions events up to {@code head}, a head read before: every event up to it is committed (appends take
   * sequence numbers in order under the chain head's lock, and the head moves in the same transaction). Folding up to
   * the head, not up to the last sanctions event, keeps the next read from going over the other streams' events again.
   * A head older than what is folded already (read by a thread that then waited for the lock) changes nothing.
   */
  private void catchUp(long head) {
    if (head <= folded) {
      return;
    }
    try (Connection connection = record.database().readDataSource().getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT seq, event_type, payload, occurred_at, recorded_at, stream_id"
            + " FROM events WHERE seq > ? AND seq <= ? AND stream_id LIKE 'sanctions-%' ORDER BY seq")) {
      select.setLong(1, folded);
      select.setLong(2, head);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          String payload = rs.getString(3);
          Event event;
          try {
            event = record.codec().classification(payload) != Classification.PUBLIC ? null
                : record.codec().decode(rs.getString(2), payload, Instant.parse(rs.getString(4)), Instant.parse(rs.getString(5)));
          } catch (RuntimeException e) {
            // Folded no further: every later read meets the same event and is refused, rather than answered without it.
            throw new dev.compact.service.UnreadableEvent(seq, rs.getString(6), rs.getString(2), Instant.parse(rs.getString(5)), e);
          }
          if (event instanceof Event.SanctionsEvent sanctions) {
            register.apply(seq, sanctions);
          }
          folded = seq;
        }
      }
      folded = head;
    } catch (SQLException e) {
      throw new StoreException("cannot read the sanctions events: " + e.getMessage(), e);
    }
  }

}

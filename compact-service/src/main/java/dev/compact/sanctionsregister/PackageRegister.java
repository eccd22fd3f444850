package dev.compact.sanctionsregister;

import dev.compact.agreements.Classification;
import dev.compact.engine.Event;
import dev.compact.packages.Register;
import dev.compact.service.RecordService;
import dev.compact.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The packages the record holds, as the public sees them. The log is the only copy: the register is
 * folded from the events of the {@code sanctions-*} streams, incrementally (each read folds only the
 * events recorded since the last), so it needs no table of its own and a rebuild has nothing to
 * redo. Classified sanctions acts, which the API does not let anyone write today, would be left out.
 */
public final class PackageRegister {
  private final RecordService record;
  private final Register register = new Register();
  private long folded;

  public PackageRegister(RecordService record) {
    this.record = record;
  }

  /** Every package, in the order the record first named them. */
  public synchronized List<Register.Entry> packages() {
    catchUp();
    return register.packages();
  }

  public synchronized Optional<Register.Entry> get(String id) {
    catchUp();
    return register.get(id);
  }

  /** The packages that designated entry {@code entry} of list source {@code list} ({@code ofac}, {@code eu}, ...). */
  public synchronized List<Register.Link> designating(String list, String entry) {
    catchUp();
    return register.designating(list, entry);
  }

  /** The same as references for an answer: what a hit or a diff entry names. */
  public List<PackageRef> refs(String list, String entry) {
    return designating(list, entry).stream().map(l -> new PackageRef(l.entry().id(), l.entry().title(),
        l.entry().issuer().map(p -> p.value()).orElse(null), l.designation().id(), l.designation().state().keyword())).toList();
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

  private void catchUp() {
    try (Connection connection = record.database().dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT seq, event_type, payload, occurred_at, recorded_at FROM events"
            + " WHERE seq > ? AND stream_id LIKE 'sanctions-%' ORDER BY seq")) {
      select.setLong(1, folded);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          String payload = rs.getString(3);
          folded = seq;
          if (record.codec().classification(payload) != Classification.PUBLIC) {
            continue;
          }
          Event event = record.codec().decode(rs.getString(2), payload, Instant.parse(rs.getString(4)), Instant.parse(rs.getString(5)));
          if (event instanceof Event.SanctionsEvent sanctions) {
            register.apply(seq, sanctions);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the sanctions events: " + e.getMessage(), e);
    }
  }
}

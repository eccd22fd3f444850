package dev.compact.service;

import dev.compact.access.Clearance;
import dev.compact.consultations.ConsultationView;
import dev.compact.incidents.IncidentView;
import dev.compact.ledger.SupportView;
import dev.compact.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the read models as one reader may see them, as typed views ({@link NormView},
 * {@link IncidentView}, ...). Plain SQL that names its columns: each query is one table and a few
 * filters, and every query of a classified table keeps only the rows the reader's clearance allows,
 * so a page that forgets to ask shows the public record. Times are microseconds in BIGINT columns
 * ({@link Micros}), so lists sort in time order on both databases.
 */
public final class Queries {
  private final JdbcClient jdbc;
  private final Clearance clearance;

  /** The public view. */
  public Queries(Database database) {
    this(database, Clearance.PUBLIC);
  }

  public Queries(Database database, Clearance clearance) {
    this.jdbc = JdbcClient.create(database.readDataSource());
    this.clearance = clearance;
  }

  public Clearance clearance() {
    return clearance;
  }

  /** One page of a list: at most {@code limit} rows after skipping {@code offset}, in the list's order. */
  public record Page(int limit, int offset) {
    /** The whole list, for the dashboard's own pages and the calendar. */
    public static final Page ALL = new Page(Integer.MAX_VALUE, 0);

    private void append(StringBuilder sql, List<Object> args) {
      if (this != ALL) {
        sql.append(" LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
      }
    }
  }

  private static final String NORM_COLUMNS = "instance_key, agreement_id, clause_id, obligor, context, kind, action, state, activated_us,"
      + " due_us, deadline, progress, blocked_by, settled_us, last_seq, classification";

  private static final RowMapper<NormView> NORM = (rs, n) -> new NormView(rs.getString(1), rs.getString(2), rs.getString(3),
      rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), time(rs, 9).orElse(null),
      time(rs, 10).orElse(null), rs.getString(11), rs.getString(12), rs.getString(13), time(rs, 14).orElse(null), rs.getLong(15),
      rs.getString(16));

  /** Norm instances filtered by obligor, state, agreement, kinds and due time (all optional). */
  public List<NormView> norms(String party, String state, String agreement, List<String> kinds, java.time.Instant dueBefore) {
    return norms(party, state, agreement, kinds, dueBefore, Page.ALL);
  }

  /**
   * One page of norm instances; the order (soonest deadline first, those without one last, then key)
   * is total, so pages neither overlap nor skip.
   */
  public List<NormView> norms(String party, String state, String agreement, List<String> kinds, java.time.Instant dueBefore, Page page) {
    StringBuilder sql = new StringBuilder("SELECT " + NORM_COLUMNS + " FROM norm_instances WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    visible(sql, args, "classification");
    filter(sql, args, "obligor", party);
    filter(sql, args, "state", state);
    filter(sql, args, "agreement_id", agreement);
    if (!kinds.isEmpty()) {
      sql.append(" AND kind IN (").append(placeholders(kinds.size())).append(")");
      args.addAll(kinds);
    }
    if (dueBefore != null) {
      sql.append(" AND due_us < ?");
      args.add(Micros.of(dueBefore));
    }
    sql.append(" ORDER BY CASE WHEN due_us IS NULL THEN 1 ELSE 0 END, due_us, instance_key");
    page.append(sql, args);
    return list(sql, args, NORM).stream().map(v -> showsSequence() ? v : v.withoutSequence()).toList();
  }

  public Optional<NormView> norm(String key) {
    StringBuilder sql = new StringBuilder("SELECT " + NORM_COLUMNS + " FROM norm_instances WHERE instance_key = ?");
    List<Object> args = new ArrayList<>(List.of(key));
    visible(sql, args, "classification");
    return list(sql, args, NORM).stream().findFirst().map(v -> showsSequence() ? v : v.withoutSequence());
  }

  private static final RowMapper<TransitionView> TRANSITION = (rs, n) -> new TransitionView(rs.getLong(1), rs.getInt(2), rs.getString(3),
      Micros.instant(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7));

  private static final String TRANSITION_COLUMNS = "SELECT t.store_seq, t.position, t.instance_key, t.at_us, t.from_state, t.to_state,"
      + " t.cause FROM norm_transitions t JOIN norm_instances n ON n.instance_key = t.instance_key";

  /** One instance's transitions, oldest first. */
  public List<TransitionView> history(String key) {
    StringBuilder sql = new StringBuilder(TRANSITION_COLUMNS + " WHERE t.instance_key = ?");
    List<Object> args = new ArrayList<>(List.of(key));
    visible(sql, args, "n.classification");
    sql.append(" ORDER BY t.store_seq, t.position");
    return list(sql, args, TRANSITION).stream().map(v -> showsSequence() ? v : v.withoutSequence()).toList();
  }

  /** The latest transitions, newest first. */
  public List<TransitionView> recentTransitions(int limit) {
    StringBuilder sql = new StringBuilder(TRANSITION_COLUMNS + " WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    visible(sql, args, "n.classification");
    sql.append(" ORDER BY t.store_seq DESC, t.position DESC LIMIT ?");
    args.add(limit);
    return list(sql, args, TRANSITION).stream().map(v -> showsSequence() ? v : v.withoutSequence()).toList();
  }

  /**
   * True when the reader is shown the log's sequence numbers: only a reader cleared for secret, who
   * sees every event. Below that the gaps between the numbers of the rows a reader sees would count
   * the events hidden from it (the public's classified ones, a desk's secret ones).
   */
  private boolean showsSequence() {
    return clearance == Clearance.SECRET;
  }

  /** Keeps only rows the clearance may see. */
  private void visible(StringBuilder sql, List<Object> args, String column) {
    List<String> levels = clearance.visible();
    sql.append(" AND ").append(column).append(" IN (").append(placeholders(levels.size())).append(")");
    args.addAll(levels);
  }

  private static final RowMapper<VersionView> VERSION = (rs, n) -> new VersionView(rs.getString(1), rs.getString(2), rs.getString(3),
      rs.getInt(4), Micros.instant(rs.getLong(5)), rs.getString(6), rs.getLong(7));

  /** The versions of an agreement registered in the record, oldest first (versions are public, their clause counts are not). */
  public List<VersionView> versions(String agreement) {
    return list(new StringBuilder("SELECT version_hash, agreement_id, title, norms, registered_us, registered_by, store_seq"
        + " FROM agreement_versions WHERE agreement_id = ? ORDER BY store_seq"), List.of(agreement), VERSION);
  }

  /** The registered version with this hash, if any. */
  public Optional<VersionView> version(String versionHash) {
    return list(new StringBuilder("SELECT version_hash, agreement_id, title, norms, registered_us, registered_by, store_seq"
        + " FROM agreement_versions WHERE version_hash = ?"), List.of(versionHash), VERSION).stream().findFirst();
  }

  public Optional<PartyKeyView> partyKey(String party) {
    return list(new StringBuilder("SELECT party, public_key, registered_us, store_seq FROM party_keys WHERE party = ?"), List.of(party),
        (rs, n) -> new PartyKeyView(rs.getString(1), rs.getString(2), Micros.instant(rs.getLong(3)), rs.getLong(4))).stream().findFirst();
  }

  public List<SignatureView> signatures(String agreement) {
    return list(new StringBuilder("SELECT agreement_id, version_hash, party, signature, signed_us, store_seq FROM signatures"
        + " WHERE agreement_id = ? ORDER BY store_seq"), List.of(agreement), (rs, n) -> new SignatureView(rs.getString(1), rs.getString(2),
        rs.getString(3), rs.getString(4), Micros.instant(rs.getLong(5)), rs.getLong(6)));
  }

  private static final String INCIDENT_COLUMNS = "SELECT incident_id, kind, place, severity, reported_by, reported_us, status, decided_by,"
      + " decided_us, reason, evidence, last_seq, classification FROM incidents";

  private static final RowMapper<IncidentView> INCIDENT = (rs, n) -> new IncidentView(rs.getString(1), rs.getString(2), rs.getString(3),
      rs.getInt(4), rs.getString(5), Micros.instant(rs.getLong(6)), rs.getString(7), rs.getString(8), time(rs, 9).orElse(null),
      rs.getString(10), rs.getString(11), rs.getLong(12), rs.getString(13));

  public List<IncidentView> incidents() {
    return incidents(Page.ALL);
  }

  /** Newest report first; reports in the same microsecond in the reverse of the order recorded. */
  public List<IncidentView> incidents(Page page) {
    return classified(INCIDENT_COLUMNS + " WHERE 1 = 1", List.of(), " ORDER BY reported_us DESC, report_seq DESC", page, INCIDENT).stream()
        .map(v -> showsSequence() ? v : v.withoutSequence()).toList();
  }

  public Optional<IncidentView> incident(String id) {
    return classified(INCIDENT_COLUMNS + " WHERE incident_id = ?", List.of(id), "", Page.ALL, INCIDENT).stream().findFirst()
        .map(v -> showsSequence() ? v : v.withoutSequence());
  }

  private static final String CONSULTATION_COLUMNS = "SELECT consultation_id, requested_by, incident_id, requested_us, held_us, attended,"
      + " measures, last_seq, classification FROM consultations";

  private static final RowMapper<ConsultationView> CONSULTATION = (rs, n) -> new ConsultationView(rs.getString(1), rs.getString(2),
      rs.getString(3), Micros.instant(rs.getLong(4)), time(rs, 5).orElse(null), rs.getString(6), rs.getString(7), rs.getLong(8),
      rs.getString(9));

  public List<ConsultationView> consultations() {
    return consultations(Page.ALL);
  }

  /** Newest request first; requests in the same microsecond in the reverse of the order recorded. */
  public List<ConsultationView> consultations(Page page) {
    return classified(CONSULTATION_COLUMNS + " WHERE 1 = 1", List.of(), " ORDER BY requested_us DESC, request_seq DESC", page, CONSULTATION)
        .stream().map(v -> showsSequence() ? v : v.withoutSequence()).toList();
  }

  public Optional<ConsultationView> consultation(String id) {
    return classified(CONSULTATION_COLUMNS + " WHERE consultation_id = ?", List.of(id), "", Page.ALL, CONSULTATION).stream().findFirst()
        .map(v -> showsSequence() ? v : v.withoutSequence());
  }

  private <T> List<T> classified(String select, List<Object> values, String order, Page page, RowMapper<T> mapper) {
    StringBuilder sql = new StringBuilder(select);
    List<Object> args = new ArrayList<>(values);
    visible(sql, args, "classification");
    sql.append(order);
    page.append(sql, args);
    return list(sql, args, mapper);
  }

  private static final RowMapper<SupportView> SUPPORT = (rs, n) -> new SupportView(rs.getLong(1), rs.getString(2), rs.getString(3),
      rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(12),
      Micros.instant(rs.getLong(10)), rs.getString(11));

  public List<SupportView> support(String guarantor, String kind) {
    return support(guarantor, kind, Page.ALL);
  }

  /** Oldest first; entries in the same microsecond in the order recorded. */
  public List<SupportView> support(String guarantor, String kind, Page page) {
    StringBuilder sql = new StringBuilder("SELECT store_seq, kind, guarantor, category, amount, currency, rate, items, counts_against,"
        + " occurred_us, classification, scope FROM support WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    visible(sql, args, "classification");
    filter(sql, args, "guarantor", guarantor);
    filter(sql, args, "kind", kind);
    sql.append(" ORDER BY occurred_us, store_seq");
    page.append(sql, args);
    return list(sql, args, SUPPORT).stream().map(v -> showsSequence() ? v : v.withoutSequence()).toList();
  }

  private static Optional<java.time.Instant> time(ResultSet rs, int column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Micros.instant(micros));
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null && !value.isBlank()) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private <T> List<T> list(StringBuilder sql, List<Object> args, RowMapper<T> mapper) {
    return jdbc.sql(sql.toString()).params(args).query(mapper).list();
  }

  /** Rows of any query as ordered maps with lower-camel keys: for tests that compare whole tables, not for views. */
  List<Map<String, Object>> rows(String sql, List<Object> args) {
    return jdbc.sql(sql).params(args).query().listOfRows().stream().map(row -> {
      Map<String, Object> camel = new LinkedHashMap<>();
      row.forEach((column, value) -> camel.put(camel(column), value));
      return camel;
    }).collect(Collectors.toList());
  }

  static String camel(String column) {
    String lower = column.toLowerCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : lower.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}

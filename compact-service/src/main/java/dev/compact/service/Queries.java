package dev.compact.service;

import dev.compact.access.Clearance;
import dev.compact.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the read models as one reader may see them. Plain SQL: each query is one table and a few
 * filters, and every query of a classified table keeps only the rows the reader's clearance allows,
 * so a page that forgets to ask shows the public record.
 */
public final class Queries {
  private final Database database;
  private final Clearance clearance;

  /** The public view. */
  public Queries(Database database) {
    this(database, Clearance.PUBLIC);
  }

  public Queries(Database database, Clearance clearance) {
    this.database = database;
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

  /** Norm instances filtered by obligor, state, agreement, kinds and due time (all optional). */
  public List<Map<String, Object>> norms(String party, String state, String agreement, List<String> kinds, String dueBefore) {
    return norms(party, state, agreement, kinds, dueBefore, Page.ALL);
  }

  /** One page of norm instances; the order (soonest deadline first, then key) is total, so pages neither overlap nor skip. */
  public List<Map<String, Object>> norms(String party, String state, String agreement, List<String> kinds, String dueBefore, Page page) {
    StringBuilder sql = new StringBuilder("SELECT * FROM norm_instances WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    visible(sql, args, "classification");
    filter(sql, args, "obligor", party);
    filter(sql, args, "state", state);
    filter(sql, args, "agreement_id", agreement);
    if (!kinds.isEmpty()) {
      sql.append(" AND kind IN (").append(String.join(", ", kinds.stream().map(k -> "?").toList())).append(")");
      args.addAll(kinds);
    }
    if (dueBefore != null) {
      sql.append(" AND due_at IS NOT NULL AND due_at < ?");
      args.add(dueBefore);
    }
    sql.append(" ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, ").append(timeOrder("due_at")).append(", instance_key");
    page.append(sql, args);
    return shown(rows(sql.toString(), args));
  }

  public List<Map<String, Object>> norm(String key) {
    StringBuilder sql = new StringBuilder("SELECT * FROM norm_instances WHERE instance_key = ?");
    List<Object> args = new ArrayList<>(List.of(key));
    visible(sql, args, "classification");
    return shown(rows(sql.toString(), args));
  }

  public List<Map<String, Object>> history(String key) {
    StringBuilder sql = new StringBuilder("SELECT t.store_seq, t.position, t.at, t.from_state, t.to_state, t.cause FROM norm_transitions t"
        + " JOIN norm_instances n ON n.instance_key = t.instance_key WHERE t.instance_key = ?");
    List<Object> args = new ArrayList<>(List.of(key));
    visible(sql, args, "n.classification");
    sql.append(" ORDER BY t.store_seq, t.position");
    return shown(rows(sql.toString(), args));
  }

  public List<Map<String, Object>> recentTransitions(int limit) {
    StringBuilder sql = new StringBuilder("SELECT t.* FROM norm_transitions t JOIN norm_instances n ON n.instance_key = t.instance_key WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    visible(sql, args, "n.classification");
    sql.append(" ORDER BY t.store_seq DESC, t.position DESC LIMIT ?");
    args.add(limit);
    return shown(rows(sql.toString(), args));
  }

  /**
   * Rows as this reader is shown them. The public does not get the log's global sequence numbers:
   * the gaps between those of public rows would count the classified events between them.
   */
  private List<Map<String, Object>> shown(List<Map<String, Object>> rows) {
    if (clearance != Clearance.PUBLIC) {
      return rows;
    }
    for (Map<String, Object> row : rows) {
      row.keySet().removeAll(SEQUENCE_COLUMNS);
    }
    return rows;
  }

  private static final List<String> SEQUENCE_COLUMNS = List.of("lastSeq", "storeSeq", "position");

  /** Keeps only rows the clearance may see. */
  private void visible(StringBuilder sql, List<Object> args, String column) {
    List<String> levels = clearance.visible();
    sql.append(" AND ").append(column).append(" IN (").append(String.join(", ", levels.stream().map(l -> "?").toList())).append(")");
    args.addAll(levels);
  }

  public List<Map<String, Object>> versions(String agreement) {
    return rows("SELECT version_hash, agreement_id, title, norms, registered_at, registered_by, store_seq FROM agreement_versions"
        + " WHERE agreement_id = ? ORDER BY store_seq", List.of(agreement));
  }

  public List<Map<String, Object>> partyKey(String party) {
    return rows("SELECT party, public_key, registered_at, store_seq FROM party_keys WHERE party = ?", List.of(party));
  }

  public List<Map<String, Object>> signatures(String agreement) {
    return rows("SELECT agreement_id, version_hash, party, signature, signed_at, store_seq FROM signatures WHERE agreement_id = ?"
        + " ORDER BY store_seq", List.of(agreement));
  }

  public List<Map<String, Object>> allSignatures() {
    return rows("SELECT s.agreement_id, s.version_hash, s.party, s.signature, s.store_seq, k.public_key FROM signatures s"
        + " LEFT JOIN party_keys k ON k.party = s.party ORDER BY s.store_seq", List.of());
  }

  public List<Map<String, Object>> incidents() {
    return incidents(Page.ALL);
  }

  public List<Map<String, Object>> incidents(Page page) {
    return classified("SELECT * FROM incidents WHERE 1 = 1", List.of(), " ORDER BY " + timeOrder("reported_at") + " DESC, incident_id", page);
  }

  public List<Map<String, Object>> incident(String id) {
    return classified("SELECT * FROM incidents WHERE incident_id = ?", List.of(id), "", Page.ALL);
  }

  public List<Map<String, Object>> consultations() {
    return consultations(Page.ALL);
  }

  public List<Map<String, Object>> consultations(Page page) {
    return classified("SELECT * FROM consultations WHERE 1 = 1", List.of(), " ORDER BY " + timeOrder("requested_at") + " DESC, consultation_id", page);
  }

  public List<Map<String, Object>> consultation(String id) {
    return classified("SELECT * FROM consultations WHERE consultation_id = ?", List.of(id), "", Page.ALL);
  }

  private List<Map<String, Object>> classified(String select, List<Object> values, String order, Page page) {
    StringBuilder sql = new StringBuilder(select);
    List<Object> args = new ArrayList<>(values);
    visible(sql, args, "classification");
    sql.append(order);
    page.append(sql, args);
    return shown(rows(sql.toString(), args));
  }

  public List<Map<String, Object>> support(String guarantor, String kind) {
    return support(guarantor, kind, Page.ALL);
  }

  public List<Map<String, Object>> support(String guarantor, String kind, Page page) {
    StringBuilder sql = new StringBuilder("SELECT * FROM support WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    visible(sql, args, "classification");
    filter(sql, args, "guarantor", guarantor);
    filter(sql, args, "kind", kind);
    sql.append(" ORDER BY ").append(timeOrder("occurred_at")).append(", store_seq");
    page.append(sql, args);
    return shown(rows(sql.toString(), args));
  }

  /**
   * A time column as a key that sorts in time order. Times are stored as ISO-8601 text with 0, 3, 6
   * or 9 fractional digits, which sort wrongly within one second as text ({@code 06:00:00Z} after
   * {@code 06:00:00.5Z}); the key is the second followed by the fraction padded to nine digits. The
   * same SQL works on SQLite and PostgreSQL.
   */
  static String timeOrder(String column) {
    return "(substr(" + column + ", 1, 19) || substr(CASE WHEN length(" + column + ") > 20 THEN substr(" + column + ", 21, length("
        + column + ") - 21) ELSE '' END || '000000000', 1, 9))";
  }

  private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null && !value.isBlank()) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  /** Rows as ordered maps with lower-camel keys, ready for JSON. */
  List<Map<String, Object>> rows(String sql, List<Object> args) {
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(camel(meta.getColumnLabel(c)), rs.getObject(c));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new dev.compact.store.StoreException("query failed: " + e.getMessage(), e);
    }
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

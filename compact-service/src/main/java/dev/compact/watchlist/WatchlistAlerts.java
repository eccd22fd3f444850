package dev.compact.watchlist;

import dev.compact.service.NotFound;
import dev.compact.store.Database;
import dev.compact.store.IdempotencyMismatch;
import dev.compact.store.Sql;
import dev.compact.store.StoreException;
import dev.compact.watchlist.Watchlists.Alert;
import dev.compact.watchlist.Watchlists.Decision;
import dev.compact.watchlist.Watchlists.Page;
import dev.compact.watchlist.Watchlists.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The alerts the watchlists raised, as stored, and their review: an alert is kept once per
 * counterparty and list entry as it reads, with what it causes (its webhook deliveries) in the same
 * transaction; reviewers' decisions are kept in order, and the last one is the alert's status. Every
 * read and decision is scoped to one account; {@link Watchlists} checks who may act for it.
 */
final class WatchlistAlerts {
  private static final String ALERT_COLUMNS = "SELECT a.alert_id, a.account, a.counterparty_id, c.name, a.source, a.entity_id,"
      + " a.entity_name, a.entry_hash, a.list_version, a.score, a.decision, a.explanation, a.raised_at, a.status FROM watch_alerts a"
      + " LEFT JOIN watch_counterparties c ON c.account = a.account AND c.id = a.counterparty_id WHERE a.account = ?";

  private final Database database;
  private final Clock clock;
  private final List<Watchlists.AlertWriter> writers = new CopyOnWriteArrayList<>();

  WatchlistAlerts(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  void onAlertInTransaction(Watchlists.AlertWriter writer) {
    writers.add(writer);
  }

  /**
   * An alert as its account's webhook receives it: what {@code GET /api/watchlist/alerts} shows that
   * account of it, nothing of any other account.
   */
  static Map<String, Object> view(Alert a) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("alertId", a.alertId());
    view.put("counterpartyId", a.counterpartyId());
    view.put("counterpartyName", a.counterpartyName());
    view.put("source", a.source());
    view.put("entityId", a.entityId());
    view.put("entityName", a.entityName());
    view.put("listVersion", a.listVersion());
    view.put("score", a.score());
    view.put("decision", a.decision());
    view.put("explanation", a.explanation());
    view.put("raisedAt", a.raisedAt());
    view.put("status", a.status());
    return view;
  }

  /**
   * Inserts an alert unless one with its key exists (then false): raised once per entry as it reads.
   * What the alert causes (its webhook deliveries) is written in the same transaction, so that an
   * alert is never stored without them nor they without it. A delivery's order number may collide
   * with one another instance or an append took at the same moment; the transaction is then tried again.
   */
  boolean insert(Alert a) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = database.dataSource().getConnection()) {
        connection.setAutoCommit(false);
        try {
          boolean inserted = insert(connection, a);
          if (inserted) {
            for (Watchlists.AlertWriter writer : writers) {
              writer.write(connection, a);
            }
          }
          connection.commit();
          return inserted;
        } catch (SQLException e) {
          connection.rollback();
          if (attempt >= 5 || !"23505".equals(e.getSQLState())) {
            throw e;
          }
        } finally {
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw new StoreException("cannot store an alert: " + e.getMessage(), e);
      }
    }
  }

  private static boolean insert(Connection connection, Alert a) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO watch_alerts (alert_id, account, counterparty_id, source, entity_id, entry_hash, list_version, entity_name, score,"
            + " decision, explanation, raised_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, a.alertId());
      insert.setString(2, a.account());
      insert.setString(3, a.counterpartyId());
      insert.setString(4, a.source());
      insert.setString(5, a.entityId());
      insert.setString(6, a.entryHash());
      insert.setString(7, a.listVersion().isEmpty() ? "0".repeat(64) : a.listVersion());
      insert.setString(8, a.entityName());
      insert.setDouble(9, a.score());
      insert.setString(10, a.decision());
      insert.setString(11, a.explanation());
      insert.setString(12, a.raisedAt());
      insert.setString(13, a.status());
      return insert.executeUpdate() == 1;
    }
  }

  /** The account's alerts, newest first, optionally of one status (open, confirmed, false-positive, escalated). */
  List<Alert> alerts(String account, Optional<String> status) {
    String sql = ALERT_COLUMNS + (status.isPresent() ? " AND a.status = ?" : "") + " ORDER BY a.raised_at DESC, a.alert_id";
    return selectAlerts(sql, account, status.stream().toArray());
  }

  /** The account's open alerts, or its decided ones (whatever the decision), newest first, {@code limit} from {@code offset}. */
  Page page(String account, boolean open, int offset, int limit) {
    String which = open ? " AND a.status = 'open'" : " AND a.status <> 'open'";
    List<Alert> alerts = selectAlerts(ALERT_COLUMNS + which + " ORDER BY a.raised_at DESC, a.alert_id LIMIT ? OFFSET ?", account,
        limit, offset);
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement count = connection.prepareStatement(
        "SELECT COUNT(*) FROM watch_alerts a WHERE a.account = ?" + which)) {
      count.setString(1, account);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return new Page(alerts, rs.getInt(1));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot count alerts: " + e.getMessage(), e);
    }
  }

  private List<Alert> selectAlerts(String sql, String account, Object... args) {
    List<Alert> alerts = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, account);
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 2, args[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          alerts.add(new Alert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
              rs.getString(7), rs.getString(8), rs.getString(9), rs.getDouble(10), rs.getString(11), rs.getString(12), rs.getString(13),
              rs.getString(14)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read alerts: " + e.getMessage(), e);
    }
    return alerts;
  }

  /**
   * Records a reviewer's decision on one of the account's alerts; earlier decisions are kept. With a
   * (scoped) idempotency key, a retry of the same decision answers with the first attempt's decision
   * and records nothing; the key reused for another decision is an {@link IdempotencyMismatch}. Two
   * decisions racing for the same alert's next number, or the same key, are tried again: the loser
   * then sees the winner's row.
   */
  Decision decide(String account, String alertId, Verdict verdict, String reason, Optional<String> requestKey) {
    String keyword = verdict.name().toLowerCase(Locale.ROOT).replace('_', '-');
    String stripped = reason.strip();
    String requestHash = requestHash(alertId, keyword, stripped);
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = database.dataSource().getConnection()) {
        connection.setAutoCommit(false);
        try {
          Decision decision = decide(connection, account, alertId, keyword, stripped, requestKey, requestHash);
          connection.commit();
          return decision;
        } catch (SQLException e) {
          connection.rollback();
          if (attempt >= 5 || !Sql.isUniqueViolation(e)) {
            throw e;
          }
        } finally {
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw new StoreException("cannot record the decision: " + e.getMessage(), e);
      }
    }
  }

  private Decision decide(Connection connection, String account, String alertId, String keyword, String reason,
      Optional<String> requestKey, String requestHash) throws SQLException {
    if (requestKey.isPresent()) {
      Optional<Decision> first = previous(connection, requestKey.get(), requestHash);
      if (first.isPresent()) {
        return first.get();
      }
    }
    try (PreparedStatement owner = connection.prepareStatement("SELECT account FROM watch_alerts WHERE alert_id = ?")) {
      owner.setString(1, alertId);
      try (ResultSet rs = owner.executeQuery()) {
        // Another account's alert is answered as if it did not exist: its existence is that account's business.
        if (!rs.next() || !rs.getString(1).equals(account)) {
          throw new NotFound("no alert " + alertId + " on your watchlist");
        }
      }
    }
    int seq;
    try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM watch_decisions WHERE alert_id = ?")) {
      count.setString(1, alertId);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        seq = rs.getInt(1) + 1;
      }
    }
    String at = clock.instant().toString();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO watch_decisions"
            + " (alert_id, seq, decision, reason, decided_by, decided_at, request_key, request_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement update = connection.prepareStatement("UPDATE watch_alerts SET status = ? WHERE alert_id = ?")) {
      insert.setString(1, alertId);
      insert.setInt(2, seq);
      insert.setString(3, keyword);
      insert.setString(4, reason);
      insert.setString(5, account);
      insert.setString(6, at);
      insert.setString(7, requestKey.orElse(null));
      insert.setString(8, requestKey.isPresent() ? requestHash : null);
      insert.executeUpdate();
      update.setString(1, keyword);
      update.setString(2, alertId);
      update.executeUpdate();
    }
    return new Decision(alertId, seq, keyword, reason, account, at);
  }

  /** The decision a first request with this key recorded, if it was the same request. */
  private static Optional<Decision> previous(Connection connection, String requestKey, String requestHash) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT alert_id, seq, decision, reason, decided_by, decided_at, request_hash FROM watch_decisions WHERE request_key = ?")) {
      select.setString(1, requestKey);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!requestHash.equals(rs.getString(7))) {
          throw new IdempotencyMismatch(requestKey);
        }
        return Optional.of(new Decision(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
      }
    }
  }

  /** What makes two decisions the same request: the alert, the verdict and the reason (not when it was sent). */
  private static String requestHash(String alertId, String keyword, String reason) {
    return Watchlists.sha256(alertId + "\n" + keyword + "\n" + reason);
  }

  /** The decisions on one of the account's alerts, oldest first. */
  List<Decision> decisions(String account, String alertId) {
    List<Decision> decisions = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement select = connection.prepareStatement(
        "SELECT d.alert_id, d.seq, d.decision, d.reason, d.decided_by, d.decided_at FROM watch_decisions d"
            + " JOIN watch_alerts a ON a.alert_id = d.alert_id WHERE d.alert_id = ? AND a.account = ? ORDER BY d.seq")) {
      select.setString(1, alertId);
      select.setString(2, account);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          decisions.add(new Decision(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read decisions: " + e.getMessage(), e);
    }
    return decisions;
  }
}

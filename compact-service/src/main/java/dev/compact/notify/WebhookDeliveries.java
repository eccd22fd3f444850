package dev.compact.notify;

import dev.compact.store.Database;
import dev.compact.store.StoreException;
import dev.compact.text.Shown;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook deliveries as an operator sees and repairs them: which failed and why, and sending
 * again, with the same delivery id and body, those that exhausted their attempts. Every re-send is
 * audited (table {@code webhook_resends}: which delivery, by whom, when, and the error it had failed
 * with) and logged. Used by the API ({@code /api/webhooks/deliveries}) and the CLI
 * ({@code compact webhooks}); the dispatcher of whichever instance holds the subscription sends it.
 */
public final class WebhookDeliveries {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);
  private static final int MAX_LIST = 1_000;

  private final Database database;
  private final Clock wall;

  public WebhookDeliveries(Database database, Clock wall) {
    this.database = database;
    this.wall = wall;
  }

  /** One re-send: who asked, when, and the error the delivery had failed with. */
  public record Resend(String by, Instant at, String lastError) {}

  /**
   * One delivery, without its body (a transition the operator may read elsewhere) or the
   * subscription's URL (which may hold a token): the party subscribed, the state ({@code pending},
   * {@code delivered}, {@code failed}), the attempts made, the last error, when it is next due or
   * was done, and its re-sends.
   */
  public record Delivery(String id, String party, String state, int attempts, String lastError, Instant nextAt, Instant doneAt,
      List<Resend> resends) {}

  /** What a re-send did: the deliveries made pending again, and those it could not (with why). */
  public record Resent(List<String> resent, List<String> refused) {}

  /**
   * Which deliveries a reader may see: the party webhooks' only, or a compliance account's alert
   * deliveries too (party {@code account}), which the secretariat may not see (docs/screening.md):
   * only the operator at the database (the CLI) sees and re-sends those.
   */
  public enum Scope {
    PARTIES,
    ALL
  }

  /** Deliveries in {@code state}, oldest first, at most {@code limit} (1 to 1,000). */
  public List<Delivery> list(String state, int limit) {
    return list(state, limit, Scope.ALL);
  }

  /** Deliveries in {@code state} within {@code scope}, oldest first, at most {@code limit} (1 to 1,000). */
  public List<Delivery> list(String state, int limit, Scope scope) {
    if (!List.of("pending", "delivered", "failed").contains(state)) {
      throw new IllegalArgumentException("'state' must be one of pending, delivered, failed, not '" + Shown.value(state) + "'");
    }
    if (limit < 1 || limit > MAX_LIST) {
      throw new IllegalArgumentException("'limit' must be from 1 to " + MAX_LIST);
    }
    return select("WHERE state = ?" + where(scope) + " ORDER BY seq LIMIT " + limit, state);
  }

  /** One delivery within {@code scope}, if there is one with that id. */
  public Optional<Delivery> find(String id, Scope scope) {
    return select("WHERE id = ?" + where(scope), id).stream().findFirst();
  }

  private static String where(Scope scope) {
    return switch (scope) {
      case PARTIES -> " AND party <> 'account'";
      case ALL -> "";
    };
  }

  /**
   * Makes failed deliveries pending again, due now, with their attempts counted from zero: the same
   * id and body, so a receiver that got an earlier attempt after all deduplicates it. Only failed
   * ones: a pending delivery is still being tried, a delivered one arrived. {@code subscriptions}, if
   * given, are the subscriptions some instance sends (a delivery of another is refused: nobody would
   * send it). One transaction; each re-send audited.
   */
  public Resent resend(Collection<String> ids, String by, Optional<Collection<String>> subscriptions) {
    List<String> resent = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    long now = wall.millis();
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (String id : ids) {
          String state = null;
          String subscription = null;
          String error = null;
          try (PreparedStatement ps = connection.prepareStatement("SELECT state, subscription, last_error FROM webhook_deliveries WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                state = rs.getString(1);
                subscription = rs.getString(2);
                error = rs.getString(3);
              }
            }
          }
          if (state == null) {
            refused.add(id + ": no such delivery");
            continue;
          }
          if (!state.equals("failed")) {
            refused.add(id + ": " + state + ", not failed; only a delivery that exhausted its attempts is sent again");
            continue;
          }
          String key = subscription;
          if (subscriptions.isPresent() && subscriptions.get().stream().noneMatch(key::equals)) {
            refused.add(id + ": its subscription is no longer configured, so no instance would send it");
            continue;
          }
          try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_deliveries SET state = 'pending', attempts = 0,"
              + " next_at = ?, done_at = NULL WHERE id = ? AND state = 'failed'")) {
            update.setLong(1, now);
            update.setString(2, id);
            if (update.executeUpdate() != 1) {
              refused.add(id + ": changed meanwhile; look again");
              continue;
            }
          }
          try (PreparedStatement audit = connection.prepareStatement("INSERT INTO webhook_resends (delivery_id, account, at_millis, last_error)"
              + " VALUES (?, ?, ?, ?)")) {
            audit.setString(1, id);
            audit.setString(2, by.length() > 200 ? by.substring(0, 200) : by);
            audit.setLong(3, now);
            audit.setString(4, error);
            audit.executeUpdate();
          }
          resent.add(id);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot send webhook deliveries again: " + e.getMessage(), e);
    }
    if (!resent.isEmpty()) {
      LOG.info("{} sent {} failed webhook deliveries again: {}", by, resent.size(), String.join(", ", resent));
    }
    return new Resent(resent, refused);
  }

  /** Every failed delivery within {@code scope} (up to 1,000 at a time), sent again as {@link #resend} does. */
  public Resent resendFailed(String by, Optional<Collection<String>> subscriptions, Scope scope) {
    return resend(list("failed", MAX_LIST, scope).stream().map(Delivery::id).toList(), by, subscriptions);
  }

  private List<Delivery> select(String where, String arg) {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement ps = connection.prepareStatement("SELECT id, party, state, attempts, last_error, next_at, done_at FROM webhook_deliveries "
            + where)) {
      ps.setString(1, arg);
      List<Delivery> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long done = rs.getLong(7);
          Instant doneAt = rs.wasNull() ? null : Instant.ofEpochMilli(done);
          found.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
              Instant.ofEpochMilli(rs.getLong(6)), doneAt, List.of()));
        }
      }
      List<Delivery> withResends = new ArrayList<>();
      try (PreparedStatement resends = connection.prepareStatement(
          "SELECT account, at_millis, last_error FROM webhook_resends WHERE delivery_id = ? ORDER BY at_millis")) {
        for (Delivery d : found) {
          resends.setString(1, d.id());
          List<Resend> list = new ArrayList<>();
          try (ResultSet rs = resends.executeQuery()) {
            while (rs.next()) {
              list.add(new Resend(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)));
            }
          }
          withResends.add(new Delivery(d.id(), d.party(), d.state(), d.attempts(), d.lastError(), d.nextAt(), d.doneAt(), List.copyOf(list)));
        }
      }
      return withResends;
    } catch (SQLException e) {
      throw new StoreException("cannot read webhook deliveries: " + e.getMessage(), e);
    }
  }
}

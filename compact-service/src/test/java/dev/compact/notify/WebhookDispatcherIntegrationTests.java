package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the dispatcher keeps of the deliveries table: delivered ones for the retention, failed ones until sent again. */
class WebhookDispatcherIntegrationTests {

  @ParameterizedTest
  @MethodSource("dev.compact.store.TestDatabases#kinds")
  void prunesDeliveredDeliveriesOlderThanTheRetentionAndKeepsTheRest(String kind) throws Exception {
    Clock wall = Clock.systemUTC();
    long now = wall.millis();
    long old = now - Duration.ofDays(8).toMillis();
    try (Database database = TestDatabases.fresh(kind)) {
      try (Connection connection = database.dataSource().getConnection(); PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO webhook_deliveries (id, seq, subscription, party, body, state, attempts, next_at, done_at) VALUES (?, ?, 'k', 'GBR', '{}', ?, 1, ?, ?)")) {
        Object[][] rows = {{"old-delivered", "delivered", old}, {"new-delivered", "delivered", now - 60_000}, {"old-failed", "failed", old}};
        for (int i = 0; i < rows.length; i++) {
          insert.setString(1, (String) rows[i][0]);
          insert.setLong(2, i + 1);
          insert.setString(3, (String) rows[i][1]);
          insert.setLong(4, (Long) rows[i][2]);
          insert.setLong(5, (Long) rows[i][2]);
          insert.executeUpdate();
        }
      }
      Webhooks.Retries retries = new Webhooks.Retries(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(100),
          Duration.ofSeconds(30));
      // A subscription nobody answers: nothing of it is due, so a pass only prunes.
      Map<String, Webhooks.Subscription> subscriptions = Map.of("k", new Webhooks.Subscription("GBR", "http://127.0.0.1:9/hook", "s"));
      try (WebhookDispatcher dispatcher = new WebhookDispatcher(database, subscriptions, wall, wall, retries, Duration.ofDays(7), false)) {
        for (int i = 0; i < 100 && ids(database).contains("old-delivered"); i++) {
          Thread.sleep(100);
        }
      }
      assertThat(ids(database)).containsExactly("new-delivered", "old-failed");
    }
  }

  private static List<String> ids(Database database) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT id FROM webhook_deliveries ORDER BY seq");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}

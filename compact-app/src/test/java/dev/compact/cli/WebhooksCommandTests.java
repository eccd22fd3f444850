package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compact webhooks list|resend} on a database with a delivery that exhausted its attempts. */
class WebhooksCommandTests {

  @Test
  void listsAFailedDeliveryAndSendsItAgainAudited(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    try (Database database = Database.open(db); Connection connection = database.dataSource().getConnection();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_deliveries (id, seq, subscription, party, body, state,"
            + " attempts, next_at, last_error, done_at) VALUES ('d-1', 1, 'sub', 'GBR', '{}', 'failed', 8, 0, 'HTTP 503', 0)")) {
      insert.executeUpdate();
    }

    CliRun failed = CliRun.of("webhooks", "list", "--db", db);
    CliRun resent = CliRun.of("webhooks", "resend", "d-1", "--by", "ops-tester", "--db", db);
    CliRun again = CliRun.of("webhooks", "resend", "d-1", "--by", "ops-tester", "--db", db);
    CliRun pending = CliRun.of("webhooks", "list", "--state", "pending", "--db", db);

    assertThat(failed.exitCode()).as(failed.err()).isZero();
    assertThat(failed.out()).contains("d-1", "GBR", "failed", "8 attempts", "HTTP 503", "1 failed delivery");
    assertThat(resent.exitCode()).as(resent.err()).isZero();
    assertThat(resent.out()).contains("sent again: d-1", "1 sent again as ops-tester, 0 refused");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("not sent again: d-1: pending, not failed");
    assertThat(pending.out()).contains("d-1", "sent again 1 times, last by ops-tester", "1 pending delivery");
  }

  @Test
  void badInputIsOneLineNamingTheCommand(@TempDir Path dir) {
    String db = dir.resolve("c.db").toString();
    CliRun.of("users", "add", "observer", "--role", "observer", "--db", db); // a record to refuse the input on

    CliRun neither = CliRun.of("webhooks", "resend", "--db", db);
    CliRun badState = CliRun.of("webhooks", "list", "--state", "lost", "--db", db);
    CliRun badDb = CliRun.of("webhooks", "list", "--db", "jdbc:nosuchdb://x");

    assertThat(neither.exitCode()).isEqualTo(1);
    assertThat(neither.err()).isEqualTo("compact webhooks resend: give delivery ids or --all-failed (not both)" + System.lineSeparator());
    assertThat(badState.exitCode()).isEqualTo(1);
    assertThat(badState.err()).startsWith("compact webhooks: 'state' must be one of pending, delivered, failed").doesNotContain("\tat ");
    assertThat(badDb.exitCode()).isEqualTo(1);
    assertThat(badDb.err()).startsWith("compact webhooks: ").doesNotContain("\tat ").hasLineCount(1);
  }
}

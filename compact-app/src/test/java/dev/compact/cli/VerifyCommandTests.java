package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.NewEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTests {

  @Test
  void intactRecordVerifiesAndTamperingIsNamed(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    try (Database database = Database.open(db)) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
      for (int i = 0; i < 3; i++) {
        store.append("s", i, List.of(new NewEvent("note", "{\"i\":" + i + "}", Instant.parse("2026-01-01T00:00:00Z"), "test")), Optional.empty());
      }
    }

    CliRun intact = CliRun.of("verify", "--db", db);
    assertThat(intact.exitCode()).isZero();
    assertThat(intact.out()).contains("3 events verified: the chain is intact");

    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DROP TRIGGER events_no_update");
      s.executeUpdate("UPDATE events SET payload = '{\"i\":99}' WHERE seq = 2");
    }
    CliRun tampered = CliRun.of("verify", "--db", db);
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.err()).contains("event 2: its content does not match its hash");
  }

  @Test
  void missingDatabaseIsAClearError(@TempDir Path dir) {
    CliRun run = CliRun.of("verify", "--db", dir.resolve("none.db").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no database at");
  }
}

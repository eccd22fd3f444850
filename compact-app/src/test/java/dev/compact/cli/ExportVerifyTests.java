package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.log.TransparencyLog;
import dev.compact.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #11: {@code verify --export} covers the whole export, not only up to the last witnessed
 * checkpoint, and holds it to a checkpoint the reader kept ({@code --checkpoint FILE}): a history
 * rewritten and signed anew verifies on its own, but not against the checkpoint a witness kept.
 */
class ExportVerifyTests {

  @Test
  void theWholeExportIsCheckedAndHeldToTheReadersCheckpoint(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(CliRun.of("keys", "witness", "GBR", "--out", keys.toString()).exitCode()).isZero();
    String witnessKey = Files.readString(keys.resolve("GBR.witness.vkey")).strip();
    String db = dir.resolve("c.db").toString();
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + CliRun.example("kyiv-compact"), "--compact.test-clock=true", "--compact.tick-interval=PT1H",
        "--compact.log.key=" + dir.resolve("log.key"), "--compact.log.origin=log.test.example/export", "--compact.log.checkpoint-interval=PT1H",
        "--compact.log.witnesses[0]=GBR=" + witnessKey, "--compact.log.quorum=1")) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      var accounts = context.getBean(dev.compact.access.Accounts.class);
      accounts.add("gbr-witness", List.of("guarantor:GBR"));
      accounts.add("ukr-desk", List.of("protected:UKR"));
      Path gbrToken = dir.resolve("gbr.token");
      Files.writeString(gbrToken, accounts.issue("gbr-witness", java.time.Duration.ofDays(1)).token());
      String ukr = accounts.issue("ukr-desk", java.time.Duration.ofDays(1)).token();
      TransparencyLog log = context.getBean(TransparencyLog.class);
      for (String id : List.of("x1", "x2", "x3")) {
        TransparencyEndToEndTests.post(base, "/api/incidents", TransparencyEndToEndTests.incident(id, null), ukr);
      }
      Path state = dir.resolve("gbr-state");
      CliRun cosigned = CliRun.of("witness", "--log", base, "--party", "GBR", "--key", keys.resolve("GBR.witness.key").toString(),
          "--state", state.toString(), "--log-key", log.key().text(), "--token-file", gbrToken.toString());
      assertThat(cosigned.exitCode()).as(cosigned.err()).isZero();
      long witnessed = dev.compact.transparency.Checkpoint.parse(log.latestIssued().text()).size();
      Path held = dir.resolve("held.note");
      Files.copy(state.resolve("checkpoint"), held);
      // Two more public events after the witnessed checkpoint: signed by the log, not yet witnessed.
      TransparencyEndToEndTests.post(base, "/api/incidents", TransparencyEndToEndTests.incident("x4", null), ukr);
      TransparencyEndToEndTests.post(base, "/api/incidents", TransparencyEndToEndTests.incident("x5", null), ukr);
      long latest = dev.compact.transparency.Checkpoint.parse(log.latestIssued().text()).size();
      assertThat(latest).isEqualTo(witnessed + 2);

      Path trust = dir.resolve("trust.txt");
      Files.writeString(trust, log.key().text() + "\n" + witnessKey + "\n");
      Path export = dir.resolve("export");
      assertThat(CliRun.of("export", "--public", export.toString(), "--db", db).exitCode()).isZero();
      CliRun verified = CliRun.of("verify", "--export", export.toString(), "--trust", trust.toString(), "--checkpoint", held.toString());
      assertThat(verified.exitCode()).as(verified.err()).isZero();
      assertThat(verified.out()).contains(latest + " leaves verified against checkpoint " + latest,
          "checkpoint " + witnessed + " is witnessed: cosigned by witness.gbr.compact.example",
          "leaves " + witnessed + " to " + (latest - 1) + " are signed by the log but not yet witnessed",
          "the export extends your checkpoint " + witnessed);

      // The last public payload, after the witnessed checkpoint, altered: named by its position.
      List<String> lines = new ArrayList<>(List.of(Files.readString(export.resolve("leaves.jsonl")).split("\n")));
      int last = lines.size() - 1;
      assertThat(lines.get(last)).contains("x5");
      assertThat(TransparencyEndToEndTests.verifyAltered(dir, trust, export, "after-witnessed", lines,
          altered -> altered.set(last, altered.get(last).replace("x5", "x6"))))
          .contains("leaf " + last + ": the event's content does not match");

      // The history rewritten (event 2 and every later hash, the head and the tree), the old
      // checkpoints and cosignatures removed and the tree signed anew, as an operator with the key can.
      TransparencyEndToEndTests.rewrite(db, 2);
      try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM log_cosignatures");
        s.executeUpdate("DELETE FROM log_checkpoints");
      }
      // The service remembers what it signed and refuses; the operator signs with the key by hand.
      org.assertj.core.api.Assertions.assertThatThrownBy(log::issue).isInstanceOf(dev.compact.log.RecordAltered.class);
      TransparencyEndToEndTests.signAsOperator(db, dir.resolve("log.key"));
      Path rewritten = dir.resolve("rewritten");
      assertThat(CliRun.of("export", "--public", rewritten.toString(), "--db", db).exitCode()).isZero();
      Path logOnly = dir.resolve("log-only.txt");
      Files.writeString(logOnly, log.key().text() + "\n");
      CliRun alone = CliRun.of("verify", "--export", rewritten.toString(), "--trust", logOnly.toString());
      assertThat(alone.exitCode()).as("a history signed anew verifies on its own: " + alone.err()).isZero();
      CliRun caught = CliRun.of("verify", "--export", rewritten.toString(), "--trust", logOnly.toString(), "--checkpoint", held.toString());
      assertThat(caught.exitCode()).isEqualTo(1);
      assertThat(caught.err()).contains("do not give the root of your checkpoint " + witnessed,
          "the first leaf that differs from what it committed to is among leaves 0 to " + (witnessed - 1));
    }
  }
}

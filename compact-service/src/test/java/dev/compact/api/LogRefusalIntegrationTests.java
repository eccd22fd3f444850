package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.log.TransparencyLogIntegrationTests;
import dev.compact.service.RecordService;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Audit round 3, finding 15: with events cut from the end of a running record, under a checkpoint
 * the log had signed, the log rightly signed nothing more, but writes were still answered 201,
 * health said UP and the checkpoint served went back to the largest row left. Now the refusal shows:
 * writes get 503 and record nothing, health is DOWN, and the checkpoint served never shrinks.
 */
class LogRefusalIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRecordCutBackUnderASignedCheckpointTakesNoWritesAndSaysSo(String kind, @TempDir Path dir) throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl(kind),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.tick-interval=PT1H", "--compact.log.key=" + dir.resolve("log.key"),
        "--compact.log.checkpoint-interval=PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      NoteKey logKey = NoteKey.parse(http.get("/api/log/keys").body().replaceAll("(?s).*\"log\":\"([^\"]+)\".*", "$1"));
      for (int i = 1; i <= 3; i++) {
        AccessMatrixIntegrationTests.ok(http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("cut-" + i),
            Tokens.bearer(tokens.ukr())));
      }
      long signed = record.store().head().seq();
      assertThat(size(http.get("/api/log/checkpoint").body(), logKey)).isEqualTo(signed);
      assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);

      // The last event and the checkpoint rows that cover it removed, the head moved back: a rollback the guards would refuse.
      Database db = record.database();
      TransparencyLogIntegrationTests.disableGuards(db, kind);
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM events WHERE seq = " + signed);
        s.executeUpdate("DELETE FROM log_checkpoints WHERE size >= " + signed);
        s.executeUpdate("UPDATE chain_head SET seq = " + (signed - 1) + ", hash = (SELECT hash FROM events WHERE seq = " + (signed - 1) + ")");
      }

      HttpResponse<String> write = http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("cut-4"),
          Tokens.bearer(tokens.ukr()));
      assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
      assertThat(write.body()).contains("\"type\":\"https://compact.dev/problems/unavailable\"", "nothing was recorded",
          "events " + signed + " to " + signed + " were removed");
      assertThat(record.store().head().seq()).as("nothing appended").isEqualTo(signed - 1);

      // The dashboard's forms go through the same command handler, and say why as a page, not a 500.
      HttpResponse<String> form = http.form("/incidents", "id=cut-form&kind=armed-attack&place=UKR&severity=3&reportedBy=UKR",
          http.signIn(tokens.ukr()));
      assertThat(form.statusCode()).as(form.body()).isEqualTo(503);
      assertThat(form.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(form.body()).contains("The record takes no writes", "nothing was recorded", "events " + signed + " to " + signed
          + " were removed", "compact verify").doesNotContain("Something went wrong");
      assertThat(record.store().head().seq()).as("nothing appended").isEqualTo(signed - 1);

      HttpResponse<String> health = http.get("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("\"status\":\"DOWN\"");
      // Never a checkpoint smaller than one the log signed: the latest it signed, as it signed it.
      assertThat(size(http.get("/api/log/checkpoint").body(), logKey)).isEqualTo(signed);
      // The log's own attempt to sign refuses too, and the refusal stays.
      context.getBean(dev.compact.log.TransparencyLog.class).issueQuietly();
      assertThat(http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("cut-5"), Tokens.bearer(tokens.ukr()))
          .statusCode()).isEqualTo(503);
      assertThat(record.store().head().seq()).isEqualTo(signed - 1);
    }
  }

  private static long size(String note, NoteKey logKey) {
    Note parsed = Note.parse(note);
    assertThat(parsed.check(logKey)).isInstanceOf(Note.Check.Valid.class);
    return Checkpoint.parse(parsed.text()).size();
  }
}

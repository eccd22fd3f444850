package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Actor;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.log.KeyFiles;
import dev.compact.log.TransparencyLog;
import dev.compact.service.RecordService;
import dev.compact.store.Database;
import dev.compact.transparency.NoteKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service refused writes while its transparency log refused to sign (a record cut back under a
 * signed checkpoint), but the command line's writers opened the record without the log and
 * appended all the same: events no checkpoint would ever cover. They now refuse as the API does,
 * with the reason, and exit with code 3, recording and rebuilding nothing.
 */
class CliWritesRefusedTests {
  private static final String SDN = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

  @TempDir Path dir;

  @Test
  void listsImportAndRebuildRefuseARecordCutBackUnderASignedCheckpoint() throws Exception {
    String db = signedRecord();
    long signed = head(db);
    cut(db, signed);
    Path list = Files.createDirectories(dir.resolve("ofac"));
    Files.writeString(list.resolve("sdn.csv"), SDN);
    // A read model changed by hand: a rebuild would set it right, so it shows whether one ran.
    sql(db, "UPDATE norm_instances SET state = 'tampered'");
    long tampered = count(db, "SELECT COUNT(*) FROM norm_instances WHERE state = 'tampered'");
    assertThat(tampered).isPositive();

    CliRun imported = CliRun.of("lists", "import", list.toString(), "--source", "ofac", "--db", db, "--compact", CliRun.example("kyiv-compact"));
    CliRun rebuilt = CliRun.of("rebuild", "--db", db, "--compact", CliRun.example("kyiv-compact"));

    for (CliRun run : List.of(imported, rebuilt)) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(RecordOptions.WRITES_REFUSED);
      assertThat(run.err()).contains("the record takes no writes", "events " + signed + " to " + signed + " were removed",
          "nothing was recorded", "compact verify").doesNotContain("Exception", "\tat ");
    }
    assertThat(imported.err()).contains("parsing 1 file", "compact lists import: the record takes no writes");
    assertThat(rebuilt.err()).startsWith("compact rebuild: the record takes no writes");
    assertThat(rebuilt.out()).doesNotContain("rebuilt");
    assertThat(head(db)).as("nothing appended").isEqualTo(signed - 1);
    assertThat(count(db, "SELECT COUNT(*) FROM norm_instances WHERE state = 'tampered'")).as("nothing rebuilt").isEqualTo(tampered);
  }

  @Test
  void anEventRewrittenUnderASignedCheckpointStopsTheCommandLinesWritersToo() throws Exception {
    String db = signedRecord();
    long signed = head(db);
    sql(db, "DROP TRIGGER events_no_update", "UPDATE events SET leaf_hash = (SELECT leaf_hash FROM events WHERE seq = 1) WHERE seq = 2");
    Path list = Files.createDirectories(dir.resolve("ofac"));
    Files.writeString(list.resolve("sdn.csv"), SDN);

    CliRun imported = CliRun.of("lists", "import", list.toString(), "--source", "ofac", "--db", db, "--compact", CliRun.example("kyiv-compact"));

    assertThat(imported.exitCode()).as(imported.err()).isEqualTo(RecordOptions.WRITES_REFUSED);
    assertThat(imported.err()).contains("no longer gives the root the log signed for its checkpoint of size " + signed, "nothing was recorded");
    assertThat(head(db)).isEqualTo(signed);
  }

  @Test
  void aRecordTheLogStillSignsTakesTheCommandLinesWrites() throws Exception {
    String db = signedRecord();
    long signed = head(db);
    Path list = Files.createDirectories(dir.resolve("ofac"));
    Files.writeString(list.resolve("sdn.csv"), SDN);

    CliRun imported = CliRun.of("lists", "import", list.toString(), "--source", "ofac", "--db", db, "--compact", CliRun.example("kyiv-compact"));

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(head(db)).isEqualTo(signed + 1);
  }

  /** A record with a few events and a checkpoint the log signed over all of them. */
  private String signedRecord() throws Exception {
    String db = dir.resolve("c.db").toString();
    var compact = Sources.compact(Path.of(CliRun.example("kyiv-compact")), new java.io.PrintWriter(System.err)).orElseThrow();
    var key = KeyFiles.create(dir.resolve("log.key"), "log.test.example/compact", NoteKey.ED25519);
    try (RecordService record = new RecordService(Database.open(db), Engine.of(compact), Clock.systemUTC())) {
      Instant t = Instant.parse("2026-01-01T00:00:00Z");
      record.record("agreement-kyiv-compact", Optional.empty(), List.of(new Event.EnteredIntoForce(t, t,
          new dev.compact.agreements.AgreementId("kyiv-compact"))), Optional.empty(), Actor.system("test"));
      new TransparencyLog(record.store(), key, List.of(), 0, Clock.systemUTC()).issue();
    }
    return db;
  }

  /** Removes the last event and moves the head back, as a restore of an older backup would. */
  private static void cut(String db, long last) throws Exception {
    sql(db, "DROP TRIGGER events_no_delete", "DROP TRIGGER chain_head_forward", "DELETE FROM events WHERE seq = " + last,
        "UPDATE chain_head SET seq = " + (last - 1) + ", hash = (SELECT hash FROM events WHERE seq = " + (last - 1) + ")");
  }

  private static void sql(String db, String... statements) throws Exception {
    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.executeUpdate(statement);
      }
    }
  }

  private static long head(String db) throws Exception {
    return count(db, "SELECT seq FROM chain_head WHERE id = 1");
  }

  private static long count(String db, String query) throws Exception {
    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.transparency.NoteKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails part-way leaves what was there before and nothing half-written: the public export
 * (a folder a reader could take for a whole one) and the witness's kept log key (a key file cut short
 * held the folder against every later run). Failures are real ones: a record that breaks the export
 * after it began, and a process whose files may not grow ({@code ulimit -f 0}), as on a full disk.
 */
class PartialWriteTests {
  @TempDir Path dir;

  /** A record with a checkpoint over its first event (the texts it was created with; the list version follows), as export needs. */
  private String recordWithACheckpoint() throws IOException {
    Path release = Files.createDirectories(dir.resolve("release"));
    Files.writeString(release.resolve("sdn.csv"), "99990001,\"QUIXBY, Zorvath\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,"
        + "-0- ,-0- ,-0- \r\n");
    String db = dir.resolve("c.db").toString();
    CliRun imported = CliRun.of("lists", "import", release.toString(), "--source", "ofac", "--in-force-from", "2020-01-01", "--db", db,
        "--compact", CliRun.example("kyiv-compact"));
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    execute(db, "INSERT INTO log_checkpoints (size, root, note, issued_at) VALUES (1, '" + "0".repeat(64) + "',"
        + " 'log.test.example/export\n1\nAAAA\n\n— log.test.example/export sig\n', '2026-01-01T00:00:00Z')");
    return db;
  }

  private static void execute(String db, String... statements) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.executeUpdate(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The record's event made unreadable after the export has begun writing: the append-only guard is dropped, as an attacker could. */
  private static void breakTheEvent(String db) {
    List<String> triggers = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")) {
      while (rs.next()) {
        triggers.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    execute(db, triggers.stream().map(t -> "DROP TRIGGER " + t).toArray(String[]::new));
    execute(db, "UPDATE events SET occurred_at = 'not a time' WHERE seq = 1");
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList();
    }
  }

  @Test
  void anExportThatFailsPartWayLeavesNoFolderAndAnEmptyFolderEmpty() throws IOException {
    String db = recordWithACheckpoint();
    Path whole = dir.resolve("whole");
    CliRun written = CliRun.of("export", "--public", whole.toString(), "--db", db);
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(whole.resolve("checkpoints/1.note")).exists();
    assertThat(Files.readAllLines(whole.resolve("leaves.jsonl"))).hasSize(1);

    breakTheEvent(db);
    Path absent = dir.resolve("absent");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun intoAbsent = CliRun.of("export", "--public", absent.toString(), "--db", db);
    CliRun intoEmpty = CliRun.of("export", "--public", empty.toString(), "--db", db);

    assertThat(intoAbsent.exitCode()).isEqualTo(1);
    assertThat(intoAbsent.err()).contains("compact export: ", "nothing was written to " + absent).doesNotContain("\tat ");
    assertThat(absent).as("no half export a reader could take for a whole one").doesNotExist();
    assertThat(intoEmpty.exitCode()).isEqualTo(1);
    assertThat(empty).isEmptyDirectory();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void anExportReadsTheRecordWithoutMigratingIt() throws IOException {
    String db = recordWithACheckpoint();
    execute(db, "DELETE FROM flyway_schema_history WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)");
    byte[] before = Files.readAllBytes(Path.of(db));
    java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(Path.of(db));

    CliRun exported = CliRun.of("export", "--public", dir.resolve("export").toString(), "--db", db);

    assertThat(exported.exitCode()).isEqualTo(1);
    assertThat(exported.err()).contains("has an older schema (", "nothing was changed").doesNotContain("\tat ");
    assertThat(Files.getLastModifiedTime(Path.of(db))).isEqualTo(modified);
    assertThat(java.util.Arrays.equals(Files.readAllBytes(Path.of(db)), before)).as("the record's bytes are unchanged").isTrue();
    assertThat(dir.resolve("export")).doesNotExist();
  }

  /** Runs the CLI in a process whose files may not grow at all, as when the disk is full. */
  private CliRun withoutRoomToWrite(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f 0 && exec \"$@\"", "bash",
        ProcessHandle.current().info().command().orElse("java"), "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
        CompactCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("COMPACT_CACHE", "off");
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new CliRun(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void aWitnessWhoseLogKeyCannotBeWrittenKeepsNoKeyFile() throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(CliRun.of("keys", "witness", "GBR", "--out", keys.toString()).exitCode()).isZero();
    String logKey = dev.compact.log.KeyFiles.create(dir.resolve("log.key"), "log.test.example", NoteKey.ED25519).key().text();
    Path state = dir.resolve("state");
    String[] witness = {"witness", "--log", "http://127.0.0.1:9", "--party", "GBR", "--key", keys.resolve("GBR.witness.key").toString(),
        "--state", state.toString(), "--log-key", logKey};

    CliRun full = withoutRoomToWrite(witness);

    assertThat(full.exitCode()).as(full.err()).isNotZero();
    assertThat(state.resolve("log.vkey")).as("no key file cut short").doesNotExist();
    try (Stream<Path> files = Files.list(state)) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.equals(".lock"));
    }
    // With room again, the same run keeps the whole key and goes on to the log (which is not there).
    CliRun again = CliRun.of(witness);
    assertThat(again.exitCode()).isNotZero();
    assertThat(Files.readString(state.resolve("log.vkey")).strip()).isEqualTo(logKey);
  }
}

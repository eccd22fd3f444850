package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify}, {@code users list} and {@code webhooks list} only read the record, but opened it
 * as a writer does, running Flyway's migrate: verifying a record from an older build changed its
 * schema (and its file) before saying anything about it, as {@code screen} and {@code export} did
 * before they were fixed. They now open it read-only: a record of another build's schema is refused
 * with the message those give, and the file is left as it was.
 */
class ReadOnlyCommandsTests {
  private static final String SDN = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

  @TempDir Path dir;

  @Test
  void readOnlyCommandsNeverMigrateARecordOfAnOlderSchema() throws IOException {
    Path db = record();
    execute(db, "DELETE FROM flyway_schema_history WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)");
    Untouched before = Untouched.of(db);

    for (String[] command : commands(db)) {
      CliRun run = CliRun.of(command);

      assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.err()).isEqualTo(1);
      assertThat(run.err()).as(command[0]).contains("has an older schema (", "nothing was changed").doesNotContain("Exception", "\tat ");
      before.assertSameAs(Untouched.of(db));
    }
  }

  @Test
  void readOnlyCommandsLeaveARecordOfThisBuildAsTheyFoundIt() throws IOException {
    Path db = record();
    Untouched before = Untouched.of(db);

    for (String[] command : commands(db)) {
      CliRun run = CliRun.of(command);

      assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.err()).isZero();
      before.assertSameAs(Untouched.of(db));
    }
    CliRun verified = CliRun.of("verify", "--db", db.toString(), "--read-models", "--compact", CliRun.example("kyiv-compact"));
    assertThat(verified.out()).contains("events verified: the chain is intact", "the read models match the log");
    before.assertSameAs(Untouched.of(db));
  }

  /** Every command that only reads the record, as a user would run it over {@code db}. */
  private static List<String[]> commands(Path db) {
    String file = db.toString();
    return List.of(new String[] {"verify", "--db", file}, new String[] {"verify", "--db", file, "--read-models", "--compact",
        CliRun.example("kyiv-compact")}, new String[] {"users", "list", "--db", file}, new String[] {"webhooks", "list", "--db", file});
  }

  /** A record with an account and a list version, written as a user would, its WAL folded into the file. */
  private Path record() throws IOException {
    Path db = dir.resolve("c.db");
    Path release = Files.createDirectories(dir.resolve("release"));
    Files.writeString(release.resolve("sdn.csv"), SDN);
    CliRun imported = CliRun.of("lists", "import", release.toString(), "--source", "ofac", "--db", db.toString(), "--compact",
        CliRun.example("kyiv-compact"));
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    CliRun added = CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db.toString());
    assertThat(added.exitCode()).as(added.err()).isZero();
    return db;
  }

  private static void execute(Path db, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseCommandTests {

  @Test
  void aMistypedDatabaseIsRefusedAndCreatesNothingWhateverFormItsUrlTakes(@TempDir Path dir) {
    // A ':' in a path is legal on Linux, and jdbc:sqlite: URLs name files too: before, any db with a ':'
    // passed as present, and a command that writes made a new, empty record and answered from it.
    Path typo = dir.resolve("compact-dta/compact.db");
    Path colon = dir.resolve("copy:2/compact.db");
    for (String db : List.of("jdbc:sqlite:" + typo, "jdbc:sqlite:file:" + typo + "?cache=shared", colon.toString())) {
      CliRun run = CliRun.of("users", "disable", "uk-desk", "--db", db);

      assertThat(run.exitCode()).as(db).isEqualTo(1);
      assertThat(run.err()).as(db).contains("compact users: no database at " + db + " (check --db)").doesNotContain("no account");
    }
    assertThat(typo.getParent()).doesNotExist();
    assertThat(colon.getParent()).doesNotExist();
  }

  @Test
  void anExistingRecordNamedByAUrlOrAPathWithAColonIsOpened(@TempDir Path dir) {
    Path colon = dir.resolve("copy:2/compact.db");
    assertThat(CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", colon.toString()).exitCode()).isZero();

    for (String db : List.of(colon.toString(), "jdbc:sqlite:" + colon, "jdbc:sqlite:file:" + colon)) {
      CliRun run = CliRun.of("users", "list", "--db", db);

      assertThat(run.exitCode()).as(db + ": " + run.err()).isZero();
      assertThat(run.out()).as(db).contains("uk-desk");
    }
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compact screen NAME} screens against the lists the service would: the record's list versions
 * in force today (the record named with {@code --db}, else the default {@code compact-data/compact.db}
 * when it is there), the bundled demo lists only while the record holds none in force, and it always
 * says which answered. Before, without {@code --as-of} it ignored the record and screened the bundled
 * demo lists (audit item 5); then it still did so without {@code --db}, even when the default record
 * held the lists a user had imported; and a record named without versions was an error where the
 * API answered from the bundled lists.
 */
class ScreenRecordTests {
  /** An entry no bundled list holds, so that only the record's version can find it. */
  private static final String ONLY_IN_THE_RECORD = "99990001,\"QUIXBY, Zorvath Plimm\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,"
      + "-0- ,-0- ,\"DOB 02 Feb 1971.\"\r\n";

  @TempDir Path dir;

  @Test
  void aRecordNamedWithoutADateIsScreenedAsOfToday() throws IOException {
    String db = dir.resolve("c.db").toString();
    Path release = Files.createDirectories(dir.resolve("release"));
    Files.writeString(release.resolve("sdn.csv"), ONLY_IN_THE_RECORD);
    CliRun imported = CliRun.of("lists", "import", release.toString(), "--source", "ofac", "--in-force-from", "2020-01-01", "--db", db,
        "--compact", CliRun.example("kyiv-compact"));
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    CliRun screened = CliRun.of("screen", "Zorvath Plimm Quixby", "--db", db, "--compact", CliRun.example("kyiv-compact"));
    CliRun mixed = CliRun.of("screen", "Zorvath Plimm Quixby", "--db", db, "--ofac", release.toString(),
        "--compact", CliRun.example("kyiv-compact"));

    assertThat(screened.exitCode()).as(screened.err()).isZero();
    assertThat(screened.out()).contains("As of " + LocalDate.now(ZoneOffset.UTC), "ALERT", "Zorvath Plimm QUIXBY", "list version ofac sha256:",
        "in force from 2020-01-01").doesNotContain("No hit");
    assertThat(mixed.exitCode()).isEqualTo(1);
    assertThat(mixed.err()).contains("cannot be combined with --ofac or --un");
  }

  @Test
  void theDefaultRecordsListsAnswerWhenNoRecordIsNamed() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("work"));
    Path release = Files.createDirectories(dir.resolve("release"));
    Files.writeString(release.resolve("sdn.csv"), ONLY_IN_THE_RECORD);
    CliRun imported = CliRun.of("lists", "import", release.toString(), "--source", "ofac", "--in-force-from", "2020-01-01",
        "--db", folder.resolve("compact-data/compact.db").toString(), "--compact", CliRun.example("kyiv-compact"));
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    CliRun screened = CliRun.in(folder, "screen", "Zorvath Plimm Quixby", "--compact", CliRun.example("kyiv-compact"));

    assertThat(screened.exitCode()).as(screened.err()).isZero();
    assertThat(screened.out()).contains("ALERT", "Zorvath Plimm QUIXBY", "list version ofac sha256:").doesNotContain("No hit");
    assertThat(screened.err()).contains("in force on " + LocalDate.now(ZoneOffset.UTC),
        "the record compact-data/compact.db (the default; --db names another): ofac ");
  }

  @Test
  void withoutARecordTheBundledListsAnswerAndSaySo() {
    CliRun screened = CliRun.in(dir, "screen", "Oleg Deripaska", "--type", "person");

    assertThat(screened.exitCode()).as(screened.err()).isZero();
    assertThat(screened.out()).contains("ALERT", "DERIPASKA");
    assertThat(screened.err()).contains("no record at compact-data/compact.db", "the bundled demo lists", "never for real screening");
    assertThat(dir.resolve("compact-data")).as("screening creates no record").doesNotExist();
  }

  @Test
  void aRecordWithoutListVersionsTodayFallsBackToTheBundledListsAsTheServiceDoes() {
    String db = dir.resolve("c.db").toString();
    assertThat(CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db).exitCode()).isZero();

    CliRun today = CliRun.of("screen", "Oleg Deripaska", "--type", "person", "--db", db, "--compact", CliRun.example("kyiv-compact"));
    CliRun dated = CliRun.of("screen", "Oleg Deripaska", "--as-of", "2020-01-01", "--db", db, "--compact", CliRun.example("kyiv-compact"));

    assertThat(today.exitCode()).as(today.err()).isZero();
    assertThat(today.out()).contains("ALERT", "DERIPASKA").doesNotContain("As of");
    assertThat(today.err()).contains("the record " + db + " holds no list version in force on " + LocalDate.now(ZoneOffset.UTC),
        "screening against the bundled demo lists", "as the service does");
    assertThat(dated.exitCode()).as("a date the record knows nothing about is refused, as the API refuses it").isEqualTo(1);
    assertThat(dated.err()).contains("holds no list version in force on 2020-01-01");
  }

  @Test
  void aDateWithoutARecordIsRefusedNamingTheMissingDefault() {
    CliRun screened = CliRun.in(dir, "screen", "Oleg Deripaska", "--as-of", "2020-01-01");

    assertThat(screened.exitCode()).isEqualTo(1);
    assertThat(screened.err()).contains("compact screen: no database at compact-data/compact.db").doesNotContain("is there");
    assertThat(dir.resolve("compact-data")).doesNotExist();
  }
}

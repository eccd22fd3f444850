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
 * {@code compact screen NAME --db URL} screens against the record's list versions in force today.
 * Before this, without {@code --as-of} it ignored the record and screened the bundled demo lists: a
 * name only the record's lists hold was "No hit" (audit item 5).
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
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

    CliRun screened = CliRun.of("screen", "Zorvath Plimm Quixby", "--db", db);
    CliRun mixed = CliRun.of("screen", "Zorvath Plimm Quixby", "--db", db, "--ofac", release.toString());

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

    CliRun screened = CliRun.in(folder, "screen", "Zorvath Plimm Quixby");

    assertThat(screened.exitCode()).as(screened.err()).isZero();
    assertThat(screened.out()).contains("ALERT", "Zorvath Plimm QUIXBY", "list version ofac sha256:").doesNotContain("No hit");
    assertThat(screened.err()).contains("in force on " + LocalDate.now(ZoneOffset.UTC),
        "the record compact-data/compact.db (the default; --db names another): ofac ");
  }

  @Test
  void compactFolderIsRefusedSinceNothingOfItTakesPartInScreening() throws IOException {
    Path db = recordWithAVersion(dir.resolve("c.db"));

    // Before, --compact was accepted and ignored: the run screened as if it were not there and said nothing of it.
    CliRun withRecord = CliRun.of("screen", "Zorvath Plimm Quixby", "--db", db.toString(), "--compact", CliRun.example("kyiv-compact"));
    CliRun withEquals = CliRun.of("screen", "Oleg Deripaska", "--compact=" + CliRun.example("kyiv-lock-v2"));

    for (CliRun refused : List.of(withRecord, withEquals)) {
      assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
      assertThat(refused.out()).as("nothing was screened").isEmpty();
      assertThat(refused.err()).startsWith("compact screen: --compact is not an option of screen: no compact folder takes part in"
          + " screening (the list versions and the sanctions packages a hit names come from the record, --db, or from --ofac/--un"
          + " files); drop it").doesNotContain("Exception");
    }
  }

  /** A record holding one list version in force since 2020, made by {@code lists import} as a user would. */
  private Path recordWithAVersion(Path db) throws IOException {
    Path release = Files.createDirectories(dir.resolve("release"));
    Files.writeString(release.resolve("sdn.csv"), ONLY_IN_THE_RECORD);
    CliRun imported = CliRun.of("lists", "import", release.toString(), "--source", "ofac", "--in-force-from", "2020-01-01",
        "--db", db.toString(), "--compact", CliRun.example("kyiv-compact"));
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    return db;
  }

  private static void execute(Path db, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void screeningTheDefaultRecordReadsItWithoutWritingOrNeedingItsCompact() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("work"));
    Path db = recordWithAVersion(folder.resolve("compact-data/compact.db"));
    // Read models emptied behind the service's back: a service opening the record rebuilds them; a screening must not.
    execute(db, "DELETE FROM norm_instances");
    Untouched before = Untouched.of(db);

    // Plain 'compact screen NAME', from the folder holding the default record, with no --compact (the record's compact is not needed to read lists).
    CliRun screened = CliRun.in(folder, "screen", "Zorvath Plimm Quixby");

    assertThat(screened.exitCode()).as(screened.err()).isZero();
    assertThat(screened.out()).contains("ALERT", "Zorvath Plimm QUIXBY", "list version ofac sha256:");
    before.assertSameAs(Untouched.of(db));
  }

  @Test
  void aRecordWithAnOlderSchemaIsNotMigratedByScreening() throws IOException {
    Path db = recordWithAVersion(dir.resolve("c.db"));
    execute(db, "DELETE FROM flyway_schema_history WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)");
    Untouched before = Untouched.of(db);

    CliRun screened = CliRun.of("screen", "Zorvath Plimm Quixby", "--db", db.toString());

    assertThat(screened.exitCode()).isEqualTo(1);
    assertThat(screened.err()).contains("compact screen: the record " + db + " has an older schema (", "compact serve",
        "nothing was changed").doesNotContain("Exception", "\tat ");
    before.assertSameAs(Untouched.of(db));
  }

  @Test
  void aRecordWithANewerSchemaIsRefusedClearly() throws IOException {
    Path db = recordWithAVersion(dir.resolve("c.db"));
    execute(db, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time,"
        + " success) VALUES (9999, '9999', 'from a newer build', 'SQL', 'V9999__newer.sql', 0, 'test', 0, 1)");
    Untouched before = Untouched.of(db);

    CliRun screened = CliRun.of("screen", "Zorvath Plimm Quixby", "--db", db.toString());

    assertThat(screened.exitCode()).isEqualTo(1);
    assertThat(screened.err()).contains("compact screen: the record " + db + " has a newer schema (9999) than this build", "the build that wrote it")
        .doesNotContain("Exception", "\tat ");
    before.assertSameAs(Untouched.of(db));
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

    CliRun today = CliRun.of("screen", "Oleg Deripaska", "--type", "person", "--db", db);
    CliRun dated = CliRun.of("screen", "Oleg Deripaska", "--as-of", "2020-01-01", "--db", db);

    assertThat(today.exitCode()).as(today.err()).isZero();
    assertThat(today.out()).contains("ALERT", "DERIPASKA").doesNotContain("As of");
    assertThat(today.err()).contains("the record " + db + " holds no list version in force on " + LocalDate.now(ZoneOffset.UTC),
        "screening against the bundled demo lists", "as the service does");
    assertThat(dated.exitCode()).as("a date the record knows nothing about is refused, as the API refuses it").isEqualTo(1);
    assertThat(dated.err()).contains("holds no list version in force on 2020-01-01");
  }

  /**
   * A record holding packages but no list version in force fell back to the bundled lists and named no package, while the
   * API, on the same record, names the packages designating a bundled hit's entry (the link is by list and entry id).
   */
  @Test
  void aBundledHitNamesTheRecordsPackagesDesignatingItsEntryAsTheApiDoes() {
    String db = dir.resolve("c.db").toString();
    assertThat(CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db).exitCode()).isZero();
    ListsImportCommandTests.recordPackageDesignating("24283", db);

    CliRun screened = CliRun.of("screen", "Oleg Deripaska", "--type", "person", "--db", db);

    assertThat(screened.exitCode()).as(screened.err()).isZero();
    assertThat(screened.err()).contains("screening against the bundled demo lists");
    assertThat(screened.out()).contains("OFAC", "24283", "DERIPASKA",
        "designated by sanctions package us-test (A test round, USA; designation logan, listed; in force for USA)");
  }

  /**
   * Review 6, M2: the line named only the issuer's state, so after the United States lifted a designation that the UK,
   * having adopted the package, still applies, it read "lifted" while the API said in force for GBR. It now names for
   * whom the designation is in force and who lifted it for itself, as the API's inForceFor and liftedBy.
   */
  @Test
  void aHitNamesForWhomItsDesignationIsInForceAndWhoLiftedIt() {
    String db = dir.resolve("c.db").toString();
    assertThat(CliRun.of("users", "add", "uk-desk", "--role", "guarantor:GBR", "--db", db).exitCode()).isZero();
    dev.compact.agreements.PartyCode usa = new dev.compact.agreements.PartyCode("USA");
    dev.compact.agreements.PartyCode gbr = new dev.compact.agreements.PartyCode("GBR");
    ListsImportCommandTests.recordPackageDesignating("24283", db, java.util.List.of(
        at -> new dev.compact.engine.Event.SanctionsAdopted(at, at, "us-test", usa),
        at -> new dev.compact.engine.Event.SanctionsAdopted(at, at, "us-test", gbr),
        at -> new dev.compact.engine.Event.DesignationLifted(at, at, "us-test", "logan", usa)));

    CliRun screened = CliRun.of("screen", "Oleg Deripaska", "--type", "person", "--db", db);

    assertThat(screened.exitCode()).as(screened.err()).isZero();
    assertThat(screened.out()).contains("designated by sanctions package us-test (A test round, USA; designation logan, lifted;"
        + " in force for GBR (lifted by USA))");
  }

  @Test
  void aDateWithoutARecordIsRefusedNamingTheMissingDefault() {
    CliRun screened = CliRun.in(dir, "screen", "Oleg Deripaska", "--as-of", "2020-01-01");

    assertThat(screened.exitCode()).isEqualTo(1);
    assertThat(screened.err()).contains("compact screen: no database at compact-data/compact.db").doesNotContain("is there");
    assertThat(dir.resolve("compact-data")).doesNotExist();
  }
}

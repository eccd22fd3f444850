package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListsImportCommandTests {
  private static final String CUBA = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  private static final String LOGAN = "10278,\"LOGAN MOREY, Elvis Angus\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
      + "\"DOB 28 Jul 1963; Passport P0017003 (Belize).\"\r\n";

  @TempDir Path dir;

  @Test
  void recordsAVersionOnceRefusesACutFileAndScreensAsOfADate() throws IOException {
    String db = dir.resolve("c.db").toString();
    Path older = release("older", CUBA);
    Path newer = release("newer", CUBA + LOGAN);

    CliRun first = CliRun.of("lists", "import", older.toString(), "--source", "ofac", "--in-force-from", "2019-01-15", "--db", db,
        "--compact", CliRun.example("kyiv-compact"));
    CliRun second = CliRun.of("lists", "import", newer.resolve("sdn.csv").toString(), "--source", "ofac", "--date", "2021-07-07",
        "--db", db, "--compact", CliRun.example("kyiv-compact"));
    CliRun again = CliRun.of("lists", "import", newer.toString(), "--source", "ofac", "--db", db, "--compact", CliRun.example("kyiv-compact"));
    Path cut = Files.createDirectories(dir.resolve("cut"));
    byte[] bytes = (CUBA + LOGAN).getBytes();
    Files.write(cut.resolve("sdn.csv"), Arrays.copyOf(bytes, bytes.length - 30));
    CliRun truncated = CliRun.of("lists", "import", cut.toString(), "--source", "ofac", "--db", db, "--compact", CliRun.example("kyiv-compact"));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("recorded ofac version sha256:", "1 entries, in force from 2019-01-15");
    assertThat(first.err()).contains("reading [", "100%");
    assertThat(second.out()).contains("2 entries, in force from 2021-07-07", "added 1, removed 0, changed 0");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already recorded", "nothing was recorded");
    assertThat(truncated.exitCode()).isEqualTo(1);
    assertThat(truncated.err()).containsPattern("sdn\\.csv:\\d+: .*nothing was recorded");

    recordPackageDesignating("10278", db);
    CliRun before = CliRun.of("screen", "Elvis Logan Morey", "--as-of", "2020-03-01", "--db", db);
    CliRun after = CliRun.of("screen", "Elvis Logan Morey", "--as-of", "2022-03-01", "--db", db);
    CliRun tooEarly = CliRun.of("screen", "Elvis Logan Morey", "--as-of", "2018-03-01", "--db", db);

    assertThat(before.out()).contains("in force from 2019-01-15", "No hit");
    assertThat(after.out()).contains("LOGAN MOREY", "list version ofac sha256:", "in force from 2021-07-07",
        "designated by sanctions package us-test (A test round, USA; designation logan, listed; in force for USA)");
    assertThat(tooEarly.exitCode()).isEqualTo(1);
    assertThat(tooEarly.err()).contains("no list version in force on 2018-03-01; the earliest is in force from 2019-01-15");
  }

  @Test
  void staleSideRowsAreRefusedNamingTheOverrideAndReadWithIt() throws IOException {
    String db = dir.resolve("c.db").toString();
    Path stale = release("stale", CUBA + LOGAN);
    // An alias of entry 20000, after the main file's last (10278): what a main file cut short leaves, or a stale row of a whole release.
    Files.writeString(stale.resolve("alt.csv"), "36,1,\"aka\",\"AERO CARIBBEAN\",-0- \r\n20000,2,\"aka\",\"GONE ENTRY\",-0- \r\n");
    String compact = CliRun.example("kyiv-compact");

    CliRun refused = CliRun.of("lists", "import", stale.toString(), "--source", "ofac", "--in-force-from", "2020-01-01", "--db", db,
        "--compact", compact);
    CliRun recorded = CliRun.of("lists", "import", stale.toString(), "--source", "ofac", "--in-force-from", "2020-01-01", "--db", db,
        "--compact", compact, "--allow-stale-side-rows");
    CliRun fromTheRecord = CliRun.of("screen", "Elvis Logan Morey", "--db", db);
    CliRun fromTheFiles = CliRun.of("screen", "Elvis Logan Morey", "--ofac", stale.toString());
    CliRun fromTheFilesAllowed = CliRun.of("screen", "Elvis Logan Morey", "--ofac", stale.toString(), "--allow-stale-side-rows");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("sdn.csv:2: ends at entry 10278, but alt.csv:2 names entry 20000 after it: the file looks cut short",
        "--allow-stale-side-rows reads them as stale and ignores them; if the file was cut short, that loses its last entries",
        "nothing was recorded");
    assertThat(recorded.exitCode()).as(recorded.err()).isZero();
    assertThat(recorded.out()).contains("recorded ofac version sha256:", "2 entries");
    assertThat(recorded.err()).contains("1 row(s) of alt.csv (the first at line 2) name entries after it: read as stale and ignored");
    assertThat(fromTheRecord.exitCode()).as("a version the record holds stays readable: " + fromTheRecord.err()).isZero();
    assertThat(fromTheRecord.out()).contains("LOGAN MOREY");
    assertThat(fromTheFiles.exitCode()).isEqualTo(1);
    assertThat(fromTheFiles.err()).contains("looks cut short", "--allow-stale-side-rows");
    assertThat(fromTheFilesAllowed.exitCode()).as(fromTheFilesAllowed.err()).isZero();
    assertThat(fromTheFilesAllowed.out()).contains("LOGAN MOREY");
  }

  /** Records, as the secretariat's tooling would, a package whose one designation became OFAC entry {@code entry}. */
  static void recordPackageDesignating(String entry, String db) {
    recordPackageDesignating(entry, db, java.util.List.of());
  }

  /** As above, then the acts {@code acts} gives on the package us-test, each at the service clock's instant, in that order. */
  static void recordPackageDesignating(String entry, String db,
      java.util.List<java.util.function.Function<java.time.Instant, dev.compact.engine.Event>> acts) {
    RecordOptions options = new RecordOptions();
    options.db = db;
    options.compact = Path.of(CliRun.example("kyiv-compact"));
    try (dev.compact.service.RecordService service = options.open("test", new java.io.PrintWriter(System.err, true), true).orElseThrow()) {
      var terms = new dev.compact.packages.SanctionsPackage("A test round", java.util.List.of(), java.util.Optional.empty(),
          java.util.Optional.empty(), java.util.List.of(), java.util.List.of(new dev.compact.packages.Designation("logan", "LOGAN MOREY",
              java.util.Optional.of("ofac"), java.util.Optional.of(entry))), java.util.Optional.empty(), java.util.Optional.empty(),
          java.util.Optional.empty(), java.util.Map.of("designations", "this test's own"));
      // The handler checks the caller Spring Security holds (method security): the secretariat records it.
      var actor = new dev.compact.access.Actor("secretariat", java.util.Set.of(new dev.compact.access.Role.Secretariat()), false);
      var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
      context.setAuthentication(new dev.compact.access.CompactAuthentication(actor));
      org.springframework.security.core.context.SecurityContextHolder.setContext(context);
      try {
        new dev.compact.service.CommandHandler(service).handle(new dev.compact.commands.Command.RecordPackage("us-test",
            new dev.compact.agreements.PartyCode("USA"), terms, java.util.Optional.empty()),
            actor, java.util.Optional.empty(), java.util.Optional.empty(), dev.compact.agreements.Classification.PUBLIC);
      } finally {
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
      }
      for (var act : acts) {
        service.record("sanctions-us-test", java.util.Optional.empty(), java.util.List.of(act.apply(service.clock().instant())),
            java.util.Optional.empty(), dev.compact.access.Actor.system("test"));
      }
    }
  }

  /**
   * Review 6, L4: on a database that did not exist, a file refused for what it holds said "nothing was recorded" after
   * opening the record had created it with its first event (the texts it applies). The files are now read before the
   * record is opened, so such a refusal creates no record at all, and the message is true.
   */
  @Test
  void aRefusedImportOnANewDatabaseCreatesNoRecord() throws IOException {
    Path db = dir.resolve("new.db");
    Path empty = release("empty", "");
    Path malformed = release("malformed", "36,\"AEROCARIBBEAN AIRLINES\r\n");

    CliRun nothing = CliRun.of("lists", "import", empty.toString(), "--source", "ofac", "--db", db.toString(), "--compact",
        CliRun.example("kyiv-compact"));
    CliRun broken = CliRun.of("lists", "import", malformed.toString(), "--source", "ofac", "--db", db.toString(), "--compact",
        CliRun.example("kyiv-compact"));

    assertThat(nothing.exitCode()).isEqualTo(1);
    assertThat(nothing.err()).contains("sdn.csv: holds no entries; nothing was recorded");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err()).containsPattern("sdn\\.csv:\\d+: .*nothing was recorded");
    assertThat(db).as("no record was created").doesNotExist();
  }

  /** Review7 L4: a parser's refusal of an entity (a blank id) became an internal error once files were read before the record. */
  @Test
  void anEntityAParserRefusesIsBadInputAndCreatesNoRecord() throws IOException {
    Path db = dir.resolve("new.db");
    Path ftm = Files.writeString(dir.resolve("entities.json"), "{\"id\":\"\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Joe\"]}}\n");

    CliRun run = CliRun.of("lists", "import", ftm.toString(), "--source", "ftm", "--db", db.toString(), "--compact",
        CliRun.example("kyiv-compact"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("compact lists import: an entity id must not be blank; nothing was recorded")
        .doesNotContain("internal error");
    assertThat(db).as("no record was created").doesNotExist();
  }

  @Test
  void anUnknownSourceIsRefused() {
    CliRun run = CliRun.of("lists", "import", dir.toString(), "--source", "sdn", "--db", dir.resolve("c.db").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown --source 'sdn'; use one of ofac, un, eu, uk, ftm");
  }

  private Path release(String name, String sdn) throws IOException {
    Path release = Files.createDirectories(dir.resolve(name));
    Files.writeString(release.resolve("sdn.csv"), sdn);
    return release;
  }
}

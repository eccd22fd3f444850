package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTests {

  /**
   * Review6 L10 and review7 M1, for export as for verify: a record read without locks that changed meanwhile may be read as
   * a mix of before and after. Export then reads it again under SQLite's locks, so that whatever touches the file, the
   * export ends as it does for a quiet record.
   */
  @Test
  void anExportOfARecordTouchedMeanwhileIsWrittenAgainUnderLocks(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    try (dev.compact.store.Database database = dev.compact.store.Database.open(db)) {
      for (int i = 0; i < 200; i++) {
        append(database, i);
      }
    }
    // No service ever signed a checkpoint of this record, so a whole read of it ends in that refusal: what matters here is
    // that a touched read is done again under locks and ends as the quiet one does.
    CliRun quiet = CliRun.of("export", "--public", dir.resolve("quiet").toString(), "--db", db);
    assertThat(quiet.err()).contains("the log has no checkpoint yet");
    assertThat(quiet.out()).doesNotContain(ExportCommand.AGAIN);

    java.util.concurrent.atomic.AtomicBoolean touching = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread toucher = Thread.ofPlatform().start(() -> {
      long tick = 0;
      while (touching.get()) {
        try {
          Files.setLastModifiedTime(Path.of(db), java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L + tick++));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    CliRun touched;
    try {
      touched = CliRun.of("export", "--public", dir.resolve("touched").toString(), "--db", db);
    } finally {
      touching.set(false);
      toucher.join();
    }

    assertThat(touched.out()).contains(ExportCommand.AGAIN);
    assertThat(touched.exitCode()).isEqualTo(quiet.exitCode());
    assertThat(touched.err()).isEqualTo(quiet.err().replace(dir.resolve("quiet").toString(), dir.resolve("touched").toString()));
    assertThat(dir.resolve("touched")).doesNotExist();
  }

  private static void append(dev.compact.store.Database database, long expected) {
    new dev.compact.store.EventStore(database, java.time.Clock.systemUTC(), List.of()).append("s", expected,
        List.of(new dev.compact.store.NewEvent("note", "{}", java.time.Instant.parse("2026-01-01T00:00:00Z"), "test")),
        java.util.Optional.empty());
  }

  /**
   * An export into a symbolic link to an empty folder failed with "Not a directory: .../.LINK.PID-NANOS.part": a temporary
   * name the user never gave (the rename into place cannot go through a link). It names the link and the folder now.
   */
  @Test
  void anExportIntoASymbolicLinkIsRefusedNamingTheLinkAndWritesNothing(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    assertThat(CliRun.of("users", "add", "observer-1", "--role", "observer", "--db", db).exitCode()).isZero();
    Path folder = Files.createDirectory(dir.resolve("folder"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), folder);

    CliRun run = CliRun.of("export", "--public", link.toString(), "--db", db);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("compact export: " + link + " is a symbolic link; give the folder itself (" + folder.toRealPath()
        + "); nothing was written").doesNotContain(".part");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("no folder of a part-written export").noneMatch(n -> n.startsWith("."));
    }
    try (Stream<Path> inFolder = Files.list(folder)) {
      assertThat(inFolder).isEmpty();
    }
  }

  /**
   * A link whose target does not exist was caught as "cannot write LINK: ..." (the failure of resolving it to name the
   * folder), which did not say it was a link (review5 L9). It is named as a link, with where it points.
   */
  @Test
  void anExportIntoADanglingSymbolicLinkIsRefusedNamingTheLinkAndWhereItPoints(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    assertThat(CliRun.of("users", "add", "observer-1", "--role", "observer", "--db", db).exitCode()).isZero();
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("gone"));

    CliRun run = CliRun.of("export", "--public", link.toString(), "--db", db);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("compact export: " + link + " is a symbolic link to " + dir.resolve("gone")
        + ", which does not exist; give a folder's own path; nothing was written" + System.lineSeparator());
    assertThat(dir.resolve("gone")).doesNotExist();
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  /**
   * A --db with a ':' passed as present, so a mistyped jdbc:sqlite: URL or a path with a colon got the driver's error
   * instead of the usual line: the rule the other commands gave up in 55b60e0 (review5 L8).
   */
  @Test
  void aMissingDatabaseNamedByAUrlOrAPathWithAColonIsTheUsualErrorAndWritesNothing(@TempDir Path dir) {
    Path typo = dir.resolve("compact-dta/compact.db");
    Path out = dir.resolve("out");
    for (String db : List.of("jdbc:sqlite:" + typo, "jdbc:sqlite:file:" + typo, dir.resolve("copy:2/compact.db").toString())) {
      CliRun run = CliRun.of("export", "--public", out.toString(), "--db", db);

      assertThat(run.exitCode()).as(db).isEqualTo(1);
      assertThat(run.err()).as(db).isEqualTo("compact export: no database at " + db + System.lineSeparator());
    }
    assertThat(typo.getParent()).doesNotExist();
    assertThat(out).doesNotExist();
  }
}

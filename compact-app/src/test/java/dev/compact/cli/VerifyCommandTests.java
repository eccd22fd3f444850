package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.NewEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTests {

  @Test
  void intactRecordVerifiesAndTamperingIsNamed(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    try (Database database = Database.open(db)) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
      for (int i = 0; i < 3; i++) {
        store.append("s", i, List.of(new NewEvent("note", "{\"i\":" + i + "}", Instant.parse("2026-01-01T00:00:00Z"), "test")), Optional.empty());
      }
    }

    CliRun intact = CliRun.of("verify", "--db", db);
    assertThat(intact.exitCode()).isZero();
    assertThat(intact.out()).contains("3 events verified: the chain is intact");
    // Without the log's key nothing checked is signed: verify says so rather than pass silently.
    assertThat(intact.out()).contains("note: the log's checkpoints' signatures were not checked (no log key given with --trust)");

    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DROP TRIGGER events_no_update");
      s.executeUpdate("UPDATE events SET payload = '{\"i\":99}' WHERE seq = 2");
    }
    CliRun tampered = CliRun.of("verify", "--db", db);
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.err()).contains("event 2: its content does not match its hash");
  }

  /**
   * Issue #11: an event rewritten with every later chain hash and the head recomputed passes the
   * chain's own check; against a checkpoint issued before, verify fails and names the event.
   */
  @Test
  void aRewriteThatRecomputedTheChainFailsAgainstAnEarlierCheckpoint(@TempDir Path dir) throws Exception {
    String db = recordOfFiveCheckpointed(dir);
    CliRun before = CliRun.of("verify", "--db", db, "--checkpoint", dir.resolve("checkpoint").toString(), "--trust", dir.resolve("trust").toString());
    assertThat(before.exitCode()).as(before.err()).isZero();
    assertThat(before.out()).contains("5 events verified", "matches the events and 5 checkpoints (the latest of size 5)")
        .doesNotContain("were not checked");

    List<dev.compact.store.StoredEvent> events;
    try (Database database = Database.open(db)) {
      events = new EventStore(database, Clock.systemUTC(), List.of()).read(1, 10);
    }
    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DROP TRIGGER events_no_update");
      s.executeUpdate("DROP TRIGGER chain_head_forward");
      String prev = events.get(1).hash();
      for (var e : events.subList(2, 5)) {
        String payload = e.seq() == 3 ? "{\"i\":99}" : e.payload();
        String hash = dev.compact.store.ChainHash.of(prev, e.seq(), e.streamId(), e.streamVersion(), e.type(), payload,
            e.occurredAt().toString(), e.recordedAt().toString(), e.actor());
        s.executeUpdate("UPDATE events SET payload = '" + payload + "', prev_hash = '" + prev + "', hash = '" + hash + "' WHERE seq = " + e.seq());
        prev = hash;
      }
      s.executeUpdate("UPDATE chain_head SET hash = '" + prev + "'");
    }
    CliRun chainOnly = CliRun.of("verify", "--db", db);
    assertThat(chainOnly.err()).doesNotContain("event 3: its content");
    CliRun after = CliRun.of("verify", "--db", db, "--checkpoint", dir.resolve("checkpoint").toString(), "--trust", dir.resolve("trust").toString());
    assertThat(after.exitCode()).isEqualTo(1);
    assertThat(after.err()).contains("event 3 (leaf 2)", "its leaf differs from the one that checkpoint 3 committed to");
  }

  /**
   * Audit round 2, finding 21: events removed from the end with the head moved back passed plain
   * verify, which the docs said detected it. A kept checkpoint beyond the end now fails plain verify
   * too; with the kept checkpoints deleted as well, only a checkpoint held elsewhere finds it.
   */
  @Test
  void eventsRemovedFromTheEndAreNamedUpToTheLargestCheckpoint(@TempDir Path dir) throws Exception {
    String db = recordOfFiveCheckpointed(dir);
    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DROP TRIGGER events_no_delete");
      s.executeUpdate("DROP TRIGGER chain_head_forward");
      s.executeUpdate("DELETE FROM events WHERE seq > 3");
      s.executeUpdate("UPDATE chain_head SET seq = 3, hash = (SELECT hash FROM events WHERE seq = 3)");
    }
    String trust = dir.resolve("trust").toString();

    CliRun plain = CliRun.of("verify", "--db", db);
    CliRun trusted = CliRun.of("verify", "--db", db, "--trust", trust);

    assertThat(plain.exitCode()).isEqualTo(1);
    assertThat(plain.err()).contains("the record ends at event 3 but the database kept a checkpoint of size 5: events 4 to 5 were removed");
    assertThat(trusted.exitCode()).isEqualTo(1);
    assertThat(trusted.err()).contains("event 4 (leaf 3)", "checkpoint of size 5", "events 4 to 5 were removed");

    // The writer deletes the kept checkpoints too: nothing in the database remembers the end.
    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DROP TRIGGER log_checkpoints_no_delete");
      s.executeUpdate("DELETE FROM log_checkpoints WHERE size > 3");
    }
    CliRun held = CliRun.of("verify", "--db", db, "--checkpoint", dir.resolve("checkpoint").toString(), "--trust", trust);

    assertThat(CliRun.of("verify", "--db", db, "--trust", trust).exitCode()).isZero();
    assertThat(held.exitCode()).isEqualTo(1);
    assertThat(held.err()).contains("events 4 to 5 were removed");
  }

  /**
   * A record of five events with a checkpoint signed after each (kept in the database); the latest is
   * also written to {@code dir/checkpoint} and the log's verifier key to {@code dir/trust}.
   */
  private static String recordOfFiveCheckpointed(Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    dev.compact.transparency.NoteSigner key = dev.compact.log.KeyFiles.create(dir.resolve("log.key"), "log.test.example/compact",
        dev.compact.transparency.NoteKey.ED25519);
    try (Database database = Database.open(db)) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
      var log = new dev.compact.log.TransparencyLog(store, key, List.of(), 0, Clock.systemUTC());
      for (int i = 0; i < 5; i++) {
        store.append("s", i, List.of(new NewEvent("note", "{\"i\":" + i + "}", Instant.parse("2026-01-01T00:00:00Z"), "test")), Optional.empty());
        log.issue();
      }
      java.nio.file.Files.writeString(dir.resolve("checkpoint"), log.latest().format());
      java.nio.file.Files.writeString(dir.resolve("trust"), key.key().text() + "\n");
    }
    return db;
  }

  /**
   * Audit round 3, finding 1: an edited compact folder (the Compact's 24-hour clock made 96 hours)
   * was applied by rebuild and called matching by verify. Now rebuild records the change on the log
   * and verify refuses a folder whose texts the log did not last record.
   */
  @Test
  void aFolderWhoseTextsTheLogDidNotRecordIsRefusedAndRebuildRecordsTheChange(@TempDir Path dir) throws Exception {
    String original = CliRun.example("kyiv-compact");
    Path edited = dir.resolve("kc");
    try (var files = java.nio.file.Files.walk(Path.of(original))) {
      for (Path file : files.toList()) {
        Path target = edited.resolve(Path.of(original).relativize(file).toString());
        if (java.nio.file.Files.isDirectory(file)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(file, target);
        }
      }
    }
    String umbrella = java.nio.file.Files.readString(edited.resolve("compact.md"));
    String clock = "deadline: {within: PT24H, from: consultation-requested, boundary: inclusive}\nfulfilled-by: consultation-held";
    int at = umbrella.indexOf(clock, umbrella.indexOf("id: kyiv-convene"));
    assertThat(at).isPositive();
    java.nio.file.Files.writeString(edited.resolve("compact.md"), umbrella.substring(0, at) + clock.replace("PT24H", "PT96H")
        + umbrella.substring(at + clock.length()));
    String db = dir.resolve("c.db").toString();
    var compact = Sources.compact(Path.of(original), new java.io.PrintWriter(System.err)).orElseThrow();
    try (var record = new dev.compact.service.RecordService(Database.open(db), dev.compact.engine.Engine.of(compact), Clock.systemUTC())) {
      Instant t = Instant.parse("2026-01-01T00:00:00Z");
      record.record("agreement-kyiv-compact", Optional.empty(), List.of(new dev.compact.engine.Event.EnteredIntoForce(t, t,
          new dev.compact.agreements.AgreementId("kyiv-compact"))), Optional.empty(), dev.compact.access.Actor.system("test"));
    }

    // The record was created with these texts as its first event: a rebuild with them records nothing.
    CliRun first = CliRun.of("rebuild", "--db", db, "--compact", original);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).doesNotContain("recorded the agreement texts");
    assertThat(first.err()).isEmpty();

    CliRun refused = CliRun.of("verify", "--db", db, "--read-models", "--compact", edited.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("the agreement texts in " + edited + " are not those the log last recorded (event 1)",
        "  kyiv-compact: sha256:", " where the log recorded sha256:" + compact.umbrella().versionHash().hex().substring(0, 16));
    assertThat(refused.out()).doesNotContain("the read models match");
    CliRun matches = CliRun.of("verify", "--db", db, "--read-models", "--compact", original);
    assertThat(matches.exitCode()).as(matches.err()).isZero();
    assertThat(matches.out()).contains("the agreement texts in " + original + " are those the log last recorded (event 1)",
        "the read models match the log");

    CliRun changed = CliRun.of("rebuild", "--db", db, "--compact", edited.toString());
    assertThat(changed.exitCode()).isZero();
    assertThat(changed.err()).contains("the agreement texts in " + edited + " differ from those the log recorded at event 1; the change is"
        + " recorded as public event 3:", "  kyiv-compact: sha256:");
    assertThat(CliRun.of("verify", "--db", db, "--read-models", "--compact", original).exitCode()).isEqualTo(1);
    assertThat(CliRun.of("verify", "--db", db, "--read-models", "--compact", edited.toString()).exitCode()).isZero();
  }

  /**
   * verify only reads, yet SQLite's reader of a WAL record made its -wal and -shm files beside it and left them: a write
   * to an evidence copy or a read-only share (audit5 C22). A record nothing has open is now read as an immutable file.
   */
  @Test
  void verifyLeavesTheFolderOfARecordNothingHasOpenAsItWas(@TempDir Path dir) throws Exception {
    Path folder = Files.createDirectory(dir.resolve("evidence"));
    String db = folder.resolve("c.db").toString();
    try (Database database = Database.open(db)) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
      store.append("s", 0, List.of(new NewEvent("note", "{}", Instant.parse("2026-01-01T00:00:00Z"), "test")), Optional.empty());
    }
    Map<String, FileTime> before = filesIn(folder);
    byte[] bytes = Files.readAllBytes(Path.of(db));

    CliRun run = CliRun.of("verify", "--db", db);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("events verified: the chain is intact");
    assertThat(filesIn(folder)).isEqualTo(before);
    assertThat(Files.readAllBytes(Path.of(db))).isEqualTo(bytes);
  }

  /** A record a writer has open keeps its latest events in the -wal file: verify reads them there, as before. */
  @Test
  void verifyOfARecordAWriterHasOpenReadsTheEventsOnlyItsWalFileHolds(@TempDir Path dir) throws Exception {
    String db = dir.resolve("c.db").toString();
    try (Database database = Database.open(db)) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
      for (int i = 0; i < 3; i++) {
        store.append("s", i, List.of(new NewEvent("note", "{\"i\":" + i + "}", Instant.parse("2026-01-01T00:00:00Z"), "test")),
            Optional.empty());
      }
      assertThat(Path.of(db + "-wal")).as("the writer's events are in the WAL").isNotEmptyFile();

      CliRun run = CliRun.of("verify", "--db", db);

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("3 events verified");
    }
  }

  /**
   * Review6 L10: a record read without locks (nothing had it open) that a service opens during the read may be read as a mix
   * of before and after, and verify called what it found tampering. Review7 M1: telling that apart by the file alone let
   * whoever can set the file's time hold back the verdict for ever. A failure found in a read of a record that changed
   * meanwhile is now verified again under SQLite's locks, and that read gives the verdict, whatever touches the file.
   */
  @Test
  void aWriterTouchingTheRecordDuringVerifyNeitherHidesTamperingNorRaisesAFalseAlarm(@TempDir Path dir) throws Exception {
    String intactDb = dir.resolve("intact.db").toString();
    String alteredDb = dir.resolve("altered.db").toString();
    for (String db : List.of(intactDb, alteredDb)) {
      try (Database database = Database.open(db)) {
        EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
        for (int i = 0; i < 200; i++) {
          store.append("s", i, List.of(new NewEvent("note", "{\"i\":" + i + "}", Instant.parse("2026-01-01T00:00:00Z"), "test")),
              Optional.empty());
        }
      }
    }
    try (Database database = Database.open(alteredDb); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("DROP TRIGGER events_no_update");
      s.executeUpdate("UPDATE events SET payload = '{\"i\":99}' WHERE seq = 2");
    }
    for (String db : List.of(intactDb, alteredDb)) {
      // Closed by close() above, each record is a file nothing has open: verify reads it without locks.
      assertThat(Path.of(db + "-wal")).doesNotExist();
    }

    CliRun altered;
    CliRun intact;
    java.util.concurrent.atomic.AtomicBoolean touching = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread toucher = Thread.ofPlatform().start(() -> {
      long tick = 0;
      while (touching.get()) {
        try {
          // A new time every turn, for both files: all the file's attributes say is that it changed.
          FileTime time = FileTime.fromMillis(1_700_000_000_000L + tick++);
          Files.setLastModifiedTime(Path.of(alteredDb), time);
          Files.setLastModifiedTime(Path.of(intactDb), time);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    try {
      altered = CliRun.of("verify", "--db", alteredDb);
      intact = CliRun.of("verify", "--db", intactDb);
    } finally {
      touching.set(false);
      toucher.join();
    }

    assertThat(altered.exitCode()).as(altered.err()).isEqualTo(1);
    assertThat(altered.err()).contains("the record has been tampered with: event 2: its content does not match its hash");
    assertThat(altered.out()).contains(VerifyCommand.AGAIN);
    assertThat(intact.exitCode()).as(intact.err()).isZero();
    assertThat(intact.out()).contains("200 events verified: the chain is intact");
  }

  /** The folder's files by name, with their times: what a reader must leave as it found it. */
  static Map<String, FileTime> filesIn(Path folder) throws java.io.IOException {
    Map<String, FileTime> files = new TreeMap<>();
    try (Stream<Path> listed = Files.list(folder)) {
      for (Path file : listed.toList()) {
        files.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
      }
    }
    return files;
  }

  @Test
  void missingDatabaseIsAClearError(@TempDir Path dir) {
    CliRun run = CliRun.of("verify", "--db", dir.resolve("none.db").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no database at");
  }

  /**
   * A --db with a ':' passed as present, so a mistyped jdbc:sqlite: URL or a path with a colon got the driver's error
   * instead of the usual line: the rule the other commands gave up in 55b60e0 (review5 L8).
   */
  @Test
  void aMissingDatabaseNamedByAUrlOrAPathWithAColonIsTheSameClearError(@TempDir Path dir) {
    Path typo = dir.resolve("compact-dta/compact.db");
    for (String db : List.of("jdbc:sqlite:" + typo, "jdbc:sqlite:file:" + typo, dir.resolve("copy:2/compact.db").toString())) {
      CliRun run = CliRun.of("verify", "--db", db);

      assertThat(run.exitCode()).as(db).isEqualTo(1);
      assertThat(run.err()).as(db).isEqualTo("compact verify: no database at " + db + System.lineSeparator());
    }
    assertThat(typo.getParent()).doesNotExist();
  }
}

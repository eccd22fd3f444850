package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Audit round 3, finding 11: the SQLite record (secret events, watchlists, password and token
 * hashes) and its -wal and -shm files were created world-readable under the usual umask 022. A new
 * record is owner-only from its creation, and so is the folder made for it.
 */
class DatabaseFilesIntegrationTests {

  @Test
  void aNewRecordItsJournalFilesAndItsNewFolderAreOwnerOnly(@TempDir Path dir) throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    Path db = dir.resolve("compact-data/nested/c.db");
    try (Database database = Database.open(db.toString())) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
      store.append("s", 0, List.of(new NewEvent("note", "{}", Instant.parse("2026-01-01T00:00:00Z"), "test")), Optional.empty());
      // While the record is open SQLite keeps its write-ahead log and shared memory beside it, with the database file's mode.
      for (String suffix : List.of("", "-wal", "-shm")) {
        assertThat(Path.of(db + suffix)).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(db + suffix)))).as(suffix).isEqualTo("rw-------");
      }
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("compact-data")))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("compact-data/nested")))).isEqualTo("rwx------");
  }

  @Test
  void anExistingRecordAndFolderKeepTheirPermissions(@TempDir Path dir) throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    Path db = dir.resolve("shared.db");
    try (Database database = Database.open(db.toString())) {
      new EventStore(database, Clock.systemUTC(), List.of()).head();
    }
    // An operator's choice (a group that backs the record up) is not narrowed, nor the temporary folder's mode.
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r-----"));
    String folder = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    try (Database database = Database.open(db.toString())) {
      new EventStore(database, Clock.systemUTC(), List.of()).head();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo(folder);
  }

  /**
   * Only a bare path was protected: a URL with {@code ?} parameters, or an SQLite {@code file:} URI, was left to SQLite,
   * which created the record, its -wal and -shm files readable by all. Each form now gets its real file owner-only.
   */
  @ParameterizedTest
  @CsvSource(delimiterString = " -> ", value = {
      "jdbc:sqlite:{dir}/pragmas/c.db?journal_mode=WAL&busy_timeout=3000 -> pragmas/c.db",
      "jdbc:sqlite:{dir}/kept/c.db?cache=shared -> kept/c.db?cache=shared",
      "jdbc:sqlite:file:{dir}/uri/c.db -> uri/c.db",
      "jdbc:sqlite:file://localhost{dir}/uri/my%20record.db?mode=rwc&cache=private -> uri/my record.db",
  })
  void aNewRecordIsOwnerOnlyWhateverFormItsUrlTakes(String form, String file, @TempDir Path dir) throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
    Path db = dir.resolve(file);
    try (Database database = Database.open(form.replace("{dir}", dir.toString()))) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of());
      store.append("s", 0, List.of(new NewEvent("note", "{}", Instant.parse("2026-01-01T00:00:00Z"), "test")), Optional.empty());
      for (String suffix : List.of("", "-wal", "-shm")) {
        assertThat(Path.of(db + suffix)).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(db + suffix)))).as(suffix).isEqualTo("rw-------");
      }
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db.getParent()))).isEqualTo("rwx------");
    try (var files = Files.list(db.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).as("no other file made of the URL")
          .allMatch(name -> name.startsWith(db.getFileName().toString()));
    }
  }

  @Test
  void aUriOpenedOnlyForExistingFilesCreatesNone(@TempDir Path dir) {
    Path db = dir.resolve("missing.db");
    assertThatThrownBy(() -> Database.open("jdbc:sqlite:file:" + db + "?mode=rw").close()).isInstanceOf(RuntimeException.class);
    assertThat(db).doesNotExist();
  }
}

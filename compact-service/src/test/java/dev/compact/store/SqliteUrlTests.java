package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Audit: a new record was made owner-only only when its URL was a bare path; one with {@code ?} parameters, or an
 * SQLite {@code file:} URI, was left to SQLite, which created it under the umask (readable by all). Each form of URL
 * is read as the driver and SQLite read it, down to the file they create.
 */
class SqliteUrlTests {
  private static final Path HERE = Path.of("").toAbsolutePath();

  @ParameterizedTest
  @CsvSource(delimiterString = " -> ", value = {
      "jdbc:sqlite:/srv/compact/c.db -> /srv/compact/c.db",
      // The driver's pragmas are taken out of the name; parameters it does not know stay in it, as SQLite then opens it.
      "jdbc:sqlite:/srv/compact/c.db?journal_mode=WAL&busy_timeout=5000 -> /srv/compact/c.db",
      "jdbc:sqlite:/srv/compact/c.db?JOURNAL_MODE=wal&cache=shared -> /srv/compact/c.db?cache=shared",
      "jdbc:sqlite:/srv/compact/c.db?a=1&b=2 -> /srv/compact/c.db?b=2&a=1",
      "jdbc:sqlite:/srv/compact/c.db?mode=memory -> /srv/compact/c.db?mode=memory",
      "jdbc:sqlite:/srv/compact/c.db?open_mode=6 -> /srv/compact/c.db",
      // SQLite URIs: the path without its query, percent-decoded, after an empty or localhost authority.
      "jdbc:sqlite:file:/srv/compact/c.db -> /srv/compact/c.db",
      "jdbc:sqlite:file:/srv/compact/c.db?mode=rwc&cache=shared -> /srv/compact/c.db",
      "jdbc:sqlite:file:///srv/compact/my%20record.db?cache=private -> /srv/compact/my record.db",
      "jdbc:sqlite:file://localhost/srv/compact/c.db -> /srv/compact/c.db",
      "jdbc:sqlite:file:/srv/compact/c.db#part -> /srv/compact/c.db",
      "jdbc:sqlite:file:/srv/compact/c.db?journal_mode=WAL&vfs=unix -> /srv/compact/c.db",
      // A parameter given twice: SQLite applies each in turn, the last deciding, and the driver hands them over in reverse,
      // so the first of the URL decides (its last decided here before, as the first of the reversed order).
      "jdbc:sqlite:file:/srv/compact/c.db?mode=rwc&mode=ro -> /srv/compact/c.db",
      "jdbc:sqlite:file:/srv/compact/c.db?vfs=unix&vfs=memdb -> /srv/compact/c.db",
  })
  void namesTheFileTheDriverAndSqliteOpen(String url, String file) {
    assertThat(SqliteUrl.fileItMayCreate(url)).contains(Path.of(file));
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " -> ", value = {
      "jdbc:sqlite:compact-data/c.db -> compact-data/c.db",
      "jdbc:sqlite:file:compact-data/c.db?mode=rwc -> compact-data/c.db",
  })
  void resolvesARelativePathInTheWorkingFolder(String url, String file) {
    assertThat(SqliteUrl.fileItMayCreate(url)).contains(HERE.resolve(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:?journal_mode=WAL", "jdbc:sqlite:file::memory:?cache=shared",
      "jdbc:sqlite:file:shared?mode=memory&cache=shared", "jdbc:sqlite:file:/srv/c.db?vfs=memdb", "jdbc:sqlite::resource:db/c.db",
      // Opened as existing files only: a missing one is an error, never a new file.
      "jdbc:sqlite:file:/srv/compact/c.db?mode=ro", "jdbc:sqlite:file:/srv/compact/c.db?mode=rw",
      "jdbc:sqlite:file:/srv/compact/c.db?mode=ro&mode=rwc", "jdbc:sqlite:file:/srv/compact/c.db?vfs=memdb&vfs=unix",
      "jdbc:sqlite:/srv/compact/c.db?open_mode=1", "jdbc:sqlite:/srv/compact/c.db?open_mode=2",
      // An authority other than localhost: SQLite refuses the URI.
      "jdbc:sqlite:file://elsewhere/srv/compact/c.db",
  })
  void namesNoFileWhereNoneIsCreated(String url) {
    assertThat(SqliteUrl.fileItMayCreate(url)).isEmpty();
  }
}

package dev.compact.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Opens the database named by a URL (an SQLite file by default, PostgreSQL for production) and
 * brings its schema up to date with the one set of migrations.
 */
public final class Database implements AutoCloseable {

  /** The two supported databases; they differ only where SQL does. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("^([A-Za-z][A-Za-z0-9+.:-]*://[^/?#@:]*:)[^/?#]*@");
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("([?&;]password=)[^&;#]*", Pattern.CASE_INSENSITIVE);

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  /** Opened by {@link #openReadOnly}: every connection reads only, and {@link #dataSource} serves the reads too. */
  private final boolean readOnly;
  /** SQLite's readers, opened on first use; PostgreSQL reads from {@link #dataSource}. */
  private volatile HikariDataSource reads;
  /** A record {@link #openReadOnly} reads as an immutable file, with the file's state when the read began. */
  private final SqliteUrl.@Nullable ImmutableRead immutable;

  private Database(HikariDataSource dataSource, Dialect dialect, boolean readOnly) {
    this(dataSource, dialect, readOnly, null);
  }

  private Database(HikariDataSource dataSource, Dialect dialect, boolean readOnly, SqliteUrl.@Nullable ImmutableRead immutable) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.readOnly = readOnly;
    this.immutable = immutable;
  }

  /**
   * Accepts {@code jdbc:sqlite:PATH}, {@code jdbc:postgresql://...}, {@code postgresql://...} or
   * {@code postgres://...}, or a plain file path, which means SQLite. A PostgreSQL user and password
   * may be given as {@code user:password@host} or as {@code user=} and {@code password=} parameters.
   */
  public static Database open(String url) {
    Target target = Target.of(url);
    Dialect dialect = target.dialect();
    HikariConfig config = target.config("compact-" + dialect.name().toLowerCase(Locale.ROOT));
    if (dialect == Dialect.SQLITE) {
      createOwnerOnly(target.jdbcUrl());
      // One writer at a time is all SQLite allows; a single connection avoids busy errors.
      config.setMaximumPoolSize(1);
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("foreign_keys", "true");
    } else {
      config.setMaximumPoolSize(8);
    }
    HikariDataSource dataSource = null;
    try {
      dataSource = new HikariDataSource(config);
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
          .load()
          .migrate();
    } catch (RuntimeException e) {
      if (dataSource != null) {
        dataSource.close();
      }
      throw target.withoutPassword(e);
    }
    return new Database(dataSource, dialect, false);
  }

  /**
   * Opens an existing record for reading only, for commands that only read it ({@code compact screen}):
   * no migration, no file or folder created, every connection read-only (an SQLite file is opened
   * read-only, so nothing a reader does can change it). A record whose schema is not the one this
   * build's migrations make, older or newer, is refused with a {@link StoreException} that says which
   * and what to do, since reading tables of another shape could misread them.
   */
  public static Database openReadOnly(String url) {
    return openReadOnly(url, true);
  }

  /**
   * As {@link #openReadOnly}, but an SQLite file is always read under SQLite's locks, never as an immutable file: for a
   * second read of a record that {@link #changedWhileRead() changed} during the first, whose answer must not depend on
   * whether anything touches the file meanwhile. Such a read may leave {@code -wal} and {@code -shm} files beside a
   * record in WAL mode that nothing else has open.
   */
  public static Database openReadOnlyUnderLocks(String url) {
    return openReadOnly(url, false);
  }

  private static Database openReadOnly(String url, boolean immutableWhenUnused) {
    Target target = Target.of(url);
    Dialect dialect = target.dialect();
    SqliteUrl.ImmutableRead immutable = null;
    if (dialect == Dialect.SQLITE && immutableWhenUnused) {
      immutable = SqliteUrl.immutableWhileUnused(target.jdbcUrl()).orElse(null);
      if (immutable != null) {
        target = new Target(immutable.url(), null, null);
      }
    }
    HikariConfig config = target.config("compact-" + dialect.name().toLowerCase(Locale.ROOT) + "-read-only");
    config.setReadOnly(true);
    config.setMaximumPoolSize(SQLITE_READERS);
    if (dialect == Dialect.SQLITE) {
      // SQLITE_OPEN_READONLY, without SQLITE_OPEN_CREATE: a missing file is an error, not a new record, and no
      // journal mode is set (that would be a write). A record nothing has open is read as an immutable file, so that no
      // -wal and -shm files are made beside it (SqliteUrl.immutableWhileUnused).
      config.addDataSourceProperty("open_mode", "1");
      config.addDataSourceProperty("busy_timeout", "10000");
    }
    HikariDataSource dataSource = null;
    try {
      dataSource = new HikariDataSource(config);
      requireThisBuildsSchema(dataSource, dialect, redacted(url));
    } catch (RuntimeException e) {
      if (dataSource != null) {
        dataSource.close();
      }
      throw target.withoutPassword(e);
    }
    return new Database(dataSource, dialect, true, immutable);
  }

  /**
   * Whether this record, opened by {@link #openReadOnly} as an immutable SQLite file (no locks: nothing had it open), may
   * have been written since: a connection opened it (its {@code -wal} file is there now) or a writer came and went (the
   * file's size, time or identity changed). What was read may then be a mix of before and after, so a check that failed on
   * it proves nothing about the record: read it again. False for every other record, which SQLite's locks keep consistent.
   */
  public boolean changedWhileRead() {
    return immutable != null && immutable.changed();
  }

  /** Refuses a record whose applied migrations are not exactly this build's: some missing (older), or some unknown here (newer). */
  private static void requireThisBuildsSchema(DataSource dataSource, Dialect dialect, String shown) {
    // Flyway's info reads the schema history and the migrations on the class path; unlike migrate, it writes nothing.
    MigrationInfo[] all = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
        .load()
        .info()
        .all();
    Optional<MigrationVersion> latest = Arrays.stream(all).filter(m -> m.getState().isResolved() && m.getVersion() != null)
        .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo);
    String expected = latest.map(MigrationVersion::getVersion).orElse("none");
    Optional<MigrationVersion> applied = Arrays.stream(all).filter(m -> m.getState().isApplied() && m.getVersion() != null)
        .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo);
    String nothing = "; nothing was changed";
    if (applied.isEmpty()) {
      throw new StoreException("the record " + shown + " holds no Compact schema (no migration applied)" + nothing, null);
    }
    Optional<MigrationInfo> unknown = Arrays.stream(all).filter(m -> !m.getState().isResolved() && m.getState().isApplied()).findFirst();
    if (unknown.isPresent()) {
      String which = latest.isPresent() && !applied.get().isNewerThan(latest.get()) ? "a schema this build does not know"
          : "a newer schema (" + applied.get().getVersion() + ") than this build (" + expected + ")";
      throw new StoreException("the record " + shown + " has " + which + ": migration " + unknown.get().getVersion() + " ("
          + unknown.get().getDescription() + ") is not one of this build's; read it with the build that wrote it, or a newer one" + nothing, null);
    }
    Optional<MigrationInfo> failed = Arrays.stream(all).filter(m -> m.getState().isFailed()).findFirst();
    if (failed.isPresent()) {
      throw new StoreException("the record " + shown + " has a failed migration (" + failed.get().getVersion() + ", "
          + failed.get().getDescription() + "); repair it before reading it" + nothing, null);
    }
    if (Arrays.stream(all).anyMatch(m -> m.getState().isResolved() && !m.getState().isApplied())) {
      throw new StoreException("the record " + shown + " has an older schema (" + applied.get().getVersion() + ") than this build ("
          + expected + "), and reading it does not migrate it" + nothing + "; open it once with a command that writes"
          + " (compact serve --db, or compact rebuild --db) to bring it up to date, or read it with the build that wrote it", null);
    }
  }

  /**
   * The SQLite file {@code url} (a path or any SQLite URL form) names and SQLite would create when it is
   * not there; empty for PostgreSQL, an in-memory database, a URL SQLite opens only if the file exists,
   * and a URL this class does not take (opening it says why). Commands that must not make a new record
   * of a mistyped {@code --db} ask it, whatever form the URL takes.
   */
  public static Optional<Path> sqliteFile(String url) {
    try {
      Target target = Target.of(url);
      return target.dialect() == Dialect.SQLITE ? SqliteUrl.fileItMayCreate(target.jdbcUrl()) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The URL as it may be shown to people and written to logs: any password replaced by ****. */
  public static String redacted(String url) {
    String shown = USER_INFO_PASSWORD.matcher(url).replaceFirst("$1****@");
    return PASSWORD_PARAMETER.matcher(shown).replaceAll("$1****");
  }

  /** Where to connect: a JDBC URL without credentials, and the credentials apart from it. */
  record Target(String jdbcUrl, String user, String password) {
    Dialect dialect() {
      return jdbcUrl.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.SQLITE;
    }

    /** A pool's settings for this target, auto-committing. */
    HikariConfig config(String poolName) {
      HikariConfig config = new HikariConfig();
      // The password goes to the driver as a property, never in the URL: drivers, the pool and Flyway
      // print the URL in their messages (Flyway logs it at every start), but not the properties.
      config.setJdbcUrl(jdbcUrl);
      if (user != null) {
        config.setUsername(user);
      }
      if (password != null) {
        config.setPassword(password);
      }
      config.setPoolName(poolName);
      config.setAutoCommit(true);
      return config;
    }

    static Target of(String url) {
      if (url.startsWith("jdbc:sqlite:")) {
        return new Target(url, null, null);
      }
      String rest;
      if (url.startsWith("jdbc:postgresql://")) {
        rest = url.substring("jdbc:postgresql://".length());
      } else if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
        rest = url.substring(url.indexOf("://") + 3);
      } else if (url.startsWith("jdbc:") || url.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
        throw new IllegalArgumentException("unsupported database URL " + redacted(url)
            + "; give an SQLite file path, jdbc:sqlite:PATH, or a PostgreSQL URL (postgresql://... or jdbc:postgresql://...)");
      } else {
        return new Target("jdbc:sqlite:" + url, null, null);
      }
      String user = null;
      String password = null;
      int authorityEnd = indexOfAny(rest, "/?#");
      int at = rest.lastIndexOf('@', authorityEnd - 1);
      if (at >= 0) {
        String userInfo = rest.substring(0, at);
        int colon = userInfo.indexOf(':');
        // Percent-encoded as libpq reads it: a '+' is a plus.
        user = decodeUserInfo(colon < 0 ? userInfo : userInfo.substring(0, colon));
        password = colon < 0 ? null : decodeUserInfo(userInfo.substring(colon + 1));
        rest = rest.substring(at + 1);
      }
      int query = rest.indexOf('?');
      if (query < 0) {
        return new Target("jdbc:postgresql://" + rest, user, password);
      }
      StringBuilder kept = new StringBuilder();
      for (String parameter : rest.substring(query + 1).split("&")) {
        String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
        // Decoded as the PostgreSQL driver decodes its parameters.
        String value = parameter.contains("=") ? URLDecoder.decode(parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8) : "";
        if (name.equals("user")) {
          user = value;
        } else if (name.equals("password")) {
          password = value;
        } else if (!parameter.isEmpty()) {
          kept.append(kept.isEmpty() ? "?" : "&").append(parameter);
        }
      }
      return new Target("jdbc:postgresql://" + rest.substring(0, query) + kept, user, password);
    }

    /**
     * The failure to open, unless a message in it carries the password (some drivers quote what
     * they were given): then one that says the same with the password replaced.
     */
    RuntimeException withoutPassword(RuntimeException e) {
      if (password == null || password.isEmpty()) {
        return e;
      }
      boolean carries = false;
      StringBuilder said = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        String message = String.valueOf(t.getMessage());
        carries |= message.contains(password);
        said.append(said.isEmpty() ? "" : ": ").append(message.replace(password, "****"));
      }
      return carries ? new StoreException("cannot open the database: " + said, null) : e;
    }

    @Override
    public String toString() {
      return "Target[" + jdbcUrl + ", user=" + user + (password == null ? "" : ", password=****") + "]";
    }
  }

  static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  private static String decodeUserInfo(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * Creates the folder and a new database file owner-only before SQLite opens it: the record holds
   * secret events, watchlists and credential hashes, and SQLite creates the -wal and -shm files with
   * the database file's permissions. An existing file keeps the permissions it has. The file is the
   * one the driver and SQLite make of the URL, whatever its form ({@link SqliteUrl}); a URL that names
   * no file, or one SQLite would not create, gets nothing.
   */
  private static void createOwnerOnly(String jdbcUrl) {
    Optional<Path> file = SqliteUrl.fileItMayCreate(jdbcUrl);
    if (file.isEmpty()) {
      return;
    }
    Path path = file.get();
    try {
      if (path.getParent() != null) {
        OwnerOnly.createDirectories(path.getParent());
      }
      if (!Files.exists(path)) {
        OwnerOnly.createFile(path);
      }
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // Another process created it meanwhile: it keeps the permissions it was created with.
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot create the database file " + path + ": " + e.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs {@code work} on one connection in a read-only transaction, rolled back after: for reading the whole record
   * (verifying it). PostgreSQL's driver honours a statement's fetch size only inside a transaction; under autocommit
   * it reads every row of the answer into memory first, so a large record was loaded whole. And every query of the
   * work sees one state of the record (on PostgreSQL a REPEATABLE READ snapshot; an SQLite transaction is one too), so
   * an append while the events are read cannot make their end and the chain head disagree.
   */
  public <T> T readSnapshot(EventStore.Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean postgres = dialect == Dialect.POSTGRESQL;
      int isolation = connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      try {
        if (postgres) {
          connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          connection.setReadOnly(true);
        }
        return work.run(connection);
      } finally {
        connection.rollback();
        if (postgres) {
          connection.setReadOnly(false);
          connection.setTransactionIsolation(isolation);
        }
        connection.setAutoCommit(true);
      }
    }
  }

  /** Readers an SQLite database may have beside its one writer. */
  static final int SQLITE_READERS = 4;

  /**
   * Where the read models are read. SQLite allows one writer, so {@link #dataSource} has a single
   * connection, and reads queued behind it (and behind each other) under load; in WAL mode readers do
   * not block the writer or each other, so SQLite reads get a pool of their own. Each read sees the
   * database as of its last commit. PostgreSQL reads share the one pool.
   */
  public DataSource readDataSource() {
    if (dialect == Dialect.POSTGRESQL || readOnly) {
      return dataSource;
    }
    HikariDataSource pool = reads;
    if (pool == null) {
      synchronized (this) {
        pool = reads;
        if (pool == null) {
          HikariConfig config = new HikariConfig();
          config.setJdbcUrl(dataSource.getJdbcUrl());
          config.setPoolName(dataSource.getPoolName() + "-reads");
          config.setAutoCommit(true);
          config.setMaximumPoolSize(SQLITE_READERS);
          config.setMinimumIdle(1);
          config.addDataSourceProperty("journal_mode", "WAL");
          config.addDataSourceProperty("busy_timeout", "10000");
          pool = new HikariDataSource(config);
          reads = pool;
        }
      }
    }
    return pool;
  }

  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (reads != null) {
        reads.close();
      }
    }
    dataSource.close();
  }
}

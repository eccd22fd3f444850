package dev.compact.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

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

  private final HikariDataSource dataSource;
  private final Dialect dialect;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  /**
   * Accepts {@code jdbc:sqlite:PATH}, {@code jdbc:postgresql://...}, {@code postgresql://...} or
   * {@code postgres://...}, or a plain file path, which means SQLite.
   */
  public static Database open(String url) {
    String jdbcUrl = jdbcUrl(url);
    Dialect dialect = jdbcUrl.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.SQLITE;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("compact-" + dialect.name().toLowerCase(Locale.ROOT));
    config.setAutoCommit(true);
    if (dialect == Dialect.SQLITE) {
      createParent(jdbcUrl.substring("jdbc:sqlite:".length()));
      // One writer at a time is all SQLite allows; a single connection avoids busy errors.
      config.setMaximumPoolSize(1);
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("foreign_keys", "true");
    } else {
      config.setMaximumPoolSize(8);
    }
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource, dialect);
  }

  static String jdbcUrl(String url) {
    if (url.startsWith("jdbc:")) {
      return url;
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      return "jdbc:postgresql://" + url.substring(url.indexOf("://") + 3);
    }
    return "jdbc:sqlite:" + url;
  }

  private static void createParent(String file) {
    Path parent = Path.of(file).toAbsolutePath().getParent();
    if (parent != null && !file.startsWith(":memory:")) {
      try {
        Files.createDirectories(parent);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot create the folder for " + file + ": " + e.getMessage(), e);
      }
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}

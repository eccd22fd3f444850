package dev.compact.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases integration tests run against: a fresh SQLite file, and a fresh database in the
 * PostgreSQL that ./run-tests starts (COMPACT_TEST_PG_URL). Without PostgreSQL its tests are skipped
 * with a message, except where COMPACT_REQUIRE_SERVICES is set (CI), where they fail.
 *
 * <p>What a test JVM creates it removes when it exits; a JVM that was killed leaves its databases
 * behind, and the next JVM drops them (their names carry the creating process's id). Without this
 * the test cluster grew to thousands of databases, and a crash recovery that fsyncs every file took
 * longer than a session.
 */
public final class TestDatabases {
  private TestDatabases() {}

  private static final Pattern OURS = Pattern.compile("compact_test_p(\\d+)_[0-9a-f]+");
  private static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();
  private static final Set<Path> FOLDERS = ConcurrentHashMap.newKeySet();
  private static volatile boolean swept;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::removeOwn, "test-databases-cleanup"));
  }

  public static Stream<String> kinds() {
    return Stream.of("sqlite", "postgresql");
  }

  /** A URL of a new, empty database of the given kind. */
  public static String freshUrl(String kind) {
    return switch (kind) {
      case "sqlite" -> sqlite();
      case "postgresql" -> postgres();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  public static Database fresh(String kind) {
    return Database.open(freshUrl(kind));
  }

  static String sqlite() {
    try {
      Path dir = Files.createTempDirectory("compact-test");
      FOLDERS.add(dir);
      return "jdbc:sqlite:" + dir.resolve("compact.db");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String postgres() {
    String admin = System.getenv("COMPACT_TEST_PG_URL");
    if (admin == null || admin.isBlank()) {
      if (System.getenv("COMPACT_REQUIRE_SERVICES") != null) {
        throw new IllegalStateException("COMPACT_REQUIRE_SERVICES is set but COMPACT_TEST_PG_URL is not: PostgreSQL did not start");
      }
      Assumptions.abort("PostgreSQL is not available (COMPACT_TEST_PG_URL unset; ./run-tests starts it): skipping the PostgreSQL variant");
    }
    String name = "compact_test_p" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(admin); Statement s = connection.createStatement()) {
      if (!swept) {
        swept = true;
        dropLeftovers(s);
      }
      s.executeUpdate("CREATE DATABASE " + name);
      DATABASES.add(name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database in PostgreSQL: " + e.getMessage(), e);
    }
    return admin.replaceFirst("/postgres\\?", "/" + name + "?");
  }

  /** Drops the test databases of processes that no longer run (killed before their own clean-up). */
  static void dropLeftovers(Statement s) throws SQLException {
    List<String> stale = new ArrayList<>();
    try (var rows = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'compact\\_test\\_p%'")) {
      while (rows.next()) {
        Matcher m = OURS.matcher(rows.getString(1));
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          stale.add(rows.getString(1));
        }
      }
    }
    for (String name : stale) {
      s.executeUpdate("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /** At exit: drops this JVM's databases and deletes its SQLite folders. */
  private static void removeOwn() {
    String admin = System.getenv("COMPACT_TEST_PG_URL");
    if (admin != null && !admin.isBlank() && !DATABASES.isEmpty()) {
      try (Connection connection = DriverManager.getConnection(admin); Statement s = connection.createStatement()) {
        for (String name : DATABASES) {
          s.executeUpdate("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
      } catch (SQLException e) {
        System.err.println("TestDatabases: could not drop this run's databases (the next run drops them): " + e.getMessage());
      }
    }
    for (Path dir : FOLDERS) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // A folder already gone, or one still held open on some file system: nothing to keep.
      }
    }
  }
}

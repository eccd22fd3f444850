package dev.compact.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases integration tests run against: a fresh SQLite file, and a fresh database in the
 * PostgreSQL that ./run-tests starts (COMPACT_TEST_PG_URL). Without PostgreSQL its tests are skipped
 * with a message, except where COMPACT_REQUIRE_SERVICES is set (CI), where they fail.
 */
public final class TestDatabases {
  private TestDatabases() {}

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
      dir.toFile().deleteOnExit();
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
    String name = "compact_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = DriverManager.getConnection(admin); Statement s = connection.createStatement()) {
      s.executeUpdate("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database in PostgreSQL: " + e.getMessage(), e);
    }
    return admin.replaceFirst("/postgres\\?", "/" + name + "?");
  }
}

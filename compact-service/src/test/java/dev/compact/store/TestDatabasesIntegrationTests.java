package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test cluster does not fill up: databases of finished test runs are dropped, live ones kept. */
class TestDatabasesIntegrationTests {

  @Test
  void databasesOfAProcessThatIsGoneAreDroppedAndLiveOnesKept() throws Exception {
    String url = TestDatabases.freshUrl("postgresql"); // skips without PostgreSQL, fails in CI
    String own = url.replaceFirst("^.*/(compact_test_[^?]+)\\?.*$", "$1");
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    String leftover = "compact_test_p" + finished.pid() + "_0123456789ab";
    try (Connection c = DriverManager.getConnection(System.getenv("COMPACT_TEST_PG_URL")); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE DATABASE " + leftover);
      TestDatabases.dropLeftovers(s);
      assertThat(databases(s)).doesNotContain(leftover).contains(own);
    }
  }

  private static List<String> databases(Statement s) throws Exception {
    List<String> names = new ArrayList<>();
    try (ResultSet rows = s.executeQuery("SELECT datname FROM pg_database")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}

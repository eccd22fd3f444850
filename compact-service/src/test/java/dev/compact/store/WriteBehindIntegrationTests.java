package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A batch's held writes: sent together, in an order that keeps each table's, seen by every read, dropped by an undo. */
class WriteBehindIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void keepsEachTablesOrderWhenStatementsOfOneTextAreSentTogether(String kind) throws Exception {
    onFreshTable(kind, (real, held) -> {
      Connection c = held.connection();
      insert(c, "a", 1);
      try (Statement s = c.createStatement()) {
        assertThat(s.executeUpdate("UPDATE wb_rows SET v = v + 10")).isEqualTo(Statement.SUCCESS_NO_INFO);
      }
      // Same text as the first insert, but after an update of its table: sent after the update.
      insert(c, "b", 1);
      held.flush();
      real.commit();

      assertThat(rows(real)).containsExactly(Map.entry("a", 11), Map.entry("b", 1));
    });
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aReadSeesEveryWriteHeldBeforeIt(String kind) throws Exception {
    onFreshTable(kind, (real, held) -> {
      insert(held.connection(), "a", 1);
      insert(held.connection(), "b", 2);

      assertThat(rows(held.connection())).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
      real.rollback();
    });
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anUndoDropsWhatWasHeldSinceItsMarkUnlessItWasSent(String kind) throws Exception {
    onFreshTable(kind, (real, held) -> {
      insert(held.connection(), "a", 1);
      WriteBehind.Mark mark = held.mark();
      insert(held.connection(), "b", 2);
      assertThat(held.undo(mark)).isTrue();
      WriteBehind.Mark sent = held.mark();
      insert(held.connection(), "c", 3);
      rows(held.connection());
      assertThat(held.undo(sent)).isFalse();
      held.flush();
      real.commit();

      assertThat(rows(real)).containsExactly(Map.entry("a", 1), Map.entry("c", 3));
    });
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRowTheDatabaseRefusesFailsTheFlushAndSaysSo(String kind) throws Exception {
    onFreshTable(kind, (real, held) -> {
      insert(held.connection(), "a", 1);
      insert(held.connection(), "a", 2);

      assertThatThrownBy(held::flush).isInstanceOf(SQLException.class);
      assertThat(held.failed()).isTrue();
      real.rollback();
    });
  }

  interface Body {
    void run(Connection real, WriteBehind held) throws Exception;
  }

  /** Runs {@code body} in a transaction on a fresh database with a table {@code wb_rows}, its writes held. */
  private static void onFreshTable(String kind, Body body) throws Exception {
    try (Database database = TestDatabases.fresh(kind); Connection real = database.dataSource().getConnection()) {
      try (Statement s = real.createStatement()) {
        s.executeUpdate("CREATE TABLE wb_rows (k VARCHAR(10) NOT NULL PRIMARY KEY, v INT NOT NULL)");
      }
      real.setAutoCommit(false);
      body.run(real, new WriteBehind(real));
    }
  }

  private static void insert(Connection c, String k, int v) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO wb_rows (k, v) VALUES (?, ?)")) {
      ps.setString(1, k);
      ps.setInt(2, v);
      assertThat(ps.executeUpdate()).isEqualTo(Statement.SUCCESS_NO_INFO);
    }
  }

  private static Map<String, Integer> rows(Connection c) throws SQLException {
    Map<String, Integer> rows = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k, v FROM wb_rows ORDER BY k")) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getInt(2));
      }
    }
    return rows;
  }
}

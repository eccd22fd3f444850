package dev.compact.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One short statement on a connection held only as long as it runs: what accounts, sessions and
 * identity links need (the event log has its own transactions in {@link EventStore}).
 */
public final class Sql {
  private Sql() {}

  public static int update(Database database, String sql, Object... args) {
    return updateUnique(database, null, sql, args);
  }

  /** The same; a row that breaks a unique key is refused with {@code duplicate} as the reason, when given. */
  public static int updateUnique(Database database, String duplicate, String sql, Object... args) {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      if (duplicate != null && isUniqueViolation(e)) {
        throw new IllegalArgumentException(duplicate);
      }
      throw new StoreException("statement failed: " + e.getMessage(), e);
    }
  }

  /** Whether the database refused a row for breaking a unique key or primary key. */
  public static boolean isUniqueViolation(SQLException e) {
    // 23505 is PostgreSQL's unique violation; SQLite says it in words.
    String message = String.valueOf(e.getMessage());
    return "23505".equals(e.getSQLState()) || message.contains("UNIQUE constraint failed") || message.contains("PRIMARY KEY constraint failed");
  }

  /** Rows as strings, one array of {@code columns} values per row. */
  public static List<String[]> query(Database database, String sql, int columns, Object... args) {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
          String[] row = new String[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getString(i + 1);
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new StoreException("query failed: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }
}

package dev.compact.watchlist;

import dev.compact.screening.QueryText;
import dev.compact.screening.ScreeningQuery;
import dev.compact.service.InvalidInput;
import dev.compact.store.Database;
import dev.compact.store.StoreException;
import dev.compact.watchlist.Watchlists.Counterparty;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The watchlists as stored: each account's counterparties, checked before any is kept, and the
 * watchlists' generation, raised by every registration that changed something, which tells an
 * instance whether its counterparty index still reflects them (another instance may have registered).
 */
final class CounterpartyStore {
  private static final String COLUMNS = "SELECT account, id, name, kind, dob, country FROM watch_counterparties";

  private final Database database;

  CounterpartyStore(Database database) {
    this.database = database;
  }

  /** What storing an account's rows did: the new and changed counterparties, and the generation it made (-1 if none). */
  record Stored(int added, int updated, List<Counterparty> fresh, long generation) {}

  /** The watchlists as one transaction read them, with their generation. */
  record Snapshot(long generation, Map<String, List<Counterparty>> byAccount) {}

  /**
   * Refuses rows that cannot be screened, naming each by its number (the first twenty problems), so
   * that nothing of a bad upload is stored.
   */
  static void check(List<Counterparty> rows) {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Counterparty c = rows.get(i);
      List<String> rowProblems = new ArrayList<>();
      if (c.id() == null || c.id().isBlank() || c.id().length() > 200) {
        rowProblems.add("'id' is required, at most 200 characters");
      }
      if (c.name() == null || c.name().isBlank() || c.name().length() > ScreeningQuery.MAX_NAME_LENGTH) {
        rowProblems.add("'name' is required, at most " + ScreeningQuery.MAX_NAME_LENGTH + " characters");
      } else {
        ScreeningQuery query = QueryText.query(c.name(), blankToNull(c.type()), blankToNull(c.dob()), blankToNull(c.country()), List.of(),
            rowProblems);
        rowProblems.addAll(query.problems());
        if (rowProblems.isEmpty() && c.id() != null) {
          if (!ids.add(c.id())) {
            rowProblems.add("id '" + c.id() + "' appears twice");
          }
        }
      }
      for (String p : rowProblems) {
        if (problems.size() < 20) {
          problems.add("row " + (i + 1) + ": " + p);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(String.join("; ", problems) + "; nothing was stored", List.of());
    }
  }

  /** Adds or updates the account's counterparties (checked rows, by their id) in one transaction. */
  Stored store(String account, List<Counterparty> rows, String now) {
    Map<String, Counterparty> existing = counterparties(account);
    List<Counterparty> fresh = new ArrayList<>();
    int added = 0;
    int updated = 0;
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO watch_counterparties (account, id, name, kind, dob, country, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement update = connection.prepareStatement(
              "UPDATE watch_counterparties SET name = ?, kind = ?, dob = ?, country = ? WHERE account = ? AND id = ?")) {
        for (Counterparty c : rows) {
          Counterparty before = existing.get(c.id());
          Counterparty normal = new Counterparty(c.id(), c.name().strip(), blankToNull(c.type()), blankToNull(c.dob()), blankToNull(c.country()));
          if (before == null) {
            insert.setString(1, account);
            insert.setString(2, normal.id());
            insert.setString(3, normal.name());
            insert.setString(4, normal.type());
            insert.setString(5, normal.dob());
            insert.setString(6, normal.country());
            insert.setString(7, now);
            insert.addBatch();
            added++;
            fresh.add(normal);
          } else if (!before.equals(normal)) {
            update.setString(1, normal.name());
            update.setString(2, normal.type());
            update.setString(3, normal.dob());
            update.setString(4, normal.country());
            update.setString(5, account);
            update.setString(6, normal.id());
            update.addBatch();
            updated++;
            fresh.add(normal);
          }
        }
        insert.executeBatch();
        update.executeBatch();
      }
      long generation = fresh.isEmpty() ? -1 : nextGeneration(connection);
      connection.commit();
      return new Stored(added, updated, fresh, generation);
    } catch (SQLException e) {
      throw new StoreException("cannot store the watchlist: " + e.getMessage(), e);
    }
  }

  private static long nextGeneration(Connection connection) throws SQLException {
    try (PreparedStatement raise = connection.prepareStatement("UPDATE watch_generation SET gen = gen + 1 WHERE id = 1")) {
      raise.executeUpdate();
    }
    return generation(connection);
  }

  private static long generation(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT gen FROM watch_generation WHERE id = 1");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The watchlists' generation as stored now. */
  long generation() {
    try (Connection connection = database.dataSource().getConnection()) {
      return generation(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot read the watchlists' generation: " + e.getMessage(), e);
    }
  }

  /** Every counterparty with the generation it belongs to, read in one transaction. */
  Snapshot snapshot() {
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      long generation = generation(connection);
      Map<String, List<Counterparty>> all = read(connection, COLUMNS + " ORDER BY account, id", null);
      connection.commit();
      return new Snapshot(generation, all);
    } catch (SQLException e) {
      throw new StoreException("cannot read the watchlists: " + e.getMessage(), e);
    }
  }

  /** The account's counterparties by their id. */
  Map<String, Counterparty> counterparties(String account) {
    return read(COLUMNS + " WHERE account = ?", account)
        .getOrDefault(account, List.of()).stream().collect(LinkedHashMap::new, (m, c) -> m.put(c.id(), c), Map::putAll);
  }

  /** Every account's counterparties, by account. */
  Map<String, List<Counterparty>> all() {
    return read(COLUMNS + " ORDER BY account, id", null);
  }

  private Map<String, List<Counterparty>> read(String sql, String account) {
    try (Connection connection = database.dataSource().getConnection()) {
      return read(connection, sql, account);
    } catch (SQLException e) {
      throw new StoreException("cannot read the watchlists: " + e.getMessage(), e);
    }
  }

  private static Map<String, List<Counterparty>> read(Connection connection, String sql, String account) throws SQLException {
    Map<String, List<Counterparty>> byAccount = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      if (account != null) {
        select.setString(1, account);
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          byAccount.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new Counterparty(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
    }
    return byAccount;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

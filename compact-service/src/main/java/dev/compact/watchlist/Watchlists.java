package dev.compact.watchlist;

import dev.compact.access.Actor;
import dev.compact.access.Forbidden;
import dev.compact.access.Permissions;
import dev.compact.sanctions.ListDiff;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.screening.Hit;
import dev.compact.screening.QueryText;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import dev.compact.store.Database;
import dev.compact.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Each compliance account's watchlist and its alerts. Counterparties are screened once when they are
 * registered (against the lists in force) and then only against what changes: when a list version
 * lands, the designations it added or changed are indexed on their own and every counterparty is
 * screened against that small index, instead of every counterparty against the whole list again.
 *
 * <p>An alert is raised once per counterparty and list entry <em>as it reads</em> (the entry's content
 * hash): a false positive therefore stays quiet until the entry itself changes, and a changed entry
 * is looked at again.
 */
public final class Watchlists {
  /** Hits per counterparty considered, best first. */
  static final int LIMIT = 5;

  private final Database database;
  private final Clock clock;
  private final ListVersions versions;
  private final Supplier<Screener> current;
  private final List<Consumer<List<Alert>>> listeners = new CopyOnWriteArrayList<>();
  private final List<AlertWriter> writers = new CopyOnWriteArrayList<>();
  /** The counterparties indexed by what their names could share with a listed name; see {@link CounterpartyIndex}. */
  private CounterpartyIndex index = new CounterpartyIndex();
  /** The watchlists' generation the index reflects; -1 before it is built. Guarded by {@code this}. */
  private long indexed = -1;

  public Watchlists(Database database, Clock clock, ListVersions versions, Supplier<Screener> current) {
    this.database = database;
    this.clock = clock;
    this.versions = versions;
    this.current = current;
  }

  /** A counterparty as the account gives it: its own id, a name, and optionally what can confirm a match. */
  public record Counterparty(String id, String name, String type, String dob, String country) {}

  /** An alert: a counterparty that matches a list entry, with the evidence and where the review stands. */
  public record Alert(String alertId, String account, String counterpartyId, String counterpartyName, String source, String entityId,
      String entityName, String entryHash, String listVersion, double score, String decision, String explanation, String raisedAt,
      String status) {}

  /** What a reviewer decides. */
  public enum Verdict {
    CONFIRMED, FALSE_POSITIVE, ESCALATED
  }

  /** One decision on an alert, as kept. */
  public record Decision(String alertId, int seq, String decision, String reason, String by, String at) {}

  /** What registering a watchlist did. */
  public record Registered(int received, int added, int updated, int unchanged, List<Alert> alerts) {}

  /**
   * What a re-screen did, with its time: how many designations it screened against, how many
   * counterparties it screened (the candidates the counterparty index found, or every one), of how
   * many on all watchlists.
   */
  public record Rescreen(String source, String version, int designations, int counterparties, int book, List<Alert> alerts, long millis) {}

  /** Called with the alerts each registration or re-screen raised (not with none), after they are stored. */
  public void onAlerts(Consumer<List<Alert>> listener) {
    listeners.add(listener);
  }

  /** Writes what a new alert causes (its webhook deliveries) in the transaction that stores the alert. */
  @FunctionalInterface
  public interface AlertWriter {
    void write(Connection connection, Alert alert) throws SQLException;
  }

  /** Adds a writer called, in the alert's own transaction, with each alert raised for the first time. */
  public void onAlertInTransaction(AlertWriter writer) {
    writers.add(writer);
  }

  /**
   * An alert as its account's webhook receives it: what {@code GET /api/watchlist/alerts} shows that
   * account of it, nothing of any other account.
   */
  public static Map<String, Object> view(Alert a) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("alertId", a.alertId());
    view.put("counterpartyId", a.counterpartyId());
    view.put("counterpartyName", a.counterpartyName());
    view.put("source", a.source());
    view.put("entityId", a.entityId());
    view.put("entityName", a.entityName());
    view.put("listVersion", a.listVersion());
    view.put("score", a.score());
    view.put("decision", a.decision());
    view.put("explanation", a.explanation());
    view.put("raisedAt", a.raisedAt());
    view.put("status", a.status());
    return view;
  }

  private static void authorize(Actor actor) {
    Permissions.Verdict verdict = Permissions.keepWatchlist(actor.roles());
    if (!actor.system() && !verdict.allowed()) {
      throw new Forbidden(actor.name() + ": " + verdict.reason());
    }
  }

  /**
   * Adds or updates the account's counterparties (by their id) and screens the new and changed ones
   * against the lists in force. A row that cannot be screened is refused with its number and nothing
   * is stored.
   */
  public Registered register(Actor actor, List<Counterparty> rows) {
    authorize(actor);
    List<String> problems = new ArrayList<>();
    Map<String, ScreeningQuery> queries = new LinkedHashMap<>();
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
          if (queries.put(c.id(), query) != null) {
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
    String now = clock.instant().toString();
    Map<String, Counterparty> existing = counterparties(actor.name());
    List<Counterparty> fresh = new ArrayList<>();
    long generation;
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
            insert.setString(1, actor.name());
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
            update.setString(5, actor.name());
            update.setString(6, normal.id());
            update.addBatch();
            updated++;
            fresh.add(normal);
          }
        }
        insert.executeBatch();
        update.executeBatch();
      }
      generation = fresh.isEmpty() ? -1 : nextGeneration(connection);
      connection.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot store the watchlist: " + e.getMessage(), e);
    }
    if (!fresh.isEmpty()) {
      synchronized (this) {
        // Only this registration since the index was made: add it; anything else moved the watchlists too: read them again.
        if (indexed == generation - 1) {
          fresh.forEach(c -> index.add(actor.name(), c));
          indexed = generation;
        } else if (indexed < generation) {
          rebuildIndex();
        }
      }
    }
    // New and changed counterparties against every designation in force; the others were screened before.
    Screener screener = current.get();
    Map<String, String> sources = sourcesByVersion();
    List<Alert> alerts = new ArrayList<>();
    for (Counterparty c : fresh) {
      alerts.addAll(raise(actor.name(), c, screener, sources));
    }
    publish(alerts);
    return new Registered(rows.size(), added, updated, rows.size() - added - updated, alerts);
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

  /** Builds the counterparty index if it does not reflect the watchlists as stored (at start, or after another instance's registration). */
  public synchronized void warm() {
    long stored;
    try (Connection connection = database.dataSource().getConnection()) {
      stored = generation(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot read the watchlists' generation: " + e.getMessage(), e);
    }
    // (The connection is given back first: SQLite has one, and the rebuild needs it.)
    if (indexed != stored) {
      rebuildIndex();
    }
  }

  /** Reads every counterparty and indexes it afresh. Called holding {@code this}. */
  private void rebuildIndex() {
    long generation;
    Map<String, List<Counterparty>> all;
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      generation = generation(connection);
      all = read(connection, "SELECT account, id, name, kind, dob, country FROM watch_counterparties ORDER BY account, id", null);
      connection.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot read the watchlists: " + e.getMessage(), e);
    }
    CounterpartyIndex built = new CounterpartyIndex();
    all.forEach((account, rows) -> rows.forEach(c -> built.add(account, c)));
    index = built;
    indexed = generation;
  }

  /**
   * The incremental re-screen for a version that has just landed: the designations the version added
   * or changed (all of them for a source's first version) are looked up in the counterparty index,
   * and the counterparties they could match are screened against them. Removed designations raise
   * nothing.
   */
  public Rescreen rescreen(ListVersion version) {
    long start = System.nanoTime();
    List<SanctionedEntity> changed = changed(version);
    CounterpartyIndex current;
    synchronized (this) {
      warm();
      current = index;
    }
    List<CounterpartyIndex.Entry> candidates = current.candidates(changed);
    return screen(version, changed, candidates.stream().map(e -> Map.entry(e.account(), e.counterparty())).toList(), current.size(), start);
  }

  /**
   * The incremental re-screen as it was before the counterparty index: every counterparty against
   * the new and changed designations. What the index saves, for benchmarks and tests.
   */
  public Rescreen rescreenEveryCounterparty(ListVersion version) {
    long start = System.nanoTime();
    return screenAll(version, changed(version), start);
  }

  private List<SanctionedEntity> changed(ListVersion version) {
    SanctionsList list = versions.list(version);
    if (version.event().previous() == null) {
      return list.entities();
    }
    ListVersion previous = versions.all().stream().filter(v -> v.versionHash().equals(version.event().previous())).findFirst()
        .orElseThrow();
    ListDiff diff = versions.diff(previous, version);
    List<SanctionedEntity> changed = new ArrayList<>(diff.added());
    diff.changed().forEach(c -> changed.add(c.after()));
    return changed;
  }

  /** Every counterparty against the whole version: what an incremental re-screen saves, for benchmarks. */
  public Rescreen fullRescreen(ListVersion version) {
    long start = System.nanoTime();
    return screenAll(version, versions.list(version).entities(), start);
  }

  private Rescreen screenAll(ListVersion version, List<SanctionedEntity> designations, long start) {
    List<Map.Entry<String, Counterparty>> everyone = new ArrayList<>();
    allCounterparties().forEach((account, rows) -> rows.forEach(c -> everyone.add(Map.entry(account, c))));
    return screen(version, designations, everyone, everyone.size(), start);
  }

  /** Screens these counterparties (account and counterparty) against these designations of a version, raising what is new. */
  private Rescreen screen(ListVersion version, List<SanctionedEntity> designations, List<Map.Entry<String, Counterparty>> counterparties,
      int book, long start) {
    if (designations.isEmpty()) {
      return new Rescreen(version.source(), version.versionHash(), 0, 0, book, List.of(), (System.nanoTime() - start) / 1_000_000);
    }
    SanctionsList list = versions.list(version);
    Screener screener = new Screener(ScreeningIndex.build(List.of(new SanctionsList(list.name(), list.source(), list.versionHash(),
        list.issued(), designations))));
    Map<String, String> sources = Map.of(version.versionHash(), version.source());
    List<Alert> alerts = new ArrayList<>();
    for (Map.Entry<String, Counterparty> c : counterparties) {
      alerts.addAll(raise(c.getKey(), c.getValue(), screener, sources));
    }
    publish(alerts);
    return new Rescreen(version.source(), version.versionHash(), designations.size(), counterparties.size(), book, alerts,
        (System.nanoTime() - start) / 1_000_000);
  }

  private void publish(List<Alert> alerts) {
    if (!alerts.isEmpty()) {
      for (Consumer<List<Alert>> listener : listeners) {
        listener.accept(alerts);
      }
    }
  }

  /** Screens one counterparty and raises an alert for each hit not raised before for that entry as it reads. */
  private List<Alert> raise(String account, Counterparty c, Screener screener, Map<String, String> sources) {
    List<String> problems = new ArrayList<>();
    ScreeningQuery query = QueryText.query(c.name(), c.type(), c.dob(), c.country(), List.of(), problems);
    if (!problems.isEmpty() || !query.problems().isEmpty()) {
      return List.of();
    }
    if (!(screener.screen(query, LIMIT) instanceof ScreeningOutcome.Screened screened) || screened.hits().isEmpty()) {
      return List.of();
    }
    List<Alert> raised = new ArrayList<>();
    for (Hit hit : screened.hits()) {
      SanctionedEntity e = hit.entity();
      String source = sources.getOrDefault(e.listVersion(), e.listName());
      String entryHash = entryHash(e);
      String alertId = sha256(account + "\n" + c.id() + "\n" + source + "\n" + e.id().value() + "\n" + entryHash).substring(0, 24);
      Alert alert = new Alert(alertId, account, c.id(), c.name(), source, e.id().value(), e.primaryName().full(), entryHash,
          e.listVersion(), Math.round(hit.score() * 1000) / 1000.0, hit.decision().name().toLowerCase(Locale.ROOT),
          String.join("\n", hit.explanation().describe()), clock.instant().toString(), "open");
      if (insert(alert)) {
        raised.add(alert);
      }
    }
    return raised;
  }

  /**
   * Inserts an alert unless one with its key exists (then false): raised once per entry as it reads.
   * What the alert causes (its webhook deliveries) is written in the same transaction, so that an
   * alert is never stored without them nor they without it. A delivery's order number may collide
   * with one another instance or an append took at the same moment; the transaction is then tried again.
   */
  private boolean insert(Alert a) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = database.dataSource().getConnection()) {
        connection.setAutoCommit(false);
        try {
          boolean inserted = insert(connection, a);
          if (inserted) {
            for (AlertWriter writer : writers) {
              writer.write(connection, a);
            }
          }
          connection.commit();
          return inserted;
        } catch (SQLException e) {
          connection.rollback();
          if (attempt >= 5 || !"23505".equals(e.getSQLState())) {
            throw e;
          }
        } finally {
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw new StoreException("cannot store an alert: " + e.getMessage(), e);
      }
    }
  }

  private static boolean insert(Connection connection, Alert a) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO watch_alerts (alert_id, account, counterparty_id, source, entity_id, entry_hash, list_version, entity_name, score,"
            + " decision, explanation, raised_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, a.alertId());
      insert.setString(2, a.account());
      insert.setString(3, a.counterpartyId());
      insert.setString(4, a.source());
      insert.setString(5, a.entityId());
      insert.setString(6, a.entryHash());
      insert.setString(7, a.listVersion().isEmpty() ? "0".repeat(64) : a.listVersion());
      insert.setString(8, a.entityName());
      insert.setDouble(9, a.score());
      insert.setString(10, a.decision());
      insert.setString(11, a.explanation());
      insert.setString(12, a.raisedAt());
      insert.setString(13, a.status());
      return insert.executeUpdate() == 1;
    }
  }

  private static final String ALERT_COLUMNS = "SELECT a.alert_id, a.account, a.counterparty_id, c.name, a.source, a.entity_id,"
      + " a.entity_name, a.entry_hash, a.list_version, a.score, a.decision, a.explanation, a.raised_at, a.status FROM watch_alerts a"
      + " LEFT JOIN watch_counterparties c ON c.account = a.account AND c.id = a.counterparty_id WHERE a.account = ?";

  /** The account's alerts, newest first, optionally of one status (open, confirmed, false-positive, escalated). */
  public List<Alert> alerts(Actor actor, Optional<String> status) {
    authorize(actor);
    String sql = ALERT_COLUMNS + (status.isPresent() ? " AND a.status = ?" : "") + " ORDER BY a.raised_at DESC, a.alert_id";
    return selectAlerts(sql, actor.name(), status.stream().toArray());
  }

  /** One page of the account's alerts and how many there are in all. */
  public record Page(List<Alert> alerts, int total) {}

  /** The account's open alerts, or its decided ones (whatever the decision), newest first, {@code limit} from {@code offset}. */
  public Page page(Actor actor, boolean open, int offset, int limit) {
    authorize(actor);
    String which = open ? " AND a.status = 'open'" : " AND a.status <> 'open'";
    List<Alert> alerts = selectAlerts(ALERT_COLUMNS + which + " ORDER BY a.raised_at DESC, a.alert_id LIMIT ? OFFSET ?", actor.name(),
        limit, offset);
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement count = connection.prepareStatement(
        "SELECT COUNT(*) FROM watch_alerts a WHERE a.account = ?" + which)) {
      count.setString(1, actor.name());
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return new Page(alerts, rs.getInt(1));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot count alerts: " + e.getMessage(), e);
    }
  }

  private List<Alert> selectAlerts(String sql, String account, Object... args) {
    List<Alert> alerts = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, account);
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 2, args[i]);
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          alerts.add(new Alert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
              rs.getString(7), rs.getString(8), rs.getString(9), rs.getDouble(10), rs.getString(11), rs.getString(12), rs.getString(13),
              rs.getString(14)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read alerts: " + e.getMessage(), e);
    }
    return alerts;
  }

  /** Records a reviewer's decision on one of the account's alerts; earlier decisions are kept. */
  public Decision decide(Actor actor, String alertId, Verdict verdict, String reason) {
    authorize(actor);
    if (reason == null || reason.isBlank()) {
      throw new InvalidInput("a decision needs a 'reason'", List.of());
    }
    String keyword = verdict.name().toLowerCase(Locale.ROOT).replace('_', '-');
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement owner = connection.prepareStatement("SELECT account FROM watch_alerts WHERE alert_id = ?")) {
        owner.setString(1, alertId);
        try (ResultSet rs = owner.executeQuery()) {
          // Another account's alert is answered as if it did not exist: its existence is that account's business.
          if (!rs.next() || !rs.getString(1).equals(actor.name())) {
            throw new NotFound("no alert " + alertId + " on your watchlist");
          }
        }
      }
      int seq;
      try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM watch_decisions WHERE alert_id = ?")) {
        count.setString(1, alertId);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
          seq = rs.getInt(1) + 1;
        }
      }
      String at = clock.instant().toString();
      try (PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO watch_decisions (alert_id, seq, decision, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement update = connection.prepareStatement("UPDATE watch_alerts SET status = ? WHERE alert_id = ?")) {
        insert.setString(1, alertId);
        insert.setInt(2, seq);
        insert.setString(3, keyword);
        insert.setString(4, reason.strip());
        insert.setString(5, actor.name());
        insert.setString(6, at);
        insert.executeUpdate();
        update.setString(1, keyword);
        update.setString(2, alertId);
        update.executeUpdate();
      }
      connection.commit();
      return new Decision(alertId, seq, keyword, reason.strip(), actor.name(), at);
    } catch (SQLException e) {
      throw new StoreException("cannot record the decision: " + e.getMessage(), e);
    }
  }

  /** The decisions on one of the account's alerts, oldest first. */
  public List<Decision> decisions(Actor actor, String alertId) {
    authorize(actor);
    List<Decision> decisions = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection(); PreparedStatement select = connection.prepareStatement(
        "SELECT d.alert_id, d.seq, d.decision, d.reason, d.decided_by, d.decided_at FROM watch_decisions d"
            + " JOIN watch_alerts a ON a.alert_id = d.alert_id WHERE d.alert_id = ? AND a.account = ? ORDER BY d.seq")) {
      select.setString(1, alertId);
      select.setString(2, actor.name());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          decisions.add(new Decision(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read decisions: " + e.getMessage(), e);
    }
    return decisions;
  }

  /** How many counterparties the account keeps. */
  public int size(Actor actor) {
    authorize(actor);
    return counterparties(actor.name()).size();
  }

  private Map<String, Counterparty> counterparties(String account) {
    return read("SELECT account, id, name, kind, dob, country FROM watch_counterparties WHERE account = ?", account)
        .getOrDefault(account, List.of()).stream().collect(LinkedHashMap::new, (m, c) -> m.put(c.id(), c), Map::putAll);
  }

  private Map<String, List<Counterparty>> allCounterparties() {
    return read("SELECT account, id, name, kind, dob, country FROM watch_counterparties ORDER BY account, id", null);
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

  private Map<String, String> sourcesByVersion() {
    Map<String, String> sources = new HashMap<>();
    versions.all().forEach(v -> sources.put(v.versionHash(), v.source()));
    return sources;
  }

  /** The hash of a list entry as it reads (every field a diff compares), so that a changed entry is a new alert. */
  static String entryHash(SanctionedEntity e) {
    StringBuilder text = new StringBuilder(e.id().value());
    for (ListDiff.Field field : ListDiff.Field.values()) {
      text.append('\u0000').append(field.name()).append('=').append(field.valuesOf(e).stream().sorted().toList());
    }
    return sha256(text.toString());
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

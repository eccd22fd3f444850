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
import dev.compact.service.IdempotencyKeys;
import dev.compact.service.InvalidInput;
import dev.compact.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
 *
 * <p>This class checks who may keep a watchlist and does the screening; the counterparties as stored
 * are {@link CounterpartyStore}'s, the alerts as stored and their review {@link WatchlistAlerts}'.
 */
public final class Watchlists {
  /** Hits per counterparty considered, best first. */
  static final int LIMIT = 5;

  private final Clock clock;
  private final ListVersions versions;
  private final Supplier<Screener> current;
  private final CounterpartyStore counterparties;
  private final WatchlistAlerts stored;
  private final List<Consumer<List<Alert>>> listeners = new CopyOnWriteArrayList<>();
  /** The counterparties indexed by what their names could share with a listed name; see {@link CounterpartyIndex}. */
  private CounterpartyIndex index = new CounterpartyIndex();
  /** The watchlists' generation the index reflects; -1 before it is built. Guarded by {@code this}. */
  private long indexed = -1;

  public Watchlists(Database database, Clock clock, ListVersions versions, Supplier<Screener> current) {
    this.clock = clock;
    this.versions = versions;
    this.current = current;
    this.counterparties = new CounterpartyStore(database);
    this.stored = new WatchlistAlerts(database, clock);
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
    stored.onAlertInTransaction(writer);
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
    CounterpartyStore.check(rows);
    CounterpartyStore.Stored done = counterparties.store(actor.name(), rows, clock.instant().toString());
    List<Counterparty> fresh = done.fresh();
    long generation = done.generation();
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
    return new Registered(rows.size(), done.added(), done.updated(), rows.size() - done.added() - done.updated(), alerts);
  }

  /** Builds the counterparty index if it does not reflect the watchlists as stored (at start, or after another instance's registration). */
  public synchronized void warm() {
    // (The store gives its connection back first: SQLite has one, and the rebuild needs it.)
    if (indexed != counterparties.generation()) {
      rebuildIndex();
    }
  }

  /** Reads every counterparty and indexes it afresh. Called holding {@code this}. */
  private void rebuildIndex() {
    CounterpartyStore.Snapshot all = counterparties.snapshot();
    CounterpartyIndex built = new CounterpartyIndex();
    all.byAccount().forEach((account, rows) -> rows.forEach(c -> built.add(account, c)));
    index = built;
    indexed = all.generation();
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
    counterparties.all().forEach((account, rows) -> rows.forEach(c -> everyone.add(Map.entry(account, c))));
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
      if (stored.insert(alert)) {
        raised.add(alert);
      }
    }
    return raised;
  }

  /** The account's alerts, newest first, optionally of one status (open, confirmed, false-positive, escalated). */
  public List<Alert> alerts(Actor actor, Optional<String> status) {
    authorize(actor);
    return stored.alerts(actor.name(), status);
  }

  /** One page of the account's alerts and how many there are in all. */
  public record Page(List<Alert> alerts, int total) {}

  /** The account's open alerts, or its decided ones (whatever the decision), newest first, {@code limit} from {@code offset}. */
  public Page page(Actor actor, boolean open, int offset, int limit) {
    authorize(actor);
    return stored.page(actor.name(), open, offset, limit);
  }

  /** Records a reviewer's decision on one of the account's alerts; earlier decisions are kept. */
  public Decision decide(Actor actor, String alertId, Verdict verdict, String reason) {
    return decide(actor, alertId, verdict, reason, Optional.empty());
  }

  /**
   * The same, with the client's {@code Idempotency-Key}: a retry with the same key and the same
   * decision records nothing and answers with the first attempt's decision.
   */
  public Decision decide(Actor actor, String alertId, Verdict verdict, String reason, Optional<String> idempotencyKey) {
    authorize(actor);
    if (reason == null || reason.isBlank()) {
      throw new InvalidInput("a decision needs a 'reason'", List.of());
    }
    return stored.decide(actor.name(), alertId, verdict, reason, IdempotencyKeys.scoped(idempotencyKey, actor.name()));
  }

  /** The decisions on one of the account's alerts, oldest first. */
  public List<Decision> decisions(Actor actor, String alertId) {
    authorize(actor);
    return stored.decisions(actor.name(), alertId);
  }

  /** How many counterparties the account keeps. */
  public int size(Actor actor) {
    authorize(actor);
    return counterparties.counterparties(actor.name()).size();
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
}

package dev.compact.service;

import dev.compact.agreements.Classification;
import dev.compact.agreements.Keywords;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.engine.NormInstance;
import dev.compact.engine.Replay;
import dev.compact.engine.Transition;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.Projection;
import dev.compact.store.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The engine's state beside the log, and the read models it writes: folds each appended event in
 * the append's transaction and writes only the instances the engine says it changed, with their
 * transitions; folds in other instances' events before each write; folds the whole log again after a
 * write that rolled back. Not thread-safe: {@link RecordService} uses it under its lock.
 */
final class EngineProjection implements Projection {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineProjection.class);

  private final Engine engine;
  private final Database database;
  private final Clock clock;
  private final EventCodec codec;
  private final ClassificationPolicy levels;
  private final RecordOwners owners = new RecordOwners();
  private final ChangeFeed feed;
  /** Set once the store exists (the store takes this projection when it is built). */
  private final java.util.function.Supplier<EventStore> store;

  private Replay replay;
  private final EventTimes eventTimes = new EventTimes();
  private long appliedSeq;
  /** Each instance as the read models hold it, so that an append writes only what really changed. */
  private Map<String, NormInstance> written = new HashMap<>();

  /** The changes of the write under way, published to listeners once it commits. */
  final List<ChangeFeed.Change> pending = new ArrayList<>();
  /** Checked with the head locked: a write that is no longer needed (a tick another instance made) is dropped. */
  java.util.function.BooleanSupplier guard;
  private boolean rebuilding;

  EngineProjection(Engine engine, Database database, Clock clock, EventCodec codec, ClassificationPolicy levels,
      ChangeFeed feed, java.util.function.Supplier<EventStore> store) {
    this.engine = engine;
    this.database = database;
    this.clock = clock;
    this.codec = codec;
    this.levels = levels;
    this.feed = feed;
    this.store = store;
    this.replay = engine.replay();
  }

  /** How many events of the log the engine holds. */
  long appliedSeq() {
    return appliedSeq;
  }

  /** Whose the records are that later writes amend, as folded so far. */
  RecordOwners owners() {
    return owners;
  }

  /** The norm instance under a key, as folded so far. */
  Optional<NormInstance> instance(String key) {
    return replay.instance(key);
  }

  /** The binding measure a consultation decided under an id, if any. */
  Optional<NormInstance> measure(Event.ConsultationId consultation, String measure) {
    return replay.measure(consultation.value(), measure);
  }

  /** Why a new write may not record {@code event} as the record stands, if it may not (the engine's {@link dev.compact.engine.Admission}). */
  Optional<dev.compact.engine.Admission.Refusal> admit(Event event, dev.compact.engine.Admission.Writer writer) {
    return replay.admit(event, writer);
  }

  /** When the record has reached, as the engine sees it. */
  Optional<Instant> reached() {
    return replay.clock();
  }

  /** When the next deadline or date falls, if any. */
  Optional<Instant> nextTimer() {
    return replay.nextTimer();
  }

  /** The time a write is stamped with: the clock's, or the time the record has reached if another instance's clock ran ahead. */
  Instant now() {
    Instant now = clock.instant();
    return replay.clock().filter(reached -> reached.isAfter(now)).orElse(now);
  }

  /** True when a deadline or date has come by {@code now} and time has not yet been let pass to it. */
  boolean due(Instant now) {
    Optional<Instant> next = replay.nextTimer();
    Optional<Instant> reached = replay.clock();
    return next.isPresent() && !next.get().isAfter(now) && (reached.isEmpty() || now.isAfter(reached.get()));
  }

  /**
   * Brings the engine and the read models up to the log at start: folds the committed log, adds to
   * the transparency log any event recorded before it existed, and rebuilds read models found empty.
   * Events without a leaf after the log signed a checkpoint were not recorded before it existed: they
   * are refused unless {@code acceptUnlogged}.
   */
  void open(EventStore store, boolean acceptUnlogged) {
    reload();
    if (!acceptUnlogged) {
      store.readTree(connection -> {
        refuseUnlogged(connection);
        return null;
      });
    }
    long added = store.addMissingLeaves(this::leafLevel);
    if (added > 0) {
      LOG.info("added {} events recorded before the transparency log to it", added);
    }
    if (appliedSeq > 0 && countInstances() == 0) {
      LOG.info("read models are empty but the log holds {} events: rebuilding them", appliedSeq);
      rebuild(store);
    }
  }

  /**
   * The service writes each event's leaf in the same row, so once the log has signed a checkpoint
   * an event without one was written to the database by something else. Signing it would make it
   * part of the witnessed history with nothing to tell it from a recorded one.
   */
  static void refuseUnlogged(java.sql.Connection connection) throws java.sql.SQLException {
    long head;
    long signed;
    try (java.sql.Statement s = connection.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT (SELECT seq FROM chain_head WHERE id = 1), (SELECT MAX(size) FROM log_checkpoints)")) {
      rs.next();
      head = rs.getLong(1);
      signed = rs.getObject(2) == null ? -1 : rs.getLong(2);
    }
    long leaves = dev.compact.store.LogTree.size(connection);
    if (signed >= 0 && head > leaves) {
      throw new UnloggedEvents("events " + (leaves + 1) + " to " + head + " have no leaf in the transparency log, although the log has"
          + " already signed checkpoints (the latest of size " + signed + "); the service writes each event's leaf with it, so these were"
          + " written to the database outside the service. The service does not sign them into the log: check them (compact verify"
          + " --db names them), and start once with --compact.log.accept-unlogged-events=true only to sign them anyway");
    }
  }

  /** Recreates every read model from the log, and the engine's state with them; nothing is notified again. */
  long rebuild(EventStore store) {
    try {
      forget();
      rebuilding = true;
      return store.rebuild();
    } finally {
      rebuilding = false;
      pending.clear();
    }
  }

  /**
   * Folds the events of {@code source} up to {@code toSeq} into the (empty) read models on {@code target}, exactly as
   * {@link #rebuild} does on one database: what {@link ReadModelCheck} compares with the read models a database holds.
   */
  long rebuildInto(Connection source, Connection target, long toSeq) throws SQLException {
    try {
      forget();
      rebuilding = true;
      reset(target);
      return EventStore.replay(source, target, toSeq, List.of(this));
    } finally {
      rebuilding = false;
      pending.clear();
    }
  }

  /** Forgets everything before the log is projected again from its start ({@link EventStore#rebuild}). */
  void forget() {
    replay = engine.replay();
    eventTimes.clear();
    appliedSeq = 0;
    written = new HashMap<>();
    levels.forget();
    owners.forget();
    pending.clear();
  }

  /** Folds the whole committed log again, from nothing: at start and after a write that rolled back. */
  void reload() {
    try (Connection connection = database.dataSource().getConnection()) {
      reload(connection);
    } catch (SQLException e) {
      throw new dev.compact.store.StoreException("cannot read the log: " + e.getMessage(), e);
    }
  }

  /**
   * Folds the whole log again as {@code connection} sees it: in a batch of appends, after one that
   * was undone, the batch's earlier appends are part of it (they commit with the batch).
   */
  void reload(Connection connection) throws SQLException {
    forget();
    fold(connection, Long.MAX_VALUE);
  }

  /** Folds in what other instances committed since this one last looked (their read models are written). */
  void catchUp() {
    long head = store.get().head().seq();
    if (head > appliedSeq) {
      try (Connection connection = database.dataSource().getConnection()) {
        fold(connection, head);
      } catch (SQLException e) {
        throw new dev.compact.store.StoreException("cannot read the log: " + e.getMessage(), e);
      }
    }
  }

  /** The same on a batch's connection, up to the head the batch locked (nobody else appends meanwhile). */
  void catchUp(Connection connection, long headSeq) throws SQLException {
    if (headSeq > appliedSeq) {
      fold(connection, headSeq);
    }
  }

  /**
   * Folds committed events after {@link #appliedSeq}, without writing read models: they are already
   * written (by this or another instance), so the instances each event changed are remembered as
   * written, and the next append writes only what it changes.
   */
  private void fold(Connection connection, long toSeq) throws SQLException {
    while (appliedSeq < toSeq) {
      List<StoredEvent> page = EventStore.between(connection, appliedSeq, Math.min(toSeq, appliedSeq + 1000));
      if (page.isEmpty()) {
        return;
      }
      for (StoredEvent stored : page) {
        if (!Registrations.RECORD_ONLY.contains(stored.type())) {
          Event event = codec.decode(stored);
          levels.remember(event, codec.classification(stored.payload()));
          owners.remember(event);
          replay.apply(event);
          eventTimes.add(event.occurredAt());
          for (NormInstance instance : replay.changed()) {
            written.put(instance.id().key(), instance);
          }
        }
        appliedSeq = stored.seq();
      }
    }
  }

  /** Who may read a stored event: its mark, or the record it is about if that is more classified. */
  String leafLevel(StoredEvent stored) {
    if (stored.type().equals(Registrations.VERSION_REGISTERED)) {
      return Keywords.of(Registrations.level(codec.read(stored.payload(), Registrations.VersionRegistered.class)));
    }
    if (Registrations.RECORD_ONLY.contains(stored.type())) {
      return Keywords.of(Classification.PUBLIC);
    }
    Event event = codec.decode(stored);
    return Keywords.of(levels.about(event, codec.classification(stored.payload())));
  }

  private long countInstances() {
    try (Connection connection = database.dataSource().getConnection(); Statement s = connection.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM norm_instances")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new dev.compact.store.StoreException("cannot read the read models: " + e.getMessage(), e);
    }
  }


  @Override
  public void beforeAppend(Connection connection, long headSeq) throws SQLException {
    if (headSeq > appliedSeq) {
      fold(connection, headSeq);
    }
    if (guard != null && !guard.getAsBoolean()) {
      throw new NothingToRecord();
    }
  }

  @Override
  public void apply(Connection connection, StoredEvent stored) throws SQLException {
    if (Registrations.RECORD_ONLY.contains(stored.type())) {
      appliedSeq = stored.seq();
      switch (stored.type()) {
        case Registrations.VERSION_REGISTERED -> ReadModels.version(connection, stored, codec.read(stored.payload(), Registrations.VersionRegistered.class));
        case Registrations.KEY_REGISTERED -> ReadModels.key(connection, stored, codec.read(stored.payload(), Registrations.KeyRegistered.class));
        case Registrations.LIST_VERSION_RECORDED -> { } // few and read from the log itself (dev.compact.sanctionsregister.ListVersions)
        case Registrations.TEXTS_APPLIED -> { } // names the rules, changes no state; read from the log itself (AppliedTexts)
        default -> ReadModels.signature(connection, stored, codec.read(stored.payload(), Registrations.AgreementSigned.class));
      }
      return;
    }
    Event event = codec.decode(stored);
    Classification eventLevel = levels.remember(event, codec.classification(stored.payload()));
    owners.remember(event);
    int before = replay.transitionCount();
    replay.apply(event);
    eventTimes.add(event.occurredAt());
    if (replay.halt().isPresent()) {
      // Named by what the writer sent, never by its position in the fold, which counts the
      // classified events before it.
      long position = replay.position();
      String named = "the " + stored.type() + " at " + stored.occurredAt();
      throw new InvalidInput("the engine cannot apply this event: "
          + replay.halt().get().describe(p -> p == position ? named : "an event recorded before " + named), List.of());
    }
    appliedSeq = stored.seq();
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO norm_transitions (store_seq, position, instance_key, at_us, from_state, to_state, cause) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = before; i < replay.transitionCount(); i++) {
        Transition t = replay.transition(i);
        insert.setLong(1, stored.seq());
        insert.setInt(2, i - before);
        insert.setString(3, t.instance().key());
        insert.setLong(4, Micros.of(t.at()));
        insert.setString(5, t.from().map(s -> s.keyword()).orElse(null));
        insert.setString(6, t.to().keyword());
        insert.setString(7, t.cause().describe(eventTimes::name));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    upsertChangedInstances(connection, stored.seq(), eventLevel, event);
    int first = pending.size();
    for (int i = before; i < replay.transitionCount(); i++) {
      Transition t = replay.transition(i);
      NormInstance instance = written.get(t.instance().key());
      pending.add(new ChangeFeed.Change(stored.seq(), t, instance, Keywords.of(levels.of(instance)), t.cause().describe(eventTimes::name)));
    }
    if (!rebuilding && pending.size() > first) {
      feed.write(connection, List.copyOf(pending.subList(first, pending.size())));
    }
    ReadModels.project(connection, stored, event, codec, Keywords.of(eventLevel));
  }

  /**
   * Writes the instances the event changed: those the engine reports for it, so that an append
   * costs in proportion to what it changed, not to how many instances the record holds. A classified event may not change a less classified
   * instance (no write-down): a public obligation that a restricted delivery fulfilled would tell the
   * public that the delivery happened. Such an event is refused, and the append rolls back.
   */
  private void upsertChangedInstances(Connection connection, long seq, Classification eventLevel, Event event) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(
        "INSERT INTO norm_instances (instance_key, agreement_id, clause_id, obligor, context, kind, action, state, activated_us, due_us,"
            + " deadline, progress, blocked_by, settled_us, last_seq, classification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (instance_key) DO UPDATE SET kind = excluded.kind, action = excluded.action, state = excluded.state,"
            + " activated_us = excluded.activated_us, due_us = excluded.due_us, deadline = excluded.deadline, progress = excluded.progress,"
            + " blocked_by = excluded.blocked_by, settled_us = excluded.settled_us, last_seq = excluded.last_seq")) {
      boolean any = false;
      for (NormInstance instance : replay.changed()) {
        String key = instance.id().key();
        if (instance.equals(written.get(key))) {
          continue;
        }
        Classification level = levels.of(instance);
        // A rebuild folds what was recorded: an event recorded before a rule existed must not make the log unreadable.
        if (level.compareTo(eventLevel) < 0 && !rebuilding) {
          throw new InvalidInput(levels.writeDown(event, eventLevel, key, level), List.of());
        }
        written.put(key, instance);
        upsert.setString(1, key);
        upsert.setString(2, instance.id().agreement());
        upsert.setString(3, instance.id().clause());
        upsert.setString(4, instance.id().obligor().value());
        upsert.setString(5, instance.id().context());
        upsert.setString(6, instance.kind());
        upsert.setString(7, instance.action());
        upsert.setString(8, instance.state().keyword());
        upsert.setObject(9, Micros.of(instance.activatedAt()), java.sql.Types.BIGINT);
        upsert.setObject(10, Micros.of(instance.due()), java.sql.Types.BIGINT);
        upsert.setString(11, instance.deadline());
        upsert.setString(12, instance.progress().map(p -> p.describe()).orElse(null));
        upsert.setString(13, instance.blockedBy().stream().map(p -> p.value()).collect(Collectors.joining(",")));
        upsert.setObject(14, Micros.of(instance.settledAt()), java.sql.Types.BIGINT);
        upsert.setLong(15, seq);
        upsert.setString(16, Keywords.of(level));
        upsert.addBatch();
        any = true;
      }
      if (any) {
        upsert.executeBatch();
      }
    }
  }

  @Override
  public void reset(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (ReadModelCheck.Table table : ReadModelCheck.TABLES) {
        s.executeUpdate("DELETE FROM " + table.name());
      }
    }
    replay = engine.replay();
    eventTimes.clear();
    appliedSeq = 0;
    written = new HashMap<>();
  }
}

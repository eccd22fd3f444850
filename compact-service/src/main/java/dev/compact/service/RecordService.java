package dev.compact.service;

import dev.compact.agreements.Classification;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Keywords;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.engine.NormInstance;
import dev.compact.engine.Replay;
import dev.compact.engine.Transition;
import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.NewEvent;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the record and the engine in step. Every write goes through {@link #record}: the events are
 * appended to the log and folded by the engine in one transaction, and the engine's transitions are
 * written to the read models in that same transaction. Another instance's appends are folded in
 * before each write, so several instances over one PostgreSQL agree.
 */
public final class RecordService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordService.class);

  private final Database database;
  private final Engine engine;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();
  private final EngineProjection projection = new EngineProjection();
  private final EventStore store;
  private final ClassificationPolicy levels;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Consumer<List<Change>>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<ChangeWriter> writers = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Replay replay;
  private final EventTimes eventTimes = new EventTimes();
  private long appliedSeq;
  private Map<String, NormInstance> written = new HashMap<>();

  /**
   * A transition the engine made, with the instance as it stands after it, as published to
   * listeners; {@code cause} is its cause as the read models hold it (events named by time).
   */
  public record Change(long storeSeq, Transition transition, NormInstance instance, String classification, String cause) {
    public boolean isPublic() {
      return classification.equals("public");
    }
  }

  public RecordService(Database database, Engine engine, Clock clock) {
    this.database = database;
    this.engine = engine;
    this.clock = clock;
    this.store = new EventStore(database, clock, List.of(projection));
    this.levels = new ClassificationPolicy(engine.compact());
    lock.lock();
    try {
      reload();
      long added = store.addMissingLeaves(this::leafLevel);
      if (added > 0) {
        LOG.info("added {} events recorded before the transparency log to it", added);
      }
      if (appliedSeq > 0 && countInstances() == 0) {
        LOG.info("read models are empty but the log holds {} events: rebuilding them", appliedSeq);
        rebuild();
      }
    } finally {
      lock.unlock();
    }
  }

  public Database database() {
    return database;
  }

  /** The record as the public sees it. */
  public Queries queries() {
    return new Queries(database);
  }

  /** The record as a reader with this clearance sees it. */
  public Queries queries(dev.compact.access.Clearance clearance) {
    return new Queries(database, clearance);
  }

  public EventStore store() {
    return store;
  }

  public EventCodec codec() {
    return codec;
  }

  public Clock clock() {
    return clock;
  }

  /** Called after each write commits, with its changes; a listener that fails is logged, the write stands. */
  public void onChanges(Consumer<List<Change>> listener) {
    listeners.add(listener);
  }

  /**
   * Writes an event's changes inside the append's transaction, so that they commit or roll back with
   * it: the notifications outbox ({@code dev.compact.notify}). A rebuild of the read models does not
   * call it: what was notified once is not notified again.
   */
  @FunctionalInterface
  public interface ChangeWriter {
    void write(Connection connection, List<Change> changes) throws SQLException;
  }

  public void onChangesInTransaction(ChangeWriter writer) {
    writers.add(writer);
  }

  /**
   * A command's events, built at the time the record takes it: with the lock held and every other
   * writer's events folded in, so the time it is stamped with is never behind the time the record
   * has reached. A client that gives no time of its own is therefore never refused for the order of
   * events, however many write at once.
   */
  @FunctionalInterface
  public interface Stamped {
    List<Event> at(Instant now);
  }

  /**
   * Appends the service's own events (a replayed history, the scheduler's time) as the system, which
   * no permission check holds: private, so that no request can reach it.
   */
  private List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, List<Event> events, Optional<String> idempotencyKey,
      String actor) {
    return record(streamId, expectedVersion, events, idempotencyKey, dev.compact.access.Actor.system(actor));
  }

  /**
   * Records events on behalf of an actor: each event must be allowed by the actor's roles
   * ({@link dev.compact.access.Permissions}), checked here in the service layer so that every way
   * in, not only the API, is held to it. A denied write is a {@link dev.compact.access.Forbidden}
   * and writes nothing.
   */
  public List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, List<Event> events, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor) {
    return record(streamId, expectedVersion, events, idempotencyKey, actor, Classification.PUBLIC);
  }

  /** Records events made before the record takes them (a history, a form with its own times). */
  public List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, List<Event> events, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor, Classification classification) {
    return record(streamId, expectedVersion, now -> events, idempotencyKey, actor, classification);
  }

  /** Records a public command's events, stamped with the time the record takes the write. */
  public List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, Stamped events, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor) {
    return record(streamId, expectedVersion, events, idempotencyKey, actor, Classification.PUBLIC);
  }

  /**
   * Records events that make a classified record: an incident, a consultation or a support entry
   * that only cleared readers may see. Nobody classifies above their own clearance, and events about
   * a record the actor may not see are refused as if the record did not exist.
   */
  public List<StoredEvent> record(String streamId, Optional<Long> expectedVersion, Stamped events, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor, Classification classification) {
    return append(streamId, expectedVersion, events, scoped(idempotencyKey, actor.name()), actor, classification);
  }

  /**
   * An idempotency key as the store keeps it: scoped to the account that sent it, so that one
   * account's key never answers (or refuses) another's request, and of a fixed length whatever the
   * client sent.
   */
  static Optional<String> scoped(Optional<String> idempotencyKey, String actor) {
    return idempotencyKey.map(key -> {
      if (key.length() > 200) {
        throw new IllegalArgumentException("'Idempotency-Key' is longer than 200 characters");
      }
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
            .digest((actor + "\n" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "k1:" + java.util.HexFormat.of().formatHex(digest);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The events of one write, checked for the actor and marked with their classification. */
  private record Prepared(List<Event> events, List<NewEvent> encoded, boolean classified, Classification highestMark) {}

  /**
   * Checks a write's events against the actor's roles, clearance and standing and the classification
   * of what they are about, and encodes them. Refusals write nothing.
   */
  private Prepared prepare(List<Event> events, dev.compact.access.Actor actor, Classification classification) {
    dev.compact.access.Clearance clearance = dev.compact.access.Clearance.of(actor);
    if (!actor.system()) {
      if (!clearance.visible().contains(Keywords.of(classification))) {
        throw new dev.compact.access.Forbidden(actor.name() + ": may classify records up to " + Keywords.of(clearance) + ", not "
            + Keywords.of(classification));
      }
      for (Event event : events) {
        authorize(actor, dev.compact.access.Permissions.check(actor.roles(), event));
        authorize(actor, dev.compact.access.Permissions.standing(engine.compact(), event));
      }
    }
    ClassificationPolicy.Marks marks = levels.mark(events, clearance, classification);
    List<NewEvent> encoded = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      EventCodec.Encoded e = codec.encode(events.get(i), marks.marks().get(i));
      // Who may read each event, as its leaf in the transparency log records it (docs/transparency.md).
      encoded.add(new NewEvent(e.type(), e.payload(), events.get(i).occurredAt(), actor.name(), Keywords.of(marks.leafLevels().get(i))));
    }
    return new Prepared(events, encoded, marks.classified(), marks.highest());
  }

  /**
   * The stream a write goes to. A guarantor's support entries of different classifications go to
   * different streams ({@code support-GBR}, {@code support-GBR~restricted}, {@code support-GBR~secret}):
   * a stream's version is shown to those who write to it, and in one shared stream it would jump
   * over the entries the writer may not see, counting them. Other streams hold one classification.
   */
  private static String streamFor(String streamId, Prepared prepared) {
    if (!streamId.startsWith("support-")) {
      return streamId;
    }
    Classification level = prepared.highestMark();
    String base = streamId.contains("~") ? streamId.substring(0, streamId.indexOf('~')) : streamId;
    return level == Classification.PUBLIC ? base : base + "~" + Keywords.of(level);
  }

  /** The time a write is stamped with: the clock's, or the time the record has reached if another instance's clock ran ahead. */
  private Instant now() {
    Instant now = clock.instant();
    return replay.clock().filter(reached -> reached.isAfter(now)).orElse(now);
  }

  private List<StoredEvent> append(String requestedStream, Optional<Long> expectedVersion, Stamped build, Optional<String> idempotencyKey,
      dev.compact.access.Actor actor, Classification classification) {
    String streamId = requestedStream;
    List<Change> changes;
    List<StoredEvent> stored;
    lock.lock();
    try {
      catchUp();
      Prepared first = prepare(build.at(now()), actor, classification);
      streamId = streamFor(streamId, first);
      // A retry is answered with what the first attempt recorded, before anything that time or the
      // first attempt itself has changed since (the time reached, the stream's version) is checked.
      if (idempotencyKey.isPresent()) {
        Optional<List<StoredEvent>> recorded = store.recorded(idempotencyKey.get(), streamId, first.encoded());
        if (recorded.isPresent()) {
          return recorded.get();
        }
      }
      if (first.classified() && !first.events().isEmpty()) {
        letTimePass(first.events().getFirst().occurredAt());
      }
      projection.pending.clear();
      try {
        // Built again with the head locked: another instance may have appended since, and the events
        // are stamped and checked against the record as it stands now, not as it stood a moment ago.
        stored = store.append(streamId, expectedVersion.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty()),
            new EventStore.Preparation() {
              @Override
              public List<NewEvent> events(Connection connection) {
                return prepare(build.at(now()), actor, classification).encoded();
              }

            }, idempotencyKey).events();
      } catch (NothingToRecord e) {
        // Refused before anything of ours was folded: the engine holds exactly the committed log.
        throw e;
      } catch (RuntimeException e) {
        // The engine may have folded events that were rolled back: start again from the committed log.
        reload();
        throw e;
      }
      changes = List.copyOf(projection.pending);
    } finally {
      lock.unlock();
    }
    for (Consumer<List<Change>> listener : listeners) {
      try {
        listener.accept(changes);
      } catch (RuntimeException e) {
        LOG.warn("a change listener failed: {}", e.toString());
      }
    }
    return stored;
  }

  /**
   * Before a classified record, lets time pass (publicly) to the moment it happened, so that what
   * time alone does (a deadline passing, an agreement's standing duties beginning) is not taken for
   * an effect of the record and refused as a write-down. Runs under the lock, after catching up.
   */
  private void letTimePass(Instant at) {
    catchUp();
    Optional<Instant> reached = replay.clock();
    boolean due = reached.isEmpty() || (at.isAfter(reached.get()) && replay.nextTimer().filter(t -> !t.isAfter(at)).isPresent());
    if (due) {
      append("clock", Optional.empty(), now -> List.of(new Event.TimeAdvanced(at, clock.instant())), Optional.empty(),
          dev.compact.access.Actor.system("clock"), Classification.PUBLIC);
    }
  }

  /** Event types the record keeps for itself; the engine never sees them. */
  public static final String VERSION_REGISTERED = "agreement-version-registered";
  public static final String KEY_REGISTERED = "party-key-registered";
  public static final String AGREEMENT_SIGNED = "agreement-signed";
  /** A sanctions list version (docs/sanctions-lists.md); read from the log itself by {@code dev.compact.lists}, no read model. */
  public static final String LIST_VERSION_RECORDED = "list-version-recorded";
  static final java.util.Set<String> RECORD_ONLY = java.util.Set.of(VERSION_REGISTERED, KEY_REGISTERED, AGREEMENT_SIGNED,
      LIST_VERSION_RECORDED);

  /** True for the record's own event types (versions, keys, signatures), which the engine never sees. */
  public static boolean isRecordOnly(String type) {
    return RECORD_ONLY.contains(type);
  }

  /** A party's public key (PEM), registered once; signatures by that party are checked against it. */
  public record KeyRegistered(String party, String publicKey) {}

  /** A party's signature over an agreement version's canonical hash. */
  public record AgreementSigned(String agreementId, String versionHash, String party, String signature) {}

  /** Appends one record-only event (no engine fold) under the lock, e.g. a key or a signature. */
  public List<StoredEvent> recordOnly(String streamId, String type, Object payload, Optional<String> idempotencyKey, String actor) {
    return recordOnly(streamId, java.util.OptionalLong.empty(), type, payload, idempotencyKey, actor, connection -> null);
  }

  /**
   * As above, refused with a {@link dev.compact.store.ConcurrencyConflict} unless the stream is at
   * {@code expectedVersion}; {@code alongside} writes what the event refers to (a list version's
   * files) in the append's own transaction, so both are kept or neither.
   */
  public List<StoredEvent> recordOnly(String streamId, java.util.OptionalLong expectedVersion, String type, Object payload,
      Optional<String> idempotencyKey, String actor, EventStore.Work<Void> alongside) {
    lock.lock();
    try {
      projection.pending.clear();
      try {
        return store.append(streamId, expectedVersion, connection -> {
          alongside.run(connection);
          return List.of(new NewEvent(type, codec.json(payload), now(), actor));
        }, scoped(idempotencyKey, actor)).events();
      } catch (RuntimeException e) {
        reload();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Registers a party's public key on behalf of an actor: only that party's desk may (checked here, for every way in). */
  public List<StoredEvent> registerKey(KeyRegistered key, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    authorize(actor, dev.compact.access.Permissions.actAs(actor.roles(), new dev.compact.agreements.PartyCode(key.party()),
        "register its signing key"));
    dev.compact.trust.Signatures.publicKey(key.publicKey());
    lock.lock();
    try {
      // Once per party: a second key would let whoever holds it sign as the party beside the first.
      if (queries().partyKey(key.party()).isPresent()) {
        throw new dev.compact.store.ConcurrencyConflict("party-key-" + key.party(), 0, 1);
      }
      return recordOnly("party-key-" + key.party(), KEY_REGISTERED, key, idempotencyKey, actor.name());
    } finally {
      lock.unlock();
    }
  }

  /** Records a party's verified signature on behalf of an actor: only that party's desk may sign as it. */
  public List<StoredEvent> sign(AgreementSigned signed, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    authorize(actor, dev.compact.access.Permissions.actAs(actor.roles(), new dev.compact.agreements.PartyCode(signed.party()),
        "sign agreements"));
    // Verified here, not only by the caller: the record holds no signature that does not verify.
    String pem = queries().partyKey(signed.party()).map(PartyKeyView::publicKey)
        .orElseThrow(() -> new InvalidInput(signed.party() + " has no registered key; register it at /api/parties/" + signed.party()
            + "/key first", List.of()));
    if (!dev.compact.trust.Signatures.verify(dev.compact.trust.Signatures.publicKey(pem), signed.agreementId(), signed.party(),
        signed.versionHash(), signed.signature())) {
      throw new InvalidInput("the signature does not verify with " + signed.party() + "'s key over version " + signed.versionHash()
          + " of '" + signed.agreementId() + "'", List.of());
    }
    return recordOnly("signatures-" + signed.agreementId(), AGREEMENT_SIGNED, signed, idempotencyKey, actor.name());
  }

  /** Registers an agreement version on behalf of an actor: the secretariat's job. */
  public List<StoredEvent> registerVersion(VersionRegistered version, Optional<String> idempotencyKey, dev.compact.access.Actor actor) {
    authorize(actor, dev.compact.access.Permissions.registerVersion(actor.roles()));
    return registerVersion(version, idempotencyKey, actor.name());
  }

  /** Throws {@link dev.compact.access.Forbidden} when the verdict denies a non-system actor. */
  private static void authorize(dev.compact.access.Actor actor, dev.compact.access.Permissions.Verdict verdict) {
    if (!actor.system() && !verdict.allowed()) {
      throw new dev.compact.access.Forbidden(actor.name() + ": " + verdict.reason());
    }
  }

  /** An agreement version's text, registered in the record so that what parties sign is on the chain. */
  public record VersionRegistered(String agreementId, String path, String text, String versionHash, String title, int norms) {}

  /**
   * Registers a checked agreement version. Registering the same version again records nothing and
   * returns the first registration.
   */
  public List<StoredEvent> registerVersion(VersionRegistered version, Optional<String> idempotencyKey, String actor) {
    lock.lock();
    try {
      Optional<VersionView> existing = queries().version(version.versionHash());
      if (existing.isPresent()) {
        return store.read(existing.get().storeSeq(), 1);
      }
      return recordOnly("agreement-" + version.agreementId(), VERSION_REGISTERED, version, idempotencyKey, actor);
    } finally {
      lock.unlock();
    }
  }

  /** The stream an event belongs to: one per incident, consultation, agreement, guarantor's support, package. */
  public static String streamOf(Event event) {
    return switch (event) {
      case Event.IncidentEvent e -> "incident-" + e.incident().value();
      case Event.ConsultationEvent e -> "consultation-" + e.consultation().value();
      case Event.SupportEvent e -> "support-" + e.guarantor().value();
      case Event.SanctionsEvent e -> "sanctions-" + e.sanctionsPackage();
      case Event.PartyStatusChanged e -> "party-" + e.party().value();
      case Event.Signed e -> "agreement-" + e.agreement().value();
      case Event.Ratified e -> "agreement-" + e.agreement().value();
      case Event.EnteredIntoForce e -> "agreement-" + e.agreement().value();
      case Event.Suspended e -> "agreement-" + e.agreement().value();
      case Event.Resumed e -> "agreement-" + e.agreement().value();
      case Event.TerminationNoticeGiven e -> "agreement-" + e.agreement().value();
      case Event.ActEvent e -> "party-" + e.by().value();
      case Event.TimeAdvanced e -> "clock";
    };
  }

  /**
   * Records a history of events one by one, each in its own stream: how the demo's past and
   * imported records enter the log. Nothing else this instance writes, the scheduler's ticks
   * included, comes between them. (Another instance over the same PostgreSQL could; the demo loads
   * its history only into an empty record, so start one instance first.)
   */
  public void recordHistory(List<Event> events, String actor) {
    // Held for the whole history: a scheduler tick between two of its events would move the record to
    // the present, and the next, older event would be refused.
    lock.lock();
    try {
      for (Event event : events) {
        record(streamOf(event), Optional.empty(), List.of(event), Optional.empty(), actor);
      }
    } finally {
      lock.unlock();
    }
  }

  /** True when the log holds no event yet. */
  public boolean isEmpty() {
    return store.head().seq() == 0;
  }

  /**
   * Lets time pass to {@code now}: when a deadline or date has come, records a time-advanced event
   * so that breaches happen without anyone asking. Returns true if it recorded one.
   */
  public boolean tick(Instant now) {
    lock.lock();
    try {
      catchUp();
      if (!due(now)) {
        return false;
      }
      // Checked again with the chain head locked: another instance may have let time pass meanwhile,
      // and then there is nothing left to record. This keeps each tick, not just each transition, exactly-once.
      projection.guard = () -> due(now);
      try {
        record("clock", Optional.empty(), List.of(new Event.TimeAdvanced(now, now)), Optional.empty(), "scheduler");
        return true;
      } catch (NothingToRecord | dev.compact.store.ConcurrencyConflict e) {
        // Another instance let time pass first, or moved the clock stream on: the next tick looks again.
        return false;
      } finally {
        projection.guard = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean due(Instant now) {
    Optional<Instant> next = replay.nextTimer();
    Optional<Instant> reached = replay.clock();
    return next.isPresent() && !next.get().isAfter(now) && (reached.isEmpty() || now.isAfter(reached.get()));
  }

  /** A guarded write found, once it held the lock, that it was no longer needed. */
  static final class NothingToRecord extends RuntimeException {
    NothingToRecord() {
      super("nothing to record", null, false, false);
    }
  }

  /** When the record has reached, as the engine sees it. */
  public Optional<Instant> reached() {
    lock.lock();
    try {
      return replay.clock();
    } finally {
      lock.unlock();
    }
  }

  /** Recreates every read model from the log (and the engine's state with them). */
  public long rebuild() {
    lock.lock();
    try {
      replay = engine.replay();
      eventTimes.clear();
      appliedSeq = 0;
      written = new HashMap<>();
      levels.forget();
      projection.pending.clear();
      projection.rebuilding = true;
      return store.rebuild();
    } finally {
      projection.rebuilding = false;
      projection.pending.clear();
      lock.unlock();
    }
  }

  private void reload() {
    replay = engine.replay();
    eventTimes.clear();
    appliedSeq = 0;
    written = new HashMap<>();
    levels.forget();
    try (Connection connection = database.dataSource().getConnection()) {
      fold(connection, Long.MAX_VALUE);
    } catch (SQLException e) {
      throw new dev.compact.store.StoreException("cannot read the log: " + e.getMessage(), e);
    }
  }

  private void catchUp() {
    long head = store.head().seq();
    if (head > appliedSeq) {
      try (Connection connection = database.dataSource().getConnection()) {
        fold(connection, head);
      } catch (SQLException e) {
        throw new dev.compact.store.StoreException("cannot read the log: " + e.getMessage(), e);
      }
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
        if (!RECORD_ONLY.contains(stored.type())) {
          Event event = codec.decode(stored.type(), stored.payload(), stored.occurredAt(), stored.recordedAt());
          levels.remember(event, codec.classification(stored.payload()));
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
  private String leafLevel(StoredEvent stored) {
    if (RECORD_ONLY.contains(stored.type())) {
      return Keywords.of(Classification.PUBLIC);
    }
    Event event = codec.decode(stored.type(), stored.payload(), stored.occurredAt(), stored.recordedAt());
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
  public void close() {
    database.close();
  }

  /** Folds each appended event and writes what changed, inside the append's transaction. */
  private final class EngineProjection implements Projection {
    final List<Change> pending = new ArrayList<>();
    java.util.function.BooleanSupplier guard;
    boolean rebuilding;

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
      if (RECORD_ONLY.contains(stored.type())) {
        appliedSeq = stored.seq();
        switch (stored.type()) {
          case VERSION_REGISTERED -> ReadModels.version(connection, stored, codec.read(stored.payload(), VersionRegistered.class));
          case KEY_REGISTERED -> ReadModels.key(connection, stored, codec.read(stored.payload(), KeyRegistered.class));
          case LIST_VERSION_RECORDED -> { } // few and read from the log itself (dev.compact.lists.ListVersions)
          default -> ReadModels.signature(connection, stored, codec.read(stored.payload(), AgreementSigned.class));
        }
        return;
      }
      Event event = codec.decode(stored.type(), stored.payload(), stored.occurredAt(), stored.recordedAt());
      Classification eventLevel = levels.remember(event, codec.classification(stored.payload()));
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
        pending.add(new Change(stored.seq(), t, instance, Keywords.of(levels.of(instance)), t.cause().describe(eventTimes::name)));
      }
      if (!rebuilding && pending.size() > first) {
        for (ChangeWriter writer : writers) {
          writer.write(connection, List.copyOf(pending.subList(first, pending.size())));
        }
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
          if (level.compareTo(eventLevel) < 0) {
            throw new InvalidInput("this " + EventCodec.kebab(event.getClass().getSimpleName()) + " is " + Keywords.of(eventLevel)
                + " but would change " + key + ", which is " + Keywords.of(level) + ": readers of that obligation would learn of it."
                + " Record it with the obligation's classification, or count it against a clause or measure classified like it", List.of());
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
        for (String table : List.of("norm_instances", "norm_transitions", "incidents", "consultations", "support", "agreement_versions", "party_keys", "signatures")) {
          s.executeUpdate("DELETE FROM " + table);
        }
      }
      replay = engine.replay();
      eventTimes.clear();
      appliedSeq = 0;
      written = new HashMap<>();
    }
  }

  static String items(List<ItemLine> items) {
    return items.stream().map(ItemLine::display).collect(Collectors.joining("; "));
  }
}

package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Actor;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.sources.CompactFolder;
import dev.compact.store.ChainVerifier;
import dev.compact.store.ConcurrencyConflict;
import dev.compact.store.IdempotencyMismatch;
import dev.compact.store.LogVerifier;
import dev.compact.store.StoredEvent;
import dev.compact.store.TestDatabases;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #17 item 5, group commit: concurrent writes are committed together, in one transaction,
 * each answered only after that commit; a write refused for its own reasons (a stale expected
 * version, a reused idempotency key, a failure after the engine folded it) leaves the others of its
 * batch, and every acknowledged write is in the log exactly once, in the chain and in the tree.
 */
class GroupCommitIntegrationTests {
  static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
  static final Actor ACTOR = Actor.system("test");

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static Compact compact() throws Exception {
    return CompactParser.parse(CompactFolder.read(dev.compact.Examples.folder().resolve("kyiv-compact"))).value().orElseThrow();
  }

  static Event.IncidentReported incident(String id, Instant at) {
    // An attack by Russia: the bilateral agreements' 24-hour duties arise only on its attacks (0c2f094).
    return new Event.IncidentReported(at, at, new Event.IncidentId(id), Event.IncidentKind.ARMED_ATTACK, "UA-63", 4, new PartyCode("UKR"),
        List.of(), Optional.of(new PartyCode("RUS")), Optional.empty());
  }

  static Event.ConsultationRequested consultation(String id, String incident, Instant at) {
    return new Event.ConsultationRequested(at, at, new Event.ConsultationId(id), new PartyCode("UKR"), Optional.of(new Event.IncidentId(incident)));
  }

  /** What one write of a batch came to: its events, or what refused it. */
  record Outcome(List<StoredEvent> events, RuntimeException refused) {}

  /**
   * Eight writes queued while the lock is held, each after the one before, so that they form one
   * batch in a known order; then the lock is let go and one of them commits them all.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void oneBatchCommitsItsGoodWritesInOrderAndRefusesEachBadOneAlone(String kind) throws Exception {
    // A write that fails after the engine folded it: its consultation's duties reach the
    // transaction's writers, and this one refuses them.
    try (RecordService record = withPoison(kind, connection -> {
      throw new SQLException("refused by a writer in the transaction");
    })) {
      long headBefore = record.store().head().seq();
      RecordService.CommitStats statsBefore = record.commitStats();

      List<Supplier<List<StoredEvent>>> writes = List.of(
          () -> record.record("incident-g0", Optional.empty(), List.of(incident("g0", T0.plusSeconds(100))), Optional.of("k0"), ACTOR),
          () -> record.record("incident-g1", Optional.of(0L), List.of(incident("g1", T0.plusSeconds(101))), Optional.empty(), ACTOR),
          () -> record.record("consultation-c-poison", Optional.empty(), List.of(consultation("c-poison", "i", T0.plusSeconds(102))),
              Optional.empty(), ACTOR),
          () -> record.record("incident-g3", Optional.of(5L), List.of(incident("g3", T0.plusSeconds(103))), Optional.empty(), ACTOR),
          // A retry of the first write, in the same batch: answered with what the first recorded.
          () -> record.record("incident-g0", Optional.empty(), List.of(incident("g0", T0.plusSeconds(100))), Optional.of("k0"), ACTOR),
          () -> record.record("incident-g5", Optional.empty(), List.of(incident("g5", T0.plusSeconds(105))), Optional.of("k0"), ACTOR),
          () -> record.record("consultation-c-ok", Optional.empty(), List.of(consultation("c-ok", "i", T0.plusSeconds(106))),
              Optional.empty(), ACTOR),
          // Expects the version the first write of the batch leaves: the batch's own writes count.
          () -> record.record("incident-g0", Optional.of(1L), List.of(new Event.IncidentVerified(T0.plusSeconds(107), T0.plusSeconds(107),
              new Event.IncidentId("g0"), new PartyCode("UKR"))), Optional.empty(), ACTOR));
      Outcome[] outcomes = inOneBatch(record, writes);

      assertThat(record.commitStats()).isEqualTo(new RecordService.CommitStats(statsBefore.commits() + 1, statsBefore.writes() + 8));
      assertThat(outcomes[2].refused()).hasMessageContaining("refused by a writer in the transaction");
      assertThat(outcomes[3].refused()).isInstanceOf(ConcurrencyConflict.class);
      assertThat(outcomes[5].refused()).isInstanceOf(IdempotencyMismatch.class);
      for (int good : new int[] {0, 1, 4, 6, 7}) {
        assertThat(outcomes[good].refused()).as("write %d", good).isNull();
      }
      assertThat(outcomes[4].events()).isEqualTo(outcomes[0].events());
      // The good writes, in the order they came, the next events of the log.
      List<StoredEvent> log = record.store().read(headBefore + 1, 100);
      List<StoredEvent> acknowledged = new ArrayList<>();
      for (int good : new int[] {0, 1, 6, 7}) {
        acknowledged.addAll(outcomes[good].events());
      }
      assertThat(log).isEqualTo(acknowledged);
      assertThat(log).extracting(StoredEvent::streamId).containsExactly("incident-g0", "incident-g1", "consultation-c-ok", "incident-g0");
      assertThat(ChainVerifier.verify(record.database()).intact()).isTrue();
      assertThat(LogVerifier.verify(record.database(), List.of()).intact()).isTrue();

      // The engine holds exactly what was committed: the read models it keeps writing match a rebuild from the log.
      assertEngineHoldsWhatWasCommitted(record);
    }
  }

  /**
   * Writers at once, some refused (a stale expected version): every acknowledged write is in the log
   * once, no refused one is, and the chain and the tree verify.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void concurrentWritersLoseAndDuplicateNothing(String kind) throws Exception {
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact()), Clock.systemUTC())) {
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            start.await();
            for (int i = 0; i < 15; i++) {
              String id = "w" + writer + "-" + i;
              // Every fifth write claims its new stream is at version 3: refused, and nothing of it written.
              Optional<Long> expected = i % 5 == 4 ? Optional.of(3L) : Optional.empty();
              try {
                record.record("incident-" + id, expected, now -> List.of(incident(id, now)), Optional.empty(), ACTOR);
                acknowledged.add(id);
              } catch (ConcurrencyConflict e) {
                refused.add(id);
              }
            }
          } catch (Throwable e) {
            unexpected.add(e);
          }
        }));
      }
      start.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(unexpected).isEmpty();
      assertThat(refused).hasSize(8 * 3);
      List<String> logged = new ArrayList<>();
      for (StoredEvent event : record.store().read(1, 10_000)) {
        if (!event.streamId().equals(AppliedTexts.STREAM)) {
          logged.add(event.streamId().substring("incident-".length()));
        }
      }
      assertThat(logged).doesNotHaveDuplicates();
      assertThat(new HashSet<>(logged)).isEqualTo(acknowledged);
      assertThat(logged).doesNotContainAnyElementsOf(refused);
      assertThat(record.commitStats().writes()).isEqualTo(8 * 15);
      assertThat(record.commitStats().commits()).isLessThanOrEqualTo(8 * 15);
      assertThat(ChainVerifier.verify(record.database()).intact()).isTrue();
      assertThat(LogVerifier.verify(record.database(), List.of()).intact()).isTrue();
    }
  }

  /**
   * A batch's rows are held and sent together when it ends; when the database refuses one of them,
   * the batch is written again write by write, and only the write that made the refused row fails.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aRowTheDatabaseRefusesAtTheBatchsEndFailsOnlyTheWriteThatMadeIt(String kind) throws Exception {
    // The poisoned consultation's writer adds a row that breaks a NOT NULL constraint: nothing in
    // Java can tell until the database sees it.
    try (RecordService record = withPoison(kind, connection -> {
      try (var insert = connection.prepareStatement("INSERT INTO write_rates (account, tokens, at_micros, admitted) VALUES (?, 1, 1, 1)")) {
        insert.setString(1, null);
        insert.executeUpdate();
      }
    })) {
      long headBefore = record.store().head().seq();
      RecordService.CommitStats statsBefore = record.commitStats();

      List<Supplier<List<StoredEvent>>> writes = List.of(
          () -> record.record("incident-g0", Optional.empty(), List.of(incident("g0", T0.plusSeconds(100))), Optional.of("k0"), ACTOR),
          () -> record.record("consultation-c-poison", Optional.empty(), List.of(consultation("c-poison", "i", T0.plusSeconds(101))),
              Optional.empty(), ACTOR),
          () -> record.record("consultation-c-ok", Optional.empty(), List.of(consultation("c-ok", "i", T0.plusSeconds(102))),
              Optional.empty(), ACTOR),
          () -> record.record("incident-g0", Optional.of(1L), List.of(new Event.IncidentVerified(T0.plusSeconds(103), T0.plusSeconds(103),
              new Event.IncidentId("g0"), new PartyCode("UKR"))), Optional.empty(), ACTOR));
      Outcome[] outcomes = inOneBatch(record, writes);

      assertThat(record.commitStats()).isEqualTo(new RecordService.CommitStats(statsBefore.commits() + 1, statsBefore.writes() + 4));
      assertThat(outcomes[1].refused()).isInstanceOf(dev.compact.store.StoreException.class);
      for (int good : new int[] {0, 2, 3}) {
        assertThat(outcomes[good].refused()).as("write %d", good).isNull();
      }
      List<StoredEvent> acknowledged = new ArrayList<>();
      for (int good : new int[] {0, 2, 3}) {
        acknowledged.addAll(outcomes[good].events());
      }
      assertThat(record.store().read(headBefore + 1, 100)).isEqualTo(acknowledged);
      assertThat(record.store().streamVersion("consultation-c-poison")).isZero();
      assertThat(ChainVerifier.verify(record.database()).intact()).isTrue();
      assertThat(LogVerifier.verify(record.database(), List.of()).intact()).isTrue();
      // The engine went back to what was committed: the read models it keeps writing match a rebuild.
      assertEngineHoldsWhatWasCommitted(record);
    }
  }
  /** What a writer in the transaction does to the changes of consultation c-poison. */
  interface Poison {
    void write(java.sql.Connection connection) throws SQLException;
  }

  /** A record at a fixed time after incident i was reported and verified, with {@code poison} among its transaction's writers. */
  static RecordService withPoison(String kind, Poison poison) throws Exception {
    RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact()), Clock.fixed(T0.plusSeconds(86_400),
        java.time.ZoneOffset.UTC));
    record.onChangesInTransaction((connection, changes) -> {
      if (changes.stream().anyMatch(change -> change.instance().id().key().contains("c-poison"))) {
        poison.write(connection);
      }
    });
    record.record("incident-i", Optional.empty(), List.of(incident("i", T0)), Optional.empty(), ACTOR);
    record.record("incident-i", Optional.empty(), List.of(new Event.IncidentVerified(T0.plusSeconds(60), T0.plusSeconds(60),
        new Event.IncidentId("i"), new PartyCode("UKR"))), Optional.empty(), ACTOR);
    return record;
  }

  /** Queues the writes while the lock is held, each after the one before, so that they form one batch in a known order. */
  static Outcome[] inOneBatch(RecordService record, List<Supplier<List<StoredEvent>>> writes) throws InterruptedException {
    Outcome[] outcomes = new Outcome[writes.size()];
    List<Thread> threads = new ArrayList<>();
    record.exclusively(() -> {
      for (int i = 0; i < writes.size(); i++) {
        int n = i;
        threads.add(Thread.ofPlatform().start(() -> {
          try {
            outcomes[n] = new Outcome(writes.get(n).get(), null);
          } catch (RuntimeException e) {
            outcomes[n] = new Outcome(List.of(), e);
          }
        }));
        while (record.queued() < n + 1) {
          Thread.onSpinWait();
        }
      }
    });
    for (Thread thread : threads) {
      thread.join();
    }
    return outcomes;
  }

  /** The engine holds exactly what was committed: the read models it goes on writing match a rebuild from the log. */
  static void assertEngineHoldsWhatWasCommitted(RecordService record) {
    record.record("consultation-c-after", Optional.empty(), List.of(consultation("c-after", "i", T0.plusSeconds(200))), Optional.empty(),
        ACTOR);
    var before = RebuildIntegrationTests.dump(record);
    record.rebuild();
    assertThat(RebuildIntegrationTests.dump(record)).isEqualTo(before);
  }
}

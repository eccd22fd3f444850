package dev.compact.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventStoreIntegrationTests {
  static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T07:00:00Z"), ZoneOffset.UTC);

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static NewEvent event(int n) {
    return new NewEvent("incident-reported", "{\"n\":" + n + "}", T0.plusSeconds(n), "UKR-desk");
  }

  static EventStore store(Database db) {
    return new EventStore(db, CLOCK, List.of());
  }

  /** Fills five events over two streams: a, a, b, a, b. */
  static void fill(EventStore store) {
    store.append("a", 0, List.of(event(1), event(2)), Optional.empty());
    store.append("b", 0, List.of(event(3)), Optional.empty());
    store.append("a", 2, List.of(event(4)), Optional.empty());
    store.append("b", 1, List.of(event(5)), Optional.empty());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void appendsWithAContiguousGlobalSequenceAndPerStreamVersions(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = store(db);
      fill(store);

      assertThat(store.read(1, 100)).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(store.readStream("a")).extracting(StoredEvent::streamVersion).containsExactly(1L, 2L, 3L);
      assertThat(store.readStream("a").getFirst().payload()).isEqualTo("{\"n\":1}");
      assertThat(store.readStream("a").getFirst().recordedAt()).isEqualTo(CLOCK.instant());
      assertThat(store.head().seq()).isEqualTo(5);
      assertThat(ChainVerifier.verify(db).intact()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void staleExpectedVersionIsAConflictAndWritesNothing(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = store(db);
      fill(store);

      assertThatThrownBy(() -> store.append("a", 2, List.of(event(9)), Optional.empty()))
          .isInstanceOfSatisfying(ConcurrencyConflict.class, c -> {
            assertThat(c.expected()).isEqualTo(2);
            assertThat(c.actual()).isEqualTo(3);
          });
      assertThat(store.head().seq()).isEqualTo(5);
      assertThat(store.readStream("a")).hasSize(3);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void retryWithTheSameIdempotencyKeyRecordsOnce(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = store(db);

      var first = store.append("a", 0, List.of(event(1)), Optional.of("key-1"));
      var retry = store.append("a", 0, List.of(event(1)), Optional.of("key-1"));

      assertThat(first).isInstanceOf(EventStore.AppendResult.Appended.class);
      assertThat(retry).isInstanceOf(EventStore.AppendResult.Replayed.class);
      assertThat(retry.events()).isEqualTo(first.events());
      assertThat(store.head().seq()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void reusingAKeyForADifferentRequestIsRefused(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = store(db);
      store.append("a", 0, List.of(event(1)), Optional.of("key-1"));

      assertThatThrownBy(() -> store.append("a", 1, List.of(event(2)), Optional.of("key-1"))).isInstanceOf(IdempotencyMismatch.class);
      assertThat(store.head().seq()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void databaseRefusesToRewriteHistory(String kind) {
    try (Database db = TestDatabases.fresh(kind)) {
      fill(store(db));

      assertThatThrownBy(() -> execute(db, "UPDATE events SET payload = '{}' WHERE seq = 2")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute(db, "DELETE FROM events WHERE seq = 2")).hasMessageContaining("append-only");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void verifyNamesAnAlteredEvent(String kind) throws SQLException {
    try (Database db = TestDatabases.fresh(kind)) {
      fill(store(db));
      tamper(db, events -> events.set(2, withPayload(events.get(2), "{\"n\":333}")));

      assertThat(ChainVerifier.verify(db).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.seq()).isEqualTo(3);
        assertThat(b.reason()).contains("altered");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void verifyNamesARemovedEvent(String kind) throws SQLException {
    try (Database db = TestDatabases.fresh(kind)) {
      fill(store(db));
      tamper(db, events -> events.remove(1));

      assertThat(ChainVerifier.verify(db).firstBreak()).hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(2));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void verifyNamesTheRemovalOfTheLastEvent(String kind) throws SQLException {
    try (Database db = TestDatabases.fresh(kind)) {
      fill(store(db));
      tamper(db, events -> events.removeLast());

      assertThat(ChainVerifier.verify(db).firstBreak()).hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(5));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void verifyNamesAnInsertedEventEvenWhenItsOwnHashIsForgedCorrectly(String kind) throws SQLException {
    try (Database db = TestDatabases.fresh(kind)) {
      fill(store(db));
      tamper(db, events -> {
        StoredEvent before = events.get(1);
        String forgedHash = ChainHash.of(before.hash(), 3, "a", 9, "incident-reported", "{\"forged\":true}",
            T0.toString(), CLOCK.instant().toString(), "someone");
        events.add(2, new StoredEvent(3, "a", 9, "incident-reported", "{\"forged\":true}", T0, CLOCK.instant(), "someone",
            before.hash(), forgedHash));
        for (int i = 3; i < events.size(); i++) {
          StoredEvent e = events.get(i);
          events.set(i, new StoredEvent(e.seq() + 1, e.streamId(), e.streamVersion(), e.type(), e.payload(), e.occurredAt(),
              e.recordedAt(), e.actor(), e.prevHash(), e.hash()));
        }
      });

      assertThat(ChainVerifier.verify(db).firstBreak()).hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(4));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void verifyNamesReorderedEvents(String kind) throws SQLException {
    try (Database db = TestDatabases.fresh(kind)) {
      fill(store(db));
      tamper(db, events -> {
        StoredEvent second = events.get(1);
        StoredEvent third = events.get(2);
        events.set(1, renumber(third, 2));
        events.set(2, renumber(second, 3));
      });

      assertThat(ChainVerifier.verify(db).firstBreak()).hasValueSatisfying(b -> {
        assertThat(b.seq()).isEqualTo(2);
        assertThat(b.reason()).contains("removed, inserted or reordered");
      });
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void concurrentAppendsKeepOneUnbrokenChain(String kind) throws Exception {
    try (Database db = TestDatabases.fresh(kind)) {
      EventStore store = store(db);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String stream = "s" + t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            store.append(stream, i, List.of(event(i)), Optional.empty());
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      pool.shutdown();

      assertThat(store.head().seq()).isEqualTo(100);
      assertThat(ChainVerifier.verify(db)).satisfies(r -> {
        assertThat(r.intact()).isTrue();
        assertThat(r.checked()).isEqualTo(100);
      });
    }
  }

  private static StoredEvent withPayload(StoredEvent e, String payload) {
    return new StoredEvent(e.seq(), e.streamId(), e.streamVersion(), e.type(), payload, e.occurredAt(), e.recordedAt(), e.actor(),
        e.prevHash(), e.hash());
  }

  private static StoredEvent renumber(StoredEvent e, long seq) {
    return new StoredEvent(seq, e.streamId(), e.streamVersion(), e.type(), e.payload(), e.occurredAt(), e.recordedAt(), e.actor(),
        e.prevHash(), e.hash());
  }

  interface Edit {
    void apply(List<StoredEvent> events);
  }

  /** Rewrites the log as someone with direct database access could: triggers dropped, rows replaced. */
  static void tamper(Database db, Edit edit) throws SQLException {
    List<StoredEvent> events = new ArrayList<>(new EventStore(db, CLOCK, List.of()).read(1, 1000));
    edit.apply(events);
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      if (db.dialect() == Database.Dialect.POSTGRESQL) {
        s.executeUpdate("DROP TRIGGER events_no_update ON events");
        s.executeUpdate("DROP TRIGGER events_only_next ON events");
      } else {
        s.executeUpdate("DROP TRIGGER events_no_update");
        s.executeUpdate("DROP TRIGGER events_no_delete");
        s.executeUpdate("DROP TRIGGER events_only_next");
      }
      s.executeUpdate("DELETE FROM events");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO events (seq, stream_id, stream_version, event_type, payload,"
          + " occurred_at, recorded_at, actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (StoredEvent e : events) {
          insert.setLong(1, e.seq());
          insert.setString(2, e.streamId());
          insert.setLong(3, e.streamVersion());
          insert.setString(4, e.type());
          insert.setString(5, e.payload());
          insert.setString(6, e.occurredAt().toString());
          insert.setString(7, e.recordedAt().toString());
          insert.setString(8, e.actor());
          insert.setString(9, e.prevHash());
          insert.setString(10, e.hash());
          insert.executeUpdate();
        }
      }
    }
  }

  static void execute(Database db, String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}

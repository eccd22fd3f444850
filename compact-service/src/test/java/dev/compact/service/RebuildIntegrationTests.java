package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.scenarios.ScenarioBinding;
import dev.compact.scenarios.ScenarioParser;
import dev.compact.sources.CompactFolder;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Read models are a function of the log: rebuilding them from it gives the same rows. */
class RebuildIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static Path examples() {
    return dev.compact.Examples.folder();
  }

  /** The events of a shipped scenario, bound to the Kyiv compact. */
  static List<Event> scenarioEvents(Compact compact, String file) throws Exception {
    Path path = examples().resolve("kyiv-compact/scenarios").resolve(file);
    var scenario = ScenarioParser.parse(new SourceFile(path.toString(), Files.readString(path))).value().orElseThrow();
    var bound = ScenarioBinding.bind(scenario, compact, false);
    assertThat(bound.problems()).isEmpty();
    return bound.events();
  }

  static List<List<Map<String, Object>>> dump(RecordService record) {
    Queries q = record.queries();
    List<List<Map<String, Object>>> tables = new ArrayList<>();
    for (String table : List.of("norm_instances ORDER BY instance_key", "norm_transitions ORDER BY store_seq, position",
        "incidents ORDER BY incident_id", "consultations ORDER BY consultation_id", "support ORDER BY store_seq")) {
      tables.add(q.rows("SELECT * FROM " + table, List.of()));
    }
    return tables;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rebuildingFromTheLogGivesIdenticalReadModels(String kind) throws Exception {
    Compact compact = CompactParser.parse(CompactFolder.read(examples().resolve("kyiv-compact"))).value().orElseThrow();
    Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact), clock)) {
      record.recordHistory(scenarioEvents(compact, "05-measures-decided-and-delivered.yaml"), "test");
      List<List<Map<String, Object>>> before = dump(record);
      assertThat(before.get(0)).isNotEmpty();
      assertThat(before.get(1)).isNotEmpty();
      assertThat(before.get(4)).isNotEmpty();

      long events = record.rebuild();

      assertThat(events).isEqualTo(record.store().head().seq());
      assertThat(dump(record)).isEqualTo(before);
    }
  }

  /**
   * Issue #14: at start-up the scheduler's first tick could land between two events of a replayed
   * history, move the record to the present, and the next (older) event was refused.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void ticksWhileAHistoryIsReplayedWaitForItsEnd(String kind) throws Exception {
    Compact compact = CompactParser.parse(CompactFolder.read(examples().resolve("kyiv-compact"))).value().orElseThrow();
    Instant now = Instant.parse("2026-11-01T00:00:00Z");
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact), Clock.fixed(now, ZoneOffset.UTC))) {
      java.util.concurrent.atomic.AtomicBoolean replaying = new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger ticks = new java.util.concurrent.atomic.AtomicInteger();
      Thread scheduler = Thread.ofPlatform().start(() -> {
        while (replaying.get()) {
          record.tick(now);
          ticks.incrementAndGet();
        }
      });
      try {
        record.recordHistory(scenarioEvents(compact, "05-measures-decided-and-delivered.yaml"), "history");
      } finally {
        replaying.set(false);
        scheduler.join();
      }
      assertThat(ticks.get()).isPositive();
    }
  }

  /** Several instances share one PostgreSQL (SQLite is a single-process database, so this is PostgreSQL only). */
  @org.junit.jupiter.api.Test
  void aSecondInstanceOverTheSameDatabaseSeesTheFirstOnesEventsBeforeWriting() throws Exception {
    Compact compact = CompactParser.parse(CompactFolder.read(examples().resolve("kyiv-compact"))).value().orElseThrow();
    List<Event> events = scenarioEvents(compact, "01-consultations-held-in-time.yaml");
    String url = TestDatabases.freshUrl("postgresql");
    Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    try (RecordService first = new RecordService(Database.open(url), Engine.of(compact), clock);
        RecordService second = new RecordService(Database.open(url), Engine.of(compact), clock)) {
      int half = events.size() / 2;
      first.recordHistory(events.subList(0, half), "first");
      second.recordHistory(events.subList(half, events.size()), "second");

      try (RecordService alone = new RecordService(TestDatabases.fresh("sqlite"), Engine.of(compact), clock)) {
        alone.recordHistory(events, "alone");
        assertThat(strip(dump(second).get(0))).isNotEmpty().isEqualTo(strip(dump(alone).get(0)));
        assertThat(strip(dump(second).get(1))).isEqualTo(strip(dump(alone).get(1)));
      }
    }
  }

  /** Two instances letting time pass at the same moment record each breach once, not twice. */
  @org.junit.jupiter.api.Test
  void twoInstancesTickingTogetherRecordEachTransitionOnce() throws Exception {
    Compact compact = CompactParser.parse(CompactFolder.read(examples().resolve("kyiv-compact"))).value().orElseThrow();
    String url = TestDatabases.freshUrl("postgresql");
    Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    // Consultations are requested and never held: every duty to consult falls due 24 hours later.
    List<Event> events = scenarioEvents(compact, "01-consultations-held-in-time.yaml").stream()
        .filter(e -> !(e instanceof Event.ConsultationHeld) && !(e instanceof Event.MeasuresDecided) && !(e instanceof Event.TimeAdvanced))
        .toList();
    try (RecordService first = new RecordService(Database.open(url), Engine.of(compact), clock);
        RecordService second = new RecordService(Database.open(url), Engine.of(compact), clock)) {
      first.recordHistory(events, "setup");
      Instant later = events.getLast().occurredAt().plus(java.time.Duration.ofDays(10));
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      var a = pool.submit(() -> first.tick(later));
      var b = pool.submit(() -> second.tick(later));
      boolean ticked = a.get() | b.get();
      pool.shutdown();

      assertThat(ticked).isTrue();
      var transitions = first.queries().rows("SELECT instance_key, to_state, COUNT(*) AS n FROM norm_transitions"
          + " WHERE to_state = 'breached' GROUP BY instance_key, to_state", List.of());
      assertThat(transitions).isNotEmpty().allSatisfy(row -> assertThat(((Number) row.get("n")).longValue()).isEqualTo(1L));
      assertThat(first.queries().rows("SELECT COUNT(*) AS n FROM events WHERE event_type = 'time-advanced'", List.of()))
          .singleElement().satisfies(row -> assertThat(((Number) row.get("n")).longValue()).isEqualTo(1L));
      assertThat(dev.compact.store.ChainVerifier.verify(Database.open(url)).intact()).isTrue();
    }
  }

  /**
   * Compares rows across databases: SQLite returns small integers as Integer where PostgreSQL
   * returns Long, so numbers are compared by value.
   */
  static List<Map<String, Object>> strip(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> {
      Map<String, Object> copy = new java.util.TreeMap<>();
      r.forEach((k, v) -> copy.put(k, v instanceof Number n ? (Object) n.longValue() : v));
      return (Map<String, Object>) copy;
    }).toList();
  }
}

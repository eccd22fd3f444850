package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.access.Actor;
import dev.compact.access.Clearance;
import dev.compact.agreements.Classification;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.service.RecordService;
import dev.compact.sources.CompactFolder;
import dev.compact.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #14: notifications were published from memory after the commit, so a crash between the two
 * lost them. The outbox is written in the append's transaction: a transition is in it exactly when
 * it is in the record, and each clearance's numbering counts only what that clearance may see.
 */
class OutboxIntegrationTests {
  static final Instant START = Instant.parse("2026-03-01T06:00:00Z");

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static Compact compact() throws Exception {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/kyiv-compact"))) {
        return CompactParser.parse(CompactFolder.read(dir.resolve("examples/kyiv-compact"))).value().orElseThrow();
      }
    }
    throw new IllegalStateException("no examples");
  }

  /** The attacker: the bilateral agreements' 24-hour duties arise only on Russia's attacks (0c2f094). */
  static final Optional<PartyCode> RUSSIA = Optional.of(new PartyCode("RUS"));

  /**
   * An incident of the given classification, verified, and a consultation on it, which takes its
   * classification: duties to convene for every guarantor.
   */
  static void incident(RecordService record, String id, Instant at, Classification classification) {
    Actor actor = Actor.system("test");
    record.record("incident-" + id, Optional.empty(), List.of(new Event.IncidentReported(at, at, new Event.IncidentId(id),
        Event.IncidentKind.ARMED_ATTACK, "UA-63", 4, new PartyCode("UKR"), List.of(), RUSSIA, Optional.empty())), Optional.empty(), actor,
        classification);
    record.record("incident-" + id, Optional.empty(), List.of(new Event.IncidentVerified(at, at, new Event.IncidentId(id), new PartyCode("UKR"))),
        Optional.empty(), actor);
    consultation(record, id, at.plusSeconds(60));
  }

  static void consultation(RecordService record, String incident, Instant at) {
    record.record("consultation-c-" + incident, Optional.empty(), List.of(new Event.ConsultationRequested(at, at,
        new Event.ConsultationId("c-" + incident), new PartyCode("UKR"), Optional.of(new Event.IncidentId(incident)))), Optional.empty(),
        Actor.system("test"));
  }

  static long count(RecordService record, String sql) throws SQLException {
    try (var connection = record.database().dataSource().getConnection(); var s = connection.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyTransitionIsInTheOutboxNumberedPerClearanceWithoutGaps(String kind) throws Exception {
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact()), Clock.fixed(START, ZoneOffset.UTC))) {
      Outbox outbox = new Outbox(record);
      incident(record, "open-1", START.plusSeconds(3600), Classification.PUBLIC);
      incident(record, "hidden-1", START.plusSeconds(7200), Classification.RESTRICTED);
      incident(record, "secret-1", START.plusSeconds(9000), Classification.SECRET);
      incident(record, "open-2", START.plusSeconds(10800), Classification.PUBLIC);

      List<Outbox.Entry> entries = outbox.after(0, 10_000);
      // Exactly the record's transitions: written with them, one entry each.
      assertThat((long) entries.size()).isPositive().isEqualTo(count(record, "SELECT COUNT(*) AS n FROM norm_transitions"));
      assertThat(entries).extracting(Outbox.Entry::seq).containsExactlyElementsOf(range(1, entries.size()));
      assertThat(entries).extracting(Outbox.Entry::classification).contains("public", "restricted", "secret");
      // Each clearance's numbers run 1, 2, 3, ... over what it may see, so they count nothing hidden from it.
      for (Clearance clearance : Clearance.values()) {
        List<Outbox.Entry> visible = entries.stream().filter(e -> e.visibleTo(clearance)).toList();
        assertThat(visible).extracting(e -> e.cursor(clearance).position()).containsExactlyElementsOf(range(1, visible.size()));
      }
      assertThat(entries.stream().filter(e -> !e.visibleTo(Clearance.PUBLIC))).allSatisfy(e -> assertThat(e.publicSeq()).isEmpty());
      assertThat(entries.stream().filter(e -> e.classification().equals("secret")))
          .allSatisfy(e -> assertThat(e.restrictedSeq()).isEmpty());
      // The transition as readers get it, without the log's sequence number.
      assertThat(entries.getFirst().body()).contains("\"instance\":", "\"to\":", "\"cause\":").doesNotContain("\"seq\"");
      assertThat(entries.stream().filter(e -> e.visibleTo(Clearance.PUBLIC)).map(Outbox.Entry::body))
          .noneMatch(body -> body.contains("hidden-1") || body.contains("secret-1"));

      // A rebuild of the read models notifies nothing again.
      record.rebuild();
      assertThat(outbox.after(0, 10_000)).isEqualTo(entries);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aWriteThatFailsAfterTheOutboxWasWrittenLeavesNothingInIt(String kind) throws Exception {
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact()), Clock.fixed(START, ZoneOffset.UTC))) {
      Outbox outbox = new Outbox(record);
      AtomicBoolean crash = new AtomicBoolean();
      // Runs after the outbox's writer, in the same transaction, as a crash before the commit would.
      record.onChangesInTransaction((connection, changes) -> {
        if (crash.get()) {
          throw new SQLException("crash before the commit");
        }
      });
      incident(record, "first", START.plusSeconds(3600), Classification.PUBLIC);
      record.record("incident-second", Optional.empty(), List.of(new Event.IncidentReported(START.plusSeconds(7200), START.plusSeconds(7200),
          new Event.IncidentId("second"), Event.IncidentKind.ARMED_ATTACK, "UA-63", 4, new PartyCode("UKR"), List.of(), RUSSIA,
          Optional.empty())), Optional.empty(),
          Actor.system("test"));
      long head = outbox.head();
      long events = record.store().head().seq();

      // The request's duties to convene reach the outbox, then the transaction fails: neither the event nor they remain.
      crash.set(true);
      assertThatThrownBy(() -> consultation(record, "second", START.plusSeconds(7260))).isInstanceOf(RuntimeException.class);
      assertThat(outbox.head()).isEqualTo(head);
      assertThat(record.store().head().seq()).isEqualTo(events);

      crash.set(false);
      consultation(record, "second", START.plusSeconds(7320));
      List<Outbox.Entry> entries = outbox.after(0, 10_000);
      assertThat(entries).extracting(Outbox.Entry::seq).containsExactlyElementsOf(range(1, entries.size()));
      assertThat(entries.stream().map(Outbox.Entry::body)).filteredOn(body -> body.contains("@c-second"))
          .isNotEmpty().allMatch(body -> body.contains("08:02:00Z")).noneMatch(body -> body.contains("08:01:00Z"));
    }
  }

  static List<Long> range(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
  }
}

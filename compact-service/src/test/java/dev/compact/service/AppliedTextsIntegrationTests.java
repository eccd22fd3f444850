package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.sources.CompactFolder;
import dev.compact.store.Database;
import dev.compact.store.StoredEvent;
import dev.compact.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audit round 3, finding 1: the rules the log is folded with come from the compact folder, so whoever
 * could edit it (the audit made the Compact's 24-hour clock 96 hours) changed every state shown,
 * and the log, its witnesses and the read-model check saw nothing. The texts applied are now on the
 * log: a start or rebuild with other texts records them as a public event, and the read-model check
 * refuses a folder the log does not name.
 */
class AppliedTextsIntegrationTests {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String BREACHED = "kyiv-compact/kyiv-convene/AUS@c1";

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aTextChangedInTheFolderIsAPublicEventAndTheOldFolderNoLongerVerifies(String kind, @TempDir Path dir) throws Exception {
    Path original = RebuildIntegrationTests.examples().resolve("kyiv-compact");
    Compact compact = parse(original);
    Path edited = copyWithConveneClock(original, dir.resolve("kc"), "PT96H");
    Compact changed = parse(edited);
    String url = TestDatabases.freshUrl(kind);

    long textsSeq;
    try (RecordService record = new RecordService(Database.open(url), Engine.of(compact), CLOCK)) {
      record.recordHistory(lateMeeting(compact), "test");
      assertThat(state(record, BREACHED)).isEqualTo("breached");
      // What the service does at start: the log holds events and no texts yet, so they are recorded.
      Registrations.TextsCheck first = record.registrations().recordAppliedTexts("service");
      StoredEvent event = first.recorded().orElseThrow();
      textsSeq = event.seq();
      assertThat(event.streamId()).isEqualTo(AppliedTexts.STREAM);
      assertThat(event.type()).isEqualTo(Registrations.TEXTS_APPLIED);
      assertThat(record.codec().read(event.payload(), AppliedTexts.TextsApplied.class)).isEqualTo(AppliedTexts.of(compact));
      assertThat(leafClassification(record, event.seq())).isEqualTo("public");
      // The engine's fold accepts it and changes nothing; the same texts again record nothing.
      assertThat(state(record, BREACHED)).isEqualTo("breached");
      assertThat(record.registrations().recordAppliedTexts("service").recorded()).isEmpty();
      assertThat(ReadModelCheck.check(record.database(), Engine.of(compact), 10).matches()).isTrue();

      // The audit's attack without a restart: the edited folder is refused, not called matching.
      assertThatThrownBy(() -> ReadModelCheck.check(record.database(), Engine.of(changed), 10))
          .isInstanceOfSatisfying(ReadModelCheck.OtherTexts.class, e -> {
            assertThat(e.recordedAt()).isEqualTo(textsSeq);
            assertThat(e.differences()).singleElement().asString().startsWith("kyiv-compact: sha256:"
                + changed.umbrella().versionHash().hex().substring(0, 16) + " where the log recorded sha256:"
                + compact.umbrella().versionHash().hex().substring(0, 16));
          });
    }

    // With a restart (or rebuild) on the edited folder: the states change, and the log says so, publicly.
    try (RecordService record = new RecordService(Database.open(url), Engine.of(changed), CLOCK)) {
      record.rebuild();
      Registrations.TextsCheck check = record.registrations().recordAppliedTexts("service");
      assertThat(state(record, BREACHED)).isEqualTo("fulfilled");
      StoredEvent event = check.recorded().orElseThrow();
      assertThat(event.seq()).isGreaterThan(textsSeq);
      assertThat(check.before().orElseThrow().seq()).isEqualTo(textsSeq);
      assertThat(check.differences()).singleElement().asString().startsWith("kyiv-compact: ");
      assertThat(record.codec().read(event.payload(), AppliedTexts.TextsApplied.class).agreements())
          .contains(new AppliedTexts.Text("kyiv-compact", changed.umbrella().versionHash().hex()));
      assertThat(leafClassification(record, event.seq())).isEqualTo("public");
      assertThat(record.store().readStream(AppliedTexts.STREAM)).hasSize(2);

      // The original folder no longer verifies against this record; the edited one does, and the log shows the change.
      assertThatThrownBy(() -> ReadModelCheck.check(record.database(), Engine.of(compact), 10)).isInstanceOf(ReadModelCheck.OtherTexts.class);
      ReadModelCheck.Result result = ReadModelCheck.check(record.database(), Engine.of(changed), 10);
      assertThat(result.matches()).isTrue();
      assertThat(result.texts()).contains(event.seq());
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void anEmptyLogRecordsNoTexts(String kind) {
    Compact compact = parse(RebuildIntegrationTests.examples().resolve("kyiv-compact"));
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact), CLOCK)) {
      assertThat(record.registrations().recordAppliedTexts("service").recorded()).isEmpty();
      assertThat(record.isEmpty()).isTrue();
    }
  }

  /** Scenario 01's attack and request, with the meeting 48 hours after the request: late under 24 hours, in time under 96. */
  private static List<Event> lateMeeting(Compact compact) throws Exception {
    List<Event> events = new ArrayList<>(RebuildIntegrationTests.scenarioEvents(compact, "01-consultations-held-in-time.yaml"));
    Event.ConsultationHeld held = (Event.ConsultationHeld) events.removeLast();
    Event.ConsultationRequested requested = events.stream().filter(Event.ConsultationRequested.class::isInstance)
        .map(Event.ConsultationRequested.class::cast).findFirst().orElseThrow();
    Instant late = requested.occurredAt().plus(Duration.ofHours(48));
    events.add(new Event.TimeAdvanced(requested.occurredAt().plus(Duration.ofHours(30)), requested.occurredAt().plus(Duration.ofHours(30))));
    events.add(new Event.ConsultationHeld(late, late, held.consultation(), held.attended(), held.level()));
    return events;
  }

  /** A copy of the compact folder with the Compact's convening clock changed, its title and prose left as they were. */
  private static Path copyWithConveneClock(Path from, Path to, String within) throws Exception {
    dev.compact.api.CompactCopy.copy(from, to);
    Path umbrella = to.resolve("compact.md");
    String text = Files.readString(umbrella);
    String clock = "deadline: {within: PT24H, from: consultation-requested, boundary: inclusive}\nfulfilled-by: consultation-held";
    assertThat(text).containsOnlyOnce("id: kyiv-convene").contains(clock);
    int at = text.indexOf(clock, text.indexOf("id: kyiv-convene"));
    Files.writeString(umbrella, text.substring(0, at) + clock.replace("PT24H", within) + text.substring(at + clock.length()));
    return to;
  }

  private static Compact parse(Path folder) {
    return CompactParser.parse(CompactFolder.read(folder)).value().orElseThrow();
  }

  private static String state(RecordService record, String instance) {
    List<Map<String, Object>> rows = record.queries().rows("SELECT state FROM norm_instances WHERE instance_key = ?", List.of(instance));
    return rows.isEmpty() ? "absent" : (String) rows.getFirst().get("state");
  }

  private static String leafClassification(RecordService record, long seq) {
    return (String) record.queries().rows("SELECT leaf_classification FROM events WHERE seq = ?", List.of(seq)).getFirst()
        .get("leafClassification");
  }
}

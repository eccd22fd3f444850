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
      // Created with its texts as its first event, before anything they decide.
      StoredEvent event = record.created().orElseThrow().recorded().orElseThrow();
      textsSeq = event.seq();
      assertThat(textsSeq).isEqualTo(1);
      assertThat(event.streamId()).isEqualTo(AppliedTexts.STREAM);
      assertThat(event.type()).isEqualTo(Registrations.TEXTS_APPLIED);
      assertThat(event.actor()).isEqualTo("service");
      assertThat(record.codec().read(event.payload(), AppliedTexts.TextsApplied.class)).isEqualTo(AppliedTexts.of(compact));
      assertThat(leafClassification(record, event.seq())).isEqualTo("public");
      record.recordHistory(lateMeeting(compact), "test");
      // The engine's fold passes over it; the same texts again record nothing.
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
      // Opened, the tables are still those folded under the texts before (nothing rebuilds tables that hold rows).
      assertThat(state(record, BREACHED)).isEqualTo("breached");
      Registrations.TextsCheck check = record.registrations().recordAppliedTexts("service");
      // The change recorded rebuilt them under the new texts, in its transaction.
      assertThat(check.rebuiltFrom()).hasValue(textsSeq + lateMeeting(compact).size());
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
  void aNewRecordHoldsItsTextsAndNothingElse(String kind) {
    Compact compact = parse(RebuildIntegrationTests.examples().resolve("kyiv-compact"));
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact), CLOCK)) {
      assertThat(record.store().head().seq()).isEqualTo(1);
      assertThat(record.store().readStream(AppliedTexts.STREAM)).singleElement()
          .satisfies(e -> assertThat(record.codec().read(e.payload(), AppliedTexts.TextsApplied.class)).isEqualTo(AppliedTexts.of(compact)));
      assertThat(record.registrations().recordAppliedTexts("service").recorded()).isEmpty();
      // Nobody has recorded anything yet: a demo's history may still be loaded into it.
      assertThat(record.isEmpty()).isTrue();
    }
  }

  /**
   * The texts used to be recorded only from a record's next start, so a text edited before that
   * start was recorded as if it were the one the first events were decided under.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aTextEditedBeforeTheFirstRestartIsRecordedAsAChange(String kind, @TempDir Path dir) throws Exception {
    Path original = RebuildIntegrationTests.examples().resolve("kyiv-compact");
    Compact compact = parse(original);
    Compact changed = parse(copyWithConveneClock(original, dir.resolve("kc"), "PT96H"));
    String url = lateMeetingRecord(kind, compact);
    try (RecordService record = new RecordService(Database.open(url), Engine.of(changed), CLOCK)) {
      assertThat(record.created()).isEmpty();
      Registrations.TextsCheck check = record.registrations().recordAppliedTexts("service");
      assertThat(check.before().orElseThrow().seq()).isEqualTo(1);
      assertThat(check.before().orElseThrow().texts()).isEqualTo(AppliedTexts.of(compact));
      assertThat(check.differences()).singleElement().asString().startsWith("kyiv-compact: sha256:"
          + changed.umbrella().versionHash().hex().substring(0, 16) + " where the log recorded sha256:");
      assertThat(check.recorded().orElseThrow().seq()).isEqualTo(record.store().head().seq());
    }
  }

  /**
   * The read models could not be rebuilt under the changed texts (a table the rebuild must empty is
   * gone): the change is not recorded, and the tables are left as they were, folded under the old
   * texts, rather than half rebuilt or shown under texts the log does not name.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aTextChangeWhoseRebuildFailsRecordsNothingAndLeavesTheReadModels(String kind, @TempDir Path dir) throws Exception {
    Path original = RebuildIntegrationTests.examples().resolve("kyiv-compact");
    Compact compact = parse(original);
    Compact changed = parse(copyWithConveneClock(original, dir.resolve("kc"), "PT96H"));
    String url = lateMeetingRecord(kind, compact);
    try (RecordService record = new RecordService(Database.open(url), Engine.of(changed), CLOCK)) {
      long head = record.store().head().seq();
      long transitions = count(record, "SELECT COUNT(*) AS n FROM norm_transitions");
      execute(record, "ALTER TABLE norm_transitions RENAME TO norm_transitions_away");
      try {
        assertThatThrownBy(() -> record.registrations().recordAppliedTexts("service"))
            .isInstanceOfSatisfying(Registrations.TextsNotApplied.class, e -> assertThat(e.getMessage()).contains(
                "differ from those the log recorded at event 1", "the read models could not be rebuilt under them",
                "Nothing was recorded: the log and the read models are as they were"));
      } finally {
        execute(record, "ALTER TABLE norm_transitions_away RENAME TO norm_transitions");
      }
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(record.store().readStream(AppliedTexts.STREAM)).hasSize(1);
      assertThat(state(record, BREACHED)).isEqualTo("breached");
      assertThat(count(record, "SELECT COUNT(*) AS n FROM norm_transitions")).isEqualTo(transitions).isPositive();
      // Once it can, the next start records the change and rebuilds.
      assertThat(record.registrations().recordAppliedTexts("service").rebuiltFrom()).isPresent();
      assertThat(state(record, BREACHED)).isEqualTo("fulfilled");
    }
  }

  /**
   * What readers are shown, not only the tables: the service restarted over an edited folder used to
   * rebuild its read models only when they were empty, so the API went on showing the states folded
   * under the old texts while the log said the new ones applied.
   */
  @org.junit.jupiter.api.Test
  void aDeadlineChangedInTheFolderChangesTheStateTheApiShowsAfterARestart(@TempDir Path dir) throws Exception {
    Path folder = dev.compact.api.CompactCopy.copy(RebuildIntegrationTests.examples().resolve("kyiv-compact"), dir.resolve("kc"));
    String[] args = {"--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"), "--compact.compact-dir=" + folder,
        "--compact.test-clock=true", "--compact.test-clock-start=2026-11-01T00:00:00Z", "--compact.tick-interval=PT1H",
        "--compact.log.key=" + dir.resolve("log.key")};
    try (var context = dev.compact.ServiceApplication.start(args)) {
      context.getBean(RecordService.class).recordHistory(lateMeeting(parse(folder)), "test");
      assertThat(apiState(context, BREACHED)).isEqualTo("breached");
    }
    withConveneClock(folder, "PT96H");
    try (var context = dev.compact.ServiceApplication.start(args)) {
      assertThat(apiState(context, BREACHED)).isEqualTo("fulfilled");
      assertThat(context.getBean(RecordService.class).store().readStream(AppliedTexts.STREAM)).hasSize(2);
    }
  }

  /** The state of an instance as {@code GET /api/norms/instance} answers anyone. */
  private static String apiState(org.springframework.context.ConfigurableApplicationContext context, String instance) throws Exception {
    String port = context.getEnvironment().getProperty("local.server.port");
    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
        + port + "/api/norms/instance?key=" + java.net.URLEncoder.encode(instance, java.nio.charset.StandardCharsets.UTF_8))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    java.util.regex.Matcher state = java.util.regex.Pattern.compile("\"state\":\"([a-z-]+)\"").matcher(response.body());
    assertThat(state.find()).as(response.body()).isTrue();
    return state.group(1);
  }

  private static void execute(RecordService record, String sql) throws java.sql.SQLException {
    try (java.sql.Connection c = record.database().dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static long count(RecordService record, String sql) {
    return ((Number) record.queries().rows(sql, List.of()).getFirst().get("n")).longValue();
  }

  /** A new record of {@link #lateMeeting} under {@code compact}'s texts, closed again: its URL. */
  private static String lateMeetingRecord(String kind, Compact compact) throws Exception {
    String url = TestDatabases.freshUrl(kind);
    try (RecordService record = new RecordService(Database.open(url), Engine.of(compact), CLOCK)) {
      record.recordHistory(lateMeeting(compact), "test");
    }
    return url;
  }

  /** Scenario 01's attack and request, with the meeting 48 hours after the request: late under 24 hours, in time under 96. */
  static List<Event> lateMeeting(Compact compact) throws Exception {
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
  static Path copyWithConveneClock(Path from, Path to, String within) throws Exception {
    dev.compact.api.CompactCopy.copy(from, to);
    return withConveneClock(to, within);
  }

  /** Changes the Compact's convening clock in the folder {@code to} itself, its title and prose left as they were. */
  static Path withConveneClock(Path to, String within) throws Exception {
    Path umbrella = to.resolve("compact.md");
    String text = Files.readString(umbrella);
    String clock = "deadline: {within: PT24H, from: consultation-requested, boundary: inclusive}\nfulfilled-by: consultation-held";
    assertThat(text).containsOnlyOnce("id: kyiv-convene").contains(clock);
    int at = text.indexOf(clock, text.indexOf("id: kyiv-convene"));
    Files.writeString(umbrella, text.substring(0, at) + clock.replace("PT24H", within) + text.substring(at + clock.length()));
    return to;
  }

  static Compact parse(Path folder) {
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

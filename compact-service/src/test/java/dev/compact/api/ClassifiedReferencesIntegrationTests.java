package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.log.PublicExport;
import dev.compact.log.TransparencyLog;
import dev.compact.service.RecordService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Public acts that name a classified record: each would carry the record's id (or its text) to the
 * public, in the public export and in the causes of public transitions, though the record itself is
 * hidden. A public reader is the adversary here; a desk writes what it may.
 */
class ClassifiedReferencesIntegrationTests {
  static final String MARKER = "q7hush";
  private static final String JSON = "application/json";

  /**
   * Snapback after a restricted incident: the snapback re-arms public duties (to re-impose sanctions),
   * whose cause would read "GBR invoked snapback after incident ...". It is refused as a write-down,
   * records nothing, and no public surface names the incident; without naming it, it goes through.
   */
  @Test
  void snapbackNamingARestrictedIncidentIsRefusedAndNamesItNowhere(@TempDir Path dir) throws Exception {
    try (ConfigurableApplicationContext context = start(dir, "kyiv-lock-v2")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      ok(http.post("/api/agreements/kyiv-lock-v2/lifecycle", JSON, "{\"action\": \"enter-into-force\"}", Tokens.bearer(tokens.secretariat())));
      ok(http.post("/api/incidents", JSON, "{\"id\": \"inc-" + MARKER + "\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4,"
          + " \"reportedBy\": \"UKR\", \"attacker\": \"RUS\", \"classification\": \"restricted\"}", Tokens.bearer(tokens.ukr())));

      long head = record.store().head().seq();
      HttpResponse<String> named = http.post("/api/snapback", JSON, "{\"by\": \"GBR\", \"incident\": \"inc-" + MARKER + "\"}",
          Tokens.bearer(tokens.gbr()));
      assertThat(named.statusCode()).as(named.body()).isEqualTo(422);
      // It says why the act is restricted (the incident it names, which the desk sent and may see) and what to send instead.
      assertThat(named.body()).contains("(it names incident 'inc-" + MARKER + "', which is restricted)",
          "Invoke snapback without naming the incident (leave out \\\"incident\\\"): the act is then public");
      assertThat(record.store().head().seq()).as("a refused snapback records nothing").isEqualTo(head);

      // Not naming it, the desk invokes snapback, and the public sees the duties it raised.
      ok(http.post("/api/snapback", JSON, "{\"by\": \"GBR\"}", Tokens.bearer(tokens.gbr())));
      String transitions = http.get("/api/transitions?limit=500").body();
      assertThat(transitions).contains("kyiv-lock-v2/reimpose/DEU", "snapback.invoked");
      for (String path : List.of("/api/transitions?limit=500", "/api/norms", "/api/obligations", "/sanctions", "/obligations", "/")) {
        assertThat(http.get(path).body()).as(path).doesNotContain(MARKER);
      }
      assertThat(publicExport(context, dir)).doesNotContain(MARKER);
    }
  }

  /**
   * A restricted commitment's condition met (the UK's appropriation for a clause the public does not
   * see): the act is the desk's to record, but the clause it names stays out of the public export.
   */
  @Test
  void aConditionMetOnARestrictedClauseIsOnlyALeafInThePublicExport(@TempDir Path dir) throws Exception {
    CompactCopy compact = CompactCopy.kyiv(dir).withUkText(programmeClause("gbr-" + MARKER, "restricted"));
    try (ConfigurableApplicationContext context = compact.start()) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      HttpResponse<String> met = http.post("/api/agreements/gbr-ukr-2024/conditions-met", JSON,
          "{\"clause\": \"gbr-" + MARKER + "\", \"condition\": \"appropriation\", \"by\": \"GBR\"}", Tokens.bearer(tokens.gbr()));
      ok(met);
      // In a stream of its own: the party's public acts are numbered without it.
      assertThat(met.body()).contains("\"stream\":\"party-GBR~restricted\"");
      HttpResponse<String> act = http.post("/api/acts", JSON, "{\"by\": \"GBR\", \"act\": \"release-frozen-assets\"}",
          Tokens.bearer(tokens.gbr()));
      ok(act);
      assertThat(act.body()).contains("\"stream\":\"party-GBR\"", "\"streamVersion\":1");
      // A public condition met is in the export in full, so the export could have shown the restricted one.
      ok(http.post("/api/agreements/deu-ukr-2024/conditions-met", JSON,
          "{\"clause\": \"deu-mil-2024\", \"condition\": \"parliamentary-approval\", \"by\": \"DEU\"}", Tokens.bearer(tokens.deu())));
      String export = publicExport(context, dir);
      assertThat(export).contains("deu-mil-2024").doesNotContain(MARKER);
      for (String path : List.of("/api/transitions?limit=500", "/api/norms?party=GBR", "/obligations?party=GBR")) {
        assertThat(http.get(path).body()).as(path).doesNotContain(MARKER);
      }
      assertThat(http.get("/api/norms?party=GBR", "Authorization", "Bearer " + tokens.gbr()).body()).as("the desk sees its commitment")
          .contains(MARKER);
    }
  }

  /**
   * An agreement version registered with a restricted clause: the record keeps its whole text (what
   * parties sign), so the public export shows its leaf only; a public version is there in full.
   */
  @Test
  void aVersionWithAClassifiedClauseIsOnlyALeafInThePublicExport(@TempDir Path dir) throws Exception {
    CompactCopy compact = CompactCopy.kyiv(dir);
    try (ConfigurableApplicationContext context = compact.start()) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      String uk = Files.readString(compact.compact().resolve("agreements/gbr-ukr-2024.md"));
      ok(http.post("/api/agreements/gbr-ukr-2024/versions", "text/markdown", uk + ClassificationCrawlIntegrationTests.intelClause(MARKER),
          Tokens.bearer(tokens.secretariat())));
      String jpn = Files.readString(compact.compact().resolve("agreements/jpn-ukr-2024.md"));
      ok(http.post("/api/agreements/jpn-ukr-2024/versions", "text/markdown", jpn.replace("title: ", "title: Public draft "),
          Tokens.bearer(tokens.secretariat())));

      String export = publicExport(context, dir);
      assertThat(export).contains("Public draft").doesNotContain(MARKER);
      assertThat(export.lines().filter(line -> line.contains("type agreement-version-registered")))
          .anySatisfy(line -> assertThat(line).contains("classification restricted").doesNotContain("\"event\""));
      assertThat(http.get("/api/agreements/gbr-ukr-2024/versions").body()).doesNotContain(MARKER);
    }
  }

  /** A UK commitment of the given id and classification, for 2026 and subject to appropriation. */
  static String programmeClause(String id, String classification) {
    return """

        The United Kingdom shall fund a further programme, subject to appropriation.

        ```clause
        id: %s
        title: A further programme
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: information
        classification: %s
        amount: {value: 100000000, currency: GBP}
        subject-to: [appropriation]
        period: {start: 2026-01-01, end: 2026-12-31}
        ```
        """.formatted(id, classification);
  }

  /** A service over one of the repository's example compacts and a database in {@code dir}, on the test clock. */
  static ConfigurableApplicationContext start(Path dir, String example) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + dir.resolve("c.db"), "--compact.compact-dir=" + Http.example(example),
        "--compact.test-clock=true", "--compact.test-clock-start=" + CompactCopy.CLOCK_START, "--compact.tick-interval=PT1H");
  }

  private static String publicExport(ConfigurableApplicationContext context, Path dir) throws Exception {
    context.getBean(TransparencyLog.class).issue();
    Path export = Files.createTempDirectory(dir, "export");
    PublicExport.write(context.getBean(RecordService.class).database(), export, false);
    return Files.readString(export.resolve("leaves.jsonl"));
  }

  static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }
}

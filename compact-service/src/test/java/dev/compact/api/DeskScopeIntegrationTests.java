package dev.compact.api;

import static dev.compact.api.ClassifiedReferencesIntegrationTests.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A guarantor desk acts for its own party only: what it records may settle its own party's duties,
 * never another state's, however the request is worded.
 */
class DeskScopeIntegrationTests {
  private static final String JSON = "application/json";

  /**
   * Measures recorded by a desk without saying who agreed were taken as agreed by everyone who
   * attended, so the UK desk's own measure settled Germany's and the US's duty to decide. A desk now
   * names its own party in {@code agreed}, and settles its own duty only.
   */
  @Test
  void aDeskRecordingItsOwnMeasuresSettlesNoOtherPartysDutyToDecide() {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      consultationOnAVerifiedAttack(http, tokens, "kyiv-compact");
      ok(http.post("/api/consultations/c1/held", JSON, "{\"attended\": [\"GBR\", \"DEU\", \"USA\"]}", Tokens.bearer(tokens.secretariat())));
      assertThat(state("kyiv-compact/kyiv-decide/DEU@c1", http)).isEqualTo("active");

      String measure = "\"measures\": [{\"id\": \"m1\", \"obligor\": \"GBR\", \"action\": \"deliver air defence\", \"domain\": \"military\","
          + " \"amount\": {\"value\": 500000000, \"currency\": \"GBP\"}, \"within\": \"P30D\"}]";
      long head = record.store().head().seq();
      HttpResponse<String> unsaid = http.post("/api/consultations/c1/measures", JSON, "{" + measure + "}", Tokens.bearer(tokens.gbr()));
      assertThat(unsaid.statusCode()).as(unsaid.body()).isEqualTo(403);
      assertThat(unsaid.body()).contains("'agreed'");
      assertThat(record.store().head().seq()).isEqualTo(head);

      ok(http.post("/api/consultations/c1/measures", JSON, "{" + measure + ", \"agreed\": [\"GBR\"]}", Tokens.bearer(tokens.gbr())));
      assertThat(state("kyiv-compact/kyiv-decide/GBR@c1", http)).isEqualTo("fulfilled");
      assertThat(state("kyiv-compact/kyiv-decide/DEU@c1", http)).isEqualTo("active");
      assertThat(state("kyiv-compact/kyiv-decide/USA@c1", http)).isEqualTo("active");
      // The secretariat records the consultation's decision for everyone who attended.
      ok(http.post("/api/consultations/c1/measures", JSON, "{" + measure.replace("m1", "m2").replace("GBR", "DEU") + "}",
          Tokens.bearer(tokens.secretariat())));
      assertThat(state("kyiv-compact/kyiv-decide/DEU@c1", http)).isEqualTo("fulfilled");
    }
  }

  /**
   * Under a collective rule (a two-thirds majority) one desk's vote is not the consultation's
   * decision: recorded alone, it marked every other guarantor's duty to decide as blocked by the
   * parties that had not voted in that one record. The decision is the secretariat's to record.
   */
  @Test
  void aDeskCannotRecordAConsultationsDecisionUnderACollectiveRule(@TempDir Path dir) {
    try (ConfigurableApplicationContext context = ClassifiedReferencesIntegrationTests.start(dir, "istanbul-2022-v2")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      consultationOnAVerifiedAttack(http, tokens, "istanbul-2022-v2");
      assertThat(state("istanbul-2022-v2/decide-assistance/DEU@c1", http)).isEqualTo("active");

      long head = record.store().head().seq();
      HttpResponse<String> vote = http.post("/api/consultations/c1/measures", JSON, """
          {"measures": [{"id": "m1", "obligor": "GBR", "action": "deliver air defence", "domain": "military", "within": "P30D",
            "items": [{"item": "launchers", "quantity": 2}]}], "agreed": ["GBR"]}""", Tokens.bearer(tokens.gbr()));
      assertThat(vote.statusCode()).as(vote.body()).isEqualTo(403);
      assertThat(vote.body()).contains("qualified majority", "secretariat");
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(http.get("/api/norms/instance?key=istanbul-2022-v2/decide-assistance/DEU%40c1").body()).contains("\"blockedBy\":\"\"");
    }
  }

  /**
   * The compact's own decision rule counts even when every duty to decide is national: it decides
   * whether the measures decided bind (docs/engine.md, "Decisions"). Under a compact-wide consensus a
   * desk's record of its own vote alone would be read as the consultation's decision and make its
   * measure binding; the Kyiv duty to decide (kyiv-decide) stays national here.
   */
  @Test
  void aDeskCannotRecordMeasuresWhenTheCompactsOwnRuleIsCollective(@TempDir Path dir) throws Exception {
    CompactCopy copy = CompactCopy.kyiv(dir);
    java.nio.file.Path compact = copy.compact().resolve("compact.md");
    java.nio.file.Files.writeString(compact, java.nio.file.Files.readString(compact).replaceFirst("\n  decision: national\n", "\n  decision: consensus\n"));
    try (ConfigurableApplicationContext context = copy.start()) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      consultationOnAVerifiedAttack(http, tokens, "kyiv-compact");
      ok(http.post("/api/consultations/c1/held", JSON, "{\"attended\": [\"GBR\", \"DEU\", \"USA\"]}", Tokens.bearer(tokens.secretariat())));

      long head = record.store().head().seq();
      HttpResponse<String> vote = http.post("/api/consultations/c1/measures", JSON, """
          {"measures": [{"id": "m1", "obligor": "GBR", "action": "deliver air defence", "domain": "military", "within": "P30D",
            "items": [{"item": "launchers", "quantity": 2}]}], "agreed": ["GBR"]}""", Tokens.bearer(tokens.gbr()));
      assertThat(vote.statusCode()).as(vote.body()).isEqualTo(403);
      assertThat(vote.body()).contains("consensus", "secretariat");
      assertThat(record.store().head().seq()).isEqualTo(head);
      // The secretariat records the consultation's decision with every vote.
      ok(http.post("/api/consultations/c1/measures", JSON, """
          {"measures": [{"id": "m1", "obligor": "GBR", "action": "deliver air defence", "domain": "military", "within": "P30D",
            "items": [{"item": "launchers", "quantity": 2}]}], "agreed": ["GBR", "DEU", "USA"]}""", Tokens.bearer(tokens.secretariat())));
    }
  }

  /** The compact in force, an armed attack reported by Ukraine and verified, and Ukraine's request for consultations c1 on it. */
  private static void consultationOnAVerifiedAttack(Http http, Tokens tokens, String compact) {
    ok(http.post("/api/agreements/" + compact + "/lifecycle", JSON, "{\"action\": \"enter-into-force\"}", Tokens.bearer(tokens.secretariat())));
    ok(http.post("/api/incidents", JSON, AccessMatrixIntegrationTests.incident("i1"), Tokens.bearer(tokens.ukr())));
    ok(http.post("/api/incidents/i1/verify", JSON, "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat())));
    ok(http.post("/api/consultations", JSON, "{\"id\": \"c1\", \"requestedBy\": \"UKR\", \"incident\": \"i1\"}", Tokens.bearer(tokens.ukr())));
  }

  private static String state(String key, Http http) {
    HttpResponse<String> instance = http.get("/api/norms/instance?key=" + key.replace("@", "%40"));
    assertThat(instance.statusCode()).as(instance.body()).isEqualTo(200);
    return instance.body().replaceAll("(?s).*?\"state\":\"([a-z]+)\".*", "$1");
  }
}

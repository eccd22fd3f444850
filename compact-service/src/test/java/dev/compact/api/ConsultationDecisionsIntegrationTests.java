package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/** Several desks deciding their own measures at one consultation, on SQLite and PostgreSQL, over HTTP. */
class ConsultationDecisionsIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static String measure(String id, String obligor, String action) {
    return "{\"measures\": [{\"id\": \"" + id + "\", \"obligor\": \"" + obligor + "\", \"action\": \"" + action
        + "\", \"domain\": \"military\", \"within\": \"P30D\"}], \"agreed\": [\"" + obligor + "\"]}";
  }

  /**
   * Audit round 4, B4: under the Kyiv compact's national rule each desk records its own measures. The German desk's
   * measure under an id the British desk had already used was answered 200 but ignored by the engine (no duty for
   * Germany), and the consultation then showed the ignored German decision alone. Now it is a 422 that names the
   * measure, the consultation and whom it binds, nothing is recorded, and the consultation holds every decision and
   * every desk's attendance; a retry of an accepted decision with its Idempotency-Key still answers as it did.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aSecondDecisionUnderATakenMeasureIdIsRefusedAndTheConsultationHoldsEveryDecision(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      assertThat(http.post("/api/consultations", "application/json", "{\"id\": \"c-m\", \"requestedBy\": \"UKR\"}", Tokens.bearer(tokens.ukr()))
          .statusCode()).isEqualTo(201);
      assertThat(http.post("/api/consultations/c-m/held", "application/json", "{\"attended\": [\"GBR\"]}", Tokens.bearer(tokens.gbr()))
          .statusCode()).isEqualTo(200);
      assertThat(http.post("/api/consultations/c-m/held", "application/json", "{\"attended\": [\"DEU\"]}", Tokens.bearer(tokens.deu()))
          .statusCode()).isEqualTo(200);
      HttpResponse<String> british = http.post("/api/consultations/c-m/measures", "application/json", measure("m-1", "GBR", "deliver shells"),
          "Authorization", "Bearer " + tokens.gbr(), "Idempotency-Key", "gbr-m-1");
      assertThat(british.statusCode()).as(british.body()).isEqualTo(200);
      long head = context.getBean(RecordService.class).store().head().seq();

      HttpResponse<String> german = http.post("/api/consultations/c-m/measures", "application/json", measure("m-1", "DEU", "deliver tanks"),
          Tokens.bearer(tokens.deu()));
      HttpResponse<String> retried = http.post("/api/consultations/c-m/measures", "application/json", measure("m-1", "GBR", "deliver shells"),
          "Authorization", "Bearer " + tokens.gbr(), "Idempotency-Key", "gbr-m-1");

      assertThat(german.statusCode()).as(german.body()).isEqualTo(422);
      assertThat(german.body()).contains("measure m-1 of consultation c-m was already decided, for GBR", "give your measure another id",
          "nothing was recorded");
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
      assertThat(retried.body()).isEqualTo(british.body());
      assertThat(context.getBean(RecordService.class).store().head().seq()).as("nothing recorded").isEqualTo(head);

      HttpResponse<String> twice = http.post("/api/consultations/c-m/measures", "application/json", """
          {"measures": [{"id": "m-2", "obligor": "DEU", "action": "a", "domain": "military", "within": "P30D"},
                        {"id": "m-2", "obligor": "DEU", "action": "b", "domain": "military", "within": "P30D"}], "agreed": ["DEU"]}""",
          Tokens.bearer(tokens.deu()));
      assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
      assertThat(twice.body()).contains("'measures' names measure m-2 twice");

      assertThat(http.post("/api/consultations/c-m/measures", "application/json", measure("m-2", "DEU", "deliver tanks"),
          Tokens.bearer(tokens.deu())).statusCode()).isEqualTo(200);
      String consultation = http.get("/api/consultations/c-m", Tokens.bearer(tokens.secretariat())).body();
      assertThat(consultation).contains("\"attended\":\"GBR,DEU\"", "deliver shells", "deliver tanks").doesNotContain("\"heldAt\":null");
      assertThat(http.get("/api/norms?kind=measure", Tokens.bearer(tokens.secretariat())).body())
          .contains("m-1/GBR@c-m", "m-2/DEU@c-m").doesNotContain("m-1/DEU@c-m");
    }
  }

  /**
   * Audit round 4, B4's second half: a German delivery counted against a British measure was recorded (201) and shown in
   * the ledger "against" it, while the engine did not count it. Now it is a 403 naming whom the measure binds, and
   * nothing is recorded; the British desk's own delivery against it still counts.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void supportCountedAgainstAnotherPartysMeasureIsRefused(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      assertThat(http.post("/api/consultations", "application/json", "{\"id\": \"c-s\", \"requestedBy\": \"UKR\"}", Tokens.bearer(tokens.ukr()))
          .statusCode()).isEqualTo(201);
      assertThat(http.post("/api/consultations/c-s/held", "application/json", "{\"attended\": [\"GBR\"]}", Tokens.bearer(tokens.gbr()))
          .statusCode()).isEqualTo(200);
      assertThat(http.post("/api/consultations/c-s/measures", "application/json", measure("m-s", "GBR", "deliver shells"),
          Tokens.bearer(tokens.gbr())).statusCode()).isEqualTo(200);
      long head = context.getBean(RecordService.class).store().head().seq();
      String against = "\"countsAgainst\": {\"consultation\": \"c-s\", \"measure\": \"m-s\"}";

      HttpResponse<String> german = http.post("/api/deliveries", "application/json",
          "{\"guarantor\": \"DEU\", \"category\": \"military\", \"items\": [{\"item\": \"german shells\", \"quantity\": 5}], " + against + "}",
          Tokens.bearer(tokens.deu()));

      assertThat(german.statusCode()).as(german.body()).isEqualTo(403);
      assertThat(german.body()).contains("measure c-s/m-s binds GBR; support by DEU cannot count against it", "nothing was recorded");
      assertThat(context.getBean(RecordService.class).store().head().seq()).as("nothing recorded").isEqualTo(head);
      assertThat(http.get("/api/support?guarantor=DEU").body()).doesNotContain("german shells");

      HttpResponse<String> british = http.post("/api/deliveries", "application/json",
          "{\"guarantor\": \"GBR\", \"category\": \"military\", \"items\": [{\"item\": \"shells\", \"quantity\": 5}], " + against + "}",
          Tokens.bearer(tokens.gbr()));
      assertThat(british.statusCode()).as(british.body()).isEqualTo(201);
      assertThat(http.get("/api/norms?kind=measure", Tokens.bearer(tokens.secretariat())).body()).contains("m-s/GBR@c-s");
    }
  }
}

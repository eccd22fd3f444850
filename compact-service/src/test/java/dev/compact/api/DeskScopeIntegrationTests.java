package dev.compact.api;

import static dev.compact.api.ClassifiedReferencesIntegrationTests.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
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
      ok(http.post("/api/agreements/kyiv-compact/lifecycle", JSON, "{\"action\": \"enter-into-force\"}", Tokens.bearer(tokens.secretariat())));
      ok(http.post("/api/incidents", JSON, AccessMatrixIntegrationTests.incident("i1"), Tokens.bearer(tokens.ukr())));
      ok(http.post("/api/incidents/i1/verify", JSON, "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat())));
      ok(http.post("/api/consultations", JSON, "{\"id\": \"c1\", \"requestedBy\": \"UKR\", \"incident\": \"i1\"}", Tokens.bearer(tokens.ukr())));
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

  private static String state(String key, Http http) {
    HttpResponse<String> instance = http.get("/api/norms/instance?key=" + key.replace("@", "%40"));
    assertThat(instance.statusCode()).as(instance.body()).isEqualTo(200);
    return instance.body().replaceAll("(?s).*?\"state\":\"([a-z]+)\".*", "$1");
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record served as a demonstration ({@code compact.demonstration=true}, as {@code ./compact demo} serves its
 * replayed history) said so on the dashboard's pages only: an API client reading its breaches was not told that
 * they are no finding about any state. {@code /api/compact} says it, and every API answer carries a header.
 */
class DemonstrationRecordIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String HEADER = "Compact-Demonstration";

  static ConfigurableApplicationContext start(boolean demonstration) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.preload=false",
        "--compact.demonstration=" + demonstration);
  }

  @Test
  void theApiOfADemonstrationRecordSaysSoInTheCompactAndOnEveryAnswer() throws Exception {
    try (ConfigurableApplicationContext context = start(true)) {
      Http http = RecordApiIntegrationTests.http(context);
      HttpResponse<String> compact = http.get("/api/compact");
      assertThat(JSON.readTree(compact.body()).get("demonstration").asBoolean()).isTrue();
      for (String path : java.util.List.of("/api/compact", "/api/obligations?state=breached", "/api/incidents", "/api/nothing-here")) {
        assertThat(http.get(path).headers().firstValue(HEADER)).as(path).hasValue("true");
      }
      assertThat(http.get("/api/obligations?state=breached").headers().firstValue(HEADER))
          .as("an answer served again from memory").hasValue("true");
      HttpResponse<String> refused = http.post("/api/incidents", "application/json", "{}");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue(HEADER)).as("a refusal").hasValue("true");
      assertThat(http.post("/api/screen", "application/json", "{\"name\": \"Neobit\"}").headers().firstValue(HEADER)).as("a screening")
          .hasValue("true");
      assertThat(http.get("/").headers().firstValue(HEADER)).as("pages say it in their text").isEmpty();
    }
  }

  @Test
  void aRealRecordIsNotMarked() throws Exception {
    try (ConfigurableApplicationContext context = start(false)) {
      Http http = RecordApiIntegrationTests.http(context);
      HttpResponse<String> compact = http.get("/api/compact");
      assertThat(JSON.readTree(compact.body()).get("demonstration").asBoolean()).isFalse();
      assertThat(compact.headers().firstValue(HEADER)).isEmpty();
    }
  }
}

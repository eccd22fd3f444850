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
 * they are no finding about any state. {@code /api/compact} says it, and every answer carries a header: the API's, and
 * since the yente-compatible {@code /match} was found without it, every other answer too (exports, the dashboard's
 * stream and pages, the probes, and what the web server refuses itself).
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
      // Beyond /api/: the yente-compatible route lacked it, and so did the exports, the dashboard's stream and the probes.
      assertThat(http.post("/match/default", "application/json", MATCH).headers().firstValue(HEADER)).as("/match").hasValue("true");
      for (String path : java.util.List.of("/ledger.csv", "/coverage.csv", "/actuator/health", "/", "/nothing-here")) {
        assertThat(http.get(path).headers().firstValue(HEADER)).as(path).hasValue("true");
      }
      assertThat(live(http).headers().firstValue(HEADER)).as("/live").hasValue("true");
      // A calendar program shows no header: the feed says it in its name (audit 5's C7).
      assertThat(http.get("/api/calendar/GBR.ics").body()).contains("X-WR-CALNAME:[Demonstration\\, invented facts] Compact deadlines of GBR");
      HttpResponse<String> container = http.get("/api/a%2Fb");
      assertThat(container.statusCode()).as("refused by the web server itself").isEqualTo(400);
      assertThat(container.headers().firstValue(HEADER)).as("a refusal of the web server").hasValue("true");
    }
  }

  static final String MATCH = "{\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Neobit\"]}}}}";

  /** The dashboard's stream, whose answer's headers come before its first event; the stream is closed once they are read. */
  static HttpResponse<java.util.stream.Stream<String>> live(Http http) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
        .sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + http.port() + "/live")).build(),
            HttpResponse.BodyHandlers.ofLines())
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
    response.body().close();
    return response;
  }

  @Test
  void aRealRecordIsNotMarked() throws Exception {
    try (ConfigurableApplicationContext context = start(false)) {
      Http http = RecordApiIntegrationTests.http(context);
      HttpResponse<String> compact = http.get("/api/compact");
      assertThat(JSON.readTree(compact.body()).get("demonstration").asBoolean()).isFalse();
      assertThat(compact.headers().firstValue(HEADER)).isEmpty();
      assertThat(http.post("/match/default", "application/json", MATCH).headers().firstValue(HEADER)).as("/match").isEmpty();
      assertThat(http.get("/").headers().firstValue(HEADER)).as("a page").isEmpty();
      assertThat(live(http).headers().firstValue(HEADER)).as("/live").isEmpty();
      assertThat(http.get("/api/calendar/GBR.ics").body()).contains("X-WR-CALNAME:Compact deadlines of GBR").doesNotContain("Demonstration");
      assertThat(http.get("/api/a%2Fb").headers().firstValue(HEADER)).as("a refusal of the web server").isEmpty();
    }
  }
}

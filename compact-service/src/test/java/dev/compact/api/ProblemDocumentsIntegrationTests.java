package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error under /api is a problem document with a Compact type, including the failures Spring
 * MVC answers itself, and a body that is not the JSON expected says which field and what it must
 * be, without repeating what was sent. Before this, they read {"title": "Bad Request", "detail":
 * "Failed to read request"} with no type (audit item 6).
 */
class ProblemDocumentsIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void everyErrorUnderTheApiIsAProblemWithACompactTypeAndAUsableDetail() {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      String[] ukr = Tokens.bearer(tokens.ukr());

      assertProblem(http.post("/api/incidents", "application/json", """
          {"kind": "armed-attack", "place": "UA-63", "severity": "major", "reportedBy": "UKR"}""", ukr),
          400, "bad-request", "'severity' must be a whole number");
      assertProblem(http.post("/api/incidents", "application/json", """
          {"kind": "armed-attack", "place": "UA-63", "severity": 3, "reportedBy": "UKR", "evidence": [{"outlet": ["Reuters"]}]}""", ukr),
          400, "bad-request", "'evidence[0].outlet' must be a string");
      assertProblem(http.post("/api/incidents", "application/json", "{\"evidence\": \"Reuters\"}", ukr),
          400, "bad-request", "'evidence' must be an array");
      assertProblem(http.post("/api/incidents", "application/json", "[1, 2]", ukr), 400, "bad-request", "the body must be an object");
      String huge = "{\"kind\": " + "x".repeat(500_000) + "}";
      HttpResponse<String> notJson = http.post("/api/incidents", "application/json", huge, ukr);
      assertProblem(notJson, 400, "bad-request", "the body is not valid JSON (line 1, column ");
      assertThat(notJson.body()).as("the input is not repeated").hasSizeLessThan(1_000).doesNotContain("xxxx");
      assertProblem(http.post("/api/incidents", "application/json", "", ukr), 400, "bad-request", "the request has no body");
      assertProblem(http.post("/api/incidents", "text/plain", "hello", ukr), 415, "unsupported-media-type", "");
      assertProblem(http.get("/api/incidents/kharkiv-1/verify", ukr), 405, "method-not-allowed", "");
      assertProblem(http.get("/api/no-such-thing"), 404, "not-found", "");
      assertProblem(http.get("/api/incidents?limit=many"), 400, "bad-request", "'limit' must be a whole number");
      assertProblem(http.post("/api/lists/ofac/versions?allowShrink=maybe", "application/octet-stream", "x",
          Tokens.bearer(tokens.secretariat())), 400, "bad-request", "'allowShrink' must be true or false");
    }
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.has("type") && problem.has("detail")).as(response.body()).isTrue();
    assertThat(problem.get("type").asString()).isEqualTo("https://compact.dev/problems/" + type);
    assertThat(problem.get("detail").asString()).as(response.body()).contains(detail)
        .doesNotContain("Exception", "java.", "tools.jackson", "Failed to read request");
  }
}

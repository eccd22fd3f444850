package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /match/{dataset} with requests shaped as yente's documentation shows them. */
class MatchApiIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static ConfigurableApplicationContext context;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.preload=false");
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void answersAYenteStyleQueryInYentesShapeWithOurExplanation() {
    // As in yente's README: a Person example with name, birthDate and nationality, keyed by the caller's id.
    HttpResponse<String> response = http.post("/match/default?threshold=0.8&limit=3&algorithm=logic-v2", "application/json", """
        {"queries": {"q1": {"schema": "Person", "properties": {"name": ["Oleg Deripaska"], "birthDate": ["1968-01-02"],
          "nationality": ["ru"]}},
         "q2": {"schema": "Company", "properties": {"name": ["Rusal"]}},
         "nobody": {"schema": "Person", "properties": {"name": ["Anna Lindqvist Moreau"]}}}}
        """);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    JsonNode first = body.get("responses").get("q1").get("results").get(0);
    assertThat(body.get("limit").asInt()).isEqualTo(3);
    assertThat(body.get("responses").get("q1").get("status").asInt()).isEqualTo(200);
    assertThat(first.get("id").asString()).startsWith("us_ofac_sdn-");
    assertThat(first.get("caption").asString()).contains("DERIPASKA");
    assertThat(first.get("schema").asString()).isEqualTo("Person");
    assertThat(first.get("properties").get("name").get(0).asString()).contains("DERIPASKA");
    assertThat(first.get("datasets").get(0).asString()).isEqualTo("us_ofac_sdn");
    assertThat(first.get("score").asDouble()).isGreaterThanOrEqualTo(0.8);
    assertThat(first.get("match").asBoolean()).isTrue();
    assertThat(first.get("explanation").get(0).asString()).isNotBlank();
    assertThat(body.get("responses").get("q2").get("results").size()).isLessThanOrEqualTo(3);
    assertThat(body.get("responses").get("nobody").get("results").toString()).doesNotContain("\"match\":true");
    assertThat(body.get("algorithm").get("requested").asString()).isEqualTo("logic-v2");
    // Fields in yente's order on every run (Map.of's order changed from one JVM to the next).
    assertThat(body.get("responses").get("q1").get("total").propertyNames()).containsExactly("value", "relation");
    assertThat(body.get("responses").get("q1").get("query").propertyNames()).containsExactly("schema", "properties");
    assertThat(body.get("algorithm").propertyNames()).containsExactly("name", "requested");
    assertThat(body.get("matcher").get("name_score").propertyNames()).containsExactly("description", "coefficient");
  }

  @Test
  void aResultBelowTheThresholdIsReturnedAsNoMatch() {
    HttpResponse<String> response = http.post("/match/sanctions?threshold=0.99", "application/json",
        "{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Oleg Deripaska\"], \"birthDate\": [\"1975\"]}}}}");

    JsonNode results = JSON.readTree(response.body()).get("responses").get("a").get("results");
    assertThat(results.get(0).get("score").asDouble()).isLessThan(0.99);
    assertThat(results.get(0).get("match").asBoolean()).isFalse();
  }

  @Test
  void oneDatasetOnlyAndAnUnknownDatasetIsNotFound() {
    String query = "{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Oleg Deripaska\"]}}}}";

    assertThat(http.post("/match/un_sc_sanctions", "application/json", query).body()).doesNotContain("us_ofac_sdn");
    assertThat(http.post("/match/us_ofac_sdn", "application/json", query).body()).contains("us_ofac_sdn-");
    assertThat(http.post("/match/nosuch", "application/json", query).statusCode()).isEqualTo(404);
    assertThat(http.post("/match/default", "application/json", "{\"queries\": {\"a\": {\"schema\": \"Person\"}}}").statusCode())
        .isEqualTo(422);
  }

  @Test
  void changedSinceIsRefusedOnTheBundledListsWhoseChangeDatesAreUnknown() {
    HttpResponse<String> response = http.post("/match/default?changed_since=2024-01-01", "application/json",
        "{\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Oleg Deripaska\"]}}}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("changed_since needs the record's list versions");
  }

  @Test
  void aLimitOutsideOneTo500IsRefusedNotClampedWhetherParameterOrBodyField() {
    String queries = "\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Oleg Deripaska\"]}}}";
    for (String limit : new String[] {"-1", "0", "501"}) {
      HttpResponse<String> asParameter = http.post("/match/default?limit=" + limit, "application/json", "{" + queries + "}");
      HttpResponse<String> asField = http.post("/match/default", "application/json", "{\"limit\": " + limit + ", " + queries + "}");

      for (HttpResponse<String> response : java.util.List.of(asParameter, asField)) {
        assertThat(response.statusCode()).as(limit + ": " + response.body()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("'limit' must be from 1 to 500 (default 5), not " + limit);
      }
    }
    HttpResponse<String> text = http.post("/match/default", "application/json", "{\"limit\": \"ten\", " + queries + "}");
    assertThat(text.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(text.body()).get("detail").asString()).contains("'limit' must be a whole number from 1 to 500");
    HttpResponse<String> bounds = http.post("/match/default?limit=500", "application/json", "{\"limit\": 1, " + queries + "}");
    assertThat(JSON.readTree(bounds.body()).get("limit").asInt()).as("the parameter wins over the field, as before").isEqualTo(500);
    assertThat(JSON.readTree(http.post("/match/default", "application/json", "{" + queries + "}").body()).get("limit").asInt())
        .isEqualTo(5);
  }

  /** Review of 4962351 (M1): a threshold of "abc" or true was a 500 with a stack trace, null read as 0 and 7 accepted. */
  @Test
  void aThresholdThatIsNoScoreFromZeroToOneIsRefusedNotReadAsSomeOtherNumber() {
    String queries = "\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Oleg Deripaska\"]}}}";
    for (String threshold : new String[] {"\"abc\"", "true", "null", "[0.5]"}) {
      HttpResponse<String> response = http.post("/match/default", "application/json", "{\"threshold\": " + threshold + ", " + queries + "}");
      assertThat(response.statusCode()).as(threshold + ": " + response.body()).isEqualTo(422);
      assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("'threshold' must be a number from 0 to 1 (default 0.7)");
    }
    for (String threshold : new String[] {"7", "-0.1"}) {
      HttpResponse<String> asParameter = http.post("/match/default?threshold=" + threshold, "application/json", "{" + queries + "}");
      HttpResponse<String> asField = http.post("/match/default", "application/json", "{\"threshold\": " + threshold + ", " + queries + "}");
      for (HttpResponse<String> response : java.util.List.of(asParameter, asField)) {
        assertThat(response.statusCode()).as(threshold + ": " + response.body()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).startsWith("'threshold' must be from 0 to 1 (default 0.7), not ");
      }
    }
    assertThat(http.post("/match/default", "application/json", "{\"threshold\": 0.9, " + queries + "}").statusCode()).isEqualTo(200);
  }
}

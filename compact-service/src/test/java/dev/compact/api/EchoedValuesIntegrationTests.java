package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A refused query parameter came back whole in the problem's detail: up to the whole request line, with its control
 * characters, in the answer and in every log that keeps answers. It comes back cut short and escaped now.
 */
class EchoedValuesIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String HOSTILE = "x\u0007\u202e" + "y".repeat(5000);
  static ConfigurableApplicationContext context;
  static Http http;
  static Tokens tokens;

  @BeforeAll
  static void start() throws Exception {
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.preload=false");
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    tokens = Tokens.create(context);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void aRefusedQueryParameterIsRepeatedCutShortAndEscaped() {
    String value = URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8);
    String secretariat = tokens.secretariat();

    for (HttpResponse<String> refused : java.util.List.of(http.get("/api/norms?kind=" + value), http.get("/api/norms?agreement=" + value),
        http.get("/api/webhooks/deliveries?state=" + value, Tokens.bearer(secretariat)))) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      String detail = JSON.readTree(refused.body()).get("detail").asString();
      assertThat(detail).hasSizeLessThan(300).contains("'x\\u0007\\u202Eyyy", "... (5003 characters)").doesNotContain("\u0007", "\u202e");
    }
  }

  /**
   * The public /match repeated a refused changed_since (a parameter or a body field, megabytes long if sent so) and an
   * unknown dataset (a decoded path segment) whole (review5 L7).
   */
  @Test
  void publicMatchRepeatsARefusedChangedSinceAndAnUnknownDatasetCutShortAndEscaped() {
    String queries = "\"queries\": {\"a\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"Oleg Deripaska\"]}}}";
    HttpResponse<String> asParameter = http.post("/match/default?changed_since=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8),
        "application/json", "{" + queries + "}");
    HttpResponse<String> asField = http.post("/match/default", "application/json",
        "{" + queries + ", \"changed_since\": " + JSON.writeValueAsString(HOSTILE) + "}");
    HttpResponse<String> dataset = http.post("/match/" + URLEncoder.encode("x\u202e" + "y".repeat(1000), StandardCharsets.UTF_8),
        "application/json", "{" + queries + "}");

    for (HttpResponse<String> refused : java.util.List.of(asParameter, asField)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      String detail = JSON.readTree(refused.body()).get("detail").asString();
      assertThat(detail).hasSizeLessThan(300).contains("not 'x\\u0007\\u202Eyyy", "... (5003 characters)").doesNotContain("\u0007", "\u202e");
    }
    assertThat(dataset.statusCode()).as(dataset.body()).isEqualTo(404);
    String detail = JSON.readTree(dataset.body()).get("detail").asString();
    assertThat(detail).hasSizeLessThan(300).contains("no dataset 'x\\u202Eyyy", "... (1002 characters)").doesNotContain("\u202e");
  }

  /** A refused read said "nothing was recorded" (audit4 C7), as if it could have recorded something; a refused write still says it. */
  @Test
  void aRefusedReadDoesNotSayThatNothingWasRecordedARefusedWriteDoes() {
    HttpResponse<String> read = http.get("/api/webhooks/deliveries", Tokens.bearer(tokens.gbr()));
    HttpResponse<String> write = http.post("/api/webhooks/deliveries/none/resend", "application/json", "{}", Tokens.bearer(tokens.gbr()));

    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(read.body()).get("detail").asString()).contains("may see webhook deliveries or send them again")
        .doesNotContain("nothing was recorded");
    assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
    assertThat(JSON.readTree(write.body()).get("detail").asString()).endsWith("; nothing was recorded");
  }
}

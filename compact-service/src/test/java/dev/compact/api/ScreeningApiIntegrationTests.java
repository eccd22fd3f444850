package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class ScreeningApiIntegrationTests {
  static ConfigurableApplicationContext context;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"));
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void findsTheListedEntryWithItsExplanationAndVersions() {
    HttpResponse<String> response = http.post("/api/screen", "application/json", "{\"name\": \"Олег Дерипаска\", \"type\": \"person\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"decision\":\"alert\"", "DERIPASKA", "\"algorithm\":\"" + dev.compact.screening.Algorithm.ID + "\"", "\"listVersion\":\"");
  }

  @Test
  void batchAnswersEachQueryInOrderWithItsOwnProblems() {
    HttpResponse<String> response = http.post("/api/screen/batch", "application/json",
        "[{\"name\": \"Oleg Deripaska\", \"type\": \"person\"}, {\"name\": \"?!.,\"}, {\"name\": \"Acme Trading Corp\"}]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String body = response.body();
    assertThat(body.indexOf("DERIPASKA")).isLessThan(body.indexOf("problems"));
    assertThat(body).contains("nothing to match on");
  }

  @Test
  void emptyAbsurdOrOversizedQueriesAre4xx() {
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"?!.,\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"" + "a".repeat(10_000) + "\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"x\", \"dob\": \"yesterday\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/api/screen/batch", "application/json", "[]").statusCode()).isEqualTo(400);
  }
}

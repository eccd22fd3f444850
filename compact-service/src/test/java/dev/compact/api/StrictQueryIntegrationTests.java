package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Audit round 5 (C19): a misspelt filter name was ignored, so {@code /api/obligations?agreemnt=usa-ukr-2024&state=breached}
 * answered 200 with the breaches of every agreement, none of them the US agreement's, where the filter spelt right gives
 * none. An API route now refuses a query parameter it does not take, naming the one it most likely meant.
 */
class StrictQueryIntegrationTests {
  static ConfigurableApplicationContext context;
  static Http http;

  @BeforeAll
  static void start() {
    context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H");
    http = RecordApiIntegrationTests.http(context);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void aMisspeltFilterNameIsRefusedWithTheNameItMeantRatherThanIgnored() {
    HttpResponse<String> misspelt = http.get("/api/obligations?agreemnt=usa-ukr-2024&state=breached");
    HttpResponse<String> norms = http.get("/api/norms?stat=active");
    HttpResponse<String> spelt = http.get("/api/obligations?agreement=usa-ukr-2024&state=breached");

    assertThat(misspelt.statusCode()).as(misspelt.body()).isEqualTo(400);
    assertThat(misspelt.body()).contains("'agreemnt' is not a field of the query of GET /api/obligations; did you mean 'agreement'?")
        .doesNotContain("dev.compact", "Exception");
    assertThat(norms.statusCode()).as(norms.body()).isEqualTo(400);
    assertThat(norms.body()).contains("'stat' is not a field of the query of GET /api/norms; did you mean 'state'?");
    assertThat(spelt.statusCode()).as(spelt.body()).isEqualTo(200);
  }

  @Test
  void aRouteThatTakesNoQueryRefusesOneAndAnEncodedNameIsReadDecoded() {
    HttpResponse<String> extra = http.get("/api/agreements?limit=5");
    HttpResponse<String> encoded = http.get("/api/norms?st%61te=active");

    assertThat(extra.statusCode()).as(extra.body()).isEqualTo(400);
    assertThat(extra.body()).contains("'limit' is not a field of the query of GET /api/agreements");
    assertThat(http.get("/api/agreements").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/agreements?").statusCode()).isEqualTo(200);
    assertThat(encoded.statusCode()).as("a name sent percent-encoded is the name it decodes to: " + encoded.body()).isEqualTo(200);
  }
}

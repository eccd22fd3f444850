package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The time the record has reached, which {@code GET /api/clock} shows, is the time of its latest
 * record, secret ones included: only readers cleared for secret records see it. Before this, any
 * desk saw a secret allocation's exact time there (audit item 3).
 */
class ClockSecrecyIntegrationTests {

  @Test
  void aDeskIsNotShownTheTimeOfASecretRecordAsTheTimeReached() {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      assertThat(http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT2H\"}").statusCode()).isEqualTo(200);
      HttpResponse<String> secret = http.post("/api/incidents", "application/json", """
          {"kind": "armed-attack", "place": "UA-63", "severity": 3, "reportedBy": "UKR",
           "occurredAt": "2026-03-01T07:13:29Z", "classification": "secret"}""", Tokens.bearer(SecretCountIntegrationTests.secretClearedToken(context)));
      assertThat(secret.statusCode()).as(secret.body()).isEqualTo(201);

      for (String[] reader : new String[][] {Tokens.bearer(tokens.gbr()), Tokens.bearer(tokens.ukr()), Tokens.bearer(tokens.observer()), {}}) {
        String clock = http.get("/api/clock", reader).body();
        assertThat(clock).contains("\"reached\":null").doesNotContain("07:13:29");
      }
      assertThat(http.get("/api/clock", Tokens.bearer(tokens.secretariat())).body()).contains("\"reached\":\"2026-03-01T07:13:29Z\"");
    }
  }
}

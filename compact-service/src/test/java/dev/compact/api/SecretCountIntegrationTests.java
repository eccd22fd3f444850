package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: write answers carried global sequence numbers and stream versions that jumped over
 * secret events, and a 409 told a desk the version of an incident stream it could not see: a desk
 * could count secret records from what it received.
 */
class SecretCountIntegrationTests {
  static final String DELIVERY = "{\"guarantor\": \"GBR\", \"category\": \"military\", \"value\": {\"value\": 5, \"currency\": \"EUR\"}%s}";

  static ConfigurableApplicationContext start() {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + Http.example("kyiv-compact"));
  }

  /** A token of an account cleared for secret records that may also act for GBR and UKR. */
  static String secretClearedToken(ConfigurableApplicationContext context) {
    Accounts accounts = context.getBean(Accounts.class);
    accounts.add("uk-secret", List.of("secretariat", "guarantor:GBR", "protected:UKR"));
    return accounts.issue("uk-secret", Duration.ofDays(1)).token();
  }

  static void recordSecretDeliveries(Http http, String token, int count) {
    for (int i = 0; i < count; i++) {
      assertThat(http.post("/api/deliveries", "application/json", DELIVERY.formatted(", \"classification\": \"secret\""),
          Tokens.bearer(token)).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void aDeskCannotCountSecretRecordsFromWriteAnswersOrConflicts() {
    try (ConfigurableApplicationContext context = start()) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      String secret = secretClearedToken(context);

      HttpResponse<String> first = http.post("/api/deliveries", "application/json", DELIVERY.formatted(""), Tokens.bearer(tokens.gbr()));
      recordSecretDeliveries(http, secret, 3);
      HttpResponse<String> second = http.post("/api/deliveries", "application/json", DELIVERY.formatted(""), Tokens.bearer(tokens.gbr()));

      assertThat(first.body()).contains("\"stream\":\"support-GBR\"", "\"streamVersion\":1").doesNotContain("\"seq\"");
      assertThat(second.body()).contains("\"stream\":\"support-GBR\"", "\"streamVersion\":2").doesNotContain("\"seq\"");

      // A secret incident, verified (its stream is at version 2); the desk then reports under the same id.
      assertThat(http.post("/api/incidents", "application/json", """
          {"id": "hidden", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "classification": "secret"}""",
          Tokens.bearer(secret)).statusCode()).isEqualTo(201);
      assertThat(http.post("/api/incidents/hidden/verify", "application/json", "{\"by\": \"UKR\"}", Tokens.bearer(secret)).statusCode())
          .isEqualTo(200);
      HttpResponse<String> conflict = http.post("/api/incidents", "application/json", """
          {"id": "hidden", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR"}""", Tokens.bearer(tokens.ukr()));

      assertThat(conflict.statusCode()).isEqualTo(409);
      assertThat(conflict.body()).doesNotContain("actualVersion", "version 2", "secret");
    }
  }

  /**
   * Issue #11: a write the engine cannot apply was refused with a message naming it "event #N", its
   * position in the engine's fold, which counts the classified events before it.
   */
  @Test
  void aRefusalByTheEngineNamesTheWritersEventByWhatItSentNotByAPositionThatCountsSecretOnes() {
    try (ConfigurableApplicationContext context = start()) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      String secret = secretClearedToken(context);
      recordSecretDeliveries(http, secret, 3);

      assertThat(http.post("/api/consultations", "application/json", "{\"id\": \"c9\", \"requestedBy\": \"UKR\"}",
          Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(201);

      // A measure the consultation never decided: the engine stops at this event.
      HttpResponse<String> refused = http.post("/api/deliveries", "application/json",
          DELIVERY.formatted(", \"countsAgainst\": {\"consultation\": \"c9\", \"measure\": \"m1\"}"),
          Tokens.bearer(tokens.gbr()));

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      assertThat(refused.body()).containsPattern("the engine cannot apply this event: the delivery-recorded at 20\\d\\d-[0-9T:.-]+Z counts"
          + " against measure c9/m1, which no consultation decided").doesNotContain("event #", "#4", "#5");
    }
  }
}

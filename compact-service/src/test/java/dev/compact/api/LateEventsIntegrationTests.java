package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.ChainVerifier;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #12: a meeting held in time but recorded after its deadline had passed was refused with 422
 * ("record events in the order they happened"), so the record could never hold the truth once it
 * arrived late. It is accepted through the normal command path, the record is evaluated again, and
 * the correction is shown as such, after the breach that was shown before.
 */
class LateEventsIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aMeetingRecordedAfterItsDeadlineTurnsTheBreachIntoFulfilment(String kind) {
    String db = TestDatabases.freshUrl(kind);
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(db, "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      RecordApiIntegrationTests.reportVerifyRequest(context, http);
      assertThat(http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT30H\"}").statusCode()).isEqualTo(200);
      assertThat(http.get("/api/obligations?party=GBR&state=breached").body()).contains("gbr-ukr-2024/gbr-consult/GBR@c1");

      // The United Kingdom met Ukraine ten hours after the request; the secretariat learns of it a day later
      // (with a token issued now: the first ones have expired on the test clock).
      String secretariat = context.getBean(dev.compact.access.Accounts.class).issue("secretariat", java.time.Duration.ofDays(1)).token();
      HttpResponse<String> held = http.post("/api/consultations/c1/held", "application/json",
          "{\"attended\": [\"UKR\", \"GBR\"], \"occurredAt\": \"2026-03-01T16:00:00Z\"}", Tokens.bearer(secretariat));

      assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
      assertThat(http.get("/api/obligations?party=GBR&state=fulfilled").body()).contains("gbr-ukr-2024/gbr-consult/GBR@c1");
      assertThat(http.get("/api/obligations?party=GBR&state=breached").body()).doesNotContain("gbr-ukr-2024/gbr-consult/GBR@c1");
      String history = http.get("/api/norms/instance?key=gbr-ukr-2024/gbr-consult/GBR@c1").body();
      assertThat(history).contains("\"toState\":\"breached\"", "\"toState\":\"fulfilled\"", "recorded late on", "changes breached to fulfilled");
      assertThat(history.indexOf("\"toState\":\"breached\"")).isLessThan(history.indexOf("changes breached to fulfilled"));
      // Denmark did not attend: its breach stands.
      assertThat(http.get("/api/obligations?party=DNK&state=breached").body()).contains("dnk-ukr-2024/dnk-consult/DNK@c1");
    }
    try (Database database = Database.open(db)) {
      assertThat(ChainVerifier.verify(database).intact()).isTrue();
    }
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Accounts;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A value the API cannot honour is refused with a problem that says what it takes, never quietly
 * changed or matched against nothing. Before this, a screening limit of 500 gave 100 hits, one of 0
 * gave 1, a transitions limit of 5,000 gave 500, an unknown alert status answered an empty list, and
 * the test clock took an earlier 'to' as a no-op and ignored 'to' beside 'advanceBy' (audit item 16).
 */
class SilentLimitsIntegrationTests {

  @Test
  void valuesOutOfRangeAreRefusedNamingWhatIsAccepted() {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);

      for (int limit : new int[] {0, 101, 500}) {
        HttpResponse<String> screen = http.post("/api/screen", "application/json", "{\"name\": \"Kassem Chams\", \"limit\": " + limit + "}");
        assertThat(screen.statusCode()).as(screen.body()).isEqualTo(422);
        assertThat(screen.body()).contains("'limit' must be from 1 to 100 (default 10), not " + limit);
      }
      assertThat(http.post("/api/screen", "application/json", "{\"name\": \"Kassem Chams\", \"limit\": 100}").statusCode()).isEqualTo(200);

      for (String limit : new String[] {"0", "1001"}) {
        HttpResponse<String> transitions = http.get("/api/transitions?limit=" + limit);
        assertThat(transitions.statusCode()).as(transitions.body()).isEqualTo(400);
        assertThat(transitions.body()).contains("'limit' must be from 1 to 1000 (default 50), not " + limit);
      }
      assertThat(http.get("/api/transitions?limit=1000").statusCode()).isEqualTo(200);

      Accounts accounts = context.getBean(Accounts.class);
      accounts.add("bank", List.of("compliance"));
      String[] bank = Tokens.bearer(accounts.issue("bank", Duration.ofDays(1)).token());
      HttpResponse<String> bogus = http.get("/api/watchlist/alerts?status=bogus", bank);
      assertThat(bogus.statusCode()).as(bogus.body()).isEqualTo(400);
      assertThat(bogus.body()).contains("'status' must be one of open, confirmed, false-positive, escalated");
      assertThat(http.get("/api/watchlist/alerts?status=false-positive", bank).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theTestClockRefusesToMoveBackOrToBeToldTwoThings() {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);

      HttpResponse<String> earlier = http.post("/api/clock", "application/json", "{\"to\": \"2026-02-01T00:00:00Z\"}");
      HttpResponse<String> both = http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT1H\", \"to\": \"2026-03-05T00:00:00Z\"}");
      HttpResponse<String> to = http.post("/api/clock", "application/json", "{\"to\": \"2026-03-02T00:00:00Z\"}");
      HttpResponse<String> again = http.post("/api/clock", "application/json", "{\"to\": \"2026-03-02T00:00:00Z\"}");

      assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(400);
      assertThat(earlier.body()).contains("time only moves forward");
      assertThat(both.statusCode()).as(both.body()).isEqualTo(400);
      assertThat(both.body()).contains("give 'advanceBy' or 'to', not both");
      assertThat(to.statusCode()).isEqualTo(200);
      assertThat(again.statusCode()).as("moving to where the clock is, as a retry does, changes nothing").isEqualTo(200);
      assertThat(again.body()).contains("\"now\":\"2026-03-02T00:00:00Z\"");
    }
  }
}

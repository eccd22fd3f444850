package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: times were kept as ISO-8601 text, which sorts wrongly within one second ({@code ...00Z}
 * after {@code ...00.5Z}); read models now hold microseconds. Lists, due-time filters and deadlines
 * must come in time order on both databases, and times equal to the microsecond in the order recorded.
 */
class TimeOrderIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void listsAreInTimeOrderWithinOneSecond(String kind) {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl(kind),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:02Z",
        "--compact.tick-interval=PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      // Recorded in time order (the record refuses anything else), with 0, 3, 6 and 9 fractional digits.
      String[][] incidents = {{"t0", "2026-03-01T06:00:00Z"}, {"t1", "2026-03-01T06:00:00.250Z"}, {"t2", "2026-03-01T06:00:00.500Z"},
          {"t3", "2026-03-01T06:00:00.500001Z"}, {"t4", "2026-03-01T06:00:00.500001001Z"}};
      for (String[] incident : incidents) {
        assertThat(http.post("/api/incidents", "application/json", """
            {"id": "%s", "kind": "drone-strike", "place": "UA-30", "severity": 2, "reportedBy": "UKR", "attacker": "RUS", "occurredAt": "%s"}"""
            .formatted(incident[0], incident[1]), Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(201);
      }
      String[] delivery = {"2026-03-01T06:00:00.6Z", "2026-03-01T06:00:00.75Z", "2026-03-01T06:00:01Z"};
      for (String at : delivery) {
        assertThat(http.post("/api/deliveries", "application/json", """
            {"guarantor": "GBR", "category": "military", "value": {"value": 1, "currency": "EUR"}, "occurredAt": "%s"}""".formatted(at),
            Tokens.bearer(tokens.gbr())).statusCode()).isEqualTo(201);
      }

      // Two consultations on t0 in one second, whose ids sort the other way round: the guarantors'
      // duties to meet are due 24 hours later, one on the second and one half a second after it.
      String[][] consultations = {{"cz", "2026-03-01T06:00:01Z"}, {"ca", "2026-03-01T06:00:01.500Z"}};
      for (String[] consultation : consultations) {
        assertThat(http.post("/api/consultations", "application/json", """
            {"id": "%s", "requestedBy": "UKR", "incident": "t0", "occurredAt": "%s"}""".formatted(consultation[0], consultation[1]),
            Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(201);
      }

      String newestFirst = http.get("/api/incidents").body();
      assertThat(newestFirst.indexOf("\"t4\"")).isLessThan(newestFirst.indexOf("\"t3\""));
      assertThat(newestFirst.indexOf("\"t3\"")).isLessThan(newestFirst.indexOf("\"t2\""));
      assertThat(newestFirst.indexOf("\"t2\"")).isLessThan(newestFirst.indexOf("\"t1\""));
      assertThat(newestFirst.indexOf("\"t1\"")).isLessThan(newestFirst.indexOf("\"t0\""));
      String oldestFirst = http.get("/api/support").body();
      assertThat(oldestFirst.indexOf("06:00:00.600Z")).isPositive().isLessThan(oldestFirst.indexOf("06:00:00.750Z"));
      assertThat(oldestFirst.indexOf("06:00:00.750Z")).isLessThan(oldestFirst.indexOf("06:00:01Z"));
      // Equal to the microsecond (t3 and t4 differ by a nanosecond): newest first is the order recorded, reversed.
      assertThat(newestFirst).contains("\"reportedAt\":\"2026-03-01T06:00:00.500001Z\"");

      String requested = http.get("/api/consultations").body();
      assertThat(requested.indexOf("\"ca\"")).isPositive().isLessThan(requested.indexOf("\"cz\""));
      String soonestFirst = http.get("/api/obligations?party=GBR&state=active").body();
      assertThat(soonestFirst.indexOf("@cz\"")).isPositive().isLessThan(soonestFirst.indexOf("@ca\""));
      assertThat(soonestFirst).contains("\"dueAt\":\"2026-03-02T06:00:01Z\"", "\"dueAt\":\"2026-03-02T06:00:01.500Z\"");
      String dueSoon = http.get("/api/obligations?party=GBR&state=active&dueBefore=2026-03-02T06:00:01.200Z").body();
      assertThat(dueSoon).contains("@cz\"").doesNotContain("@ca\"");
    }
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Audit round 4: writes that let one desk act beyond its state's rights, or that the record would contradict, are
 * refused with a reason and record nothing; on SQLite and PostgreSQL, over HTTP.
 */
class DeskRightsIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  /**
   * A reject after a verify was answered 200 and showed "rejected" on the incident, while the engine ignored it and
   * the duties the verification started went on running: the record contradicted itself. A second verdict is a 422
   * now; and a log that already holds one (written before the rule) shows the first verdict, as the engine reads it.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aSettledIncidentIsNotSettledAgain(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = RecordApiIntegrationTests.reportVerifyRequest(context, http);
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();

      HttpResponse<String> reject = http.post("/api/incidents/kharkiv-1/reject", "application/json",
          "{\"by\": \"UKR\", \"reason\": \"changed our mind\"}", Tokens.bearer(tokens.secretariat()));

      assertThat(reject.statusCode()).as(reject.body()).isEqualTo(422);
      assertThat(reject.body()).contains("incident kharkiv-1 was already verified at", "an incident is settled once", "nothing was recorded");
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);
      assertThat(http.get("/api/incidents/kharkiv-1").body()).contains("\"status\":\"verified\"");

      // A log written before the rule: the second verdict is on it, recorded by the service itself here.
      record.record("incident-kharkiv-1", java.util.Optional.empty(), List.of(new dev.compact.engine.Event.IncidentRejected(
          record.clock().instant(), record.clock().instant(), new dev.compact.engine.Event.IncidentId("kharkiv-1"),
          new dev.compact.agreements.PartyCode("UKR"), "old log")), java.util.Optional.empty(), dev.compact.access.Actor.system("old-log"));
      assertThat(http.get("/api/incidents/kharkiv-1").body()).as("the read model agrees with the engine").contains("\"status\":\"verified\"")
          .doesNotContain("old log");
      assertThat(http.get("/api/norms/instance?key=gbr-ukr-2024/gbr-consult/GBR@c1").body()).contains("\"state\":\"active\"");
      assertThat(record.rebuild()).isPositive();
      assertThat(http.get("/api/incidents/kharkiv-1").body()).as("and so does a rebuild").contains("\"status\":\"verified\"");
    }
  }
}

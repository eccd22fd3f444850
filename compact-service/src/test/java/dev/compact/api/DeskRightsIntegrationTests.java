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

  static final String JSON = "application/json";

  /** A token issued now for an account the test made: the first ones expire once the test clock has moved a day. */
  static String[] fresh(ConfigurableApplicationContext context, String account) {
    return Tokens.bearer(context.getBean(dev.compact.access.Accounts.class).issue(account, java.time.Duration.ofDays(1)).token());
  }

  static void advance(Http http, String by) {
    assertThat(http.post("/api/clock", JSON, "{\"advanceBy\": \"" + by + "\"}").statusCode()).isEqualTo(200);
  }

  static String state(Http http, String instance) {
    String body = http.get("/api/norms/instance?key=" + instance).body();
    java.util.regex.Matcher state = java.util.regex.Pattern.compile("\"state\":\"([a-z-]+)\"").matcher(body);
    assertThat(state.find()).as(body).isTrue();
    return state.group(1);
  }

  static final String US_TERMS = """
      {"id": "us-eo", "issuer": "USA", "title": "EO designations", "adopted": "2026-02-20", "designations": [{"id": "d1"}],
       "sources": {"adopted": "https://example.org/eo", "designations": "https://example.org/eo"}}""";

  /**
   * Any guarantor desk could lift a designation of another issuer's package, and the register then showed the United
   * States' listing as lifted by the UK. Only the issuer's desk, or that of a guarantor that adopted the package (it
   * applies the listing, and the lock reads its lifting as its own easing), acts on a designation.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aDeskCannotLiftADesignationOfAPackageItNeitherIssuedNorAdopted(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      assertThat(http.post("/api/sanctions/packages", JSON, US_TERMS, Tokens.bearer(tokens.usa())).statusCode()).isEqualTo(201);
      long head = record.store().head().seq();

      HttpResponse<String> byUk = http.post("/api/sanctions/us-eo/designations/d1", JSON, "{\"action\": \"lift\", \"by\": \"GBR\"}",
          Tokens.bearer(tokens.gbr()));
      HttpResponse<String> reimposed = http.post("/api/sanctions/us-eo/designations/d1", JSON,
          "{\"action\": \"reimpose\", \"by\": \"GBR\"}", Tokens.bearer(tokens.gbr()));

      assertThat(byUk.statusCode()).as(byUk.body()).isEqualTo(403);
      assertThat(byUk.body()).contains("us-eo was issued by USA and GBR has not adopted it; only the guarantor desk of USA, or of a"
          + " guarantor that adopted the package, lifts or re-imposes its designations", "nothing was recorded");
      assertThat(reimposed.statusCode()).as(reimposed.body()).isEqualTo(403);
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);
      assertThat(http.get("/api/sanctions/packages/us-eo").body()).contains("\"state\":\"listed\"").doesNotContain("\"state\":\"lifted\"");

      assertThat(http.post("/api/sanctions/us-eo/designations/d1", JSON, "{\"action\": \"lift\", \"by\": \"USA\"}",
          Tokens.bearer(tokens.usa())).statusCode()).as("the issuer").isEqualTo(200);
      assertThat(http.post("/api/sanctions/packages/us-eo/acts", JSON, "{\"action\": \"adopt\", \"by\": \"GBR\"}",
          Tokens.bearer(tokens.gbr())).statusCode()).isEqualTo(200);
      assertThat(http.post("/api/sanctions/us-eo/designations/d1", JSON, "{\"action\": \"reimpose\", \"by\": \"GBR\"}",
          Tokens.bearer(tokens.gbr())).statusCode()).as("an adopter").isEqualTo(200);
    }
  }
}

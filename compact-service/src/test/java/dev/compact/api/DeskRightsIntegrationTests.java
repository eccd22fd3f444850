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

  /**
   * Review 5, L11: the read model kept the first verdict in the order the log holds them, while the engine folds the
   * record in order of occurrence. A log written before the rule, whose second verdict (a rejection recorded after the
   * verification) is backdated before the first, showed "verified" while the engine read the incident as rejected and
   * ended the duties the verification had started. The read model now keeps the first to occur, as the engine does.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aBackdatedSecondVerdictOnAnOldLogIsTheOneShownAsTheEngineReadsIt(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      assertThat(http.post("/api/incidents", JSON, """
          {"id": "kharkiv-1", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "attacker": "RUS"}""",
          Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(201);
      java.time.Instant reported = record.clock().instant();
      advance(http, "PT1H");
      assertThat(http.post("/api/incidents/kharkiv-1/verify", JSON, "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat())).statusCode())
          .isEqualTo(200);
      assertThat(http.post("/api/consultations", JSON, "{\"id\": \"c1\", \"requestedBy\": \"UKR\", \"incident\": \"kharkiv-1\"}",
          Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(201);

      // A log written before the rule: a rejection recorded after the verification, said to have occurred before it.
      java.time.Instant backdated = reported.plus(java.time.Duration.ofMinutes(30));
      record.record("incident-kharkiv-1", java.util.Optional.empty(), List.of(new dev.compact.engine.Event.IncidentRejected(backdated,
          record.clock().instant(), new dev.compact.engine.Event.IncidentId("kharkiv-1"), new dev.compact.agreements.PartyCode("UKR"),
          "old log, backdated")), java.util.Optional.empty(), dev.compact.access.Actor.system("old-log"));

      String incident = http.get("/api/incidents/kharkiv-1").body();
      assertThat(incident).as("the first verdict to occur").contains("\"status\":\"rejected\"", "old log, backdated");
      // The engine's reading, as it answers a new verdict: the incident is settled by the rejection, not the verification.
      HttpResponse<String> again = http.post("/api/incidents/kharkiv-1/verify", JSON, "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat()));
      assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
      assertThat(again.body()).contains("incident kharkiv-1 was already rejected");
      assertThat(record.rebuild()).isPositive();
      assertThat(http.get("/api/incidents/kharkiv-1").body()).as("and so does a rebuild").contains("\"status\":\"rejected\"");
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

  /** An attack on the UK, the UK's request for consultations, and 30 hours without a meeting: Ukraine's duty is breached. */
  static void ukraineBreachesItsDutyToConsultTheUk(Http http, Tokens tokens) {
    assertThat(http.post("/api/incidents", JSON, """
        {"id": "uk-strike", "kind": "missile-strike", "place": "GBR", "severity": 3, "reportedBy": "GBR", "attacker": "RUS"}""",
        Tokens.bearer(tokens.gbr())).statusCode()).isEqualTo(201);
    assertThat(http.post("/api/consultations", JSON, "{\"id\": \"c-gb\", \"requestedBy\": \"GBR\", \"incident\": \"uk-strike\"}",
        Tokens.bearer(tokens.gbr())).statusCode()).isEqualTo(201);
    advance(http, "PT30H");
  }

  static String state(Http http, String instance) {
    String body = http.get("/api/norms/instance?key=" + instance).body();
    java.util.regex.Matcher state = java.util.regex.Pattern.compile("\"state\":\"([a-z-]+)\"").matcher(body);
    assertThat(state.find()).as(body).isTrue();
    return state.group(1);
  }

  /**
   * Audit round 5, A1: a notice of termination the engine ignores was answered 200 and shown as given, while the agreement
   * ran on: the UK's, whose text allows none, and the US's, given on 31 August with a six-month period that has no date under
   * the compact's calendar rule. Both are refused with the engine's reason, and nothing is recorded.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aNoticeOfTerminationTheEngineWouldIgnoreIsRefusedNotShownAsGiven(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      for (String agreement : List.of("gbr-ukr-2024", "usa-ukr-2024")) {
        HttpResponse<String> inForce = http.post("/api/agreements/" + agreement + "/lifecycle", JSON,
            "{\"action\": \"enter-into-force\", \"occurredAt\": \"2024-07-01T00:00:00Z\"}", Tokens.bearer(tokens.secretariat()));
        assertThat(inForce.statusCode()).as(inForce.body()).isEqualTo(200);
      }
      long head = record.store().head().seq();

      HttpResponse<String> uk = http.post("/api/agreements/gbr-ukr-2024/lifecycle", JSON, "{\"action\": \"give-notice\", \"party\": \"GBR\"}",
          Tokens.bearer(tokens.gbr()));
      HttpResponse<String> us = http.post("/api/agreements/usa-ukr-2024/lifecycle", JSON,
          "{\"action\": \"give-notice\", \"party\": \"USA\", \"occurredAt\": \"2025-08-31T12:00:00Z\"}", Tokens.bearer(tokens.usa()));

      assertThat(uk.statusCode()).as(uk.body()).isEqualTo(403);
      assertThat(uk.body()).contains("notice of termination of gbr-ukr-2024 by GBR refused: gbr-ukr-2024 gives no party a power to terminate it");
      assertThat(us.statusCode()).as(us.body()).isEqualTo(422);
      assertThat(us.body()).contains("notice of termination of usa-ukr-2024 given at 2025-08-31T12:00:00Z would have no date to take effect",
          "nothing was recorded");
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);
      assertThat(http.get("/agreements/gbr-ukr-2024").body()).doesNotContain("gave notice");
    }
  }

  /**
   * Audit round 4, A3: the UK desk suspended the whole Kyiv compact (every guarantor's duties and sanctions locks), and
   * its own agreement eight hours into its own 24-hour duty, which then never breached; no text grants a power to
   * suspend. Now a multilateral agreement without such a power is not suspended by one party, a bilateral one only on
   * the other party's breach on record, and never while the suspending party's own duty runs.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void onePartyCannotSuspendTheCompactNorItsOwnRunningDuty(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = RecordApiIntegrationTests.reportVerifyRequest(context, http);
      RecordService record = context.getBean(RecordService.class);
      assertThat(http.post("/api/agreements/kyiv-compact/lifecycle", JSON, "{\"action\": \"enter-into-force\"}",
          Tokens.bearer(tokens.secretariat())).statusCode()).isEqualTo(200);
      long head = record.store().head().seq();

      HttpResponse<String> compact = http.post("/api/agreements/kyiv-compact/lifecycle", JSON, "{\"action\": \"suspend\", \"party\": \"GBR\"}",
          Tokens.bearer(tokens.gbr()));
      HttpResponse<String> own = http.post("/api/agreements/gbr-ukr-2024/lifecycle", JSON, "{\"action\": \"suspend\", \"party\": \"GBR\"}",
          Tokens.bearer(tokens.gbr()));

      assertThat(compact.statusCode()).as(compact.body()).isEqualTo(403);
      assertThat(compact.body()).contains("kyiv-compact grants no power to suspend it, and it has", "art. 57(b)", "nothing was recorded");
      assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
      assertThat(own.body()).contains("gbr-ukr-2024 grants no power to suspend it, and no breach of it by UKR is on the record");
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);
      assertThat(state(http, "gbr-ukr-2024/gbr-consult/GBR@c1")).isEqualTo("active");

      // Ukraine breaches its reciprocal duty (an attack on the UK, the UK's request, no meeting within 24 hours)...
      ukraineBreachesItsDutyToConsultTheUk(http, tokens);
      assertThat(state(http, "gbr-ukr-2024/ukr-consult/UKR@c-gb")).isEqualTo("breached");
      // ... and then asks the UK for consultations: the UK's new duty runs.
      assertThat(http.post("/api/consultations", JSON, "{\"id\": \"c2\", \"requestedBy\": \"UKR\", \"incident\": \"kharkiv-1\"}",
          fresh(context, "ua-desk")).statusCode()).isEqualTo(201);
      HttpResponse<String> running = http.post("/api/agreements/gbr-ukr-2024/lifecycle", JSON,
          "{\"action\": \"suspend\", \"party\": \"GBR\"}", fresh(context, "uk-desk"));
      assertThat(running.statusCode()).as(running.body()).isEqualTo(403);
      assertThat(running.body()).contains("GBR's duty gbr-ukr-2024/gbr-consult/GBR@c2 is running", "art. 72(1)(b)");

      assertThat(http.post("/api/consultations/c2/held", JSON, "{\"attended\": [\"UKR\", \"GBR\"]}", fresh(context, "secretariat"))
          .statusCode()).isEqualTo(200);
      HttpResponse<String> onBreach = http.post("/api/agreements/gbr-ukr-2024/lifecycle", JSON,
          "{\"action\": \"suspend\", \"party\": \"GBR\"}", fresh(context, "uk-desk"));
      assertThat(onBreach.statusCode()).as("on Ukraine's breach, owing nothing running: " + onBreach.body()).isEqualTo(200);
      assertThat(http.get("/api/norms?agreement=gbr-ukr-2024&state=suspended").body()).contains("gbr-ukr-2024/parties-request/GBR");
    }
  }

  /**
   * Review of aaad729 (H2): the suspension refusal named the running duty by its key and deadline, even one that arose from a
   * secret consultation the desk may not read, telling the desk the consultation's id and when its duty falls due. The desk
   * is now told only that a duty it cannot see stands in the way.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aRefusalDoesNotNameADutyAboveTheDesksClearance(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = RecordApiIntegrationTests.reportVerifyRequest(context, http);
      // Ukraine's breach of its reciprocal duty: the ground a bilateral suspension needs.
      ukraineBreachesItsDutyToConsultTheUk(http, tokens);
      String[] secret = Tokens.bearer(SecretCountIntegrationTests.secretClearedToken(context));
      assertThat(http.post("/api/incidents", JSON, "{\"id\": \"hush-inc\", \"kind\": \"armed-attack\", \"place\": \"UA-63\","
          + " \"severity\": 4, \"reportedBy\": \"UKR\", \"attacker\": \"RUS\", \"classification\": \"secret\"}", secret).statusCode())
          .isEqualTo(201);
      assertThat(http.post("/api/incidents/hush-inc/verify", JSON, "{\"by\": \"UKR\"}", secret).statusCode()).isEqualTo(200);
      assertThat(http.post("/api/consultations", JSON, "{\"id\": \"hush-cons\", \"requestedBy\": \"UKR\", \"incident\": \"hush-inc\","
          + " \"classification\": \"secret\"}", secret).statusCode()).isEqualTo(201);
      String[] uk = fresh(context, "uk-desk");
      assertThat(http.get("/api/consultations/hush-cons", uk).statusCode()).as("the desk may not read it").isEqualTo(404);

      HttpResponse<String> suspend = http.post("/api/agreements/gbr-ukr-2024/lifecycle", JSON,
          "{\"action\": \"suspend\", \"party\": \"GBR\"}", uk);

      assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(403);
      assertThat(suspend.body()).contains("a duty your clearance does not show stands in the way of this write").doesNotContain("hush");
    }
  }

  /**
   * Audit round 4, B7: the UK desk extended the UK-Ukraine agreement by ten years by stating that Ukraine agreed. A desk
   * now records its own party's consent, and names another party only once that party's own consent is on file.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aDeskCannotGiveAnotherPartysConsentToAnExtension(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();
      String both = "{\"by\": \"GBR\", \"agreedBy\": [\"GBR\", \"UKR\"], \"years\": 10}";

      HttpResponse<String> alone = http.post("/api/agreements/gbr-ukr-2024/extensions", JSON, both, Tokens.bearer(tokens.gbr()));

      assertThat(alone.statusCode()).as(alone.body()).isEqualTo(403);
      assertThat(alone.body()).contains("UKR's consent to extending gbr-ukr-2024 by 10 years is not on the record, and GBR's desk cannot"
          + " give it", "arts. 39 and 40", "nothing was recorded");
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);

      assertThat(http.post("/api/agreements/gbr-ukr-2024/extensions", JSON, "{\"by\": \"UKR\", \"agreedBy\": [\"UKR\"], \"years\": 10}",
          Tokens.bearer(tokens.ukr())).statusCode()).as("Ukraine's own consent").isEqualTo(200);
      HttpResponse<String> last = http.post("/api/agreements/gbr-ukr-2024/extensions", JSON, both, Tokens.bearer(tokens.gbr()));
      assertThat(last.statusCode()).as("the UK's, with Ukraine's on file: " + last.body()).isEqualTo(200);
    }
  }

  /**
   * Audit round 4, B8: the UK desk cleared its own breach of the 24-hour duty by reporting, long after, a meeting in
   * time that only the UK attended. Its report is refused until another attendee records its own attendance at that
   * meeting (or the secretariat records it); until then the breach stands in {@code ?state=breached}.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void theObligorAloneCannotClearItsBreachWithABackdatedMeeting(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      RecordApiIntegrationTests.reportVerifyRequest(context, http);
      advance(http, "PT30H");
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();
      String meeting = "\"occurredAt\": \"2026-03-01T16:00:00Z\"";

      HttpResponse<String> byUk = http.post("/api/consultations/c1/held", JSON, "{\"attended\": [\"GBR\"], " + meeting + "}",
          fresh(context, "uk-desk"));

      assertThat(byUk.statusCode()).as(byUk.body()).isEqualTo(403);
      assertThat(byUk.body()).contains("GBR's duty", "was breached when its deadline", "clears the breach only when someone other than GBR"
          + " attests it", "nothing was recorded");
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);
      assertThat(http.get("/api/obligations?party=GBR&state=breached").body()).contains("gbr-ukr-2024/gbr-consult/GBR@c1");

      assertThat(http.post("/api/consultations/c1/held", JSON, "{\"attended\": [\"UKR\"], " + meeting + "}", fresh(context, "ua-desk"))
          .statusCode()).as("Ukraine records its own attendance at that meeting").isEqualTo(200);
      assertThat(state(http, "gbr-ukr-2024/gbr-consult/GBR@c1")).isEqualTo("breached");
      HttpResponse<String> attested = http.post("/api/consultations/c1/held", JSON, "{\"attended\": [\"GBR\"], " + meeting + "}",
          fresh(context, "uk-desk"));
      assertThat(attested.statusCode()).as(attested.body()).isEqualTo(200);
      assertThat(state(http, "gbr-ukr-2024/gbr-consult/GBR@c1")).isEqualTo("fulfilled");
    }
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

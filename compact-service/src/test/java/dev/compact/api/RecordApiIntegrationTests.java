package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.service.RecordService;
import dev.compact.service.TestClock;
import dev.compact.store.ChainVerifier;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The guarantee executed over HTTP only: an armed attack is reported and verified, Ukraine requests
 * consultations, some guarantors meet, the test clock moves 25 hours, and the others are in breach.
 * Runs on SQLite and on PostgreSQL.
 */
class RecordApiIntegrationTests {
  static final String START = "2026-03-01T06:00:00Z";

  static java.util.List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static ConfigurableApplicationContext start(String db, String tick) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + db, "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--compact.test-clock=true", "--compact.test-clock-start=" + START, "--compact.tick-interval=" + tick);
  }

  static Http http(ConfigurableApplicationContext context) {
    return new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  static Tokens reportVerifyRequest(ConfigurableApplicationContext context, Http http) {
    Tokens tokens = Tokens.create(context);
    HttpResponse<String> report = http.post("/api/incidents", "application/json", """
        {"id": "kharkiv-1", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "attacker": "RUS",
         "evidence": [{"outlet": "Reuters", "link": "https://example.org/kharkiv", "quotation": "Missiles struck Kharkiv"}]}""",
        "Idempotency-Key", "report-kharkiv-1", "Authorization", "Bearer " + tokens.ukr());
    assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
    assertThat(http.post("/api/incidents/kharkiv-1/verify", "application/json", "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat()))
        .statusCode()).isEqualTo(200);
    HttpResponse<String> request = http.post("/api/consultations", "application/json",
        "{\"id\": \"c1\", \"requestedBy\": \"UKR\", \"incident\": \"kharkiv-1\"}", Tokens.bearer(tokens.ukr()));
    assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
    return tokens;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void guarantorsThatDoNotConsultWithin24HoursAreInBreach(String kind) {
    String db = TestDatabases.freshUrl(kind);
    try (ConfigurableApplicationContext context = start(db, "PT1H")) {
      Http http = http(context);
      Tokens tokens = reportVerifyRequest(context, http);
      assertThat(http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT5H\"}").statusCode()).isEqualTo(200);
      HttpResponse<String> held = http.post("/api/consultations/c1/held", "application/json", "{\"attended\": [\"GBR\", \"FRA\", \"DEU\"]}",
          Tokens.bearer(tokens.secretariat()));
      assertThat(held.statusCode()).as(held.body()).isEqualTo(200);

      HttpResponse<String> active = http.get("/api/obligations?party=USA&state=active");
      assertThat(active.body()).contains("usa-ukr-2024/usa-consult/USA@c1", "\"dueAt\":\"2026-03-02T06:00:00Z\"");

      HttpResponse<String> moved = http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT20H\"}");
      assertThat(moved.statusCode()).isEqualTo(200);

      // Denmark did not attend: its 24-hour consultation duty is breached. The United States did not either, but its
      // agreement asks to meet "where possible within 24 hours" (a best effort): its duty is late, not breached.
      assertThat(http.get("/api/obligations?party=DNK&state=breached").body()).contains("dnk-ukr-2024/dnk-consult/DNK@c1");
      assertThat(http.get("/api/obligations?party=USA&state=active").body()).contains("usa-ukr-2024/usa-consult/USA@c1");
      // The United Kingdom and France met within the 24 hours.
      assertThat(http.get("/api/obligations?party=GBR&state=breached").body()).doesNotContain("gbr-consult/GBR@c1");
      assertThat(http.get("/api/obligations?party=GBR&state=fulfilled").body()).contains("gbr-ukr-2024/gbr-consult/GBR@c1");
      assertThat(http.get("/api/obligations?party=FRA&state=fulfilled").body()).contains("fra-ukr-2024/fra-consult/FRA@c1");
      String history = http.get("/api/norms/instance?key=dnk-ukr-2024/dnk-consult/DNK@c1").body();
      assertThat(history).contains("\"toState\":\"breached\"", "deadline 2026-03-02");
    }
    try (Database database = Database.open(db)) {
      assertThat(ChainVerifier.verify(database).intact()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void deadlinesPassOnTheirOwnWhenTheClockMoves(String kind) throws InterruptedException {
    try (ConfigurableApplicationContext context = start(TestDatabases.freshUrl(kind), "PT0.1S")) {
      Http http = http(context);
      reportVerifyRequest(context, http);
      CountDownLatch breached = new CountDownLatch(1);
      context.getBean(RecordService.class).onChanges(changes -> {
        if (changes.stream().anyMatch(c -> c.transition().to().keyword().equals("breached"))) {
          breached.countDown();
        }
      });

      // No request moves time here: the clock alone moves, and the scheduler records what passed.
      context.getBean(TestClock.class).advance(Duration.ofHours(25));

      assertThat(breached.await(20, TimeUnit.SECONDS)).as("a breach recorded by the scheduler").isTrue();
      assertThat(http.get("/api/obligations?party=DNK&state=breached").body()).contains("dnk-ukr-2024/dnk-consult/DNK@c1");
    }
  }

  @org.junit.jupiter.api.Test
  void deadlinesAreServedAsACalendarAndTransitionsAsAStream() throws Exception {
    try (ConfigurableApplicationContext context = start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = http(context);
      String port = context.getEnvironment().getProperty("local.server.port");
      java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
      java.net.http.HttpClient.newHttpClient().sendAsync(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/stream")).build(),
          HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(lines::add));

      reportVerifyRequest(context, http);

      String streamed = null;
      for (String line; (line = lines.poll(20, TimeUnit.SECONDS)) != null; ) {
        if (line.startsWith("data:") && line.contains("usa-ukr-2024/usa-consult/USA@c1")) {
          streamed = line;
          break;
        }
      }
      assertThat(streamed).as("a server-sent transition of the US duty to consult").isNotNull()
          .startsWith("data:").contains("\"to\":\"active\"", "\"due\":\"2026-03-02T06:00:00Z\"");
      HttpResponse<String> calendar = http.get("/api/calendar/USA.ics");
      assertThat(calendar.statusCode()).isEqualTo(200);
      assertThat(calendar.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/calendar"));
      assertThat(calendar.body()).contains("BEGIN:VEVENT", "UID:usa-ukr-2024/usa-consult/USA@c1@compact", "DTSTART:20260302T060000Z");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void retriedReportIsRecordedOnceAndAConflictingOneIs409(String kind) {
    try (ConfigurableApplicationContext context = start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = http(context);
      String ua = "Bearer " + Tokens.create(context).ukr();
      String body = "{\"id\": \"i9\", \"kind\": \"drone-strike\", \"place\": \"UA-30\", \"severity\": 2, \"reportedBy\": \"UKR\"}";

      HttpResponse<String> first = http.post("/api/incidents", "application/json", body, "Idempotency-Key", "k-9", "Authorization", ua);
      HttpResponse<String> retry = http.post("/api/incidents", "application/json", body, "Idempotency-Key", "k-9", "Authorization", ua);
      HttpResponse<String> again = http.post("/api/incidents", "application/json", body, "Authorization", ua);

      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(retry.statusCode()).isEqualTo(201);
      assertThat(retry.body()).isEqualTo(first.body());
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(again.body()).contains("https://compact.dev/problems/conflict");
      assertThat(http.get("/api/incidents").body()).containsOnlyOnce("\"incidentId\":\"i9\"");
    }
  }

  /**
   * A client retries later, after time has moved on: its request carries no time of its own (so the
   * retry is stamped later) and the stream has moved on by its own first attempt. It still gets the
   * first answer, and nothing is recorded twice; the same key with another body is still refused.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aRetryAfterTheClockMovedGetsTheFirstAnswer(String kind) {
    try (ConfigurableApplicationContext context = start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = http(context);
      Tokens tokens = Tokens.create(context);
      String ua = "Bearer " + tokens.ukr();
      String uk = "Bearer " + tokens.gbr();
      String incident = "{\"id\": \"i7\", \"kind\": \"drone-strike\", \"place\": \"UA-30\", \"severity\": 2, \"reportedBy\": \"UKR\"}";
      String delivery = "{\"guarantor\": \"GBR\", \"category\": \"humanitarian\", \"items\": [{\"item\": \"generators\", \"quantity\": 40}]}";

      HttpResponse<String> firstIncident = http.post("/api/incidents", "application/json", incident, "Idempotency-Key", "k-i7", "Authorization", ua);
      HttpResponse<String> firstDelivery = http.post("/api/deliveries", "application/json", delivery, "Idempotency-Key", "k-d1", "Authorization", uk);
      assertThat(http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT3H\"}").statusCode()).isEqualTo(200);
      HttpResponse<String> retriedIncident = http.post("/api/incidents", "application/json", incident, "Idempotency-Key", "k-i7", "Authorization", ua);
      HttpResponse<String> retriedDelivery = http.post("/api/deliveries", "application/json", delivery, "Idempotency-Key", "k-d1", "Authorization", uk);
      HttpResponse<String> otherBody = http.post("/api/deliveries", "application/json", delivery.replace("40", "41"), "Idempotency-Key", "k-d1",
          "Authorization", uk);

      assertThat(firstIncident.statusCode()).isEqualTo(201);
      assertThat(retriedIncident.body()).isEqualTo(firstIncident.body());
      assertThat(firstDelivery.statusCode()).isEqualTo(201);
      assertThat(retriedDelivery.statusCode()).as(retriedDelivery.body()).isEqualTo(201);
      assertThat(retriedDelivery.body()).isEqualTo(firstDelivery.body());
      assertThat(otherBody.statusCode()).isEqualTo(422);
      assertThat(http.get("/api/support?guarantor=GBR").body()).containsOnlyOnce("generators");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void badInputIsAProblemAndRecordsNothing(String kind) {
    try (ConfigurableApplicationContext context = start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = http(context);
      Tokens tokens = Tokens.create(context);
      String[] ua = Tokens.bearer(tokens.ukr());

      HttpResponse<String> badKind = http.post("/api/incidents", "application/json",
          "{\"kind\": \"invasion\", \"place\": \"UA-30\", \"severity\": 2, \"reportedBy\": \"UKR\"}", ua);
      HttpResponse<String> badJson = http.post("/api/incidents", "application/json", "{\"kind\": ", ua);
      HttpResponse<String> badParty = http.post("/api/consultations", "application/json", "{\"requestedBy\": \"XXX\"}", ua);
      HttpResponse<String> unknownIncident = http.post("/api/incidents/nope/verify", "application/json", "{\"by\": \"UKR\"}",
          Tokens.bearer(tokens.secretariat()));
      HttpResponse<String> anonymous = http.post("/api/incidents", "application/json",
          "{\"kind\": \"drone-strike\", \"place\": \"UA-30\", \"severity\": 2, \"reportedBy\": \"UKR\"}");
      HttpResponse<String> badToken = http.post("/api/incidents", "application/json",
          "{\"kind\": \"drone-strike\", \"place\": \"UA-30\", \"severity\": 2, \"reportedBy\": \"UKR\"}", Tokens.bearer("cpt_forged"));

      assertThat(badKind.statusCode()).isEqualTo(400);
      assertThat(badKind.body()).contains("'kind' must be one of armed-attack");
      assertThat(badJson.statusCode()).isEqualTo(400);
      assertThat(badParty.statusCode()).isEqualTo(400);
      assertThat(unknownIncident.statusCode()).isEqualTo(404);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("https://compact.dev/problems/unauthenticated");
      assertThat(badToken.statusCode()).isEqualTo(401);
      assertThat(http.get("/api/incidents").body()).isEqualTo("[]");
      assertThat(context.getBean(RecordService.class).isEmpty()).as("nothing but the texts the record was created with").isTrue();
    }
  }
}

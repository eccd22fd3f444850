package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.service.RecordService;
import dev.compact.service.TestClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sanctions packages as legal acts through the API: recorded by their issuer, acted on, read back from the register. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PackagesApiIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static ConfigurableApplicationContext context;
  static Http http;
  static Tokens tokens;

  static final String US_ROUND = """
      {"id": "us-eo14024-2021-04", "issuer": "USA", "title": "EO 14024, first designations",
       "legalActs": ["Executive Order 14024"], "adopted": "2021-04-15", "inForce": "2021-04-15",
       "measures": [{"kind": "asset-freeze", "text": "blocking of property"}],
       "designations": [{"id": "pasit", "name": "AO Pasit", "list": "ofac", "entry": "31412"},
                        {"id": "neobit", "name": "OOO Neobit", "list": "ofac", "entry": "31414"}],
       "designationCount": 6,
       "sources": {"legal-acts": "https://example.org/eo", "adopted": "https://example.org/eo", "in-force": "https://example.org/eo",
                   "measures": "https://example.org/eo", "designations": "ofac_sdn_2021/sdn.csv",
                   "designation-count": "ofac_sdn_2021/sdn.csv"}}
      """;

  @BeforeAll
  static void start() throws Exception {
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.preload=false", "--compact.test-clock=true",
        "--compact.test-clock-start=2026-02-01T00:00:00Z", "--compact.tick-interval=PT1H");
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    tokens = Tokens.create(context);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static long head() {
    return context.getBean(RecordService.class).store().head().seq();
  }

  @Test
  void theIssuerRecordsAPackageAndItsAdoptionAndTheRegisterShowsThemWithEachDesignation() throws Exception {
    HttpResponse<String> byUk = http.post("/api/sanctions/packages", "application/json", US_ROUND, Tokens.bearer(tokens.gbr()));
    assertThat(byUk.statusCode()).as(byUk.body()).isEqualTo(403);

    HttpResponse<String> recorded = http.post("/api/sanctions/packages", "application/json", US_ROUND, "Authorization", "Bearer " + tokens.usa(),
        "Idempotency-Key", "us-round-1");
    long after = head();
    HttpResponse<String> retried = http.post("/api/sanctions/packages", "application/json", US_ROUND, "Authorization", "Bearer " + tokens.usa(),
        "Idempotency-Key", "us-round-1");
    assertThat(recorded.statusCode()).as("a package's first terms are created").isEqualTo(201);
    assertThat(recorded.body()).contains("sanctions-package-recorded", "sanctions-us-eo14024-2021-04");
    assertThat(retried.body()).isEqualTo(recorded.body());
    assertThat(head()).isEqualTo(after);

    assertThat(http.post("/api/sanctions/packages/us-eo14024-2021-04/acts", "application/json", "{\"action\": \"adopt\", \"by\": \"USA\","
        + " \"occurredAt\": \"2021-04-15T12:00:00Z\"}", Tokens.bearer(tokens.usa())).statusCode()).isEqualTo(200);
    assertThat(http.post("/api/sanctions/us-eo14024-2021-04/designations/pasit", "application/json", "{\"action\": \"lift\", \"by\": \"USA\"}",
        Tokens.bearer(tokens.usa())).statusCode()).isEqualTo(200);

    JsonNode round = JSON.readTree(http.get("/api/sanctions/packages/us-eo14024-2021-04").body());
    assertThat(round.get("issuer").asString()).isEqualTo("USA");
    assertThat(round.get("legalActs").get(0).asString()).isEqualTo("Executive Order 14024");
    assertThat(round.get("designationCount").asInt()).isEqualTo(6);
    assertThat(round.get("sources").get("designation-count").asString()).isEqualTo("ofac_sdn_2021/sdn.csv");
    assertThat(round.get("measures").get(0).get("kind").asString()).isEqualTo("asset-freeze");
    assertThat(round.get("adoption").get(0).get("status").asString()).isEqualTo("adopted");
    assertThat(round.get("adoption").get(0).get("inForce").asBoolean()).isTrue();
    assertThat(round.get("designations").get(0).get("state").asString()).isEqualTo("lifted");
    assertThat(round.get("designations").get(0).get("act").get("text").asString())
        .isEqualTo("USA lifted the designation of pasit under sanctions package us-eo14024-2021-04 (an easing of the package)");
    assertThat(round.get("designations").get(1).get("state").asString()).isEqualTo("listed");
    assertThat(round.get("designations").get(1).get("entry").asString()).isEqualTo("31414");
    assertThat(JSON.readTree(http.get("/api/sanctions/packages?issuer=USA").body()).toString()).contains("us-eo14024-2021-04");
    assertThat(JSON.readTree(http.get("/api/sanctions/packages?issuer=GBR").body())).isEmpty();
    assertThat(http.get("/api/sanctions/packages/nothing-here").statusCode()).isEqualTo(404);

    // A screening hit on an entry the package designated names the package, with the designation's state.
    JsonNode hits = JSON.readTree(http.post("/api/screen", "application/json", "{\"name\": \"OOO Neobit\", \"type\": \"company\"}")
        .body()).get("hits");
    JsonNode neobit = null;
    for (JsonNode hit : hits) {
      if (hit.get("id").toString().contains("31414")) {
        neobit = hit;
      }
    }
    assertThat(neobit).as(hits.toString()).isNotNull();
    assertThat(neobit.get("packages").get(0).get("id").asString()).isEqualTo("us-eo14024-2021-04");
    assertThat(neobit.get("packages").get(0).get("designation").asString()).isEqualTo("neobit");
    assertThat(neobit.get("packages").get(0).get("state").asString()).isEqualTo("listed");
  }

  @Test
  void aPackageRecordedAfterAScreeningIsNamedByTheNextOneOnEachOfItsHits() throws Exception {
    // The register has caught up with the whole log (its other streams included) for this answer.
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"OOO Neobit\", \"type\": \"company\"}").statusCode())
        .isEqualTo(200);
    assertThat(http.post("/api/sanctions/packages", "application/json", """
        {"id": "us-eo14024-2021-later", "issuer": "USA", "title": "EO 14024, later designations",
         "legalActs": ["Executive Order 14024"], "adopted": "2021-04-15",
         "designations": [{"id": "sosi", "name": "Specialized Security Computing Devices and Automation", "list": "ofac", "entry": "31415"},
                          {"id": "kvant", "name": "Kvant Scientific Research Institute", "list": "ofac", "entry": "24646"}],
         "sources": {"legal-acts": "https://example.org/eo", "adopted": "https://example.org/eo",
                     "designations": "ofac_sdn_2021/sdn.csv"}}
        """, Tokens.bearer(tokens.usa())).statusCode()).isBetween(200, 201);

    // Two hits, each designated by the package under its own designation: the answer reads the register once for
    // all its hits, and each hit must still get its own entry's references.
    JsonNode hits = JSON.readTree(http.post("/api/screen", "application/json",
        "{\"name\": \"Scientific Research Institute Automation\", \"type\": \"company\"}").body()).get("hits");
    java.util.Map<String, String> designations = new java.util.HashMap<>();
    for (JsonNode hit : hits) {
      String packages = hit.get("packages").toString();
      designations.put(hit.get("id").get("value").asString(), packages.contains("us-eo14024-2021-later")
          ? hit.get("packages").get(0).get("designation").asString() : "none");
    }
    assertThat(designations).as(hits.toString()).containsEntry("31415", "sosi").containsEntry("24646", "kvant");
  }

  @Test
  void aScreeningAnswersWhileAnAppendHoldsTheRecordsWriterConnection() throws Exception {
    // Issue #17: each answer with hits reads the log's head for the register, and read it on SQLite's one writer
    // connection, so every screening waited behind a long append (a list version's import) and failed after the pool's
    // timeout. The head is read on the readers' connections; a package recorded before is still named (the test above).
    try (java.sql.Connection writer = context.getBean(RecordService.class).database().dataSource().getConnection()) {
      assertThat(writer.isValid(1)).isTrue();
      HttpResponse<String> answer = http.post("/api/screen", "application/json", "{\"name\": \"OOO Neobit\", \"type\": \"company\"}");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(JSON.readTree(answer.body()).get("hits")).isNotEmpty();
    }
  }

  @Test
  void aFactWithoutASourceIsRefusedAndNothingIsRecorded() throws Exception {
    long before = head();
    HttpResponse<String> unsourced = http.post("/api/sanctions/packages", "application/json", """
        {"id": "eu-14", "issuer": "EU", "title": "14th package", "adopted": "2024-06-24", "designationCount": 116,
         "sources": {"adopted": "https://example.org/14"}}
        """, Tokens.bearer(tokens.secretariat()));
    HttpResponse<String> badDate = http.post("/api/sanctions/packages", "application/json", """
        {"id": "eu-14", "issuer": "EU", "title": "14th package", "adopted": "24 June 2024", "sources": {"adopted": "https://example.org/14"}}
        """, Tokens.bearer(tokens.secretariat()));

    assertThat(unsourced.statusCode()).as(unsourced.body()).isEqualTo(400);
    assertThat(unsourced.body()).contains("no source for designation-count");
    assertThat(badDate.statusCode()).isBetween(400, 422);
    assertThat(badDate.body()).contains("'adopted' must be a date, YYYY-MM-DD");
    assertThat(head()).isEqualTo(before);
  }

  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // moves the test clock on, past the tokens' day
  void aPackageBlockedByTwoMemberStatesNamesThemAndOneInForceLaterIsPickedUpWhenTheClockGetsThere() throws Exception {
    assertThat(http.post("/api/sanctions/packages", "application/json", """
        {"id": "eu-20", "issuer": "EU", "title": "20th package", "inForce": "2026-03-01",
         "sources": {"in-force": "https://example.org/20"}}
        """, Tokens.bearer(tokens.secretariat())).statusCode()).isEqualTo(201);
    assertThat(http.post("/api/sanctions/packages", "application/json", """
        {"id": "eu-20", "issuer": "EU", "title": "20th package of sanctions", "inForce": "2026-03-01",
         "sources": {"in-force": "https://example.org/20"}}
        """, Tokens.bearer(tokens.secretariat())).statusCode()).as("amended terms").isEqualTo(200);
    HttpResponse<String> noBlockers = http.post("/api/sanctions/packages/eu-20/acts", "application/json",
        "{\"action\": \"block\", \"by\": \"EU\"}", Tokens.bearer(tokens.secretariat()));
    assertThat(noBlockers.body()).contains("'blockedBy' must name who blocked the package");
    assertThat(http.post("/api/sanctions/packages/eu-20/acts", "application/json",
        "{\"action\": \"block\", \"by\": \"EU\", \"blockedBy\": [\"HUN\", \"SVK\"], \"reason\": \"unanimity not reached\"}",
        Tokens.bearer(tokens.secretariat())).statusCode()).isEqualTo(200);
    assertThat(http.post("/api/sanctions/packages/eu-20/acts", "application/json", "{\"action\": \"adopt\", \"by\": \"DEU\"}",
        Tokens.bearer(tokens.deu())).statusCode()).isEqualTo(200);

    JsonNode blocked = JSON.readTree(http.get("/api/sanctions/packages/eu-20").body());
    assertThat(blocked.get("adoption").get(0).get("text").asString()).isEqualTo("blocked by HUN, SVK");
    assertThat(blocked.get("adoption").get(0).get("blockedBy").toString()).isEqualTo("[\"HUN\",\"SVK\"]");
    assertThat(blocked.get("adoption").get(1).get("text").asString()).isEqualTo("adopted, in force from 2026-03-01");
    assertThat(blocked.get("adoption").get(1).get("inForce").asBoolean()).isFalse();

    context.getBean(TestClock.class).advance(Duration.ofDays(28));

    JsonNode inForce = JSON.readTree(http.get("/api/sanctions/packages/eu-20").body());
    assertThat(inForce.get("adoption").get(1).get("text").asString()).isEqualTo("adopted, in force");
    assertThat(inForce.get("adoption").get(1).get("inForce").asBoolean()).isTrue();
  }
}

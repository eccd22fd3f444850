package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database failing under a request, wherever it is met: in a controller (a read model's query) it was a 500 with a
 * stack trace per request, and in the filter in front of the session (a session read) a 503 problem document even for
 * a browser's page. Both are now the same 503, one log line each, a page for a page and a problem for the API.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String[] PAGE = {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"};

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aDatabaseFailureIsA503InOneLineAPageForAPageAndAProblemForTheApi(String kind, CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl(kind),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.test-clock=true",
        "--compact.test-clock-start=" + RecordApiIntegrationTests.START, "--compact.tick-interval=PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      String[] cookie = http.signIn(Tokens.create(context).gbr());
      // Nothing of the obligations is read before: an answer the service has given once may be served again unread.
      assertThat(http.get("/api/compact").statusCode()).isEqualTo(200);
      int before = output.getAll().length();

      // A read model's table is gone: its reads fail in the controller, as they do when the database cannot be reached.
      rename(context, "norm_instances", "norm_instances_gone");
      HttpResponse<String> api = http.get("/api/obligations");
      HttpResponse<String> page = http.get("/obligations", PAGE);

      assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
      assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      JsonNode problem = JSON.readTree(api.body());
      assertThat(problem.get("type").asString()).isEqualTo("https://compact.dev/problems/unavailable");
      assertThat(problem.get("detail").asString()).isEqualTo("the service's database cannot be read just now. Try again shortly");
      assertThat(page.statusCode()).isEqualTo(503);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(page.body()).contains("<h1>Service unavailable</h1>", "the service&#39;s database cannot be read just now. Try again shortly");

      // The sessions' table is gone too: a request with a session's cookie fails in the filter, before any controller.
      rename(context, "spring_session", "spring_session_gone");
      HttpResponse<String> sessionPage = http.get("/obligations", cookie[0], cookie[1], PAGE[0], PAGE[1]);
      HttpResponse<String> sessionApi = http.get("/api/obligations", cookie[0], cookie[1], "Accept", "application/json");

      assertThat(sessionPage.statusCode()).isEqualTo(503);
      assertThat(sessionPage.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(sessionPage.body()).contains("<h1>Service unavailable</h1>", "cannot be read just now. Try again shortly")
          .doesNotContain("\"type\"");
      assertThat(sessionApi.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(sessionApi.body()).get("type").asString()).isEqualTo("https://compact.dev/problems/unavailable");
      String log = output.getAll().substring(before);
      assertThat(log).contains("GET /api/obligations could not be answered, the database could not be read: ",
          "GET /obligations could not be answered, the database could not be read: ").doesNotContain("\tat ", "unexpected failure",
          "dashboard page failed");
    }
  }

  /**
   * Review 6, M3: every SQL failure was called an outage, so a NUL character in a rejection's reason, which PostgreSQL
   * cannot store in a text, was a 503 "try again shortly" and a warning that the database could not be read, for a
   * request that fails on every retry. It is the request's fault: a 400 that says so, and nothing is recorded.
   */
  @org.junit.jupiter.api.Test
  void aValueTheDatabaseRefusesIsTheRequestsFaultNotAnOutage(CapturedOutput output) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("postgresql"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      dev.compact.service.RecordService record = context.getBean(dev.compact.service.RecordService.class);
      assertThat(http.post("/api/incidents", "application/json", """
          {"id": "nul-1", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "attacker": "RUS",
           "evidence": [{"outlet": "Reuters", "link": "https://example.org/k", "quotation": "Missiles struck"}]}""",
          Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(201);
      long head = record.store().head().seq();

      HttpResponse<String> reject = http.post("/api/incidents/nul-1/reject", "application/json", "{\"by\": \"UKR\", \"reason\": \"a\\u0000b\"}",
          Tokens.bearer(tokens.secretariat()));

      assertThat(reject.statusCode()).as(reject.body()).isEqualTo(400);
      // Refused now by the API's own rule before the database is asked (ControlCharactersIntegrationTests).
      assertThat(reject.body()).contains("'reason' holds the control character U+0000", "nothing was recorded");
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);
      assertThat(output.getAll()).doesNotContain("the database could not be read");
    }
  }

  private static void rename(ConfigurableApplicationContext context, String table, String to) throws Exception {
    try (java.sql.Connection c = context.getBean(dev.compact.service.RecordService.class).database().dataSource().getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("ALTER TABLE " + table + " RENAME TO " + to);
    }
  }
}

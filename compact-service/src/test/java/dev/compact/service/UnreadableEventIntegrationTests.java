package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A record holding an event the service cannot read (changed behind its back, or written by a newer version) stopped
 * the start with some 160 lines of stack trace and a parser's message naming no event. It is one paragraph now: which
 * event, why, and what to do; the trace only at debug.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreadableEventIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aStartOverAnEventItCannotReadSaysWhichAndWhatToDoWithoutAStackTrace(String kind, CapturedOutput output) throws Exception {
    String db = TestDatabases.freshUrl(kind);
    String[] args = {"--server.port=0", "--compact.db=" + db, "--compact.compact-dir=" + dev.compact.Examples.compact("kyiv-compact"),
        "--compact.screening.preload=false"};
    try (ConfigurableApplicationContext context = ServiceApplication.start(args)) {
      recordABlockedPackage(context);
    }
    // The owner of the tables turns the guards off and cuts the block's payload short.
    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection()) {
      cutTheBlockShort(c, kind);
    }
    int before = output.getAll().length();

    assertThatThrownBy(() -> ServiceApplication.start(args).close()).isInstanceOf(RuntimeException.class);

    String log = output.getAll().substring(before);
    // The block follows the texts the record was created with and the package: event 3.
    assertThat(log).contains("APPLICATION FAILED TO START", "event 3 (stream sanctions-p1, sanctions-blocked", "compact verify --db");
    assertThat(log).doesNotContain("\tat ", "Application run failed");
  }

  /**
   * An unreadable sanctions event met while the service runs (the register reads the sanctions streams on demand, after
   * the start) gave a bare 500 with the parser's stack trace in the log; and the register had moved past it, so the next
   * answer left the event out without a word. Every answer that needs it is a 503 problem naming the event and what to
   * do, the dashboard's pages alike; the log names it once, without a trace.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aSanctionsEventUnreadableWhileServingIsRefusedWithA503NamingIt(String kind, CapturedOutput output) throws Exception {
    String db = TestDatabases.freshUrl(kind);
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + dev.compact.Examples.compact("kyiv-compact"), "--compact.screening.preload=false")) {
      String base = recordABlockedPackage(context);
      // Behind the service's back, before anything read the act: its payload is cut short.
      try (Connection c = context.getBean(RecordService.class).database().dataSource().getConnection()) {
        cutTheBlockShort(c, kind);
      }
      int before = output.getAll().length();

      for (int i = 0; i < 2; i++) {
        for (String path : List.of("/api/sanctions/packages", "/api/sanctions/packages/p1")) {
          HttpResponse<String> answer = get(base + path, "application/json");
          assertThat(answer.statusCode()).as(path).isEqualTo(503);
          assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
          assertThat(answer.body()).as(path).contains("record-unreadable", "(stream sanctions-p1, sanctions-blocked", "compact verify --db")
              .doesNotContain("\tat ");
        }
      }
      for (String page : List.of("/sanctions", "/sanctions/packages/p1")) {
        HttpResponse<String> answer = get(base + page, "text/html");
        assertThat(answer.statusCode()).as(page).isEqualTo(503);
        assertThat(answer.body()).as(page).contains("The record cannot be read", "(stream sanctions-p1, sanctions-blocked", "compact verify --db");
      }

      String log = output.getAll().substring(before);
      assertThat(log.split("\\(stream sanctions-p1, sanctions-blocked", -1)).as("the event named once in the log").hasSize(2);
      assertThat(log).contains("compact verify --db URL").doesNotContain("\tat ");
    }
  }

  /** A package and its block by the EU; the service's address. */
  private static String recordABlockedPackage(ConfigurableApplicationContext context) throws Exception {
    Accounts accounts = context.getBean(Accounts.class);
    accounts.add("sec", List.of("secretariat"));
    String token = accounts.issue("sec", Duration.ofDays(1)).token();
    String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    post(base + "/api/sanctions/packages", token, """
        {"id": "p1", "issuer": "EU", "title": "A package", "adopted": "2026-01-01", "sources": {"adopted": "https://example.org/p1"}}""");
    post(base + "/api/sanctions/packages/p1/acts", token, "{\"action\": \"block\", \"by\": \"EU\", \"blockedBy\": [\"HUN\"]}");
    return base;
  }

  /** As the owner of the tables could: the guards turned off and the block's payload cut short. */
  private static void cutTheBlockShort(Connection c, String kind) throws Exception {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(kind.equals("sqlite") ? "DROP TRIGGER events_no_update" : "ALTER TABLE events DISABLE TRIGGER ALL");
      assertThat(s.executeUpdate("UPDATE events SET payload = '{\"blockedBy\":[\"HUN\"],\"by\":' WHERE stream_id = 'sanctions-p1'"
          + " AND event_type = 'sanctions-blocked'")).isEqualTo(1);
    }
  }

  private static HttpResponse<String> get(String url, String accept) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void post(String url, String token, String json) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
  }
}

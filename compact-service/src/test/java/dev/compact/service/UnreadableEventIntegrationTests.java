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
      Accounts accounts = context.getBean(Accounts.class);
      accounts.add("sec", List.of("secretariat"));
      String token = accounts.issue("sec", Duration.ofDays(1)).token();
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      post(base + "/api/sanctions/packages", token, """
          {"id": "p1", "issuer": "EU", "title": "A package", "adopted": "2026-01-01", "sources": {"adopted": "https://example.org/p1"}}""");
      post(base + "/api/sanctions/packages/p1/acts", token, "{\"action\": \"block\", \"by\": \"EU\", \"blockedBy\": [\"HUN\"]}");
    }
    // The owner of the tables turns the guards off and cuts the second event's payload short.
    try (Database database = Database.open(db); Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      if (kind.equals("sqlite")) {
        s.executeUpdate("DROP TRIGGER events_no_update");
      } else {
        s.executeUpdate("ALTER TABLE events DISABLE TRIGGER ALL");
      }
      assertThat(s.executeUpdate("UPDATE events SET payload = '{\"blockedBy\":[\"HUN\"],\"by\":' WHERE seq = 2")).isEqualTo(1);
    }
    int before = output.getAll().length();

    assertThatThrownBy(() -> ServiceApplication.start(args).close()).isInstanceOf(RuntimeException.class);

    String log = output.getAll().substring(before);
    assertThat(log).contains("APPLICATION FAILED TO START", "event 2 (stream sanctions-p1, sanctions-blocked", "compact verify --db");
    assertThat(log).doesNotContain("\tat ", "Application run failed");
  }

  private static void post(String url, String token, String json) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
  }
}

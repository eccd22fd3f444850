package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: hostile input gave 500 (malformed % escapes in query parameters, a test-clock overflow,
 * {@code evidence: [null]}, /scenarios/run without multipart, /error, over-long values on
 * PostgreSQL), and a sign-in password followed by %FF gave 500 and reached the log. Each gets a 4xx,
 * nothing is written, and no password reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIntegrationTests {
  static final String PASSWORD = "correct-horse-battery-staple";

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void hostileInputGetsFourHundredsWritesNothingAndLogsNoPassword(String kind, CapturedOutput output) {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl(kind),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z",
        "--compact.tick-interval=PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();

      for (String path : List.of("/api/obligations?party=%ZZ", "/api/norms?state=%", "/api/support?guarantor=%E0%A4", "/api/norms/instance?key=%",
          "/api/transitions?limit=%", "/api/agreements/gbr-ukr-2024/render?format=%", "/obligations?party=%ZZ", "/ledger?x=%",
          "/api/transitions?limit=99999999999999999999", "/error")) {
        String response = raw(http.port(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(status(response)).as(path + ": " + response).isBetween(400, 499);
      }
      String[] ua = Tokens.bearer(tokens.ukr());
      for (String body : List.of(
          "{\"id\": \"h1\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 2, \"reportedBy\": \"UKR\", \"evidence\": [null]}",
          "{\"id\": \"h2\", \"kind\": \"armed-attack\", \"place\": \"UA-63" + "-X".repeat(30) + "\", \"severity\": 2, \"reportedBy\": \"UKR\"}",
          "{\"id\": \"h3\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 99999999999999999999, \"reportedBy\": \"UKR\"}")) {
        HttpResponse<String> response = http.post("/api/incidents", "application/json", body, ua);
        assertThat(response.statusCode()).as(body + ": " + response.body()).isEqualTo(400);
      }
      HttpResponse<String> measures = http.post("/api/consultations/none/measures", "application/json", "{\"measures\": [null]}",
          Tokens.bearer(tokens.secretariat()));
      assertThat(measures.statusCode()).isBetween(400, 499);
      for (String move : List.of("{\"advanceBy\": \"PT9223372036854775807S\"}", "{\"advanceBy\": \"P99999999D\"}", "{\"to\": \"+99999-01-01T00:00:00Z\"}")) {
        HttpResponse<String> response = http.post("/api/clock", "application/json", move);
        assertThat(response.statusCode()).as(move + ": " + response.body()).isEqualTo(400);
      }
      assertThat(http.post("/scenarios/run", "application/json", "{}", http.csrf("")).statusCode()).isBetween(400, 499);
      assertThat(http.post("/scenarios/run", "text/plain", "x", http.csrf("")).statusCode()).isBetween(400, 499);

      context.getBean(dev.compact.access.Accounts.class).add("pw-desk", List.of("protected:UKR"));
      String form = "name=pw-desk&password=" + PASSWORD + "%FF";
      String signin = raw(http.port(), "POST /signin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          + "Content-Length: " + form.length() + "\r\n\r\n" + form);
      assertThat(status(signin)).as(signin).isBetween(400, 499);

      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(http.get("/api/clock").body()).contains("2026-03-01T06:00:00Z");
    }
    assertThat(output.getAll()).doesNotContain(PASSWORD, "unexpected failure", "dashboard page failed");
  }

  /** Sends a request as written (java.net.http refuses a malformed escape before sending it) and returns the whole answer. */
  static String raw(int port, String request) {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int status(String response) {
    return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
  }
}

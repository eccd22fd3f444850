package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.store.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: the dashboard recomputed the 24 h and 72 h deadlines from the compact's defaults, so a
 * clause that sets its own clock showed the wrong deadline there. The incident page must show the
 * engine's deadline.
 */
class DashboardDeadlinesIntegrationTests {
  static final String START = "2026-03-01T06:00:00Z";

  @Test
  void theIncidentPageShowsTheEnginesDeadlineForAClauseWithItsOwnClock() throws Exception {
    Path compact = copyWithTwelveHourConsultations();
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + compact, "--compact.test-clock=true", "--compact.test-clock-start=" + START, "--compact.tick-interval=PT1H")) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      Accounts accounts = context.getBean(Accounts.class);
      accounts.add("ua", List.of("protected:UKR", "secretariat"));
      String token = accounts.issue("ua", Duration.ofDays(1)).token();
      post(base + "/api/incidents", token,
          "{\"id\": \"k1\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4, \"reportedBy\": \"UKR\", \"attacker\": \"RUS\"}");
      post(base + "/api/incidents/k1/verify", token, "{\"by\": \"UKR\"}");
      post(base + "/api/consultations", token, "{\"id\": \"c1\", \"requestedBy\": \"UKR\", \"incident\": \"k1\"}");

      String engine = get(base + "/api/norms/instance?key=gbr-ukr-2024/gbr-consult/GBR@c1");
      assertThat(engine).contains("\"dueAt\":\"2026-03-01T18:00:00Z\"");
      String page = get(base + "/incidents/k1");
      assertThat(page).contains("class=\"countdown convene\" datetime=\"2026-03-01T18:00:00Z\"");
      // The report form offers the attacker, and names the aggressor the compact declares.
      assertThat(get(base + "/incidents")).contains("name=\"attacker\"", "Clauses that name the aggressor (RUS)");
    }
  }

  /**
   * Audit round 5, B4: Germany's 2024 pledge waits for the Bundestag's approval; while nobody records it, the obligation
   * board lists the pledge as pending with the condition not recorded, not only as expired once the year is over.
   */
  @Test
  void theBoardShowsAPledgeWaitingForAnUnrecordedConditionAsAnOpenItem() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + dev.compact.Examples.compact("kyiv-compact"), "--compact.test-clock=true",
        "--compact.test-clock-start=2024-03-01T00:00:00Z", "--compact.tick-interval=PT1H")) {
      String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
      Accounts accounts = context.getBean(Accounts.class);
      accounts.add("de", List.of("guarantor:DEU"));
      // Germany delivers against the pledge while nobody has recorded the Bundestag's approval (the record begins with it).
      post(base + "/api/deliveries", accounts.issue("de", Duration.ofDays(1)).token(), "{\"guarantor\": \"DEU\", \"category\": \"military\","
          + " \"value\": {\"value\": 1000000000, \"currency\": \"EUR\"}, \"countsAgainst\": {\"agreement\": \"deu-ukr-2024\", \"clause\": \"deu-mil-2024\"}}");

      String board = get(base + "/obligations?kind=commitments&state=pending&agreement=deu-ukr-2024");

      assertThat(board).contains("deu-mil-2024", "period 2024-01-01 to 2024-12-31 (pending: parliamentary approval not recorded)");
    }
  }

  /** The Kyiv compact with every consultation clause's clock set to 12 hours; the compact's default stays 24. */
  static Path copyWithTwelveHourConsultations() throws IOException {
    Path source = dev.compact.Examples.compact("kyiv-compact");
    Path target = Files.createTempDirectory("compact-12h");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.writeString(copy, Files.readString(file).replace("{within: PT24H, from: consultation-requested",
              "{within: PT12H, from: consultation-requested"));
        }
      }
    }
    return target;
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void post(String url, String token, String json) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }
}

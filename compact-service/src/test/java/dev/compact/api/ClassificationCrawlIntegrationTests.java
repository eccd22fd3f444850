package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restricted clause (intelligence sharing) becomes a live obligation; then every public endpoint,
 * export and dashboard page reachable without a token is crawled, and none shows it. With a
 * secretariat token it is there, so the crawl could have found it.
 */
class ClassificationCrawlIntegrationTests {
  static final String MARKER = "SIGINT-RESTRICTED-7Q";

  @Test
  void noPublicPageOrEndpointRevealsARestrictedClause(@TempDir Path dir) throws Exception {
    Path compact = copy(Http.example("kyiv-compact"), dir.resolve("kyiv-compact"));
    Path uk = compact.resolve("agreements/gbr-ukr-2024.md");
    Files.writeString(uk, Files.readString(uk) + """

        The Participants shall exchange intelligence on the attack as a separate arrangement provides.

        ```clause
        id: gbr-intel
        title: Intelligence support %s
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: information
        classification: restricted
        trigger: 'incident.kind == "armed-attack" && incident.in_scope'
        action: share targeting intelligence %s
        deadline: {within: PT12H, from: incident-verified}
        fulfilled-by: consultation-held
        ```
        """.formatted(MARKER, MARKER));
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + dir.resolve("c.db"), "--compact.compact-dir=" + compact,
        "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z", "--compact.tick-interval=PT1H")) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      Tokens tokens = Tokens.create(context);
      assertThat(http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("i1"), Tokens.bearer(tokens.ukr()))
          .statusCode()).isEqualTo(201);
      assertThat(http.post("/api/incidents/i1/verify", "application/json", "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat()))
          .statusCode()).isEqualTo(200);
      assertThat(http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT13H\"}").statusCode()).isEqualTo(200);

      // The restricted duty exists and was breached: a cleared reader sees it.
      HttpResponse<String> cleared = http.get("/api/norms?party=GBR", "Authorization", "Bearer " + tokens.secretariat());
      assertThat(cleared.body()).contains("gbr-ukr-2024/gbr-intel/GBR", MARKER);

      Set<String> visited = crawl(http, Stream.of("/", "/api/compact", "/api/agreements", "/api/obligations", "/api/norms",
          "/api/norms?party=GBR", "/api/norms?state=breached", "/api/transitions?limit=500", "/api/incidents", "/api/consultations",
          "/api/support", "/api/calendar/GBR.ics", "/api/openapi", "/api/agreements/gbr-ukr-2024", "/api/agreements/gbr-ukr-2024/render",
          "/api/agreements/gbr-ukr-2024/render?format=text", "/api/agreements/gbr-ukr-2024/versions", "/api/agreements/gbr-ukr-2024/signatures")
          .toList());
      assertThat(visited).hasSizeGreaterThan(20);

      // Asking for the restricted instance by name answers as if it did not exist: no different code, no other text.
      HttpResponse<String> named = http.get("/api/norms/instance?key=gbr-ukr-2024/gbr-intel/GBR@i1");
      HttpResponse<String> invented = http.get("/api/norms/instance?key=gbr-ukr-2024/made-up/GBR@i1");
      assertThat(named.statusCode()).isEqualTo(404).isEqualTo(invented.statusCode());
      assertThat(named.body().replace("gbr-intel", "made-up")).isEqualTo(invented.body());
    }
  }

  private static final Pattern LINK = Pattern.compile("href=\"(/[^\"#]*)");

  /** Visits the seeds and every same-site link on HTML pages (not the endless event stream). */
  static Set<String> crawl(Http http, java.util.List<String> seeds) {
    Set<String> visited = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(seeds);
    while (!queue.isEmpty() && visited.size() < 400) {
      String path = queue.poll().replace("&amp;", "&");
      if (!visited.add(path) || path.startsWith("/api/stream") || path.contains("/stream") || path.startsWith("/actuator")) {
        continue;
      }
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as(path).isLessThan(500);
      assertThat(response.body()).as("public %s must not show the restricted clause", path)
          .doesNotContain(MARKER).doesNotContain("gbr-intel");
      Matcher links = LINK.matcher(response.body());
      while (links.find()) {
        if (!links.group(1).startsWith("/webjars") && !links.group(1).endsWith(".css") && !links.group(1).endsWith(".js")) {
          queue.add(links.group(1));
        }
      }
    }
    return visited;
  }

  static Path copy(Path from, Path to) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return to;
  }
}

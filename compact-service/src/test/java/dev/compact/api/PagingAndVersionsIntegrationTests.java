package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: lists returned everything (102 KB of obligations on the demo), nothing supported
 * conditional GET, and a write could not say which version of the record it saw.
 */
class PagingAndVersionsIntegrationTests {
  static final Pattern NEXT = Pattern.compile("<http://localhost:\\d+(/[^>]*)>; rel=\"next\"");
  static final Pattern ID = Pattern.compile("\"incidentId\":\"([^\"]+)\"");

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void listsPageAndRecordsCarryVersionsThatWritesMayRequire(String kind) {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl(kind),
        "--compact.compact-dir=" + Http.example("kyiv-compact"))) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      for (int i = 0; i < 5; i++) {
        assertThat(http.post("/api/incidents", "application/json", """
            {"id": "p%d", "kind": "drone-strike", "place": "UA-30", "severity": 2, "reportedBy": "UKR"}""".formatted(i),
            Tokens.bearer(tokens.ukr())).statusCode()).isEqualTo(201);
      }

      // Pages of two, followed by their Link headers, give every incident once.
      List<String> seen = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String path = "/api/incidents?limit=2";
      while (path != null) {
        HttpResponse<String> page = http.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher ids = ID.matcher(page.body());
        int size = 0;
        while (ids.find()) {
          seen.add(ids.group(1));
          size++;
        }
        sizes.add(size);
        path = page.headers().firstValue("Link").map(link -> {
          Matcher next = NEXT.matcher(link);
          assertThat(next.matches()).as(link).isTrue();
          return next.group(1);
        }).orElse(null);
      }
      assertThat(sizes).containsExactly(2, 2, 1);
      assertThat(seen).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4");
      assertThat(http.get("/api/obligations?limit=0").statusCode()).isEqualTo(400);
      assertThat(http.get("/api/obligations?limit=1001").statusCode()).isEqualTo(400);
      assertThat(http.get("/api/norms?offset=-1").statusCode()).isEqualTo(400);
      assertThat(http.get("/api/norms?limit=3").body().split("\"instanceKey\"")).hasSize(4);

      // Conditional GET: the same list again with its ETag is 304 without a body.
      HttpResponse<String> obligations = http.get("/api/obligations");
      String listTag = obligations.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> unchanged = http.get("/api/obligations", "If-None-Match", listTag);
      assertThat(unchanged.statusCode()).isEqualTo(304);
      assertThat(unchanged.body()).isEmpty();

      // A record's ETag is its version; a write that names a version the record has left is 412 and writes nothing.
      HttpResponse<String> incident = http.get("/api/incidents/p0");
      assertThat(incident.headers().firstValue("ETag")).contains("\"1\"");
      HttpResponse<String> verified = http.post("/api/incidents/p0/verify", "application/json", "{\"by\": \"UKR\"}", "If-Match", "\"1\"",
          "Authorization", "Bearer " + tokens.secretariat());
      assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
      assertThat(verified.headers().firstValue("ETag")).contains("\"2\"");
      long head = context.getBean(dev.compact.service.RecordService.class).store().head().seq();
      // (On p1, which is not settled yet: a second verdict on p0 is refused whatever version it names.)
      HttpResponse<String> stale = http.post("/api/incidents/p1/verify", "application/json", "{\"by\": \"UKR\"}",
          "If-Match", "\"0\"", "Authorization", "Bearer " + tokens.secretariat());
      assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
      assertThat(context.getBean(dev.compact.service.RecordService.class).store().head().seq()).isEqualTo(head);
      assertThat(http.get("/api/incidents/p0", "If-None-Match", "\"2\"").statusCode()).isEqualTo(304);
      assertThat(http.post("/api/incidents/p1/verify", "application/json", "{\"by\": \"UKR\"}", "If-Match", "W/\"1\"",
          "Authorization", "Bearer " + tokens.secretariat()).statusCode()).isEqualTo(400);
    }
  }
}

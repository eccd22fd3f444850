package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.log.PublicExport;
import dev.compact.log.TransparencyLog;
import dev.compact.service.RecordService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Public acts that name a classified record: each would carry the record's id (or its text) to the
 * public, in the public export and in the causes of public transitions, though the record itself is
 * hidden. A public reader is the adversary here; a desk writes what it may.
 */
class ClassifiedReferencesIntegrationTests {
  static final String MARKER = "q7hush";
  private static final String JSON = "application/json";

  /**
   * Snapback after a restricted incident: the snapback re-arms public duties (to re-impose sanctions),
   * whose cause would read "GBR invoked snapback after incident ...". It is refused as a write-down,
   * records nothing, and no public surface names the incident; without naming it, it goes through.
   */
  @Test
  void snapbackNamingARestrictedIncidentIsRefusedAndNamesItNowhere(@TempDir Path dir) throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + dir.resolve("c.db"),
        "--compact.compact-dir=" + Http.example("kyiv-lock-v2"), "--compact.test-clock=true",
        "--compact.test-clock-start=" + CompactCopy.CLOCK_START, "--compact.tick-interval=PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      ok(http.post("/api/agreements/kyiv-lock-v2/lifecycle", JSON, "{\"action\": \"enter-into-force\"}", Tokens.bearer(tokens.secretariat())));
      ok(http.post("/api/incidents", JSON, "{\"id\": \"inc-" + MARKER + "\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4,"
          + " \"reportedBy\": \"UKR\", \"classification\": \"restricted\"}", Tokens.bearer(tokens.ukr())));

      long head = record.store().head().seq();
      HttpResponse<String> named = http.post("/api/snapback", JSON, "{\"by\": \"GBR\", \"incident\": \"inc-" + MARKER + "\"}",
          Tokens.bearer(tokens.gbr()));
      assertThat(named.statusCode()).as(named.body()).isEqualTo(422);
      assertThat(named.body()).contains("without naming the incident");
      assertThat(record.store().head().seq()).as("a refused snapback records nothing").isEqualTo(head);

      // Not naming it, the desk invokes snapback, and the public sees the duties it raised.
      ok(http.post("/api/snapback", JSON, "{\"by\": \"GBR\"}", Tokens.bearer(tokens.gbr())));
      String transitions = http.get("/api/transitions?limit=500").body();
      assertThat(transitions).contains("kyiv-lock-v2/reimpose/DEU", "snapback.invoked");
      for (String path : List.of("/api/transitions?limit=500", "/api/norms", "/api/obligations", "/sanctions", "/obligations", "/")) {
        assertThat(http.get(path).body()).as(path).doesNotContain(MARKER);
      }
      assertThat(publicExport(context, dir)).doesNotContain(MARKER);
    }
  }

  private static String publicExport(ConfigurableApplicationContext context, Path dir) throws Exception {
    context.getBean(TransparencyLog.class).issue();
    Path export = Files.createTempDirectory(dir, "export");
    PublicExport.write(context.getBean(RecordService.class).database(), export, false);
    return Files.readString(export.resolve("leaves.jsonl"));
  }

  static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }
}

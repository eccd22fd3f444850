package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The agreement endpoints over real HTTP, against the example compact. */
class AgreementsApiIntegrationTests {
  static ConfigurableApplicationContext context;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"));
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void compactListsItsGuarantorsByTierAndItsAgreements() {
    HttpResponse<String> response = http.get("/api/compact");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"id\":\"kyiv-compact\"", "{\"party\":\"GBR\",\"name\":\"the United Kingdom\",\"tier\":\"core\"}",
        "{\"party\":\"JPN\",\"name\":\"Japan\",\"tier\":\"broader\"}", "\"id\":\"gbr-ukr-2024\"");
  }

  @Test
  void unknownAgreementIsAProblemDocument() {
    HttpResponse<String> response = http.get("/api/agreements/nope");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"type\":\"https://compact.dev/problems/not-found\"", "no agreement 'nope'");
  }

  @Test
  void renderedAgreementShowsTheAmountFromItsClause() {
    HttpResponse<String> response = http.get("/api/agreements/gbr-ukr-2024/render?format=html");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("GBP 2.5 billion", "id=\"clause-gbr-mil-2024\"");
  }

  @Test
  void checkingABrokenVersionReturnsItsDiagnostics() {
    String broken = "---\nid: x\ntitle: X\nparties: [GBR, UKR]\nbeneficiary: UKR\nbinding: politcal\n---\n";

    HttpResponse<String> response = http.post("/api/agreements/check?path=x.md", "text/markdown", broken);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("\"line\":6", "'politcal' is not a valid binding", "use one of: legal, political, both");
  }

  @Test
  void checkingAValidVersionReturnsItsHash() throws Exception {
    String text = Files.readString(Http.example("kyiv-compact").resolve("agreements/gbr-ukr-2024.md"));

    HttpResponse<String> response = http.post("/api/agreements/check", "text/markdown", text);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).containsPattern("\"versionHash\":\"[0-9a-f]{64}\"").contains("\"id\":\"gbr-ukr-2024\"");
  }

  @Test
  void registeringAVersionPutsItOnTheRecordOnce() throws Exception {
    String text = Files.readString(Http.example("kyiv-compact").resolve("agreements/jpn-ukr-2024.md"));
    String amended = text.replace("title: ", "title: Amended ");
    Tokens tokens = Tokens.create(context);
    String[] secretariat = Tokens.bearer(tokens.secretariat());

    HttpResponse<String> first = http.post("/api/agreements/jpn-ukr-2024/versions", "text/markdown", amended, secretariat);
    HttpResponse<String> again = http.post("/api/agreements/jpn-ukr-2024/versions", "text/markdown", amended, secretariat);
    HttpResponse<String> wrongId = http.post("/api/agreements/gbr-ukr-2024/versions", "text/markdown", amended, secretariat);
    HttpResponse<String> broken = http.post("/api/agreements/jpn-ukr-2024/versions", "text/markdown", amended.replace("binding: ", "binding: x"),
        secretariat);
    HttpResponse<String> byADesk = http.post("/api/agreements/jpn-ukr-2024/versions", "text/markdown", amended,
        Tokens.bearer(tokens.gbr()));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(wrongId.statusCode()).isEqualTo(400);
    assertThat(broken.statusCode()).isEqualTo(422);
    assertThat(byADesk.statusCode()).isEqualTo(403);
    String versions = http.get("/api/agreements/jpn-ukr-2024/versions").body();
    assertThat(versions).containsOnlyOnce("\"versionHash\"").contains("\"servedVersion\":\"");
  }

  @Test
  void oversizedBodyIsRefusedWith413() {
    HttpResponse<String> response = http.post("/api/agreements/check", "text/markdown", "x".repeat(2_100_000));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("https://compact.dev/problems/too-large");
  }

  @Test
  void healthIsOpenButMetricsNeedTheMonitorRole() {
    var accounts = context.getBean(dev.compact.access.Accounts.class);
    accounts.add("scraper", java.util.List.of("monitor"));
    accounts.add("reader", java.util.List.of("observer"));
    String scraper = accounts.issue("scraper", java.time.Duration.ofDays(1)).token();
    String reader = accounts.issue("reader", java.time.Duration.ofDays(1)).token();

    assertThat(http.get("/actuator/health").body()).contains("\"status\":\"UP\"");
    // Request counts per path and status would tell how many classified records were written.
    assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(401);
    assertThat(http.get("/actuator/prometheus", "Authorization", "Bearer " + reader).statusCode()).isEqualTo(403);
    // Spring Security's firewall refuses ;parameters in a path before any chain or handler sees it.
    assertThat(http.get("/actuator;x=1/prometheus").statusCode()).isEqualTo(400);
    assertThat(http.get("/actuator/prometheus", "Authorization", "Bearer " + scraper).body()).contains("jvm_memory_used_bytes");
    // The monitor role writes nothing.
    assertThat(http.post("/api/incidents", "application/json", AccessMatrixIntegrationTests.incident("m1"), "Authorization", "Bearer " + scraper)
        .statusCode()).isEqualTo(403);
  }
}

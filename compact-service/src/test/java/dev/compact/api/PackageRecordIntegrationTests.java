package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/** What the answers about sanctions packages say of the record, on SQLite and PostgreSQL. */
class PackageRecordIntegrationTests {

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static final String TERMS = """
      {"id": "eu-early", "issuer": "EU", "title": "A package acted on before its terms", "adopted": "2026-02-20",
       "sources": {"adopted": "https://example.org/early"}}""";

  /**
   * An act may name a package before anyone records its terms (a guarantor's adoption reported first). The first
   * terms were answered 200, as an amendment, because the package's stream already had a version: the answer now
   * follows the register (did the package have terms before this write?), and a retry gives the same answer.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aPackagesFirstTermsAreCreatedThoughAnActNamedItBefore(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      assertThat(http.post("/api/sanctions/packages/eu-early/acts", "application/json", "{\"action\": \"adopt\", \"by\": \"DEU\"}",
          Tokens.bearer(tokens.deu())).statusCode()).isEqualTo(200);

      HttpResponse<String> first = http.post("/api/sanctions/packages", "application/json", TERMS, "Authorization",
          "Bearer " + tokens.secretariat(), "Idempotency-Key", "early-terms");
      HttpResponse<String> retried = http.post("/api/sanctions/packages", "application/json", TERMS, "Authorization",
          "Bearer " + tokens.secretariat(), "Idempotency-Key", "early-terms");
      HttpResponse<String> amended = http.post("/api/sanctions/packages", "application/json", TERMS.replace("before its terms", "first"),
          Tokens.bearer(tokens.secretariat()));

      assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
      assertThat(retried.statusCode()).as("a retry answers as the write did").isEqualTo(201);
      assertThat(retried.body()).isEqualTo(first.body());
      assertThat(amended.statusCode()).as("amended terms").isEqualTo(200);
    }
  }

  /**
   * Every act on a package carried its global sequence number to every reader, though such numbers go to readers
   * cleared for secret only: the gaps between the numbers of public acts count the classified events recorded
   * between them, and when. Below secret the acts, the standings and the designations carry none, on the API and
   * on the dashboard's package page.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void packageActsShowTheirPlaceInTheLogToSecretClearanceOnly(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      assertThat(http.post("/api/sanctions/packages", "application/json", """
          {"id": "eu-early", "issuer": "EU", "title": "A package with a designation", "designations": [{"id": "d1"}],
           "sources": {"designations": "https://example.org/early"}}""", Tokens.bearer(tokens.secretariat())).statusCode()).isEqualTo(201);
      assertThat(http.post("/api/sanctions/packages/eu-early/acts", "application/json", "{\"action\": \"adopt\", \"by\": \"DEU\"}",
          Tokens.bearer(tokens.deu())).statusCode()).isEqualTo(200);
      assertThat(http.post("/api/sanctions/eu-early/designations/d1", "application/json", "{\"action\": \"lift\", \"by\": \"DEU\"}",
          Tokens.bearer(tokens.deu())).statusCode()).isEqualTo(200);

      for (String path : List.of("/api/sanctions/packages", "/api/sanctions/packages/eu-early")) {
        String forPublic = http.get(path).body();
        assertThat(forPublic).as(path).contains("\"acts\"", "sanctions-adopted", "designation-lifted").doesNotContain("\"seq\"");
        assertThat(http.get(path, Tokens.bearer(tokens.gbr())).body()).as(path).contains("sanctions-adopted").doesNotContain("\"seq\"");
        assertThat(http.get(path, Tokens.bearer(tokens.secretariat())).body()).as(path).contains("\"seq\"");
      }
      String page = http.get("/sanctions/packages/eu-early").body();
      assertThat(page).contains("DEU adopted").doesNotContain("(event ");
      assertThat(http.get("/sanctions/packages/eu-early", http.signIn(tokens.gbr())).body()).contains("DEU adopted").doesNotContain("(event ");
      assertThat(http.get("/sanctions/packages/eu-early", http.signIn(tokens.secretariat())).body()).contains("(event ");
    }
  }

  static final String US_TERMS = """
      {"id": "us-eo", "issuer": "USA", "title": "EO designations", "adopted": "2026-02-20", "designations": [{"id": "d1"}],
       "sources": {"adopted": "https://example.org/eo", "designations": "https://example.org/eo"}}""";

  /**
   * Audit round 4, A2: the terms check asked only whether the desk was the issuer its new terms named, so the UK
   * desk could post the id of a United States package with itself as issuer and rewrite its title, dates and
   * designations. Now only the recorded issuer's desk or the secretariat amends a package, and the issuer itself
   * never changes (other terms under another issuer are another package); a refusal records nothing.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void onlyTheRecordedIssuersDeskOrTheSecretariatAmendsAPackage(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      assertThat(http.post("/api/sanctions/packages", "application/json", US_TERMS, Tokens.bearer(tokens.usa())).statusCode()).isEqualTo(201);
      long head = context.getBean(dev.compact.service.RecordService.class).store().head().seq();

      HttpResponse<String> hijack = http.post("/api/sanctions/packages", "application/json",
          US_TERMS.replace("\"USA\"", "\"GBR\"").replace("EO designations", "Hijacked"), Tokens.bearer(tokens.gbr()));
      HttpResponse<String> inUsName = http.post("/api/sanctions/packages", "application/json", US_TERMS.replace("EO designations", "Hijacked"),
          Tokens.bearer(tokens.gbr()));
      HttpResponse<String> newIssuer = http.post("/api/sanctions/packages", "application/json",
          US_TERMS.replace("\"USA\"", "\"GBR\"").replace("EO designations", "Reissued"), Tokens.bearer(tokens.secretariat()));

      assertThat(hijack.statusCode()).as(hijack.body()).isEqualTo(403);
      assertThat(hijack.body()).contains("us-eo was issued by USA; only the guarantor desk of USA or the secretariat may amend its terms",
          "nothing was recorded");
      assertThat(inUsName.statusCode()).as(inUsName.body()).isEqualTo(403);
      assertThat(newIssuer.statusCode()).as(newIssuer.body()).isEqualTo(422);
      assertThat(newIssuer.body()).contains("us-eo was issued by USA; terms naming GBR as issuer would be another package");
      assertThat(context.getBean(dev.compact.service.RecordService.class).store().head().seq()).as("nothing recorded").isEqualTo(head);
      String register = http.get("/api/sanctions/packages/us-eo").body();
      assertThat(register).contains("\"issuer\":\"USA\"", "EO designations", "\"d1\"").doesNotContain("Hijacked", "Reissued");

      HttpResponse<String> bySecretariat = http.post("/api/sanctions/packages", "application/json",
          US_TERMS.replace("EO designations", "EO designations, corrected"), Tokens.bearer(tokens.secretariat()));
      HttpResponse<String> byIssuer = http.post("/api/sanctions/packages", "application/json",
          US_TERMS.replace("EO designations", "EO designations, amended"), Tokens.bearer(tokens.usa()));
      assertThat(bySecretariat.statusCode()).as(bySecretariat.body()).isEqualTo(200);
      assertThat(byIssuer.statusCode()).as(byIssuer.body()).isEqualTo(200);
      assertThat(http.get("/api/sanctions/packages/us-eo").body()).contains("\"issuer\":\"USA\"", "EO designations, amended");
    }
  }
}

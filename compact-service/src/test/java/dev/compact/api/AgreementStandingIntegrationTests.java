package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import dev.compact.trust.Signatures;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A desk acts only on agreements its party is party to, on every route that names an agreement:
 * Germany's desk, acting in Germany's own name, may not extend, sign, put its signature on, meet a
 * condition of, or count its support against the UK-Ukraine agreement; each is a 403 that names the
 * reason and records nothing, and the same write on Germany's own agreement goes through.
 */
class AgreementStandingIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aDeskCannotActOnAnAgreementItsPartyIsNotPartyTo(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      String json = "application/json";
      KeyPair germanKey = Signatures.generate();
      assertThat(http.post("/api/parties/DEU/key", "text/plain", Signatures.publicPem(germanKey.getPublic()), Tokens.bearer(tokens.deu()))
          .statusCode()).isBetween(200, 201);
      String ukHash = versionHash(http, "gbr-ukr-2024");
      String germanHash = versionHash(http, "deu-ukr-2024");

      List<String[]> refused = List.of(
          new String[] {"/api/agreements/gbr-ukr-2024/extensions", "{\"by\": \"DEU\", \"agreedBy\": [\"DEU\"], \"years\": 10}"},
          new String[] {"/api/agreements/gbr-ukr-2024/lifecycle", "{\"action\": \"sign\", \"party\": \"DEU\"}"},
          new String[] {"/api/agreements/gbr-ukr-2024/signatures", "{\"party\": \"DEU\", \"versionHash\": \"" + ukHash
              + "\", \"signature\": \"" + Signatures.sign(germanKey.getPrivate(), "gbr-ukr-2024", "DEU", ukHash) + "\"}"},
          new String[] {"/api/deliveries", "{\"guarantor\": \"DEU\", \"category\": \"military\", \"value\": {\"value\": 1000, \"currency\": \"EUR\"},"
              + " \"countsAgainst\": {\"agreement\": \"gbr-ukr-2024\", \"clause\": \"gbr-mil-2024\"}}"},
          new String[] {"/api/allocations", "{\"guarantor\": \"DEU\", \"category\": \"military\", \"value\": {\"value\": 1000, \"currency\": \"EUR\"},"
              + " \"countsAgainst\": {\"agreement\": \"gbr-ukr-2024\", \"clause\": \"gbr-mil-2024\"}}"});
      for (String[] write : refused) {
        long head = record.store().head().seq();
        HttpResponse<String> answer = http.post(write[0], json, write[1], Tokens.bearer(tokens.deu()));
        assertThat(answer.statusCode()).as(write[0] + " -> " + answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("DEU is not a party to gbr-ukr-2024", "nothing was recorded");
        assertThat(record.store().head().seq()).as("a refused write records nothing: " + write[0]).isEqualTo(head);
      }
      // The US desk, in its own name, on the German agreement's condition.
      HttpResponse<String> condition = http.post("/api/agreements/deu-ukr-2024/conditions-met", json,
          "{\"clause\": \"deu-mil-2024\", \"condition\": \"parliamentary-approval\", \"by\": \"USA\"}", Tokens.bearer(tokens.usa()));
      assertThat(condition.statusCode()).as(condition.body()).isEqualTo(403);
      assertThat(condition.body()).contains("USA is not a party to deu-ukr-2024");

      // On its own agreement the same desk may.
      List<String[]> allowed = List.of(
          new String[] {"/api/agreements/deu-ukr-2024/signatures", "{\"party\": \"DEU\", \"versionHash\": \"" + germanHash
              + "\", \"signature\": \"" + Signatures.sign(germanKey.getPrivate(), "deu-ukr-2024", "DEU", germanHash) + "\"}"},
          new String[] {"/api/deliveries", "{\"guarantor\": \"DEU\", \"category\": \"military\", \"value\": {\"value\": 1000, \"currency\": \"EUR\"},"
              + " \"countsAgainst\": {\"agreement\": \"deu-ukr-2024\", \"clause\": \"deu-mil-2024\"}}"},
          new String[] {"/api/allocations", "{\"guarantor\": \"DEU\", \"category\": \"military\", \"value\": {\"value\": 1000, \"currency\": \"EUR\"},"
              + " \"countsAgainst\": {\"agreement\": \"deu-ukr-2024\", \"clause\": \"deu-mil-2024\"}}"},
          new String[] {"/api/agreements/deu-ukr-2024/lifecycle", "{\"action\": \"sign\", \"party\": \"DEU\"}"});
      for (String[] write : allowed) {
        HttpResponse<String> answer = http.post(write[0], json, write[1], Tokens.bearer(tokens.deu()));
        assertThat(answer.statusCode()).as(write[0] + " -> " + answer.body()).isBetween(200, 201);
      }
    }
  }

  /**
   * Audit round 4, B6: the conditions check asked only whether 'by' was a party to the agreement, so Ukraine's desk,
   * naming itself, recorded the Bundestag's approval of Germany's commitment: 200 and a public "UKR met the condition",
   * which changed nothing (the engine keys conditions by obligor). Only the commitment's obligor meets its conditions.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void onlyACommitmentsObligorMeetsItsConditions(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();

      HttpResponse<String> byUkraine = http.post("/api/agreements/deu-ukr-2024/conditions-met", "application/json",
          "{\"clause\": \"deu-mil-2024\", \"condition\": \"parliamentary-approval\", \"by\": \"UKR\"}", Tokens.bearer(tokens.ukr()));
      HttpResponse<String> bySecretariat = http.post("/api/agreements/deu-ukr-2024/conditions-met", "application/json",
          "{\"clause\": \"deu-mil-2024\", \"condition\": \"parliamentary-approval\", \"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat()));

      assertThat(byUkraine.statusCode()).as(byUkraine.body()).isEqualTo(403);
      assertThat(byUkraine.body()).contains("deu-mil-2024 is the commitment of DEU; UKR cannot meet its conditions", "nothing was recorded");
      assertThat(bySecretariat.statusCode()).as(bySecretariat.body()).isEqualTo(403);
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);
    }
  }

  /**
   * Review 6, H1: after audit 5's B4, Ukraine's desk, the commitment's beneficiary, recorded the Bundestag's approval in
   * Germany's name, backdated two years: 200, and Germany's 2024 pledge went from expired to breached on Ukraine's word
   * alone, shown as Germany's act. The condition is the obligor's to record, or the secretariat's (which verifies acts
   * as it verifies incidents); the beneficiary and any other desk are refused, and nothing is recorded.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void onlyTheObligorOrTheSecretariatRecordsAConditionMet(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      String approval = "{\"clause\": \"deu-mil-2024\", \"condition\": \"parliamentary-approval\", \"by\": \"DEU\","
          + " \"occurredAt\": \"2024-01-02T00:00:00Z\"}";
      long head = record.store().head().seq();

      for (String token : List.of(tokens.ukr(), tokens.gbr())) {
        HttpResponse<String> refused = http.post("/api/agreements/deu-ukr-2024/conditions-met", "application/json", approval,
            Tokens.bearer(token));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("nothing was recorded");
      }
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);

      HttpResponse<String> bySecretariat = http.post("/api/agreements/deu-ukr-2024/conditions-met", "application/json", approval,
          Tokens.bearer(tokens.secretariat()));
      assertThat(bySecretariat.statusCode()).as(bySecretariat.body()).isEqualTo(200);
      assertThat(bySecretariat.body()).contains("\"type\":\"precondition-met\"");
    }
  }

  /**
   * Audit round 5, C23: the UK desk "signed" the Kyiv Security Compact, a text published as recommendations that was
   * never open to signature (agreement-format.md, section 13.15): answered 200, and the public page then showed the
   * UK's signature beside the compact's "not signed". Signing (by either route) or ratifying such a text is a 422 that says why, for a
   * party to it as for any other, and records nothing; an agreed text is signed as before.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aTextPublishedAsRecommendationsIsNeitherSignedNorRatified(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();

      for (String action : List.of("sign", "ratify")) {
        HttpResponse<String> answer = http.post("/api/agreements/kyiv-compact/lifecycle", "application/json",
            "{\"action\": \"" + action + "\", \"party\": \"GBR\"}", Tokens.bearer(tokens.gbr()));
        assertThat(answer.statusCode()).as(action + " -> " + answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("kyiv-compact was published as recommendations on 2022-09-13, not signed: it is not an"
            + " agreement open to signature, and cannot be " + (action.equals("sign") ? "signed" : "ratified"),
            "'published-as: agreed-text'", "nothing was recorded");
      }
      // Nor by a cryptographic signature over the text's version, which verifies with the UK's registered key.
      KeyPair ukKey = Signatures.generate();
      assertThat(http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(ukKey.getPublic()), Tokens.bearer(tokens.gbr()))
          .statusCode()).isBetween(200, 201);
      head = record.store().head().seq();
      String kyivHash = versionHash(http, "kyiv-compact");
      HttpResponse<String> signature = http.post("/api/agreements/kyiv-compact/signatures", "application/json", "{\"party\": \"GBR\","
          + " \"versionHash\": \"" + kyivHash + "\", \"signature\": \"" + Signatures.sign(ukKey.getPrivate(), "kyiv-compact", "GBR", kyivHash)
          + "\"}", Tokens.bearer(tokens.gbr()));
      assertThat(signature.statusCode()).as(signature.body()).isEqualTo(422);
      assertThat(signature.body()).contains("it is not an agreement open to signature, and cannot be signed", "nothing was recorded");
      assertThat(record.store().head().seq()).as("nothing recorded").isEqualTo(head);
      assertThat(http.get("/agreements/kyiv-compact").body()).as("no signature shown on the page").doesNotContainPattern("signed \\d");
      assertThat(http.post("/api/agreements/gbr-ukr-2024/lifecycle", "application/json", "{\"action\": \"sign\", \"party\": \"GBR\"}",
          Tokens.bearer(tokens.gbr())).statusCode()).as("an agreed text").isEqualTo(200);
    }
  }

  /**
   * Review 6: a record written before the rule above may hold a signature on the Kyiv Security Compact, by the lifecycle
   * route or by a key. It stays on the record as written, but neither the agreement's page nor the signatures' listing
   * shows it as a party's signature: each says it was recorded before the rule and is not a party's signature of a
   * binding text. A signature on an agreed text is listed as a party's, as before.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aSignatureOnRecommendationsRecordedBeforeTheRuleIsShownForWhatItIs(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      KeyPair ukKey = Signatures.generate();
      assertThat(http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(ukKey.getPublic()), Tokens.bearer(tokens.gbr()))
          .statusCode()).isBetween(200, 201);
      // As the service recorded them before the rule: nothing here asks today's checks.
      dev.compact.access.Actor old = dev.compact.access.Actor.system("old-log");
      record.record("agreement-kyiv-compact", java.util.Optional.empty(), List.of(new dev.compact.engine.Event.Signed(
          java.time.Instant.parse("2024-05-01T10:00:00Z"), record.clock().instant(), new dev.compact.agreements.AgreementId("kyiv-compact"),
          new dev.compact.agreements.PartyCode("GBR"))), java.util.Optional.empty(), old);
      String kyivHash = versionHash(http, "kyiv-compact");
      record.registrations().recordOnly("signatures-kyiv-compact", dev.compact.service.Registrations.AGREEMENT_SIGNED,
          new dev.compact.service.Registrations.AgreementSigned("kyiv-compact", kyivHash, "GBR",
              Signatures.sign(ukKey.getPrivate(), "kyiv-compact", "GBR", kyivHash)), java.util.Optional.empty(), old.name());
      String gbrHash = versionHash(http, "gbr-ukr-2024");
      assertThat(http.post("/api/agreements/gbr-ukr-2024/signatures", "application/json", "{\"party\": \"GBR\", \"versionHash\": \""
          + gbrHash + "\", \"signature\": \"" + Signatures.sign(ukKey.getPrivate(), "gbr-ukr-2024", "GBR", gbrHash) + "\"}",
          Tokens.bearer(tokens.gbr())).statusCode()).isEqualTo(201);
      long head = record.store().head().seq();

      String page = http.get("/agreements/kyiv-compact").body();
      assertThat(page).as("not shown as the UK's signature").doesNotContainPattern("signed \\d");
      assertThat(page).contains("a signature dated 1 May 2024", "recorded before the rule that kyiv-compact cannot be signed or ratified:"
          + " not a party&#39;s signature of a binding text", "published as recommendations on 2022-09-13");
      String listed = http.get("/api/agreements/kyiv-compact/signatures").body();
      assertThat(listed).contains("\"party\":\"GBR\"", "\"partySignature\":false", "not a party's signature of a binding text");
      assertThat(http.get("/api/agreements/gbr-ukr-2024/signatures").body()).as("an agreed text's signature is a party's")
          .contains("\"partySignature\":true").doesNotContain("before the rule");
      assertThat(record.store().head().seq()).as("the record is read, not rewritten").isEqualTo(head);
    }
  }

  private static String versionHash(Http http, String agreement) {
    return http.get("/api/agreements/" + agreement).body().replaceAll(".*\"versionHash\":\"([0-9a-f]{64})\".*", "$1");
  }
}

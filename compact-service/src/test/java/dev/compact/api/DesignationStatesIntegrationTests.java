package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Review 5, H1: adopting a package is open to every guarantor desk, and the register kept one state per designation
 * for the whole package, so a desk that adopted the United States' package could then lift its designation and the
 * register (and every screening hit) showed the US listing as lifted by the UK. A designation's state is now kept per
 * guarantor: a desk lifts or re-imposes it for its own state only. Over HTTP, on SQLite and PostgreSQL.
 */
class DesignationStatesIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String TYPE = "application/json";

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  /** OOO Neobit is OFAC entry 31414 of the bundled list, so a screening hit on it names the package. */
  static final String US_TERMS = """
      {"id": "us-eo", "issuer": "USA", "title": "EO 14024 designations", "adopted": "2021-04-15", "inForce": "2021-04-15",
       "designations": [{"id": "neobit", "name": "OOO Neobit", "list": "ofac", "entry": "31414"}],
       "sources": {"adopted": "https://example.org/eo", "in-force": "https://example.org/eo", "designations": "https://example.org/eo"}}""";

  @ParameterizedTest
  @MethodSource("kinds")
  void anAdopterLiftsADesignationForItselfAndTheIssuersListingStands(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      recordedAndAdoptedByItsIssuer(http, tokens);
      long head = record.store().head().seq();

      HttpResponse<String> beforeAdopting = http.post("/api/sanctions/us-eo/designations/neobit", TYPE,
          "{\"action\": \"lift\", \"by\": \"GBR\"}", Tokens.bearer(tokens.gbr()));
      assertThat(beforeAdopting.statusCode()).as(beforeAdopting.body()).isEqualTo(403);
      assertThat(beforeAdopting.body()).contains("GBR has not adopted it", "nothing was recorded");
      assertThat(record.store().head().seq()).as("a refusal records nothing").isEqualTo(head);

      assertThat(act(http, "/api/sanctions/packages/us-eo/acts", "adopt", "GBR", tokens.gbr())).isEqualTo(200);
      assertThat(act(http, "/api/sanctions/us-eo/designations/neobit", "lift", "GBR", tokens.gbr())).as("the adopter's own state")
          .isEqualTo(200);

      JsonNode neobit = designation(http);
      assertThat(neobit.get("state").asString()).as("the issuer's listing is not the UK's to lift").isEqualTo("listed");
      assertThat(neobit.get("act").isNull()).as(neobit.toString()).isTrue();
      assertThat(strings(neobit.get("inForceFor"))).containsExactly("USA");
      assertThat(neobit.get("states").get(0).get("party").asString()).isEqualTo("USA");
      assertThat(neobit.get("states").get(0).get("state").asString()).isEqualTo("listed");
      assertThat(neobit.get("states").get(0).get("inForce").asBoolean()).isTrue();
      assertThat(neobit.get("states").get(1).get("party").asString()).isEqualTo("GBR");
      assertThat(neobit.get("states").get(1).get("state").asString()).isEqualTo("lifted");
      assertThat(neobit.get("states").get(1).get("inForce").asBoolean()).isFalse();
      assertThat(neobit.get("states").get(1).get("act").get("by").asString()).isEqualTo("GBR");
      JsonNode ref = screened(http);
      assertThat(ref.get("state").asString()).isEqualTo("listed");
      assertThat(ref.get("inForce").asBoolean()).isTrue();
      assertThat(strings(ref.get("inForceFor"))).containsExactly("USA");
      assertThat(strings(ref.get("liftedBy"))).containsExactly("GBR");

      // The issuer's lift is what it was: the listing's. The UK's re-listing then keeps the designation in force for the UK.
      assertThat(act(http, "/api/sanctions/us-eo/designations/neobit", "lift", "USA", tokens.usa())).isEqualTo(200);
      neobit = designation(http);
      assertThat(neobit.get("state").asString()).isEqualTo("lifted");
      assertThat(neobit.get("act").get("by").asString()).isEqualTo("USA");
      assertThat(strings(neobit.get("inForceFor"))).isEmpty();
      assertThat(screened(http).get("inForce").asBoolean()).as("lifted for every state that applied it").isFalse();
      assertThat(act(http, "/api/sanctions/us-eo/designations/neobit", "reimpose", "GBR", tokens.gbr())).isEqualTo(200);
      neobit = designation(http);
      assertThat(neobit.get("state").asString()).isEqualTo("lifted");
      assertThat(strings(neobit.get("inForceFor"))).containsExactly("GBR");
      ref = screened(http);
      assertThat(ref.get("inForce").asBoolean()).isTrue();
      assertThat(strings(ref.get("inForceFor"))).containsExactly("GBR");
      assertThat(strings(ref.get("liftedBy"))).containsExactly("USA");
      assertThat(http.get("/sanctions/packages/us-eo").body()).contains("GBR (lifted by USA)");
    }
  }

  /**
   * A record written before the states were kept per guarantor: where only the issuer acted on a designation it reads
   * as it did (the state and the act of its last act), and an adopter's lift that is already on the log is its own.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void anOldLogReadsAsBeforeWhereOnlyTheIssuerActed(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      assertThat(http.post("/api/sanctions/packages", TYPE, US_TERMS.replace("}],", "}, {\"id\": \"pasit\", \"name\": \"AO Pasit\"}],"),
          Tokens.bearer(tokens.usa())).statusCode()).isEqualTo(201);
      PartyCode usa = new PartyCode("USA");
      PartyCode gbr = new PartyCode("GBR");
      // As the service recorded them before the rule on designations: nothing here asks today's checks.
      old(record, new Event.SanctionsAdopted(record.clock().instant(), record.clock().instant(), "us-eo", usa));
      old(record, new Event.DesignationLifted(record.clock().instant(), record.clock().instant(), "us-eo", "neobit", usa));
      old(record, new Event.DesignationReimposed(record.clock().instant(), record.clock().instant(), "us-eo", "neobit", usa));
      old(record, new Event.DesignationLifted(record.clock().instant(), record.clock().instant(), "us-eo", "pasit", usa));
      old(record, new Event.SanctionsAdopted(record.clock().instant(), record.clock().instant(), "us-eo", gbr));
      old(record, new Event.DesignationLifted(record.clock().instant(), record.clock().instant(), "us-eo", "neobit", gbr));

      JsonNode designations = JSON.readTree(http.get("/api/sanctions/packages/us-eo").body()).get("designations");
      assertThat(designations.get(0).get("id").asString()).isEqualTo("neobit");
      assertThat(designations.get(0).get("state").asString()).as("the issuer's last act, not the adopter's").isEqualTo("reimposed");
      assertThat(designations.get(0).get("act").get("by").asString()).isEqualTo("USA");
      assertThat(strings(designations.get(0).get("inForceFor"))).containsExactly("USA");
      assertThat(designations.get(1).get("id").asString()).isEqualTo("pasit");
      assertThat(designations.get(1).get("state").asString()).isEqualTo("lifted");
      assertThat(designations.get(1).get("act").get("kind").asString()).isEqualTo("designation-lifted");
      // The UK adopted the package as it stood, with pasit already lifted by its issuer (review 6, M2): in force for no one.
      assertThat(strings(designations.get(1).get("inForceFor"))).isEmpty();
    }
  }

  /**
   * Review 6, L6: the register folded designation acts in the order of the log, the engine in order of occurrence. On a
   * log whose re-imposition was recorded after a lift but backdated before it, the register showed the designation
   * re-imposed and in force while the engine's lock read it as lifted from the lift on. The register now folds in order
   * of occurrence: the lift, which occurred last, stands, on the API and on a screening hit, and so after a rebuild.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void aReimpositionBackdatedBeforeALiftOnAnOldLogDoesNotOverrideIt(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      recordedAndAdoptedByItsIssuer(http, tokens);
      java.time.Instant adopted = record.clock().instant();
      DeskRightsIntegrationTests.advance(http, "PT2H");
      assertThat(act(http, "/api/sanctions/us-eo/designations/neobit", "lift", "USA", tokens.usa())).isEqualTo(200);
      PartyCode usa = new PartyCode("USA");
      // As an old log may hold it: recorded after the lift, said to have occurred an hour before it.
      old(record, new Event.DesignationReimposed(adopted.plusSeconds(3600), record.clock().instant(), "us-eo", "neobit", usa));

      JsonNode neobit = designation(http);
      assertThat(neobit.get("state").asString()).as("the lift occurred last: " + neobit).isEqualTo("lifted");
      assertThat(neobit.get("act").get("kind").asString()).isEqualTo("designation-lifted");
      assertThat(strings(neobit.get("inForceFor"))).isEmpty();
      assertThat(screened(http).get("inForce").asBoolean()).as("not in force on a hit either").isFalse();
      assertThat(record.rebuild()).isPositive();
      assertThat(designation(http).get("state").asString()).as("and so after a rebuild").isEqualTo("lifted");
    }
  }

  /** The US package recorded and adopted by its issuer, over the API. */
  private static void recordedAndAdoptedByItsIssuer(Http http, Tokens tokens) {
    assertThat(http.post("/api/sanctions/packages", TYPE, US_TERMS, Tokens.bearer(tokens.usa())).statusCode()).isEqualTo(201);
    assertThat(act(http, "/api/sanctions/packages/us-eo/acts", "adopt", "USA", tokens.usa())).isEqualTo(200);
  }

  private static void old(RecordService record, Event.SanctionsEvent event) {
    record.record("sanctions-us-eo", Optional.empty(), List.of(event), Optional.empty(), dev.compact.access.Actor.system("old-log"));
  }

  private static int act(Http http, String path, String action, String by, String token) {
    HttpResponse<String> answer = http.post(path, TYPE, "{\"action\": \"" + action + "\", \"by\": \"" + by + "\"}", Tokens.bearer(token));
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 499);
    return answer.statusCode();
  }

  private static JsonNode designation(Http http) {
    return JSON.readTree(http.get("/api/sanctions/packages/us-eo").body()).get("designations").get(0);
  }

  /** The package as a screening hit on OOO Neobit names it. */
  private static JsonNode screened(Http http) {
    JsonNode hits = JSON.readTree(http.post("/api/screen", TYPE, "{\"name\": \"OOO Neobit\", \"type\": \"company\"}").body()).get("hits");
    for (JsonNode hit : hits) {
      if (hit.get("id").toString().contains("31414")) {
        assertThat(hit.get("packages")).as(hit.toString()).hasSize(1);
        return hit.get("packages").get(0);
      }
    }
    throw new AssertionError("no hit on OFAC 31414: " + hits);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asString()));
    return values;
  }
}

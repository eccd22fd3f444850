package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.service.RecordService;
import dev.compact.trust.Signatures;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every role against every write endpoint, over HTTP: allowed exactly as the issue specifies; a
 * denied write is a 403 problem document and leaves the record as it was; no token is a 401.
 */
class AccessMatrixIntegrationTests {

  /** A write: its path and body for attempt n, and the roles that may make it. */
  record Write(String name, IntFunction<String> path, String contentType, IntFunction<String> body, Set<String> allowed) {}

  @Test
  void eachRoleMayWriteExactlyWhatItsDeskCovers() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z", "--compact.tick-interval=PT1H")) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      KeyPair gbrKey = Signatures.generate();
      String jpn = Files.readString(Http.example("kyiv-compact").resolve("agreements/jpn-ukr-2024.md"));
      String gbrHash = http.get("/api/agreements/gbr-ukr-2024").body().replaceAll(".*\"versionHash\":\"([0-9a-f]{64})\".*", "$1");

      // What the writes refer to: incidents, a consultation, the UK's key.
      ok(http.post("/api/incidents", "application/json", incident("base"), Tokens.bearer(tokens.ukr())));
      ok(http.post("/api/incidents", "application/json", incident("base2"), Tokens.bearer(tokens.ukr())));
      ok(http.post("/api/consultations", "application/json", "{\"id\": \"base\", \"requestedBy\": \"UKR\", \"incident\": \"base\"}",
          Tokens.bearer(tokens.ukr())));
      ok(http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(gbrKey.getPublic()), Tokens.bearer(tokens.gbr())));

      String json = "application/json";
      List<Write> writes = List.of(
          new Write("report an incident", n -> "/api/incidents", json, n -> incident("i" + n), Set.of("ukr")),
          new Write("report an incident the UK witnessed", n -> "/api/incidents", json, n -> incident("w" + n).replace("\"UKR\"", "\"GBR\""),
              Set.of("gbr")),
          new Write("verify an incident", n -> "/api/incidents/base/verify", json, n -> "{\"by\": \"UKR\"}", Set.of("secretariat")),
          new Write("reject an incident", n -> "/api/incidents/base2/reject", json, n -> "{\"by\": \"UKR\", \"reason\": \"unconfirmed\"}",
              Set.of("secretariat")),
          new Write("request consultations", n -> "/api/consultations", json,
              n -> "{\"id\": \"c" + n + "\", \"requestedBy\": \"UKR\", \"incident\": \"base\"}", Set.of("ukr")),
          new Write("record the UK's attendance", n -> "/api/consultations/base/held", json, n -> "{\"attended\": [\"GBR\"]}",
              Set.of("secretariat", "gbr")),
          new Write("record a German measure", n -> "/api/consultations/base/measures", json,
              n -> "{\"measures\": [{\"id\": \"m" + n + "\", \"obligor\": \"DEU\", \"action\": \"deliver shells\", \"domain\": \"military\","
                  + " \"items\": [{\"item\": \"shells\", \"quantity\": 1000}], \"within\": \"P30D\"}], \"agreed\": [\"DEU\"]}",
              Set.of("secretariat", "deu")),
          new Write("record a UK allocation", n -> "/api/allocations", json,
              n -> "{\"guarantor\": \"GBR\", \"category\": \"military\", \"value\": {\"value\": 1000000, \"currency\": \"GBP\"}}", Set.of("gbr")),
          new Write("record a German delivery", n -> "/api/deliveries", json,
              n -> "{\"guarantor\": \"DEU\", \"category\": \"military\", \"value\": {\"value\": 1000000, \"currency\": \"EUR\"},"
                  + " \"scope\": \"lethal\"}", Set.of("deu")),
          new Write("adopt sanctions as DEU", n -> "/api/sanctions/pkg-" + n, json, n -> "{\"action\": \"adopt\", \"by\": \"DEU\"}", Set.of("deu")),
          new Write("record a package issued by the US", n -> "/api/sanctions/packages", json,
              n -> "{\"id\": \"us-" + n + "\", \"issuer\": \"USA\", \"title\": \"Round " + n + "\"}", Set.of("secretariat", "usa")),
          new Write("record that Germany's adoption was blocked", n -> "/api/sanctions/packages/eu-" + n + "/acts", json,
              n -> "{\"action\": \"block\", \"by\": \"DEU\", \"blockedBy\": [\"HUN\"]}", Set.of("secretariat", "deu")),
          new Write("lift a package as GBR", n -> "/api/sanctions/packages/uk-" + n + "/acts", json,
              n -> "{\"action\": \"lift\", \"by\": \"GBR\"}", Set.of("gbr")),
          new Write("sign as GBR", n -> "/api/agreements/gbr-ukr-2024/lifecycle", json, n -> "{\"action\": \"sign\", \"party\": \"GBR\"}",
              Set.of("gbr")),
          new Write("register an agreement version", n -> "/api/agreements/jpn-ukr-2024/versions", "text/markdown",
              n -> jpn.replace("title: ", "title: Draft " + n + " "), Set.of("secretariat")),
          new Write("register the US key", n -> "/api/parties/USA/key", "text/plain",
              n -> Signatures.publicPem(Signatures.generate().getPublic()), Set.of("usa")),
          new Write("sign the UK agreement", n -> "/api/agreements/gbr-ukr-2024/signatures", json,
              n -> "{\"party\": \"GBR\", \"versionHash\": \"" + gbrHash + "\", \"signature\": \""
                  + Signatures.sign(gbrKey.getPrivate(), "gbr-ukr-2024", "GBR", gbrHash) + "\"}", Set.of("gbr")),
          // Acts no incident makes; last, since a change of standing may end agreements the writes above act on.
          new Write("record the Bundestag's approval", n -> "/api/agreements/deu-ukr-2024/conditions-met", json,
              n -> "{\"clause\": \"deu-mil-2024\", \"condition\": \"parliamentary-approval\", \"by\": \"DEU\"}", Set.of("secretariat", "deu")),
          new Write("record the US consent to extending the US-Ukraine agreement as USA", n -> "/api/agreements/usa-ukr-2024/extensions",
              json, n -> "{\"by\": \"USA\", \"agreedBy\": [\"USA\"], \"years\": 10}", Set.of("secretariat", "usa")),
          new Write("invoke snapback as GBR", n -> "/api/snapback", json, n -> "{\"by\": \"GBR\", \"incident\": \"base\"}",
              Set.of("secretariat", "gbr")),
          new Write("report Ukraine's forces", n -> "/api/acts", json,
              n -> "{\"by\": \"UKR\", \"act\": \"exceed-force-cap\", \"quantity\": 80000, \"detail\": \"peacetime strength\"}",
              Set.of("secretariat", "ukr")),
          new Write("record compensation", n -> "/api/compensation", json,
              n -> "{\"by\": \"RUS\", \"paid\": {\"value\": " + n + ", \"currency\": \"USD\"}, \"assessed\": {\"value\": 152000000000,"
                  + " \"currency\": \"USD\"}, \"source\": \"RDNA3\"}", Set.of("secretariat")),
          new Write("record Ukraine joining NATO", n -> "/api/parties/UKR/status", json, n -> "{\"status\": \"nato-member\"}",
              Set.of("secretariat", "ukr")),
          new Write("record the aggressor's aggression ended", n -> "/api/parties/RUS/status", json,
              n -> "{\"status\": \"aggression-ended\"}", Set.of("secretariat")));

      Map<String, String> roles = new LinkedHashMap<>();
      roles.put("secretariat", tokens.secretariat());
      roles.put("ukr", tokens.ukr());
      roles.put("gbr", tokens.gbr());
      roles.put("deu", tokens.deu());
      roles.put("usa", tokens.usa());
      roles.put("observer", tokens.observer());
      AtomicInteger attempt = new AtomicInteger();
      int checked = 0;
      for (Write write : writes) {
        for (Map.Entry<String, String> role : roles.entrySet()) {
          int n = attempt.incrementAndGet();
          long before = record.store().head().seq();
          HttpResponse<String> response = http.post(write.path().apply(n), write.contentType(), write.body().apply(n),
              Tokens.bearer(role.getValue()));
          String what = role.getKey() + " may " + write.name() + " -> " + response.body();
          if (write.allowed().contains(role.getKey())) {
            assertThat(response.statusCode()).as(what).isBetween(200, 201);
            assertThat(record.store().head().seq()).as(what).isEqualTo(before + 1);
          } else {
            assertThat(response.statusCode()).as(what).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("https://compact.dev/problems/forbidden", "nothing was recorded");
            assertThat(record.store().head().seq()).as("a denied write leaves nothing: " + what).isEqualTo(before);
          }
          checked++;
        }
        long before = record.store().head().seq();
        assertThat(http.post(write.path().apply(0), write.contentType(), write.body().apply(0)).statusCode())
            .as("no token: " + write.name()).isEqualTo(401);
        assertThat(record.store().head().seq()).isEqualTo(before);
      }
      assertThat(checked).isEqualTo(writes.size() * roles.size());
    }
  }

  /** Russia's attack: the bilateral agreements' consultation duties bind only for an attack by the compact's aggressor. */
  static String incident(String id) {
    return "{\"id\": \"" + id + "\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4, \"reportedBy\": \"UKR\","
        + " \"attacker\": \"RUS\"}";
  }

  static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.trust.Signatures;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Parties register keys and sign agreement versions; only a valid signature over a known version is recorded. */
class SignaturesApiIntegrationTests {

  @Test
  void recordsAValidSignatureAndRefusesForgedOrMisdirectedOnes() throws Exception {
    KeyPair gbr = Signatures.generate();
    KeyPair deu = Signatures.generate();
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"))) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      String hash = http.get("/api/agreements/gbr-ukr-2024").body().replaceAll(".*\"versionHash\":\"([0-9a-f]{64})\".*", "$1");
      assertThat(hash).hasSize(64);
      Tokens tokens = Tokens.create(context);
      String[] uk = Tokens.bearer(tokens.gbr());

      assertThat(http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(deu.getPublic()), Tokens.bearer(tokens.deu()))
          .statusCode()).as("a German desk cannot register the UK's key").isEqualTo(403);
      String[] ukOnce = {uk[0], uk[1], "Idempotency-Key", "gbr-key-1"};
      HttpResponse<String> registered = http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(gbr.getPublic()), ukOnce);
      assertThat(registered.statusCode()).isEqualTo(201);
      HttpResponse<String> retried = http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(gbr.getPublic()), ukOnce);
      assertThat(retried.statusCode()).as("a retry is answered as the first attempt was").isEqualTo(201);
      assertThat(retried.body()).isEqualTo(registered.body());
      HttpResponse<String> second = http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(deu.getPublic()), uk);
      assertThat(second.statusCode()).isEqualTo(409);
      assertThat(second.body()).contains("key-already-registered", "GBR already has a registered signing key", "no rotation");
      assertThat(http.post("/api/parties/DEU/key", "text/plain", "not a key", Tokens.bearer(tokens.deu())).statusCode()).isEqualTo(400);

      String good = Signatures.sign(gbr.getPrivate(), "gbr-ukr-2024", "GBR", hash);
      String forged = Signatures.sign(deu.getPrivate(), "gbr-ukr-2024", "GBR", hash);
      String otherText = Signatures.sign(gbr.getPrivate(), "gbr-ukr-2024", "GBR", "0".repeat(64));

      HttpResponse<String> accepted = http.post("/api/agreements/gbr-ukr-2024/signatures", "application/json",
          "{\"party\": \"GBR\", \"versionHash\": \"" + hash + "\", \"signature\": \"" + good + "\"}", uk);
      HttpResponse<String> forgedResponse = http.post("/api/agreements/gbr-ukr-2024/signatures", "application/json",
          "{\"party\": \"GBR\", \"versionHash\": \"" + hash + "\", \"signature\": \"" + forged + "\"}", uk);
      HttpResponse<String> unknownVersion = http.post("/api/agreements/gbr-ukr-2024/signatures", "application/json",
          "{\"party\": \"GBR\", \"versionHash\": \"" + "0".repeat(64) + "\", \"signature\": \"" + otherText + "\"}", uk);
      HttpResponse<String> noKey = http.post("/api/agreements/gbr-ukr-2024/signatures", "application/json",
          "{\"party\": \"UKR\", \"versionHash\": \"" + hash + "\", \"signature\": \"" + good + "\"}", Tokens.bearer(tokens.ukr()));

      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
      assertThat(forgedResponse.statusCode()).isEqualTo(422);
      assertThat(forgedResponse.body()).contains("does not verify with GBR's key");
      assertThat(unknownVersion.statusCode()).isEqualTo(404);
      assertThat(noKey.statusCode()).isEqualTo(422);
      assertThat(http.get("/api/agreements/gbr-ukr-2024/signatures").body()).containsOnlyOnce("\"party\":\"GBR\"");
    }
  }
}

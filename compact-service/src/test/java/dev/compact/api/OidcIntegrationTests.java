package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.identity.IdentityLinks;
import dev.compact.identity.LocalIdentityProvider;
import dev.compact.identity.OidcSettings;
import dev.compact.service.RecordService;
import dev.compact.service.TestClock;
import dev.compact.store.StoredEvent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * OpenID Connect bearer tokens against the running service and an identity provider started here:
 * a linked identity acts as its account, with that account's role, and every token that is not
 * exactly right is a 401 that writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcIntegrationTests {
  private static final String ALLOCATION = "{\"guarantor\": \"GBR\", \"category\": \"military\", \"value\": {\"value\": 1000000, \"currency\": \"GBP\"}}";
  private static final String GERMAN_DELIVERY = "{\"guarantor\": \"DEU\", \"category\": \"military\", \"value\": {\"value\": 1000000, \"currency\": \"EUR\"}}";
  private final RSAKey key = LocalIdentityProvider.rsaKey("key-2026-03");
  private LocalIdentityProvider idp;
  private ConfigurableApplicationContext context;
  private Http http;
  private Tokens tokens;
  private RecordService record;
  private TestClock clock;

  @BeforeAll
  void start() throws Exception {
    idp = LocalIdentityProvider.start();
    idp.publish(key);
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z",
        "--compact.tick-interval=PT1H", "--compact.oidc.issuer=" + idp.issuer(), "--compact.oidc.audience=compact-api",
        "--compact.write-rate=0.001", "--compact.write-burst=5");
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    tokens = Tokens.create(context);
    record = context.getBean(RecordService.class);
    clock = (TestClock) context.getBean(Clock.class);
    IdentityLinks links = context.getBean(IdentityLinks.class);
    links.link("uk-desk", idp.issuer(), "0b6f-uk-desk-officer");
    links.link("us-desk", idp.issuer(), "us-desk-officer");
    context.getBean(Accounts.class).add("retired-desk", List.of("guarantor:GBR"));
    links.link("retired-desk", idp.issuer(), "retired-officer");
    context.getBean(Accounts.class).disable("retired-desk");
  }

  @AfterAll
  void stop() {
    context.close();
    idp.close();
  }

  private JWTClaimsSet.Builder claims(String subject) {
    return idp.claims(subject, "compact-api", clock.instant());
  }

  private String signed(JWTClaimsSet claims) {
    return LocalIdentityProvider.sign(key, JWSAlgorithm.RS256, claims);
  }

  @Test
  void aLinkedIdentityRecordsWhatItsAccountsRoleAllowsAsThatAccount() {
    String token = signed(claims("0b6f-uk-desk-officer").build());

    long before = record.store().head().seq();
    HttpResponse<String> allocated = http.post("/api/allocations", "application/json", ALLOCATION, Tokens.bearer(token));
    assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
    List<StoredEvent> written = record.store().read(before + 1, 10);
    assertThat(written).hasSize(1);
    assertThat(written.getFirst().actor()).isEqualTo("uk-desk");

    long afterAllocation = record.store().head().seq();
    HttpResponse<String> refused = http.post("/api/deliveries", "application/json", GERMAN_DELIVERY, Tokens.bearer(token));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("https://compact.dev/problems/forbidden", "nothing was recorded");
    assertThat(record.store().head().seq()).isEqualTo(afterAllocation);
  }

  @Test
  void everyTokenThatIsNotExactlyRightIsRefusedAndWritesNothing() throws Exception {
    Instant now = clock.instant();
    String linked = "0b6f-uk-desk-officer";
    String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + claims(linked).build().toPayload().toBase64URL() + ".";
    SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims(linked).build());
    confused.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
    String[] valid = signed(claims("us-desk-officer").build()).split("\\.");
    String tampered = valid[0] + "." + claims(linked).build().toPayload().toBase64URL() + "." + valid[2];
    ECKey stranger = LocalIdentityProvider.ecKey("not-published");

    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put(signed(claims(linked).issuer("https://login.example.org/compact").build()), "issued by another issuer");
    refusals.put(signed(claims(linked).audience("another-app").build()), "not meant for this service");
    refusals.put(signed(claims(linked).issueTime(Date.from(now.minusSeconds(3600))).expirationTime(Date.from(now.minusSeconds(61))).build()),
        "has expired");
    refusals.put(signed(claims(linked).notBeforeTime(Date.from(now.plusSeconds(300))).build()), "not valid yet");
    refusals.put(LocalIdentityProvider.sign(stranger, JWSAlgorithm.ES256, claims(linked).build()), "a key the identity provider does not publish");
    refusals.put(none, "unsigned tokens");
    refusals.put(confused.serialize(), "algorithm HS256 is refused");
    refusals.put(tampered, "signature does not verify");
    refusals.put(signed(claims("someone-else").build()), "this identity is not linked to an active Compact account");
    refusals.put(signed(claims("retired-officer").build()), "this identity is not linked to an active Compact account");

    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      long before = record.store().head().seq();
      HttpResponse<String> response = http.post("/api/allocations", "application/json", ALLOCATION, Tokens.bearer(refusal.getKey()));
      assertThat(response.statusCode()).as(refusal.getValue() + ": " + response.body()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"compact\"");
      assertThat(response.body()).contains("https://compact.dev/problems/unauthenticated", refusal.getValue());
      assertThat(record.store().head().seq()).as(refusal.getValue()).isEqualTo(before);
    }
    // The refusal of an unlinked identity names no account and echoes nothing of the token.
    HttpResponse<String> unlinked = http.post("/api/allocations", "application/json", ALLOCATION,
        Tokens.bearer(signed(claims("someone-else").build())));
    assertThat(unlinked.body()).doesNotContain("someone-else", "uk-desk", "us-desk");
  }

  @Test
  void aKeyTheProviderRotatesInIsAcceptedWithoutARestart() {
    clock.advance(Duration.ofMinutes(1)); // past any refetch limit that earlier tests used up
    RSAKey next = LocalIdentityProvider.rsaKey("key-2026-04");
    idp.publish(key, next);

    HttpResponse<String> response = http.post("/api/allocations", "application/json", ALLOCATION,
        Tokens.bearer(LocalIdentityProvider.sign(next, JWSAlgorithm.RS256, claims("0b6f-uk-desk-officer").build())));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void writesByIdentityAndByApiTokenShareTheAccountsRateLimit() {
    String identity = signed(claims("us-desk-officer").build());
    String usAllocation = ALLOCATION.replace("GBR", "USA").replace("GBP", "USD");
    int accepted = 0;
    for (int i = 0; i < 3; i++) {
      accepted += http.post("/api/allocations", "application/json", usAllocation, Tokens.bearer(tokens.usa())).statusCode() == 201 ? 1 : 0;
      accepted += http.post("/api/allocations", "application/json", usAllocation, Tokens.bearer(identity)).statusCode() == 201 ? 1 : 0;
    }

    assertThat(accepted).isEqualTo(5);
    HttpResponse<String> limited = http.post("/api/allocations", "application/json", usAllocation, Tokens.bearer(identity));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.body()).contains("too-many-writes");
  }

  @Test
  void anUnreachableProviderRefusesItsTokensClearlyWhileApiTokensStillWork() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String issuer = "http://127.0.0.1:" + closed + "/realms/compact";
    try (ConfigurableApplicationContext down = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"),
        "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z", "--compact.tick-interval=PT1H",
        "--compact.oidc.issuer=" + issuer, "--compact.oidc.audience=compact-api")) {
      Http downHttp = new Http(Integer.parseInt(down.getEnvironment().getProperty("local.server.port")));
      Tokens downTokens = Tokens.create(down);
      down.getBean(IdentityLinks.class).link("uk-desk", issuer, "0b6f-uk-desk-officer");
      Instant now = down.getBean(Clock.class).instant();
      String token = signed(idp.claims("0b6f-uk-desk-officer", "compact-api", now).issuer(issuer).build());

      for (int attempt = 0; attempt < 3; attempt++) {
        HttpResponse<String> refused = downHttp.post("/api/allocations", "application/json", ALLOCATION, Tokens.bearer(token));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("https://compact.dev/problems/identity-provider-unavailable",
            "the identity provider could not be reached", "nothing was recorded", "API tokens are not affected");
      }
      HttpResponse<String> withApiToken = downHttp.post("/api/allocations", "application/json", ALLOCATION, Tokens.bearer(downTokens.gbr()));
      assertThat(withApiToken.statusCode()).as(withApiToken.body()).isEqualTo(201);
    }
  }

  @Test
  void keysThatCanNoLongerBeFetchedStopBeingTrustedAfterTheirCacheExpires() throws Exception {
    try (LocalIdentityProvider fleeting = LocalIdentityProvider.start();
        ConfigurableApplicationContext service = ServiceApplication.start("--server.port=0",
            "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"),
            "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z", "--compact.tick-interval=PT1H",
            "--compact.oidc.issuer=" + fleeting.issuer(), "--compact.oidc.audience=compact-api")) {
      fleeting.publish(key);
      Http serviceHttp = new Http(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
      Tokens serviceTokens = Tokens.create(service);
      service.getBean(IdentityLinks.class).link("uk-desk", fleeting.issuer(), "0b6f-uk-desk-officer");
      TestClock serviceClock = (TestClock) service.getBean(Clock.class);

      String first = signed(fleeting.claims("0b6f-uk-desk-officer", "compact-api", serviceClock.instant()).build());
      assertThat(serviceHttp.post("/api/allocations", "application/json", ALLOCATION, Tokens.bearer(first)).statusCode()).isEqualTo(201);
      fleeting.close();
      serviceClock.advance(Duration.ofMinutes(6));
      String later = signed(fleeting.claims("0b6f-uk-desk-officer", "compact-api", serviceClock.instant()).build());

      HttpResponse<String> refused = serviceHttp.post("/api/allocations", "application/json", ALLOCATION, Tokens.bearer(later));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(serviceHttp.post("/api/allocations", "application/json", ALLOCATION, Tokens.bearer(serviceTokens.gbr())).statusCode())
          .isEqualTo(201);
    }
  }

  @Test
  void refusesToStartWithAnIssuerButNoAudienceBeforeOpeningAnything() throws Exception {
    java.nio.file.Path db = Files.createTempDirectory("compact").resolve("c.db");

    assertThatThrownBy(() -> ServiceApplication.start("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.oidc.issuer=" + idp.issuer()))
        .isInstanceOf(OidcSettings.Misconfigured.class)
        .hasMessageStartingWith("compact.oidc.issuer is set but compact.oidc.audience is not");
    assertThat(db).doesNotExist();
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.identity.IdentityLinks;
import dev.compact.identity.LocalIdentityProvider;
import dev.compact.store.TestDatabases;
import dev.compact.trust.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * No secret the service handles reaches its log: the real service runs with its console log
 * captured (as ECS JSON lines, the way {@code compact serve} writes them, with our own code, the
 * connection pool and Flyway at DEBUG, the rest at the default levels) while the test hands it
 * every kind of secret it takes, valid or not, and then looks for each one in everything written.
 * Spring's web layer is left at INFO: at DEBUG it writes every request's URL with its query, and
 * so any token a client puts there (docs/service.md says so).
 *
 * <p>A new kind of secret is one more step that registers what it sends with {@link Secrets#add}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogSecrecyIntegrationTests {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void noTokenPasswordKeyOrWebhookSecretTheServiceHandlesReachesItsLog(CapturedOutput output) throws Exception {
    Secrets secrets = new Secrets();
    AtomicInteger webhookCalls = new AtomicInteger();
    HttpServer receiver = failingReceiver(webhookCalls);
    String hookToken = secrets.add("webhook URL path token", "T0-" + random(12));
    String hookKey = secrets.add("webhook URL query key", "qk-" + random(12));
    String hookSecret = secrets.add("webhook signing secret", "whsec-" + random(16));
    String db = databaseWithPassword(secrets);
    LocalIdentityProvider idp = LocalIdentityProvider.start();
    RSAKey idpKey = LocalIdentityProvider.rsaKey("key-logs");
    idp.publish(idpKey);
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z",
        "--compact.tick-interval=PT1H", "--logging.structured.format.console=ecs", "--logging.level.dev.compact=DEBUG",
        "--logging.level.com.zaxxer.hikari=DEBUG", "--logging.level.org.flywaydb=DEBUG",
        "--compact.webhooks[0].party=USA", "--compact.webhooks[0].secret=" + hookSecret, "--compact.webhooks[0].url=http://127.0.0.1:"
            + receiver.getAddress().getPort() + "/hooks/" + hookToken + "?key=" + hookKey,
        "--compact.webhook-attempts=2", "--compact.webhook-first-delay=PT0.1S", "--compact.oidc.issuer=" + idp.issuer(),
        "--compact.oidc.audience=compact-api")) {
      Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
      Accounts accounts = context.getBean(Accounts.class);

      apiTokens(http, accounts, secrets);
      openIdConnectTokens(http, context, idp, idpKey, secrets);
      dashboardSignIn(http, accounts, secrets);
      partyKeys(http, accounts, secrets);
      // The transitions of these writes go to the USA's webhook, which fails: the failures are logged.
      await().atMost(Duration.ofSeconds(20)).until(() -> output.getAll().contains("giving up"));
      assertThat(webhookCalls.get()).isGreaterThanOrEqualTo(2);
    } finally {
      receiver.stop(0);
      idp.close();
    }

    // What shows that the log was captured, as JSON lines, with the lines that would carry the secrets.
    assertThat(output.getAll()).contains("\"ecs\"", "Database: jdbc:", "webhook to http://127.0.0.1:", "jdbcUrl");
    secrets.assertNoneIn(output.getAll());
  }

  @Test
  void aServiceThatCannotStartDoesNotPrintTheDatabasePasswordOrAWebhookUrl(CapturedOutput output) throws Exception {
    Secrets secrets = new Secrets();
    String password = secrets.add("database password", "pw-" + random(12));
    String hookToken = secrets.add("webhook URL token", "T0-" + random(12));
    String sqlite = Files.createTempDirectory("compact") + "/c.db";
    // Nothing listens on port 1; the last URL names a database Compact does not support.
    List<String[]> starts = List.of(
        new String[] {"--compact.db=postgresql://desk:" + password + "@127.0.0.1:1/compact"},
        new String[] {"--compact.db=jdbc:postgresql://127.0.0.1:1/compact?user=desk&password=" + password + "&connectTimeout=2"},
        new String[] {"--compact.db=jdbc:mysql://desk:" + password + "@127.0.0.1:1/compact"},
        new String[] {"--compact.db=" + sqlite, "--compact.webhooks[0].party=USA", "--compact.webhooks[0].secret=x",
            "--compact.webhooks[0].url=htp:/hooks.example/" + hookToken});
    for (String[] start : starts) {
      List<String> args = new ArrayList<>(List.of("--server.port=0", "--compact.compact-dir=" + Http.example("kyiv-compact"),
          "--logging.structured.format.console=ecs"));
      args.addAll(Arrays.asList(start));
      assertThatThrownBy(() -> ServiceApplication.start(args.toArray(String[]::new))).as(String.join(" ", start))
          .satisfies(e -> secrets.assertNoneIn(messages(e)));
    }
    assertThat(output.getAll()).as("the failures were logged").contains("Application run failed", "unsupported database URL jdbc:mysql://desk:****@",
        "compact.webhooks[0].url is not an absolute http or https URL");
    secrets.assertNoneIn(output.getAll());
  }

  /** API tokens: valid, expired, revoked, unknown and malformed, in the header and where they do not belong. */
  private static void apiTokens(Http http, Accounts accounts, Secrets secrets) throws IOException {
    accounts.add("ua-desk", List.of("protected:UKR"));
    accounts.add("secretariat", List.of("secretariat"));
    Accounts.Issued ua = accounts.issue("ua-desk", Duration.ofDays(1));
    String valid = secrets.add("valid API token", ua.token());
    String secretariat = secrets.add("secretariat API token", accounts.issue("secretariat", Duration.ofDays(1)).token());
    String expiring = secrets.add("expired API token", accounts.issue("ua-desk", Duration.ofHours(1)).token());
    Accounts.Issued toRevoke = accounts.issue("ua-desk", Duration.ofDays(1));
    String revoked = secrets.add("revoked API token", toRevoke.token());
    accounts.revoke(toRevoke.id());
    String unknown = secrets.add("unknown API token", "cpt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32)));

    assertThat(http.post("/api/incidents", "application/json", incident("i1"), Tokens.bearer(valid)).statusCode()).isEqualTo(201);
    assertThat(http.post("/api/incidents/i1/verify", "application/json", "{\"by\": \"UKR\"}", Tokens.bearer(secretariat)).statusCode())
        .isEqualTo(200);
    assertThat(http.post("/api/consultations", "application/json", "{\"id\": \"c1\", \"requestedBy\": \"UKR\", \"incident\": \"i1\"}",
        Tokens.bearer(valid)).statusCode()).isEqualTo(201);
    assertThat(http.get("/api/incidents", Tokens.bearer(valid)).statusCode()).isEqualTo(200);
    assertThat(http.post("/api/clock", "application/json", "{\"advanceBy\": \"PT2H\"}").statusCode()).isEqualTo(200);

    for (String token : List.of(expiring, revoked, unknown)) {
      assertThat(http.post("/api/incidents", "application/json", incident("x"), Tokens.bearer(token)).statusCode()).isEqualTo(401);
      assertThat(http.get("/api/incidents", Tokens.bearer(token)).statusCode()).isEqualTo(401);
    }
    List<String[]> malformed = List.of(new String[] {"Authorization", "Bearer " + valid + "x".repeat(100)},
        new String[] {"Authorization", "Bearer " + valid.toUpperCase(java.util.Locale.ROOT)}, new String[] {"Authorization", "Token " + valid},
        new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(("ua-desk:" + valid).getBytes(StandardCharsets.UTF_8))},
        new String[] {"Authorization", "Bearer " + valid + " " + unknown}, new String[] {"X-Api-Key", valid});
    for (String[] header : malformed) {
      assertThat(http.post("/api/incidents", "application/json", incident("y"), header).statusCode()).as(header[1]).isEqualTo(401);
    }
    // Failed requests that carry a valid token: a bad body, an unknown incident, a refused write, a body too large.
    assertThat(http.post("/api/incidents", "application/json", "{\"id\": ", Tokens.bearer(valid)).statusCode()).isEqualTo(400);
    assertThat(http.post("/api/incidents/nope/verify", "application/json", "{\"by\": \"UKR\"}", Tokens.bearer(secretariat)).statusCode())
        .isEqualTo(404);
    assertThat(http.post("/api/incidents/i1/verify", "application/json", "{\"by\": \"UKR\"}", Tokens.bearer(valid)).statusCode())
        .isEqualTo(403);
    assertThat(http.post("/api/incidents", "application/json", "{\"id\": \"" + "z".repeat(2_040_000) + "\"}", Tokens.bearer(valid))
        .statusCode()).isEqualTo(413);
    // Tokens where they do not belong: in the query, in a cookie, in a request Tomcat cannot parse.
    // A token in the query is a parameter the route does not take: refused (8cebd27), its value never repeated.
    HttpResponse<String> inQuery = http.get("/api/incidents?access_token=" + valid);
    assertThat(inQuery.statusCode()).isEqualTo(400);
    assertThat(inQuery.body()).contains("'access_token' is not a field of the query").doesNotContain(valid);
    assertThat(http.get("/api/incidents", "Cookie", "compact_token=" + unknown).statusCode()).isEqualTo(200);
    // Requests Tomcat cannot parse: a control character in the header, an unescaped brace in the query.
    assertThat(raw(http, "GET /api/incidents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + valid + "\u0001\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
    assertThat(raw(http, "GET /api/incidents?token=" + valid + "{} HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 400");
  }

  /**
   * OpenID Connect bearer tokens: one for a linked identity that writes, and ones refused as
   * expired, for another audience, signed with a key the provider does not publish, for an
   * identity not linked, and cut short.
   */
  private static void openIdConnectTokens(Http http, ConfigurableApplicationContext context, LocalIdentityProvider idp, RSAKey key,
      Secrets secrets) {
    context.getBean(Accounts.class).add("uk-oidc", List.of("guarantor:GBR"));
    context.getBean(IdentityLinks.class).link("uk-oidc", idp.issuer(), "uk-officer");
    Instant now = context.getBean(Clock.class).instant();
    String valid = secrets.addJwt("OIDC token", LocalIdentityProvider.sign(key, JWSAlgorithm.RS256,
        idp.claims("uk-officer", "compact-api", now).build()));
    assertThat(http.post("/api/allocations", "application/json",
        "{\"guarantor\": \"GBR\", \"category\": \"military\", \"value\": {\"value\": 1000000, \"currency\": \"GBP\"}}",
        Tokens.bearer(valid)).statusCode()).isEqualTo(201);

    List<String> refused = List.of(
        LocalIdentityProvider.sign(key, JWSAlgorithm.RS256, idp.claims("uk-officer", "compact-api", now.minusSeconds(3600))
            .expirationTime(Date.from(now.minusSeconds(120))).build()),
        LocalIdentityProvider.sign(key, JWSAlgorithm.RS256, idp.claims("uk-officer", "another-app", now).build()),
        LocalIdentityProvider.sign(LocalIdentityProvider.rsaKey("key-logs"), JWSAlgorithm.RS256,
            idp.claims("uk-officer", "compact-api", now).build()),
        LocalIdentityProvider.sign(key, JWSAlgorithm.RS256, idp.claims("nobody-linked", "compact-api", now).build()));
    for (String token : refused) {
      assertThat(http.post("/api/allocations", "application/json", "{}", Tokens.bearer(secrets.addJwt("refused OIDC token", token)))
          .statusCode()).isEqualTo(401);
    }
    String cut = secrets.add("cut-short OIDC token", valid.substring(0, valid.length() - 20));
    assertThat(http.post("/api/allocations", "application/json", "{}", Tokens.bearer(cut)).statusCode()).isEqualTo(401);
  }

  /**
   * The dashboard's sign-in: a password (right, wrong, for an unknown name), an API token (right and
   * wrong), forms posted with the session cookies, the old token cookie, and signing out.
   */
  private static void dashboardSignIn(Http http, Accounts accounts, Secrets secrets) {
    accounts.add("ua-dashboard", List.of("protected:UKR"));
    String password = secrets.add("dashboard password", "pw-" + random(12));
    accounts.passwords().set("ua-dashboard", password);
    String wrongPassword = secrets.add("wrong dashboard password", "pw-" + random(12));
    String token = secrets.add("dashboard sign-in token", accounts.issue("ua-dashboard", Duration.ofDays(1)).token());
    String wrong = secrets.add("wrong dashboard sign-in token", "cpt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32)));
    String form = "application/x-www-form-urlencoded";

    HttpResponse<String> signedIn = http.form("/signin", "name=ua-dashboard&password=" + password + "&back=/incidents");
    assertThat(signedIn.statusCode()).isEqualTo(302);
    String session = secrets.add("dashboard session id", sessionCookie(signedIn));
    assertThat(http.form("/signin", "name=ua-dashboard&password=" + wrongPassword).statusCode()).isEqualTo(401);
    assertThat(http.form("/signin", "name=nobody&password=" + password).statusCode()).isEqualTo(401);
    HttpResponse<String> withToken = http.form("/signin/token", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertThat(withToken.statusCode()).isEqualTo(302);
    String tokenSession = secrets.add("dashboard session id opened with a token", sessionCookie(withToken));
    assertThat(http.form("/signin/token", "token=" + wrong).statusCode()).isEqualTo(401);
    assertThat(http.form("/incidents", "id=form-1&kind=armed-attack&place=UKR&severity=3&reportedBy=UKR", "Cookie",
        "compact_session=" + session).statusCode()).isEqualTo(302);
    assertThat(http.form("/incidents", "id=form-2&kind=armed-attack&place=UKR&severity=3&reportedBy=UKR", "Cookie",
        "compact_session=" + tokenSession).statusCode()).isEqualTo(302);
    assertThat(http.form("/incidents", "id=form-3&kind=armed-attack&place=UKR&severity=3&reportedBy=UKR", "Cookie",
        "compact_token=" + token).statusCode()).isEqualTo(401);
    assertThat(http.form("/signout", "", "Cookie", "compact_session=" + session).statusCode()).isEqualTo(302);
    assertThat(http.form("/incidents", "id=form-4&kind=armed-attack&place=UKR&severity=3&reportedBy=UKR", "Cookie",
        "compact_session=" + session).statusCode()).isEqualTo(401);
  }

  private static String sessionCookie(HttpResponse<String> response) {
    String header = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("compact_session=")).findFirst()
        .orElseThrow();
    assertThat(header).startsWith("compact_session=cps_");
    return header.substring("compact_session=".length(), header.indexOf(';'));
  }

  /** A party's key pair: the public key registered, a signature posted, and the private key sent by mistake. */
  private static void partyKeys(Http http, Accounts accounts, Secrets secrets) {
    accounts.add("uk-desk", List.of("guarantor:GBR"));
    String[] uk = Tokens.bearer(secrets.add("UK desk API token", accounts.issue("uk-desk", Duration.ofDays(1)).token()));
    KeyPair pair = Signatures.generate();
    String privatePem = Signatures.privatePem(pair.getPrivate());
    secrets.addPrivateKey("GBR private key", privatePem, pair.getPrivate().getEncoded());
    String hash = http.get("/api/agreements/gbr-ukr-2024").body().replaceAll(".*\"versionHash\":\"([0-9a-f]{64})\".*", "$1");

    assertThat(http.post("/api/parties/GBR/key", "text/plain", privatePem, uk).statusCode()).isBetween(400, 499);
    assertThat(http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(pair.getPublic()), uk).statusCode()).isBetween(200, 201);
    String signature = Signatures.sign(pair.getPrivate(), "gbr-ukr-2024", "GBR", hash);
    assertThat(http.post("/api/agreements/gbr-ukr-2024/signatures", "application/json",
        "{\"party\": \"GBR\", \"versionHash\": \"" + hash + "\", \"signature\": \"" + signature + "\"}", uk).statusCode()).isBetween(200, 201);
  }

  /**
   * A database that takes a password: with PostgreSQL, a new role with a random password and a
   * database it owns, named in the user:password@host form; without it, an SQLite file (which has
   * no password; the failing starts in the other test name PostgreSQL URLs with one).
   */
  private static String databaseWithPassword(Secrets secrets) throws SQLException {
    String admin = System.getenv("COMPACT_TEST_PG_URL");
    if (admin == null || admin.isBlank()) {
      return TestDatabases.freshUrl("sqlite");
    }
    String name = "compact_logs_" + random(8).toLowerCase(java.util.Locale.ROOT);
    String password = secrets.add("database password", "pw-" + random(16));
    try (Connection connection = DriverManager.getConnection(admin); Statement s = connection.createStatement()) {
      s.executeUpdate("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
      s.executeUpdate("CREATE DATABASE " + name + " OWNER " + name);
    }
    String hostAndPort = admin.replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
    return "postgresql://" + name + ":" + password + "@" + hostAndPort + "/" + name;
  }

  /** A webhook receiver that is down: every delivery gets a 500. */
  private static HttpServer failingReceiver(AtomicInteger calls) throws IOException {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hooks", exchange -> {
      exchange.getRequestBody().readAllBytes();
      calls.incrementAndGet();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    receiver.start();
    return receiver;
  }

  /** Sends bytes no well-behaved client would, and returns the status line. */
  private static String raw(Http http, String request) throws IOException {
    try (Socket socket = new Socket("localhost", http.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  private static String incident(String id) {
    return "{\"id\": \"" + id + "\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4, \"reportedBy\": \"UKR\"}";
  }

  private static List<String> messages(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
      Arrays.stream(t.getSuppressed()).forEach(s -> messages.add(String.valueOf(s.getMessage())));
    }
    return messages;
  }

  private static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String random(int n) {
    return HexFormat.of().formatHex(bytes(n));
  }

  /** The secrets handed to the service, each in every form it could take in a log line. */
  static final class Secrets {
    private final Map<String, String> forms = new LinkedHashMap<>();

    /** Remembers a secret sent as text; returns it. */
    String add(String what, String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      form(what, value);
      form(what + " (URL-encoded)", URLEncoder.encode(value, StandardCharsets.UTF_8));
      form(what + " (base64)", Base64.getEncoder().encodeToString(utf8));
      form(what + " (base64url)", Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
      form(what + " (hex)", HexFormat.of().formatHex(utf8));
      // A token is base64url already: the random part alone, without its prefix, is as good as the token.
      if (value.startsWith("cpt_")) {
        form(what + " (without prefix)", value.substring(4));
      }
      return value;
    }

    /**
     * Remembers a JSON Web Token: the whole token, and its signature alone (the header and claims
     * are not secret: a log may name the issuer, the subject or the key id).
     */
    String addJwt(String what, String jwt) {
      add(what, jwt);
      form(what + " (signature)", jwt.substring(jwt.lastIndexOf('.') + 1));
      return jwt;
    }

    /**
     * Remembers a private key: its PEM text, and its key bytes (the part of the PKCS #8 encoding
     * after the header every Ed25519 key shares) as hex and base64.
     */
    void addPrivateKey(String what, String pem, byte[] pkcs8) {
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      byte[] key = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
      form(what + " (PEM)", pem.strip());
      // Each base64 character after the 24th encodes key bytes only.
      form(what + " (PEM key part)", body.substring(24));
      form(what + " (hex)", HexFormat.of().formatHex(key));
      form(what + " (base64)", Base64.getEncoder().encodeToString(key));
      form(what + " (base64url)", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    }

    private void form(String what, String value) {
      if (value.length() < 12) {
        throw new IllegalArgumentException(what + " is too short to look for without false alarms");
      }
      forms.putIfAbsent(value, what);
      // JSON log lines may escape a slash.
      forms.putIfAbsent(value.replace("/", "\\/"), what + " (JSON-escaped)");
    }

    void assertNoneIn(String output) {
      assertNoneIn(List.of(output));
    }

    void assertNoneIn(List<String> texts) {
      assertThat(forms).isNotEmpty();
      for (String text : texts) {
        for (Map.Entry<String, String> form : forms.entrySet()) {
          int at = text.indexOf(form.getKey());
          assertThat(at).as(() -> form.getValue() + " appears in the output: ..."
              + text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100)) + "...").isEqualTo(-1);
        }
      }
    }
  }
}

package dev.compact.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.access.Actor;
import dev.compact.notify.WebhookSignature;
import dev.compact.notify.Webhooks;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.store.TestDatabases;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #15: a new watchlist alert reaches its own account's webhook, through the durable deliveries
 * (at least once, one delivery id, signed), and nothing of it reaches another account's webhook, a
 * party's or the catch-all webhook, the public notifications, or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlertWebhooksIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String CUBA = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  static final String LOGAN = "10278,\"LOGAN MOREY, Elvis Angus\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
      + "\"DOB 28 Jul 1963; Passport P0017003 (Belize).\"\r\n";

  /** One receiver with a path per subscription, answering 500 on a path while it is down. */
  static final class Receiver implements AutoCloseable {
    record Delivery(String path, String id, String body, String signature, int status) {}

    final HttpServer server;
    final Set<String> down = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final List<Delivery> attempts = new CopyOnWriteArrayList<>();

    Receiver() throws java.io.IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        String path = exchange.getRequestURI().getPath();
        int status = down.contains(path) ? 500 : 204;
        attempts.add(new Delivery(path, exchange.getRequestHeaders().getFirst(Webhooks.DELIVERY_HEADER),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
            exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path + "?token=t0k";
    }

    List<Delivery> delivered(String path) {
      return attempts.stream().filter(a -> a.path().equals(path) && a.status() == 204).toList();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.compact.store.TestDatabases#kinds")
  void aNewAlertReachesOnlyItsOwnAccountsWebhookAtLeastOnce(String kind, CapturedOutput output) throws Exception {
    String db = TestDatabases.freshUrl(kind);
    try (Receiver receiver = new Receiver()) {
      // Bank A's receiver is down at first: its alert must wait in the database, then arrive under the same id.
      receiver.down.add("/bank-a");
      try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + db,
          "--compact.compact-dir=" + example(), "--compact.screening.preload=false", "--compact.tick-interval=PT1H",
          "--compact.webhooks[0].account=bank-a", "--compact.webhooks[0].url=" + receiver.url("/bank-a"),
          "--compact.webhooks[0].secret=secret-a",
          "--compact.webhooks[1].account=bank-b", "--compact.webhooks[1].url=" + receiver.url("/bank-b"),
          "--compact.webhooks[1].secret=secret-b",
          "--compact.webhooks[2].party=*", "--compact.webhooks[2].url=" + receiver.url("/public"), "--compact.webhooks[2].secret=s",
          "--compact.webhooks[3].party=USA", "--compact.webhooks[3].url=" + receiver.url("/usa"), "--compact.webhooks[3].secret=s",
          "--compact.webhook-first-delay=PT0.2S", "--compact.webhook-max-delay=PT0.5S", "--compact.webhook-poll=PT0.2S")) {
        String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        Accounts accounts = context.getBean(Accounts.class);
        accounts.add("bank-a", List.of("compliance"));
        accounts.add("bank-b", List.of("compliance"));
        ListVersions versions = context.getBean(ListVersions.class);
        Actor system = new Actor("test", Set.of(), true);
        versions.importVersion(new ListVersions.Request(ListFormat.OFAC, List.of(sdn(CUBA)), Optional.of(LocalDate.parse("2019-01-15")),
            false), system, note -> {});

        // Neither book matches the first version; both have someone the second version lists.
        assertThat(post(base, "bank-a", accounts, """
            [{"id": "cp-a-7f3a", "name": "Elvis Angus Logan Morey", "type": "person"}, {"id": "cp-a-2", "name": "Quentin Vandersloot"}]
            """).get("alerts")).isEmpty();
        assertThat(post(base, "bank-b", accounts, """
            [{"id": "cp-b-91c0", "name": "Elvis A. Logan-Morey", "type": "person"}]
            """).get("alerts")).isEmpty();
        versions.importVersion(new ListVersions.Request(ListFormat.OFAC, List.of(sdn(CUBA + LOGAN)), Optional.of(LocalDate.parse("2021-07-07")),
            false), system, note -> {});

        await(() -> !receiver.delivered("/bank-b").isEmpty() && receiver.attempts.stream().anyMatch(a -> a.path().equals("/bank-a")),
            "bank B's alert delivered, bank A's tried");
        List<String> triedForA = receiver.attempts.stream().filter(a -> a.path().equals("/bank-a")).map(Receiver.Delivery::id).distinct().toList();
        receiver.down.remove("/bank-a");
        await(() -> !receiver.delivered("/bank-a").isEmpty(), "bank A's alert delivered once its receiver is back");
        Thread.sleep(1000);

        Receiver.Delivery toA = receiver.delivered("/bank-a").getFirst();
        Receiver.Delivery toB = receiver.delivered("/bank-b").getFirst();
        assertThat(receiver.delivered("/bank-a")).hasSize(1);
        assertThat(receiver.delivered("/bank-b")).hasSize(1);
        assertThat(triedForA).containsExactly(toA.id());
        assertThat(WebhookSignature.verify("secret-a", toA.signature(), toA.body())).isTrue();
        assertThat(WebhookSignature.verify("secret-b", toB.signature(), toB.body())).isTrue();
        JsonNode alertA = JSON.readTree(toA.body());
        assertThat(alertA.get("type").asString()).isEqualTo("watchlist-alert");
        assertThat(alertA.get("delivery").asString()).isEqualTo(toA.id());
        assertThat(alertA.get("alert").get("counterpartyId").asString()).isEqualTo("cp-a-7f3a");
        assertThat(alertA.get("alert").get("entityId").asString()).isEqualTo("10278");
        assertThat(alertA.get("alert").get("explanation").asString()).isNotBlank();
        // What the account itself is shown of that alert, and nothing more.
        JsonNode listed = get(base, "/api/watchlist/alerts", "bank-a", accounts).get(0);
        assertThat(alertA.get("alert").get("alertId").asString()).isEqualTo(listed.get("alertId").asString());
        assertThat(alertA.get("alert").properties()).allSatisfy(field -> assertThat(listed.has(field.getKey())).as(field.getKey()).isTrue());
        assertThat(toA.body()).doesNotContain("cp-b-91c0", "Logan-Morey", "bank-b");
        assertThat(toB.body()).contains("cp-b-91c0").doesNotContain("cp-a-7f3a", "Elvis Angus Logan Morey", "bank-a");
        // No party's webhook, not even the catch-all one, and nothing public hears of a watchlist.
        assertThat(receiver.attempts).extracting(Receiver.Delivery::path).containsOnly("/bank-a", "/bank-b");
        try (Connection connection = DriverManager.getConnection(db); var s = connection.createStatement();
            var rs = s.executeQuery("SELECT COUNT(*) FROM notify_outbox")) {
          rs.next();
          assertThat(rs.getLong(1)).isZero();
        }
      }
      assertThat(output.getAll()).doesNotContain("cp-a-7f3a", "cp-b-91c0", "Elvis Angus Logan Morey", "Logan-Morey", "Quentin");
    }
  }

  private static JsonNode post(String base, String account, Accounts accounts, String body) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/watchlist"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + accounts.issue(account, Duration.ofHours(1)).token())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode get(String base, String path, String account, Accounts accounts) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + accounts.issue(account, Duration.ofHours(1)).token()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  private static ListFile sdn(String text) {
    return new ListFile("sdn.csv", text.getBytes(StandardCharsets.UTF_8));
  }

  static String example() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/kyiv-compact"))) {
        return dir.resolve("examples/kyiv-compact").toString();
      }
    }
    throw new IllegalStateException("no examples/kyiv-compact");
  }
}

package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: webhook retries lived in memory and were lost on restart. Deliveries are written with the
 * append and retried from the database, at least once, under one delivery id that receivers
 * deduplicate by; several instances over one PostgreSQL share them without sending one twice.
 */
class DurableWebhooksIntegrationTests {

  /** A receiver that records every attempt, and answers 500 while {@code down} is set. */
  static final class Receiver implements AutoCloseable {
    record Attempt(String delivery, String body, String signature, int status) {}

    final HttpServer server;
    final AtomicBoolean down = new AtomicBoolean();
    final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    Receiver() throws java.io.IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/hook", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = down.get() ? 500 : 204;
        attempts.add(new Attempt(exchange.getRequestHeaders().getFirst(Webhooks.DELIVERY_HEADER), body,
            exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=t0k";
    }

    List<Attempt> delivered() {
      return attempts.stream().filter(a -> a.status() == 204).toList();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static ConfigurableApplicationContext start(String db, Receiver receiver, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--compact.db=" + db,
        "--compact.compact-dir=" + WebhooksIntegrationTests.compact(), "--compact.write-rate=10000", "--compact.write-burst=10000",
        "--compact.tick-interval=PT1H", "--compact.webhooks[0].party=USA", "--compact.webhooks[0].url=" + receiver.url(),
        "--compact.webhooks[0].secret=s3cret", "--compact.webhook-first-delay=PT0.2S", "--compact.webhook-max-delay=PT0.5S",
        "--compact.webhook-poll=PT0.2S"));
    args.addAll(List.of(more));
    return ServiceApplication.start(args.toArray(String[]::new));
  }

  /** An incident, verified, and a consultation on it: duties to convene for the United States among others. */
  static void consultation(ConfigurableApplicationContext context, String id) throws Exception {
    String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    var accounts = context.getBean(dev.compact.access.Accounts.class);
    String desk = "ua-desk-" + id;
    String secretariat = "secretariat-" + id;
    accounts.add(desk, List.of("protected:UKR"));
    accounts.add(secretariat, List.of("secretariat"));
    String ua = accounts.issue(desk, java.time.Duration.ofDays(1)).token();
    String sec = accounts.issue(secretariat, java.time.Duration.ofDays(1)).token();
    WebhooksIntegrationTests.post(base + "/api/incidents",
        "{\"id\": \"" + id + "\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4, \"reportedBy\": \"UKR\", \"attacker\": \"RUS\"}",
        ua);
    WebhooksIntegrationTests.post(base + "/api/incidents/" + id + "/verify", "{\"by\": \"UKR\"}", sec);
    WebhooksIntegrationTests.post(base + "/api/consultations", "{\"id\": \"c-" + id + "\", \"requestedBy\": \"UKR\", \"incident\": \"" + id + "\"}",
        ua);
  }

  /** The deliveries table's rows by state. */
  static Map<String, Long> states(String db) {
    Map<String, Long> states = new java.util.TreeMap<>();
    try (Connection connection = DriverManager.getConnection(db); var s = connection.createStatement();
        var rs = s.executeQuery("SELECT state, COUNT(*) FROM webhook_deliveries GROUP BY state")) {
      while (rs.next()) {
        states.put(rs.getString(1), rs.getLong(2));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return states;
  }

  static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  @ParameterizedTest
  @MethodSource("dev.compact.store.TestDatabases#kinds")
  void aDeliveryThatFailedBeforeARestartIsDeliveredAfterItUnderTheSameId(String kind) throws Exception {
    String db = TestDatabases.freshUrl(kind);
    try (Receiver receiver = new Receiver()) {
      receiver.down.set(true);
      try (ConfigurableApplicationContext first = start(db, receiver)) {
        consultation(first, "i1");
        await(() -> !receiver.attempts.isEmpty(), "a first attempt, which fails");
      }
      List<String> failed = receiver.attempts.stream().map(Receiver.Attempt::delivery).distinct().toList();
      assertThat(states(db)).containsKey("pending").doesNotContainKey("delivered");

      receiver.down.set(false);
      try (ConfigurableApplicationContext second = start(db, receiver)) {
        await(() -> !states(db).containsKey("pending"), "every delivery made after the restart");
      }
      List<Receiver.Attempt> delivered = receiver.delivered();
      assertThat(delivered).extracting(Receiver.Attempt::delivery).doesNotHaveDuplicates().containsAll(failed);
      assertThat(states(db)).containsOnlyKeys("delivered");
      for (Receiver.Attempt attempt : delivered) {
        assertThat(attempt.body()).contains("\"delivery\":\"" + attempt.delivery() + "\"", "\"obligor\":\"USA\"").doesNotContain("\"seq\"");
        assertThat(WebhookSignature.verify("s3cret", attempt.signature(), attempt.body())).isTrue();
      }
      // The same delivery, tried again, is the same bytes: a receiver may compare or deduplicate.
      for (Receiver.Attempt attempt : receiver.attempts) {
        assertThat(attempt.body()).isEqualTo(delivered.stream().filter(d -> d.delivery().equals(attempt.delivery())).findFirst().orElseThrow().body());
      }
    }
  }

  /** After the last attempt a delivery is marked failed, with why, and nothing sends it again. */
  @Test
  void aDeliveryIsGivenUpAfterTheLastAttempt() throws Exception {
    String db = TestDatabases.freshUrl("sqlite");
    try (Receiver receiver = new Receiver()) {
      receiver.down.set(true);
      try (ConfigurableApplicationContext context = start(db, receiver, "--compact.webhook-attempts=2")) {
        consultation(context, "i1");
        await(() -> !states(db).containsKey("pending"), "every delivery given up");
        Thread.sleep(1000);
        // What an operator alerts on: the failed deliveries, in the metrics.
        var accounts = context.getBean(dev.compact.access.Accounts.class);
        accounts.add("prometheus", List.of("monitor"));
        var metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/actuator/prometheus"))
            .header("Authorization", "Bearer " + accounts.issue("prometheus", java.time.Duration.ofDays(1)).token()).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("compact_webhook_deliveries{state=\"failed\"} " + states(db).get("failed") + ".0",
            "compact_webhook_deliveries{state=\"pending\"} 0.0");
      }
      Map<String, Integer> times = new ConcurrentHashMap<>();
      receiver.attempts.forEach(attempt -> times.merge(attempt.delivery(), 1, Integer::sum));
      assertThat(times).isNotEmpty().allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(2));
      assertThat(states(db)).containsOnlyKeys("failed").containsValue((long) times.size());
      try (Connection connection = DriverManager.getConnection(db); var s = connection.createStatement();
          var rs = s.executeQuery("SELECT DISTINCT last_error FROM webhook_deliveries")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("HTTP 500");
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void twoInstancesDeliverEachTransitionOnce() throws Exception {
    String db = TestDatabases.freshUrl("postgresql");
    try (Receiver receiver = new Receiver(); ConfigurableApplicationContext a = start(db, receiver);
        ConfigurableApplicationContext b = start(db, receiver)) {
      for (int i = 0; i < 4; i++) {
        consultation(i % 2 == 0 ? a : b, "two-" + i);
      }
      await(() -> states(db).equals(Map.of("delivered", (long) receiver.delivered().size())), "every delivery made");
      Map<String, Integer> times = new ConcurrentHashMap<>();
      receiver.attempts.forEach(attempt -> times.merge(attempt.delivery(), 1, Integer::sum));
      // Every delivery written, by either instance, was sent once, by one of them.
      assertThat(times).isNotEmpty().hasSize(states(db).get("delivered").intValue()).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    }
  }
}

package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.compact.ServiceApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A party's webhook receives its transitions, signed; a failed delivery is retried. */
class WebhooksIntegrationTests {

  record Received(String body, String signature, String demonstration) {}

  static Path compact() {
    return dev.compact.Examples.compact("kyiv-compact");
  }

  @Test
  void deliversSignedTransitionsToThePartyAndRetriesAfterAFailure() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch delivered = new CountDownLatch(1);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      // The first delivery fails, as a receiver that is briefly down would.
      int status = calls.getAndIncrement() == 0 ? 500 : 204;
      if (status == 204) {
        received.add(new Received(body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
            exchange.getRequestHeaders().getFirst(Webhooks.DEMONSTRATION_HEADER)));
        delivered.countDown();
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + compact(),
        "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z",
        "--compact.webhooks[0].party=USA", "--compact.webhooks[0].url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
        "--compact.webhooks[0].secret=s3cret", "--compact.webhook-first-delay=PT0.1S")) {
      consultationOnAnAttack(context);

      assertThat(delivered.await(20, TimeUnit.SECONDS)).as("a delivery after the failed one").isTrue();
    } finally {
      receiver.stop(0);
    }
    Received first = received.getFirst();
    assertThat(calls.get()).isGreaterThanOrEqualTo(2);
    assertThat(first.body()).contains("\"obligor\":\"USA\"").doesNotContain("\"obligor\":\"GBR\"");
    assertThat(WebhookSignature.verify("s3cret", first.signature(), first.body())).isTrue();
    assertThat(WebhookSignature.verify("other", first.signature(), first.body())).isFalse();
    assertThat(first.demonstration()).as("a real record's delivery carries no demonstration mark").isNull();
  }

  /**
   * A demonstration record's deliveries said nothing of it: a receiver sees no dashboard banner and no answer's header, so
   * its invented breaches arrived like real ones (review5 L4). Each delivery carries the answers' header now.
   */
  @Test
  void aDemonstrationRecordsDeliveriesCarryTheDemonstrationHeader() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    CountDownLatch delivered = new CountDownLatch(1);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
          exchange.getRequestHeaders().getFirst(Webhooks.DEMONSTRATION_HEADER)));
      delivered.countDown();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + compact(),
        "--compact.test-clock=true", "--compact.test-clock-start=2026-03-01T06:00:00Z", "--compact.demonstration=true",
        "--compact.webhooks[0].party=USA", "--compact.webhooks[0].url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
        "--compact.webhooks[0].secret=s3cret")) {
      consultationOnAnAttack(context);

      assertThat(delivered.await(20, TimeUnit.SECONDS)).as("a delivery").isTrue();
    } finally {
      receiver.stop(0);
    }
    assertThat(Webhooks.DEMONSTRATION_HEADER).isEqualTo("Compact-Demonstration");
    assertThat(received).allSatisfy(r -> assertThat(r.demonstration()).isEqualTo("true"));
    assertThat(WebhookSignature.verify("s3cret", received.getFirst().signature(), received.getFirst().body())).isTrue();
  }

  /** An attack reported by Ukraine, verified, and a consultation requested on it: duties for the guarantors. */
  static void consultationOnAnAttack(ConfigurableApplicationContext context) throws IOException, InterruptedException {
    String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    var accounts = context.getBean(dev.compact.access.Accounts.class);
    accounts.add("ua-desk", List.of("protected:UKR"));
    accounts.add("secretariat", List.of("secretariat"));
    String ua = accounts.issue("ua-desk", java.time.Duration.ofDays(1)).token();
    String secretariat = accounts.issue("secretariat", java.time.Duration.ofDays(1)).token();
    post(base + "/api/incidents", "{\"id\": \"i1\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4, \"reportedBy\": \"UKR\"}", ua);
    post(base + "/api/incidents/i1/verify", "{\"by\": \"UKR\"}", secretariat);
    post(base + "/api/consultations", "{\"id\": \"c1\", \"requestedBy\": \"UKR\", \"incident\": \"i1\"}", ua);
  }

  static void post(String url, String json, String token) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }
}

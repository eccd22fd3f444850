package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delivery that exhausted its attempts is sent again when the secretariat asks, under the same id
 * and with the same body, and the re-send is audited; nobody else may see or re-send deliveries.
 */
class WebhookResendIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest
  @MethodSource("dev.compact.store.TestDatabases#kinds")
  void theSecretariatSendsFailedDeliveriesAgainUnderTheirIdsAndIsAudited(String kind) throws Exception {
    String db = TestDatabases.freshUrl(kind);
    try (DurableWebhooksIntegrationTests.Receiver receiver = new DurableWebhooksIntegrationTests.Receiver()) {
      receiver.down.set(true);
      try (ConfigurableApplicationContext context = DurableWebhooksIntegrationTests.start(db, receiver, "--compact.webhook-attempts=2")) {
        DurableWebhooksIntegrationTests.consultation(context, "i1");
        DurableWebhooksIntegrationTests.await(() -> DurableWebhooksIntegrationTests.states(db).keySet().equals(java.util.Set.of("failed")),
            "every delivery failed twice and was given up");
        var accounts = context.getBean(dev.compact.access.Accounts.class);
        accounts.add("ops", List.of("secretariat"));
        accounts.add("us-ops", List.of("guarantor:USA"));
        String secretariat = accounts.issue("ops", java.time.Duration.ofDays(1)).token();
        String usDesk = accounts.issue("us-ops", java.time.Duration.ofDays(1)).token();
        String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/api/webhooks/deliveries";

        JsonNode failed = JSON.readTree(call("GET", base + "?state=failed", secretariat).body());
        assertThat(failed.size()).isPositive();
        String first = failed.get(0).get("id").asString();
        assertThat(failed.get(0).get("lastError").asString()).isEqualTo("HTTP 500");
        assertThat(failed.get(0).get("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get(0).toString()).doesNotContain("token=", "s3cret");
        assertThat(call("GET", base, usDesk).statusCode()).isEqualTo(403);
        assertThat(call("GET", base, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", base + "/" + first + "/resend", usDesk).statusCode()).isEqualTo(403);
        assertThat(call("POST", base + "/no-such-delivery/resend", secretariat).statusCode()).isEqualTo(404);
        assertThat(DurableWebhooksIntegrationTests.states(db)).containsOnlyKeys("failed");

        receiver.down.set(false);
        HttpResponse<String> resent = call("POST", base + "/" + first + "/resend", secretariat);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(resent.body()).contains("\"resent\":[\"" + first + "\"]");
        DurableWebhooksIntegrationTests.await(() -> receiver.delivered().stream().anyMatch(a -> a.delivery().equals(first)),
            "the delivery sent again arrives");
        String failedBody = receiver.attempts.stream().filter(a -> a.delivery().equals(first)).findFirst().orElseThrow().body();
        assertThat(receiver.delivered().stream().filter(a -> a.delivery().equals(first)).findFirst().orElseThrow().body())
            .as("the same bytes under the same id").isEqualTo(failedBody);

        HttpResponse<String> again = call("POST", base + "/" + first + "/resend", secretariat);
        DurableWebhooksIntegrationTests.await(() -> DurableWebhooksIntegrationTests.states(db).getOrDefault("delivered", 0L) == 1,
            "the re-sent delivery is marked delivered");
        HttpResponse<String> delivered = call("POST", base + "/" + first + "/resend", secretariat);
        assertThat(List.of(again.statusCode(), delivered.statusCode())).as("a delivery being sent or delivered is not sent again")
            .containsExactly(400, 400);
        assertThat(delivered.body()).contains("delivered, not failed; only a delivery that exhausted its attempts is sent again");

        HttpResponse<String> rest = call("POST", base + "/resend-failed", secretariat);
        assertThat(rest.statusCode()).isEqualTo(200);
        DurableWebhooksIntegrationTests.await(() -> DurableWebhooksIntegrationTests.states(db).keySet().equals(java.util.Set.of("delivered")),
            "every failed delivery is sent again and arrives");
        JsonNode audited = JSON.readTree(call("GET", base + "?state=delivered&limit=1000", secretariat).body());
        for (JsonNode delivery : audited) {
          assertThat(delivery.get("resends").size()).as("each re-send is audited").isEqualTo(1);
          assertThat(delivery.get("resends").get(0).get("by").asString()).isEqualTo("ops");
          assertThat(delivery.get("resends").get(0).get("lastError").asString()).isEqualTo("HTTP 500");
        }
        assertThat(audited.size()).isEqualTo(failed.size());
      }
    }
  }

  private static HttpResponse<String> call(String method, String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

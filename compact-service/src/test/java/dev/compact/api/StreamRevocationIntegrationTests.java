package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An event stream opened with a token does not outlive the token: once it is revoked, or its account
 * disabled, the stream sends no further classified transition and ends, whether a transition comes
 * (checked before it is sent) or none does (checked every {@code compact.stream-recheck}). A client
 * that reconnects with the token is refused. Before, the stream went on with what the token had
 * been cleared for until the client hung up.
 */
class StreamRevocationIntegrationTests {
  private static final String JSON = "application/json";

  @Test
  void aStreamEndsOnceItsTokenIsRevokedOrItsAccountDisabled() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.test-clock=true",
        "--compact.test-clock-start=" + RecordApiIntegrationTests.START, "--compact.tick-interval=PT1H", "--compact.stream-recheck=PT1S")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      Accounts accounts = context.getBean(Accounts.class);
      String port = context.getEnvironment().getProperty("local.server.port");
      Stream revoked = Stream.open(port, tokens.gbr());
      Stream disabled = Stream.open(port, tokens.deu());
      Stream idle = Stream.open(port, tokens.usa());
      Stream kept = Stream.open(port, tokens.secretariat());

      // A restricted consultation: every desk's stream carries the duties it raised.
      consultation(http, tokens, "rv-before");
      for (Stream stream : List.of(revoked, disabled, idle, kept)) {
        assertThat(stream.until("rv-before")).as("the stream carried the restricted duties").isTrue();
      }

      // With no transition coming, a revoked token's stream ends at the next recheck.
      accounts.revoke(tokens.usa());
      assertThat(idle.ended().get(20, TimeUnit.SECONDS)).isTrue();

      // A transition comes after the revocation and the disabling: neither stream sends it; both end.
      accounts.revoke(tokens.gbr());
      accounts.disable("de-desk");
      consultation(http, tokens, "rv-after");
      assertThat(kept.until("rv-after")).as("a stream whose token holds goes on").isTrue();
      for (Stream stream : List.of(revoked, disabled)) {
        assertThat(stream.ended().get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.lines).noneMatch(line -> line.contains("rv-after"));
      }
      assertThat(idle.lines).noneMatch(line -> line.contains("rv-after"));

      // Reconnecting with the revoked token is refused, as any request with it is.
      HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream"))
          .header("Authorization", "Bearer " + tokens.gbr()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(401);
    }
  }

  /** A restricted incident, verified, and consultations requested on it: restricted duties to convene, named after {@code id}. */
  static void consultation(Http http, Tokens tokens, String id) {
    AccessMatrixIntegrationTests.ok(http.post("/api/incidents", JSON, "{\"id\": \"" + id + "-inc\", \"kind\": \"armed-attack\", \"place\": \"UA-63\","
        + " \"severity\": 4, \"reportedBy\": \"UKR\", \"attacker\": \"RUS\", \"classification\": \"restricted\"}", Tokens.bearer(tokens.ukr())));
    AccessMatrixIntegrationTests.ok(http.post("/api/incidents/" + id + "-inc/verify", JSON, "{\"by\": \"UKR\"}", Tokens.bearer(tokens.secretariat())));
    AccessMatrixIntegrationTests.ok(http.post("/api/consultations", JSON, "{\"id\": \"" + id + "\", \"requestedBy\": \"UKR\", \"incident\": \"" + id
        + "-inc\"}", Tokens.bearer(tokens.ukr())));
  }

  /** One open stream: the lines it has sent so far, and a future that completes when the server ends it. */
  record Stream(BlockingQueue<String> queue, List<String> lines, CompletableFuture<Boolean> ended) {
    static Stream open(String port, String token) {
      return open(port, "/api/stream", "Authorization", "Bearer " + token);
    }

    /** A stream at {@code path} opened with one header (a token, or a session's cookie). */
    static Stream open(String port, String path, String header, String value) {
      BlockingQueue<String> queue = new LinkedBlockingQueue<>();
      List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
      CompletableFuture<Boolean> ended = HttpClient.newHttpClient().sendAsync(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header(header, value).build(),
          HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
            response.body().forEach(line -> {
              lines.add(line);
              queue.add(line);
            });
            return true;
          });
      return new Stream(queue, lines, ended);
    }

    /** Whether a data line naming {@code marker} arrives (within 20 s of the last line). */
    boolean until(String marker) throws InterruptedException {
      for (String line; (line = queue.poll(20, TimeUnit.SECONDS)) != null; ) {
        if (line.startsWith("data:") && line.contains(marker)) {
          return true;
        }
      }
      return false;
    }
  }
}

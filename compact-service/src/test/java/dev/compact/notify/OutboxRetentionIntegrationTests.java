package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Clearance;
import dev.compact.notify.StreamAcrossInstancesIntegrationTests.Received;
import dev.compact.store.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outbox keeps what the retention says; a reader that resumes from before what is left is told
 * to read the state again (a reset event) instead of silently missing transitions, and pruning never
 * renumbers what comes after.
 */
class OutboxRetentionIntegrationTests {

  /** One event with its name, as a reader receives it. */
  record Named(String name, String id, String data) {}

  @ParameterizedTest
  @MethodSource("dev.compact.store.TestDatabases#kinds")
  void aReaderResumingFromAPrunedIdGetsAResetAndOthersMissNothing(String kind) throws Exception {
    String db = TestDatabases.freshUrl(kind);
    try (ConfigurableApplicationContext context = StreamAcrossInstancesIntegrationTests.start(db)) {
      var tokens = StreamAcrossInstancesIntegrationTests.Tokens.create(context);
      Outbox outbox = context.getBean(Outbox.class);
      StreamAcrossInstancesIntegrationTests.consultation(context, tokens, "old", "public");
      StreamAcrossInstancesIntegrationTests.consultation(context, tokens, "old-restricted", "restricted");
      List<Received> before = StreamAcrossInstancesIntegrationTests.expected(context, Clearance.PUBLIC, 0);
      assertThat(before.size()).isGreaterThan(3);
      String newestPublic = before.getLast().id();

      int pruned = outbox.prune(System.currentTimeMillis() + 60_000);
      assertThat(pruned).isPositive();
      assertThat(StreamAcrossInstancesIntegrationTests.expected(context, Clearance.PUBLIC, 0)).as("the newest public entry is kept, to number on")
          .extracting(Received::id).containsExactly(newestPublic);
      StreamAcrossInstancesIntegrationTests.consultation(context, tokens, "new", "public");
      List<Received> after = StreamAcrossInstancesIntegrationTests.expected(context, Clearance.PUBLIC, 0);
      assertThat(after.get(1).id()).as("numbering goes on after pruning")
          .isEqualTo("p" + (Long.parseLong(newestPublic.substring(1)) + 1));

      // A reader that last saw the newest kept entry misses nothing.
      try (var stream = open(context, newestPublic)) {
        assertThat(stream.take(after.size() - 1)).extracting(Named::id).containsExactlyElementsOf(after.subList(1, after.size()).stream()
            .map(Received::id).toList());
      }
      // One that last saw a pruned entry is told to read the state again, with the present as its id.
      try (var stream = open(context, before.getFirst().id())) {
        Named reset = stream.take(1).getFirst();
        assertThat(reset.name()).isEqualTo("reset");
        assertThat(reset.id()).isEqualTo(after.getLast().id());
        assertThat(reset.data()).contains("read the state again", "\"oldest\":\"" + newestPublic + "\"");
        assertThat(stream.events.poll(500, TimeUnit.MILLISECONDS)).as("nothing old follows the reset").isNull();
      }
    }
  }

  static Stream open(ConfigurableApplicationContext context, String lastEventId) throws Exception {
    return new Stream(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(StreamAcrossInstancesIntegrationTests.base(context)
        + "/api/stream")).header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId).build(),
        HttpResponse.BodyHandlers.ofInputStream()));
  }

  /** A reader of /api/stream that keeps each event's name. */
  static final class Stream implements AutoCloseable {
    final BlockingQueue<Named> events = new LinkedBlockingQueue<>();
    final HttpResponse<InputStream> response;

    Stream(HttpResponse<InputStream> response) {
      this.response = response;
      assertThat(response.statusCode()).isEqualTo(200);
      Thread.ofVirtual().start(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String name = "message";
          String id = null;
          String data = null;
          for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("event:")) {
              name = line.substring(6);
            } else if (line.startsWith("id:")) {
              id = line.substring(3);
            } else if (line.startsWith("data:")) {
              data = line.substring(5);
            } else if (line.isEmpty() && data != null) {
              events.add(new Named(name, id, data));
              name = "message";
              id = null;
              data = null;
            }
          }
        } catch (java.io.IOException e) {
          // closed by the test
        }
      });
    }

    List<Named> take(int n) throws InterruptedException {
      List<Named> taken = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        Named next = events.poll(20, TimeUnit.SECONDS);
        assertThat(next).as("event %d of %d", i + 1, n).isNotNull();
        taken.add(next);
      }
      return taken;
    }

    @Override
    public void close() throws Exception {
      response.body().close();
    }
  }
}

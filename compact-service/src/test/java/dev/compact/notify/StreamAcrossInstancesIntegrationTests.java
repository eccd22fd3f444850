package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Clearance;
import dev.compact.store.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: the event stream carried only its own instance's writes, and a reader that lost its
 * connection could not resume. Two instances over one PostgreSQL: a reader on one receives what is
 * written on the other, and one that reconnects, to either, with the last id it received misses
 * nothing and receives nothing twice. Its ids count only what its clearance shows.
 */
class StreamAcrossInstancesIntegrationTests {

  /** One server-sent event as a reader receives it. */
  record Received(String id, String data) {}

  /** A reader of /api/stream: its events as they come, and the greeting. */
  static final class Reader implements AutoCloseable {
    final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
    final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    final HttpResponse<InputStream> response;

    Reader(ConfigurableApplicationContext context, String lastEventId, String token) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(context) + "/api/stream")).header("Accept", "text/event-stream");
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        return;
      }
      Thread.ofVirtual().start(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String id = null;
          String data = null;
          for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith(":")) {
              comments.add(line.substring(1));
            } else if (line.startsWith("id:")) {
              id = line.substring(3);
            } else if (line.startsWith("data:")) {
              data = line.substring(5);
            } else if (line.isEmpty() && data != null) {
              events.add(new Received(id, data));
              id = null;
              data = null;
            }
          }
        } catch (java.io.IOException e) {
          // closed by the test
        }
      });
      assertThat(comments.poll(20, TimeUnit.SECONDS)).as("the stream's greeting").isEqualTo("connected");
    }

    /** The next {@code n} events, failing if they do not come within 20 s. */
    List<Received> take(int n) throws InterruptedException {
      List<Received> taken = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Received next = events.poll(20, TimeUnit.SECONDS);
        assertThat(next).as("event %d of %d (received %s)", i + 1, n, taken.size()).isNotNull();
        taken.add(next);
      }
      return taken;
    }

    @Override
    public void close() throws Exception {
      response.body().close();
    }
  }

  static String base(ConfigurableApplicationContext context) {
    return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  static ConfigurableApplicationContext start(String db) {
    return start(db, "PT0.2S");
  }

  static ConfigurableApplicationContext start(String db, String poll) {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + db, "--compact.compact-dir=" + WebhooksIntegrationTests.compact(),
        "--compact.write-rate=10000", "--compact.write-burst=10000", "--compact.tick-interval=PT1H", "--compact.stream-poll=" + poll);
  }

  record Tokens(String desk, String secretariat) {
    static Tokens create(ConfigurableApplicationContext context) {
      var accounts = context.getBean(dev.compact.access.Accounts.class);
      accounts.add("ua-desk", List.of("protected:UKR"));
      accounts.add("secretariat", List.of("secretariat"));
      return new Tokens(accounts.issue("ua-desk", Duration.ofDays(1)).token(), accounts.issue("secretariat", Duration.ofDays(1)).token());
    }
  }

  /** An incident of this classification, verified, and a consultation on it (classified with it). */
  static void consultation(ConfigurableApplicationContext context, Tokens tokens, String id, String classification) throws Exception {
    String base = base(context);
    WebhooksIntegrationTests.post(base + "/api/incidents", """
        {"id": "%s", "kind": "armed-attack", "place": "UA-63", "severity": 4, "reportedBy": "UKR", "attacker": "RUS", "classification": "%s"}"""
        .formatted(id, classification), tokens.desk());
    WebhooksIntegrationTests.post(base + "/api/incidents/" + id + "/verify", "{\"by\": \"UKR\"}", tokens.secretariat());
    WebhooksIntegrationTests.post(base + "/api/consultations", "{\"id\": \"c-" + id + "\", \"requestedBy\": \"UKR\", \"incident\": \"" + id + "\"}",
        tokens.desk());
  }

  /** What a reader with this clearance should receive after the entry {@code after}, from the outbox. */
  static List<Received> expected(ConfigurableApplicationContext context, Clearance clearance, long after) {
    Outbox outbox = context.getBean(Outbox.class);
    return outbox.visibleAfter(clearance, after, outbox.head(), 100_000).stream()
        .map(e -> new Received(e.cursor(clearance).toString(), e.body())).toList();
  }

  @Test
  void aReaderReceivesTheOtherInstancesWritesAndResumesWithoutLossOrRepeat() throws Exception {
    String db = TestDatabases.freshUrl("postgresql");
    try (ConfigurableApplicationContext a = start(db); ConfigurableApplicationContext b = start(db)) {
      Tokens tokens = Tokens.create(a);
      List<Received> received = new ArrayList<>();
      try (Reader onA = new Reader(a, null, null)) {
        // Written on B, with restricted records before and between the public ones.
        consultation(b, tokens, "hidden-1", "restricted");
        consultation(b, tokens, "open-1", "public");
        consultation(b, tokens, "hidden-2", "restricted");
        consultation(b, tokens, "open-2", "public");
        List<Received> all = expected(a, Clearance.PUBLIC, 0);
        assertThat(all).isNotEmpty().anyMatch(r -> r.data().contains("@c-open-2"));
        received.addAll(onA.take(all.size()));
        assertThat(received).isEqualTo(all);
      }
      // Public ids run p1, p2, ... over public transitions only: the restricted ones are not counted.
      for (int i = 0; i < received.size(); i++) {
        assertThat(received.get(i).id()).isEqualTo("p" + (i + 1));
        assertThat(received.get(i).data()).doesNotContain("hidden");
      }

      // The reader dropped halfway through: it reconnects, to the other instance, with the last id it had.
      int kept = received.size() / 2;
      List<Received> resumedFrom = received.subList(0, kept);
      consultation(a, tokens, "hidden-3", "restricted");
      consultation(a, tokens, "open-3", "public");
      try (Reader onB = new Reader(b, resumedFrom.getLast().id(), null)) {
        consultation(b, tokens, "open-4", "public");
        List<Received> all = expected(a, Clearance.PUBLIC, 0);
        List<Received> rest = onB.take(all.size() - kept);
        List<Received> seen = new ArrayList<>(resumedFrom);
        seen.addAll(rest);
        assertThat(seen).isEqualTo(all).extracting(Received::id).doesNotHaveDuplicates();
        assertThat(rest).anyMatch(r -> r.data().contains("@c-open-3")).anyMatch(r -> r.data().contains("@c-open-4"));
        assertThat(onB.events.poll(1, TimeUnit.SECONDS)).as("nothing more, nothing twice").isNull();
      }

      // A desk reads restricted transitions too, numbered over what it may see, from the start.
      try (Reader desk = new Reader(a, "r0", tokens.desk())) {
        List<Received> all = expected(b, Clearance.RESTRICTED, 0);
        List<Received> got = desk.take(all.size());
        assertThat(got).isEqualTo(all).anyMatch(r -> r.data().contains("@c-hidden-1"));
        assertThat(got.getLast().id()).isEqualTo("r" + all.size());
      }
    }
  }

  /**
   * On PostgreSQL another instance's write wakes the stream at once (LISTEN/NOTIFY): with polling
   * set to a minute, only the notification can bring it within the 20 s a reader waits here.
   */
  @Test
  void anotherInstancesWriteWakesTheStreamWithoutWaitingForThePoll() throws Exception {
    String db = TestDatabases.freshUrl("postgresql");
    try (ConfigurableApplicationContext a = start(db, "PT1M"); ConfigurableApplicationContext b = start(db, "PT1M")) {
      Tokens tokens = Tokens.create(a);
      try (Reader onA = new Reader(a, null, null)) {
        consultation(b, tokens, "woken", "public");
        List<Received> all = expected(a, Clearance.PUBLIC, 0);
        assertThat(onA.take(all.size())).isEqualTo(all).anyMatch(r -> r.data().contains("@c-woken"));
      }
    }
  }

  @Test
  void anIdTheStreamDidNotSendToThisReaderIsRefused() throws Exception {
    String db = TestDatabases.freshUrl("sqlite");
    try (ConfigurableApplicationContext a = start(db)) {
      for (String id : List.of("r1", "s1", "p-1", "1", "p1; DROP")) {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base(a) + "/api/stream"))
            .header("Accept", "text/event-stream").header("Last-Event-ID", id).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(id).isEqualTo(400);
      }
    }
  }
}

package dev.compact.notify;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard's stream ({@code /live}) names the reader's position as soon as it opens, so that a
 * stream reopened before any transition came resumes from there. A reader that resumes, on another
 * instance, from a transition that instance has not yet read from the outbox must be told the
 * position it already had, not the instance's own: before, it was told the instance's, behind its
 * own, and the next reopening replayed transitions it had already received.
 */
class LiveResumeAcrossInstancesIntegrationTests {

  @Test
  void aReaderResumingOnAnInstanceBehindItIsToldItsOwnPosition() throws Exception {
    String db = TestDatabases.freshUrl("sqlite");
    // B looks at the outbox only when woken (its own writes, a reader opening) or once an hour: over
    // SQLite no other instance's write wakes it, so B stays behind what A wrote.
    try (ConfigurableApplicationContext a = StreamAcrossInstancesIntegrationTests.start(db);
        ConfigurableApplicationContext b = StreamAcrossInstancesIntegrationTests.start(db, "PT1H");
        StreamAcrossInstancesIntegrationTests.Reader onB = new StreamAcrossInstancesIntegrationTests.Reader(b, null, null)) {
      StreamAcrossInstancesIntegrationTests.Tokens tokens = StreamAcrossInstancesIntegrationTests.Tokens.create(a);
      StreamAcrossInstancesIntegrationTests.consultation(a, tokens, "open-1", "public");
      List<StreamAcrossInstancesIntegrationTests.Received> all = StreamAcrossInstancesIntegrationTests.expected(a, Clearance.PUBLIC, 0);
      assertThat(all).isNotEmpty();
      String last = all.getLast().id();

      HttpResponse<InputStream> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(StreamAcrossInstancesIntegrationTests.base(b) + "/live")).header("Accept", "text/event-stream").header("Last-Event-ID", last)
          .build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(live.statusCode()).isEqualTo(200);
      try (BufferedReader in = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
        String greeting = in.readLine();
        String id = in.readLine();
        assertThat(greeting).isEqualTo(":connected");
        assertThat(id).as("the position the reader resumed from, not the instance's, which is behind it").isEqualTo("id:" + last);
      }
    }
  }
}

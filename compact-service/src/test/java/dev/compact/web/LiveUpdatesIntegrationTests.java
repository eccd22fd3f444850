package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.DashboardSessions;
import dev.compact.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's live updates over the real HTTP server follow the reader's clearance: a desk's
 * session receives the restricted transitions its pages show, the public receives none of them, and
 * a stream opened with a session that has since ended comes back as the public's.
 */
class LiveUpdatesIntegrationTests {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String END = "<end of stream>";
  private static DashboardService service;
  private static volatile boolean stopping;

  @BeforeAll
  static void start() {
    // Short-lived streams, so that the test meets a reconnection within seconds.
    service = DashboardService.start(TestDatabases.freshUrl("sqlite"), "--compact.dashboard-stream-lifetime=PT2S");
  }

  @AfterAll
  static void stop() {
    stopping = true;
    service.context().close();
  }

  @Test
  void aDesksSessionReceivesRestrictedTransitionsAndThePublicDoesNot() throws Exception {
    String desk = service.signedIn("protected:UKR");
    String secretariat = service.signedIn("secretariat");
    BlockingQueue<String> deskLines = follow(desk);
    BlockingQueue<String> publicLines = follow(null);

    consult("live-r", "live-rc", "restricted", desk, secretariat);
    consult("live-p", "live-pc", "public", desk, secretariat);

    List<String> deskSaw = readUntil(deskLines, "@live-pc");
    List<String> publicSaw = readUntil(publicLines, "@live-pc");
    assertThat(deskSaw).anyMatch(line -> line.startsWith("data:") && line.contains("@live-rc"));
    assertThat(deskSaw.getLast()).contains("@live-pc");
    assertThat(publicSaw.getLast()).as("the public stream reached the public consultation").contains("@live-pc");
    assertThat(publicSaw).noneMatch(line -> line.contains("live-r"));
    assertThat(deskSaw).as("each time it was opened").filteredOn(line -> line.startsWith("status:"))
        .containsOnly("status:200");
  }

  @Test
  void aStreamReopenedAfterSigningOutIsThePublicsAgain() throws Exception {
    String desk = service.signedIn("protected:UKR");
    String secretariat = service.signedIn("secretariat");
    BlockingQueue<String> deskLines = follow(desk);
    consult("out-r", "out-rc", "restricted", desk, secretariat);
    assertThat(readUntil(deskLines, "@out-rc").getLast()).contains("@out-rc");

    assertThat(service.post("/signout", "", desk).statusCode()).isEqualTo(302);
    // The stream ends after its lifetime; the browser reopens it with the ended session's cookie and the last (restricted) id.
    // Twice: the first reopening may have been asked for before the sign-out was done.
    assertThat(readUntil(deskLines, "status:").getLast()).isEqualTo("status:200");
    assertThat(readUntil(deskLines, "status:").getLast()).isEqualTo("status:200");
    String other = service.signedIn("protected:UKR");
    consult("out-r2", "out-rc2", "restricted", other, secretariat);
    consult("out-p", "out-pc", "public", other, secretariat);

    List<String> after = readUntil(deskLines, "@out-pc");
    assertThat(after.getLast()).contains("@out-pc");
    // The restricted incident's and its consultation's ids (its transitions name the consultation).
    assertThat(after).noneMatch(line -> line.contains("out-r"));
  }

  /** An incident of this classification, reported by a desk, verified by the secretariat, with consultations requested on it. */
  private static void consult(String incident, String consultation, String classification, String desk, String secretariat) {
    assertRedirect(service.post("/incidents", "id=" + incident + "&kind=armed-attack&place=UA-63&severity=4&reportedBy=UKR&attacker=RUS&classification="
        + classification, desk));
    assertRedirect(service.post("/incidents/" + incident + "/verify", "by=UKR", secretariat));
    assertRedirect(service.post("/incidents/" + incident + "/consultations", "consultation=" + consultation + "&requestedBy=UKR", desk));
  }

  private static void assertRedirect(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
  }

  /**
   * The lines of the dashboard's stream as a browser's EventSource opens it: with the session
   * cookie, if any; when the stream ends, reopened with the last id received, as a browser does.
   */
  private static BlockingQueue<String> follow(String session) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    open(session, null, lines, true);
    return lines;
  }

  private static void open(String session, String lastEventId, BlockingQueue<String> lines, boolean reconnect) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.base() + "/live")).header("Accept", "text/event-stream")
        .header("Sec-Fetch-Mode", "cors");
    if (session != null) {
      request.header("Cookie", DashboardSessions.COOKIE + "=" + session);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
      lines.add("status:" + response.statusCode());
      String[] last = {lastEventId};
      response.body().forEach(line -> {
        lines.add(line);
        if (line.startsWith("id:")) {
          last[0] = line.substring(3).strip();
        }
      });
      if (reconnect && !stopping) {
        open(session, last[0], lines, true);
      } else {
        lines.add(END);
      }
    });
  }

  private static List<String> readUntil(BlockingQueue<String> lines, String marker) throws InterruptedException {
    List<String> read = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (String line; (line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
      read.add(line);
      if (line.contains(marker) || line.equals(END)) {
        break;
      }
    }
    return read;
  }
}

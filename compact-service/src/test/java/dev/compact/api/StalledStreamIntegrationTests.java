package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #14: one client that opened /api/stream and never read stalled every write that produced
 * public transitions once its socket buffers were full; the write's answer hung for minutes after it
 * had committed. Writes must not wait for readers.
 */
class StalledStreamIntegrationTests {
  static final int INCIDENTS = 200;

  /**
   * The server's socket send buffer made small, so that a reader that does not read fills it after a
   * few transitions rather than after the megabytes the kernel would otherwise grow it to.
   */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class SmallSendBuffer {
    @org.springframework.context.annotation.Bean
    org.springframework.boot.tomcat.TomcatConnectorCustomizer smallSendBuffer() {
      return connector -> connector.setProperty("socket.txBufSize", "4096");
    }
  }

  @Test
  void aReaderThatNeverReadsDelaysNoWrite() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.write-rate=10000", "--compact.write-burst=10000",
        "--spring.main.sources=" + SmallSendBuffer.class.getName());
        Socket stalled = new Socket()) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      stalled.setReceiveBufferSize(1024);
      stalled.connect(new InetSocketAddress("localhost", http.port()));
      stalled.getOutputStream().write("GET /api/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      stalled.getOutputStream().flush();

      // A reader that does read, opened alongside, keeps receiving while the other is stalled.
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<InputStream> live = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + "/api/stream"))
          .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
      StringBuilder received = new StringBuilder();
      Thread.ofVirtual().start(() -> {
        try (InputStream in = live.body()) {
          byte[] chunk = new byte[8192];
          for (int n; (n = in.read(chunk)) > 0; ) {
            synchronized (received) {
              received.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
            }
          }
        } catch (java.io.IOException e) {
          // closed at the end of the test
        }
      });

      for (int i = 0; i < INCIDENTS; i++) {
        String id = "s" + i;
        answer(client, http, "/api/incidents", """
            {"id": "%s", "kind": "armed-attack", "place": "UA-63", "severity": 3, "reportedBy": "UKR", "attacker": "RUS"}""".formatted(id), tokens.ukr());
        answer(client, http, "/api/incidents/" + id + "/verify", "{\"by\": \"UKR\"}", tokens.secretariat());
        answer(client, http, "/api/consultations", "{\"id\": \"c%d\", \"requestedBy\": \"UKR\", \"incident\": \"%s\"}".formatted(i, id),
            tokens.ukr());
      }
      // The stalled reader fell more than a buffer behind and was dropped; the live one is still there.
      assertThat(context.getBean(dev.compact.notify.TransitionHub.class).readers()).isEqualTo(1);
      // The live reader gets the last transition soon after its write was answered (it is sent after the commit).
      String last = "@c" + (INCIDENTS - 1);
      for (int waited = 0; waited < 200 && !snapshot(received).contains(last); waited++) {
        Thread.sleep(100);
      }
      assertThat(snapshot(received)).contains("event:transition", last);
    }
  }

  private static String snapshot(StringBuilder received) {
    synchronized (received) {
      return received.toString();
    }
  }

  /** Each write must be answered; a write stalled behind the reader would run into the timeout. */
  private static void answer(HttpClient client, Http http, String path, String body, String token) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
  }
}

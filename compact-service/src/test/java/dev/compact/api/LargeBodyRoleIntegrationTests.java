package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two routes that take list-sized bodies (a list version, a watchlist upload: up to 200 MB)
 * refuse an account without the role before they read a byte of the body. Before this, an observer's
 * 30 MB was read in full (and a ZIP unzipped) before the 403, and the watchlist answered 422 "not
 * JSON" instead of 403 (audit item 2).
 */
class LargeBodyRoleIntegrationTests {
  private static final long DECLARED = 150_000_000L;

  @Test
  void anAccountWithoutTheRoleIsRefusedBeforeItsLargeBodyIsSent() throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);

      for (String path : new String[] {"/api/lists/ofac/versions", "/api/watchlist"}) {
        for (String token : new String[] {tokens.observer(), tokens.gbr()}) {
          String answer = postDeclaringLargeBody(http.port(), path, token);
          assertThat(answer).as(path).startsWith("HTTP/1.1 403");
          assertThat(answer).as(path).contains("https://compact.dev/problems/forbidden");
        }
      }
    }
  }

  @Test
  void aClientThatAsksBeforeSendingIsRefusedWithoutAHundredContinue() throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);

      for (String path : new String[] {"/api/lists/ofac/versions", "/api/watchlist"}) {
        // Tomcat's default answers 100 Continue as soon as the request is dispatched, before any
        // filter decides, and the client sends its body to be refused. Asked, it must be told first.
        String answer = askBeforeSending(http.port(), path, tokens.observer(), "");
        assertThat(answer).as(path).startsWith("HTTP/1.1 403").doesNotContain("HTTP/1.1 100");
      }
      // A request that will be read is still told to go on.
      String allowed = askBeforeSending(http.port(), "/api/incidents", tokens.ukr(), "{}");
      assertThat(allowed).startsWith("HTTP/1.1 100");
    }
  }

  /** Sends the headers with {@code Expect: 100-continue} and no body; returns what the server says first. */
  private static String askBeforeSending(int port, String path, String token, String body) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + (body.isEmpty() ? DECLARED : body.length())
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while (!answer.toString(StandardCharsets.UTF_8).contains("\r\n\r\n") && (n = in.read(buffer)) > 0) {
        answer.write(buffer, 0, n);
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Declares a 150 MB body, sends only its first 64 KB and waits for the answer: a service that reads
   * the body before checking the role never answers (the socket times out); one that checks first
   * answers at once.
   */
  private static String postDeclaringLargeBody(int port, String path, String token) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + DECLARED + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[64 * 1024]);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while (!answer.toString(StandardCharsets.UTF_8).contains("}") && (n = in.read(buffer)) > 0) {
        answer.write(buffer, 0, n);
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}

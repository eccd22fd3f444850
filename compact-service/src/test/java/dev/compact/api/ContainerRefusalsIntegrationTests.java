package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Requests Tomcat refuses itself, before Spring sees them (an encoded '/' or '\', a NUL byte in the
 * path), are answered like the firewall's refusals: a 400 problem document that repeats nothing of
 * the request, with every protective header an API answer carries. Before, they got Tomcat's bare
 * HTML page without any of those headers. Sent over a raw socket, as no HTTP client sends such paths.
 */
class ContainerRefusalsIntegrationTests {
  private static final String[] PROTECTIVE = {"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy",
      "Content-Security-Policy", "Permissions-Policy"};

  @Test
  void refusalsOfTheContainerAreProblemDocumentsWithTheProtectiveHeaders() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"))) {
      int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
      String ordinary = exchange(port, "GET /api/compact HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertThat(ordinary).startsWith("HTTP/1.1 200 ");

      for (String path : new String[] {"/api/a%2Fevil%3Cb%3E", "/api/a%5Cevil", "/api/a%00evil", "/incidents/x%2Fevil", "/evil%2F"}) {
        for (String method : new String[] {"GET", "POST"}) {
          String answer = exchange(port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
          String what = method + " " + path + ": " + answer;
          assertThat(answer).as(what).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json", "Cache-Control: no-store",
              "\"type\":\"https://compact.dev/problems/bad-request\"", "\"status\":400");
          assertThat(answer.substring(answer.indexOf("\r\n\r\n"))).as(what).doesNotContain("evil", "%2F", "%5C", "%00", "<", "Tomcat", "Apache",
              "Exception");
          for (String header : PROTECTIVE) {
            assertThat(header(answer, header)).as(header + " on " + what).isNotNull().isEqualTo(header(ordinary, header));
          }
        }
      }
    }
  }

  private static String header(String answer, String name) {
    return answer.substring(0, answer.indexOf("\r\n\r\n")).lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
  }

  static String exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}

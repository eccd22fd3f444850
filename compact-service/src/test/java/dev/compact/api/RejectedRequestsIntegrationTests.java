package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Requests Spring Security's firewall refuses are answered like every other refusal: a 400 RFC 9457
 * problem, with no stack trace and none of the refused input echoed back.
 */
class RejectedRequestsIntegrationTests {

  @Test
  void firewallRefusalsAreProblemDocumentsThatEchoNothing() throws Exception {
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + Files.createTempDirectory("compact") + "/c.db", "--compact.compact-dir=" + Http.example("kyiv-compact"))) {
      int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
      Http http = new Http(port);

      // API and dashboard paths: a ;parameter, an empty segment, an encoded dot segment, an encoded
      // percent, an encoded line break, an encoded ';' carrying markup.
      for (String path : new String[] {"/api/compact;x=1", "/api//compact", "/api/%2e%2e/compact", "/api/a%25b", "/api/compact%0aX-Evil:1",
          "/api/%3Cscript%3Ealert(1)%3C/script%3E;x", "/signin;jsessionid=1", "/%3Bevil%3Cb%3E"}) {
        HttpResponse<String> refused = http.get(path);
        assertRefusal(path, refused);
      }
      HttpResponse<String> post = http.post("/api/incidents;x=1", "application/json", "{}");
      assertRefusal("POST", post);
      // A method the firewall does not allow, named by the client.
      HttpResponse<String> method = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/compact"))
          .method("EVILMETHOD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertRefusal("EVILMETHOD", method);
      assertThat(method.body()).doesNotContain("EVILMETHOD");
      // The plain path still answers.
      HttpResponse<String> plain = http.get("/api/compact");
      assertThat(plain.statusCode()).isEqualTo(200);
      // A refusal carries every protective header an ordinary API answer carries, with the same values.
      for (String header : new String[] {"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy",
          "Content-Security-Policy", "Permissions-Policy"}) {
        assertThat(plain.headers().firstValue(header)).as(header + " on an API answer").isPresent();
        assertThat(post.headers().firstValue(header)).as(header + " on a refusal").isEqualTo(plain.headers().firstValue(header));
      }
    }
  }

  private static void assertRefusal(String what, HttpResponse<String> refused) {
    assertThat(refused.statusCode()).as(what + ": " + refused.body()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
    assertThat(refused.body()).as(what)
        .contains("\"type\":\"https://compact.dev/problems/bad-request\"", "\"status\":400", "\"title\":\"Bad request\"")
        .doesNotContain("compact;", "/api//", "%2e", "%25", "%0a", "X-Evil", "script", "%3C", "<", "jsessionid", "evil", "Exception", "at dev.",
            "at org.", "timestamp", "\"path\"");
  }
}

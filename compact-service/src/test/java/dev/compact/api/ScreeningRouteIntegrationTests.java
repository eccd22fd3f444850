package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctionsregister.ListIndexes;
import dev.compact.sanctionsregister.SharedLists;
import dev.compact.store.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The direct screening route ({@link ScreeningRoute}, issue #17) answers exactly as Spring MVC did: two services on
 * the same kind of database, one with the route (the default) and one without ({@code
 * compact.screening.direct-route=false}, every request through the annotated controller as before), get the same
 * requests on raw sockets, and their answers must be the same bytes, status line, headers and framing included (all
 * but the Date header). Both have the bundled OFAC 2021 release recorded, so that screening as of a date reads the
 * record's list versions from the database.
 */
class ScreeningRouteIntegrationTests {
  private static final Map<String, Pair> PAIRS = new ConcurrentHashMap<>();

  /** A service with the direct route and one without, on fresh databases of one kind. */
  record Pair(ConfigurableApplicationContext direct, ConfigurableApplicationContext mvc) {
    int directPort() {
      return port(direct);
    }

    int mvcPort() {
      return port(mvc);
    }
  }

  static synchronized Pair pair(String kind) {
    Pair known = PAIRS.get(kind);
    if (known != null) {
      return known;
    }
    Pair pair = null;
    try {
      pair = new Pair(start(kind, true), start(kind, false));
      for (ConfigurableApplicationContext context : List.of(pair.direct(), pair.mvc())) {
        String token = Tokens.create(context).secretariat();
        HttpResponse<String> recorded = postZip(port(context), "/api/lists/ofac/versions?inForceFrom=2021-07-07",
            SharedLists.bundledOfac2021(), token);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
      }
      // Recording a version swaps the current index once it is built, on a thread of its own: build it
      // here (refresh waits for a build under way), so both screen the same lists.
      for (ConfigurableApplicationContext context : List.of(pair.direct(), pair.mvc())) {
        context.getBean(ListIndexes.class).refresh();
      }
      for (int port : new int[] {pair.directPort(), pair.mvcPort()}) {
        assertThat(exchange(port, post("{\"name\": \"Kassem Chams\"}"))).as("the recorded version in the current index")
            .contains("\"listSource\":\"ofac\"");
      }
      PAIRS.put(kind, pair);
      return pair;
    } catch (org.opentest4j.TestAbortedException e) {
      throw e; // no PostgreSQL here: the variant is skipped
    } catch (Exception | AssertionError e) {
      if (pair != null) {
        pair.direct().close();
        pair.mvc().close();
      }
      throw new IllegalStateException("could not start the two services on " + kind, e);
    }
  }

  static ConfigurableApplicationContext start(String kind, boolean direct) throws IOException {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl(kind),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.direct-route=" + direct,
        "--compact.max-request-bytes=100000");
  }

  @AfterAll
  static void stop() {
    PAIRS.values().forEach(p -> {
      p.direct().close();
      p.mvc().close();
    });
    PAIRS.clear();
  }

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void answersListedNamesAndTheirVariantsByteForByteAsSpringMvc(String kind) throws Exception {
    Pair pair = pair(kind);
    List<String> bodies = new ArrayList<>();
    for (SanctionsList list : ListLoader.bundled()) {
      List<SanctionedEntity> entities = list.entities();
      for (int i = 0; i < entities.size(); i += Math.max(1, entities.size() / 120)) {
        String name = entities.get(i).names().getFirst().full();
        String schema = entities.get(i).schema().name().toLowerCase(Locale.ROOT);
        bodies.add(query(name, "\"type\": \"" + (schema.equals("organization") ? "company" : schema) + "\""));
        bodies.add(query(name.toLowerCase(Locale.ROOT), "\"limit\": " + (1 + i % 100)));
        String[] words = name.split(" ");
        bodies.add(query(words[words.length - 1] + " " + words[0], "\"dob\": \"1965\", \"country\": \"RU\""));
      }
    }
    bodies.addAll(List.of(
        "{\"name\": \"Олег Дерипаска\", \"type\": \"person\"}",
        "{\"name\": \"Oleg Deripaska\", \"dob\": \"1968-01-02\", \"country\": \"Russia\", \"ids\": [\"passport:AB123456\"]}",
        "{\"name\": \"Kassem Chams\", \"asOf\": \"2025-03-01\"}",
        "{\"name\": \"Kassem Chams\", \"asOf\": \" 2025-03-01 \", \"limit\": 100}",
        "{\"name\": \"Hamas\", \"limit\": 100}",
        "{\"name\": \"Islamic State\", \"limit\": 100, \"type\": \"company\"}",
        "{\"name\": \"Mohammed\", \"limit\": 100}",
        "{\"name\": \"Nobody Inparticular Zzyzx\"}",
        "{\"name\": \"Oleg Deripaska\", \"unknown\": true}",
        "{\"name\": \"Oleg Deripaska\", \"limit\": 0}",
        "{\"name\": \"Oleg Deripaska\", \"limit\": 1000}"));

    int differences = 0;
    StringBuilder first = new StringBuilder();
    for (String body : bodies) {
      String direct = exchange(pair.directPort(), post(body));
      String mvc = exchange(pair.mvcPort(), post(body));
      if (!direct.equals(mvc)) {
        differences++;
        if (first.isEmpty()) {
          first.append(body).append("\ndirect:\n").append(direct).append("\nSpring MVC:\n").append(mvc);
        }
      }
    }

    assertThat(bodies).hasSizeGreaterThan(500);
    assertThat(differences).as(first.toString()).isZero();
    // The long answers are there: more than Tomcat's 8 KB buffer, so sent in chunks by both.
    assertThat(exchange(pair.directPort(), post("{\"name\": \"Mohammed\", \"limit\": 100}")))
        .contains("Transfer-Encoding: chunked");
    assertThat(requestsServedBy(pair.direct(), "screening")).isGreaterThanOrEqualTo(bodies.size());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void refusesBadQueriesWithTheSameProblemsAsSpringMvc(String kind) throws Exception {
    Pair pair = pair(kind);
    String tooLong = "a".repeat(10_000);
    List<String> requests = new ArrayList<>(List.of(
        // 422: the query has problems (RFC 9457, with the sentence that says which).
        post("{\"name\": \"\"}"), post("{\"name\": \"   \"}"), post("{}"), post("{\"name\": \"?!.,\"}"),
        post("{\"name\": \"" + tooLong + "\"}"), post("{\"name\": \"x\", \"dob\": \"yesterday\"}"),
        post("{\"name\": \"Oleg Deripaska\", \"ids\": [\"nocolon\"]}"),
        post("{\"name\": \"Kassem Chams\", \"asOf\": \"2018-01-01\"}"),
        post("{\"name\": \"Kassem Chams\", \"asOf\": \"soon\"}"),
        // 400: the body does not read as a query.
        post(""), post("null"), post("[]"), post("\"Oleg\""), post("{\"name\": "), post("{\"name\": \"x\"} trailing"),
        post("{\"name\": [\"x\"]}"), post("{\"name\": \"x\", \"limit\": \"ten\"}"), post("{\"name\": \"x\", \"ids\": 5}"),
        post("\u00ff\u00fe"),
        // 415, 406, 405: what the route does not take.
        post("text/plain", "{\"name\": \"Oleg Deripaska\"}"),
        post("application/x-www-form-urlencoded", "name=Oleg"),
        post("application/json;charset=ISO-8859-1", "{\"name\": \"Oleg Deripaska\"}"),
        post("application/json; charset=UTF-8", "{\"name\": \"Oleg Deripaska\"}"),
        post("APPLICATION/JSON", "{\"name\": \"Oleg Deripaska\"}"),
        post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Accept: text/html"),
        post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Accept: application/xml"),
        post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Accept: application/json, text/plain, */*"),
        post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Accept: */*"),
        post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Origin: https://elsewhere.example"),
        request("GET", "/api/screen", null, null), request("PUT", "/api/screen", "application/json", "{\"name\": \"x\"}"),
        request("DELETE", "/api/screen", null, null), request("OPTIONS", "/api/screen", null, null),
        request("HEAD", "/api/screen", null, null),
        // Paths next to the route, which it must not take.
        request("POST", "/api/screen/", "application/json", "{\"name\": \"x\"}"),
        request("POST", "/api/screen/other", "application/json", "{\"name\": \"x\"}"),
        request("POST", "/api/screen?name=x", "application/json", "{\"name\": \"Oleg Deripaska\"}"),
        request("POST", "/api/screen;a=b", "application/json", "{\"name\": \"x\"}"),
        request("POST", "/api/./screen", "application/json", "{\"name\": \"x\"}"),
        request("POST", "/api/screen%2F", "application/json", "{\"name\": \"x\"}"),
        // Credentials are ignored on screening, on both paths; the answer is the same 200.
        post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Authorization: Bearer no-such-token"),
        post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Authorization: Basic dXNlcjpwYXNz"),
        post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Cookie: SESSION=forged; compact_csrf=x"),
        // 413 over the request limit, 411 for a body without a length.
        post("{\"name\": \"" + "b".repeat(100_001) + "\"}"),
        ("POST /api/screen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n5\r\n{\"nam\r\n0\r\n\r\n")));

    for (String request : requests) {
      String direct = exchange(pair.directPort(), request);
      String mvc = exchange(pair.mvcPort(), request);
      assertThat(direct).as(request.lines().findFirst().orElse("") + " " + request.substring(request.indexOf("\r\n\r\n")))
          .isEqualTo(mvc);
    }
    // The cases above are what they say they are (so that "the same" is not "the same failure").
    assertThat(exchange(pair.directPort(), post("{\"name\": \"\"}"))).startsWith("HTTP/1.1 422 ")
        .contains("Content-Type: application/problem+json", "\"type\":\"https://compact.dev/problems/invalid-input\"",
            "'name' is required");
    assertThat(exchange(pair.directPort(), post("{\"name\": "))).startsWith("HTTP/1.1 400 ").contains("application/problem+json");
    assertThat(exchange(pair.directPort(), post("text/plain", "{\"name\": \"x\"}"))).startsWith("HTTP/1.1 415 ");
    assertThat(exchange(pair.directPort(), post("application/json", "{\"name\": \"Oleg Deripaska\"}", "Accept: text/html")))
        .startsWith("HTTP/1.1 406 ");
    assertThat(exchange(pair.directPort(), request("GET", "/api/screen", null, null))).startsWith("HTTP/1.1 405 ");
    assertThat(exchange(pair.directPort(), post("{\"name\": \"" + "b".repeat(100_001) + "\"}"))).startsWith("HTTP/1.1 413 ");
    assertThat(exchange(pair.directPort(), post("application/json", "{\"name\": \"Oleg Deripaska\"}",
        "Authorization: Bearer no-such-token"))).startsWith("HTTP/1.1 200 ").doesNotContain("Set-Cookie");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theRouteOpensNothingElse(String kind) throws Exception {
    Pair pair = pair(kind);
    int port = pair.directPort();

    // Screening keeps the API's security headers and sets no cookie.
    String screened = exchange(port, post("{\"name\": \"Oleg Deripaska\"}"));
    assertThat(screened).startsWith("HTTP/1.1 200 ").contains("Content-Security-Policy: default-src 'none'",
        "X-Content-Type-Options: nosniff", "X-Frame-Options: DENY", "Content-Type: application/json\r\n")
        .doesNotContain("Set-Cookie");
    // Writes elsewhere in the API still need a token, and a bad one is still refused.
    String write = request("POST", "/api/acts", "application/json", "{\"kind\": \"armed-attack\"}");
    assertThat(exchange(port, write)).startsWith("HTTP/1.1 401 ").isEqualTo(exchange(pair.mvcPort(), write));
    String badToken = write.replace("Connection: close\r\n", "Connection: close\r\nAuthorization: Bearer no-such-token\r\n");
    assertThat(exchange(port, badToken)).startsWith("HTTP/1.1 401 ").isEqualTo(exchange(pair.mvcPort(), badToken));
    // Metrics still need the monitor role; the batch route is Spring MVC's as before.
    assertThat(exchange(port, request("GET", "/actuator/prometheus", null, null))).startsWith("HTTP/1.1 401 ");
    String batch = request("POST", "/api/screen/batch", "application/json", "[{\"name\": \"Oleg Deripaska\"}, {}]");
    assertThat(exchange(port, batch)).startsWith("HTTP/1.1 200 ").isEqualTo(exchange(pair.mvcPort(), batch));
  }

  private static String query(String name, String more) {
    return "{\"name\": \"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\", " + more + "}";
  }

  private static String post(String body) {
    return post("application/json", body);
  }

  private static String post(String type, String body, String... headers) {
    String request = request("POST", "/api/screen", type, body);
    return headers.length == 0 ? request
        : request.replace("Connection: close\r\n", "Connection: close\r\n" + String.join("\r\n", headers) + "\r\n");
  }

  /** The bytes of one HTTP/1.1 request that asks the server to close the connection after it. */
  private static String request(String method, String path, String type, String body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + (type == null ? "" : "Content-Type: " + type + "\r\n")
        + (body == null ? "" : "Content-Length: " + bytes.length + "\r\n") + "\r\n" + (body == null ? "" : body);
  }

  /** Sends the request on a new connection and returns the whole answer as sent, but for the moment it names. */
  static String exchange(int port, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // The Date header and the timestamp of Spring Boot's error page (a request the firewall refuses) name the moment.
      return answer.replaceFirst("\r\nDate: [^\r]*", "").replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"\"");
    }
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** How many requests Tomcat handed to the named servlet. */
  private static long requestsServedBy(ConfigurableApplicationContext context, String servlet) {
    TomcatWebServer server = (TomcatWebServer) ((ServletWebServerApplicationContext) context).getWebServer();
    for (Container web : server.getTomcat().getHost().findChildren()) {
      if (web.findChild(servlet) instanceof StandardWrapper wrapper) {
        return wrapper.getRequestCount();
      }
    }
    return 0;
  }

  private static HttpResponse<String> postZip(int port, String path, List<ListFile> files, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/zip").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofByteArray(ListsApiIntegrationTests.zip(files))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

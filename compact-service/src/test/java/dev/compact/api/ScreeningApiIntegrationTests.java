package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.screening.Screener;
import dev.compact.screeningservice.ScreeningService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScreeningApiIntegrationTests {
  static ConfigurableApplicationContext context;
  static Http http;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @BeforeAll
  static void start() throws Exception {
    // As 'compact serve' runs it: the index is built in the background as soon as the service is ready.
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.preload=true");
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void findsTheListedEntryWithItsExplanationAndVersions() {
    HttpResponse<String> response = http.post("/api/screen", "application/json", "{\"name\": \"Олег Дерипаска\", \"type\": \"person\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"decision\":\"alert\"", "DERIPASKA", "\"algorithm\":\"" + dev.compact.screening.Algorithm.ID + "\"", "\"listVersion\":\"");
  }

  @Test
  void screeningIgnoresAnyTokenAndKeepsTheApiHeaders() {
    // Screening has a security chain of its own, without token lookup or anonymous authentication: a token sent anyway
    // is ignored, as on the general API chain, and the answer carries the API's security headers all the same.
    for (String header : new String[] {"Bearer no-such-token", "Basic dXNlcjpwYXNz"}) {
      HttpResponse<String> response = http.post("/api/screen", "application/json", "{\"name\": \"Oleg Deripaska\"}",
          "Authorization", header);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).contains("default-src 'none'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
    assertThat(http.post("/api/screen/batch", "application/json", "[{\"name\": \"Oleg Deripaska\"}]", "Authorization",
        "Bearer no-such-token").statusCode()).isEqualTo(200);
  }

  @Test
  void screeningIsCountedInTheMetricsOnceAndNoSecurityFilterIsObserved() {
    var accounts = context.getBean(dev.compact.access.Accounts.class);
    accounts.add("screening-scraper", java.util.List.of("monitor"));
    String scraper = accounts.issue("screening-scraper", java.time.Duration.ofDays(1)).token();

    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"Oleg Deripaska\"}").statusCode()).isEqualTo(200);
    String metrics = http.get("/actuator/prometheus", "Authorization", "Bearer " + scraper).body();

    // The request counts per path and status the metrics document stay; Spring Security's observation of each filter,
    // authentication and authorization (issue #17: 7% of a screening request's CPU) is gone.
    assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/screen\"");
    assertThat(metrics).doesNotContain("spring_security_");
    // Every tag they are counted by stays too (RequestObservations leaves out only what tracing would read), and the
    // requests in flight.
    assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{(?=[^}]*exception=\"none\")(?=[^}]*method=\"POST\")"
        + "(?=[^}]*outcome=\"SUCCESS\")(?=[^}]*status=\"200\")[^}]*uri=\"/api/screen\"");
    assertThat(metrics).contains("http_server_requests_active_seconds");
  }

  @Test
  void answersKeepTheFieldsAndOrderOfTheMapsTheyReplaced() {
    JsonNode answer = JSON.readTree(http.post("/api/screen", "application/json", "{\"name\": \"Oleg Deripaska\"}").body());
    JsonNode batch = JSON.readTree(http.post("/api/screen/batch", "application/json", "[{\"name\": \"Oleg Deripaska\"}, {}]").body());

    // Existing clients read these answers as the maps wrote them; the records must write the same fields in the same order
    // (primaryName, added for the batch CLI's --server, comes after them all).
    assertThat(answer.propertyNames()).containsExactly("query", "candidates", "hits", "thresholds", "lists");
    assertThat(answer.get("hits").get(0).propertyNames()).containsExactly("score", "decision", "list", "listVersion", "algorithm", "id",
        "name", "schema", "explanation", "packages", "primaryName");
    assertThat(answer.get("hits").get(0).get("id").propertyNames()).containsExactly("value");
    assertThat(answer.get("thresholds").propertyNames()).containsExactly("alert", "review");
    // The bundled extracts answer while the record holds no list version: every answer says what they are.
    assertThat(answer.get("lists").get(0).propertyNames()).containsExactly("name", "version", "note");
    assertThat(answer.get("lists").get(0).get("note").asString()).contains("bundled demonstration extract", "never for real screening");
    assertThat(batch.get("lists").get(0).get("note").asString()).contains("bundled demonstration extract");
    assertThat(batch.propertyNames()).containsExactly("results", "thresholds", "lists");
    assertThat(batch.get("results").get(0).propertyNames()).containsExactly("index", "query", "candidates", "hits");
    assertThat(batch.get("results").get(1).propertyNames()).containsExactly("index", "problems");
  }

  @Test
  void batchAnswersEachQueryInOrderWithItsOwnProblems() {
    HttpResponse<String> response = http.post("/api/screen/batch", "application/json",
        "[{\"name\": \"Oleg Deripaska\", \"type\": \"person\"}, {\"name\": \"?!.,\"}, {\"name\": \"Acme Trading Corp\"}]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String body = response.body();
    assertThat(body.indexOf("DERIPASKA")).isLessThan(body.indexOf("problems"));
    assertThat(body).contains("nothing to match on");
  }

  @Test
  void theIndexIsBuiltOnceAtStartAndSharedByEveryRequest() throws Exception {
    ScreeningService service = context.getBean(ScreeningService.class);
    Screener built = service.whenBuilt().get(2, TimeUnit.MINUTES);

    for (int i = 0; i < 3; i++) {
      assertThat(http.post("/api/screen", "application/json", "{\"name\": \"Oleg Deripaska\"}").statusCode()).isEqualTo(200);
      http.post("/api/screen/batch", "application/json", "[{\"name\": \"Oleg Deripaska\"}]");
    }

    assertThat(service.screener()).isSameAs(built);
  }

  @Test
  void batchOfAThousandAnswersEveryQueryInOrderWithItsIndex() {
    String[] names = {"Oleg Deripaska", "Acme Trading Corp", "Kim Jong Un", "Viktor Bout", "Maria Garcia"};
    String body = IntStream.range(0, ScreeningApiController.MAX_BATCH)
        .mapToObj(i -> "{\"name\": \"" + names[i % names.length] + "\"}")
        .collect(Collectors.joining(",", "[", "]"));

    HttpResponse<String> response = http.post("/api/screen/batch", "application/json", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode results = JSON.readTree(response.body()).get("results");
    assertThat(results).hasSize(1_000);
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
      assertThat(results.get(i).get("query").asString()).isNotBlank();
    }
    // The same name gets the same answer wherever it stands in the batch.
    assertThat(results.get(0).get("hits")).isEqualTo(results.get(995).get("hits"));
    assertThat(results.get(0).get("hits").get(0).get("name").asString()).containsIgnoringCase("deripaska");
  }

  @Test
  void batchOverAThousandIsA400ThatSaysToSplitIt() {
    String body = IntStream.range(0, 1_001).mapToObj(i -> "{\"name\": \"Oleg Deripaska\"}")
        .collect(Collectors.joining(",", "[", "]"));

    HttpResponse<String> response = http.post("/api/screen/batch", "application/json", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("1 to 1000 queries, not 1001", "split it");
  }

  @Test
  void badEntriesInABatchAreReportedOneByOneAndTheRestScreened() throws Exception {
    HttpResponse<String> response = http.post("/api/screen/batch", "application/json", """
        [{"name": "Oleg Deripaska", "ids": "passport"},
         42,
         null,
         {"name": "Oleg Deripaska", "dob": "yesterday"},
         {"name": "Oleg Deripaska", "limit": "many"},
         {"type": "person"},
         {"name": "Oleg Deripaska", "type": "person"}]""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode results = JSON.readTree(response.body()).get("results");
    assertThat(results).hasSize(7);
    assertThat(results.get(0).get("problems").toString()).contains("'ids' must be an array of strings");
    assertThat(results.get(1).get("problems").toString()).contains("must be a JSON object");
    assertThat(results.get(2).get("problems").toString()).contains("must be a JSON object");
    assertThat(results.get(3).get("problems").toString()).contains("cannot read the date of birth 'yesterday'");
    assertThat(results.get(4).get("problems").toString()).contains("'limit' must be a whole number");
    assertThat(results.get(5).get("problems").toString()).contains("'name' is required");
    assertThat(results.get(6).has("problems")).isFalse();
    assertThat(results.get(6).get("hits").get(0).get("decision").asString()).isEqualTo("alert");
  }

  @Test
  void anAsOfThatIsNotAStringIsA400ThatNamesTheQuery() {
    // 'asOf' picks the lists the whole answer names, so it is the request's problem, not one query's (#17).
    for (String asOf : List.of("5", "{\"year\": 2020}", "[\"2020-03-01\"]", "true")) {
      HttpResponse<String> response = http.post("/api/screen/batch", "application/json",
          "[{\"name\": \"Oleg Deripaska\"}, {\"name\": \"Oleg Deripaska\", \"asOf\": " + asOf + "}]");

      assertThat(response.statusCode()).as(asOf).isEqualTo(400);
      assertThat(response.body()).as(asOf).contains("query 1: 'asOf' must be a string such as");
    }
  }

  @Test
  void aBadAsOfIsRepeatedInTheProblemOnlyInPart() {
    String longObject = "{\"year\": \"" + "9".repeat(20_000) + "\"}";
    String longDate = "2020-03-01" + "x".repeat(20_000);
    HttpResponse<String> notAString = http.post("/api/screen/batch", "application/json",
        "[{\"name\": \"A\", \"asOf\": " + longObject + "}]");
    HttpResponse<String> mixed = http.post("/api/screen/batch", "application/json",
        "[{\"name\": \"A\", \"asOf\": \"2020-03-01\"}, {\"name\": \"B\", \"asOf\": \"" + longDate + "\"}]");
    HttpResponse<String> notADate = http.post("/api/screen", "application/json",
        "{\"name\": \"Oleg Deripaska\", \"asOf\": \"" + longDate + "\"}");

    assertThat(notAString.statusCode()).isEqualTo(400);
    assertThat(notAString.body()).contains("query 0: 'asOf' must be a string", "year", "9999999999... (20011 characters)").hasSizeLessThan(2_000);
    assertThat(mixed.statusCode()).isEqualTo(400);
    assertThat(mixed.body()).contains("query 1 gives 2020-03-01xxx", "(20010 characters)").hasSizeLessThan(2_000);
    assertThat(notADate.statusCode()).isEqualTo(422);
    assertThat(notADate.body()).contains("'asOf' must be a date", "(20010 characters)").hasSizeLessThan(2_000);
  }

  @Test
  void aBatchMixingDatesNamesTheQueriesThatDiffer() {
    HttpResponse<String> undated = http.post("/api/screen/batch", "application/json",
        "[{\"name\": \"Oleg Deripaska\", \"asOf\": \"2020-03-01\"}, {\"name\": \"B\", \"asOf\": null}]");
    HttpResponse<String> other = http.post("/api/screen/batch", "application/json",
        "[{\"name\": \"A\"}, {\"name\": \"B\", \"asOf\": \"2020-03-01\"}, {\"name\": \"C\", \"asOf\": \"2021-03-01\"}]");

    assertThat(undated.statusCode()).isEqualTo(400);
    assertThat(undated.body()).contains("the same 'asOf'", "query 0 gives 2020-03-01, query 1 none");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(other.body()).contains("query 1 gives 2020-03-01, query 2 gives 2021-03-01");
  }

  @Test
  void aBatchThatIsNotAnArrayIsA400() {
    HttpResponse<String> response = http.post("/api/screen/batch", "application/json", "{\"name\": \"Oleg Deripaska\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("must be a JSON array");
  }

  @Test
  void theOpenApiDescriptionDocumentsBothScreeningEndpoints() {
    HttpResponse<String> response = http.get("/api/openapi");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("/api/screen/batch", "Screen up to 1,000 names in one request", "\"maxItems\":1000");
  }

  @Test
  void emptyAbsurdOrOversizedQueriesAre4xx() {
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"?!.,\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"" + "a".repeat(10_000) + "\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"x\", \"dob\": \"yesterday\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/api/screen/batch", "application/json", "[]").statusCode()).isEqualTo(400);
  }

  @Test
  void screeningChainsAuthorizeAndWriteHeadersButManageNoSession() {
    // Issue #17: with a stateless policy Spring Security still ran its session management filter, which asked Spring
    // Session whether a request's session cookie was still valid: a database read for every screening request a
    // signed-in browser sent. Screening authenticates nobody and keeps nothing, so its chains manage no session at all;
    // authorization and the headers stay.
    var proxy = context.getBean(FilterChainProxy.class);
    for (String path : new String[] {"/api/screen", "/api/screen/batch", "/match/default"}) {
      var request = new MockHttpServletRequest("POST", path);
      request.setServletPath(path);
      var chain = proxy.getFilterChains().stream().filter(c -> c.matches(request)).findFirst().orElseThrow();
      var filters = chain.getFilters().stream().map(f -> f.getClass().getSimpleName()).toList();
      assertThat(filters).as(path).contains("AuthorizationFilter", "HeaderWriterFilter", "SecurityContextHolderFilter")
          .doesNotContain("SessionManagementFilter", "DisableEncodeUrlFilter", "SecurityContextHolderAwareRequestFilter",
              "CsrfFilter", "BearerTokenAuthenticationFilter", "RequestCacheAwareFilter", "LogoutFilter");
    }
    HttpResponse<String> withCookie = http.post("/api/screen", "application/json", "{\"name\": \"Oleg Deripaska\"}",
        "Cookie", "compact_session=cps_not-a-session; compact_csrf=x");
    assertThat(withCookie.statusCode()).as(withCookie.body()).isEqualTo(200);
    assertThat(withCookie.headers().allValues("Set-Cookie")).isEmpty();
  }
}

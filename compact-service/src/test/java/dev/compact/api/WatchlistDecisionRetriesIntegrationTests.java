package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Accounts;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reviewer's decision on a watchlist alert is a write like any other: a retry with the same
 * Idempotency-Key records nothing new, and the key reused for another decision is refused. Before
 * this, a retried decision was recorded twice (a second row in the alert's history).
 */
class WatchlistDecisionRetriesIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRetriedDecisionIsRecordedOnceAndAnsweredWithTheFirstAttempt(String kind) throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      String[] bank = complianceAccount(context, "bank-r");
      String alertId = firstAlert(http, bank);
      String body = "{\"decision\": \"false-positive\", \"reason\": \"our customer was born in 1990\"}";
      String path = "/api/watchlist/alerts/" + alertId + "/decision";

      HttpResponse<String> first = http.post(path, "application/json", body, with(bank, "Idempotency-Key", "decide-1"));
      HttpResponse<String> retry = http.post(path, "application/json", body, with(bank, "Idempotency-Key", "decide-1"));
      HttpResponse<String> reused = http.post(path, "application/json", "{\"decision\": \"confirmed\", \"reason\": \"same person\"}",
          with(bank, "Idempotency-Key", "decide-1"));
      HttpResponse<String> withoutKey = http.post(path, "application/json", body, bank);

      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
      assertThat(retry.body()).as("the first attempt's decision, same number and time").isEqualTo(first.body());
      assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
      assertThat(reused.body()).contains("idempotency-key-reused");
      assertThat(withoutKey.statusCode()).isEqualTo(200);
      JsonNode decisions = JSON.readTree(http.get("/api/watchlist/alerts/" + alertId + "/decisions", bank).body());
      assertThat(decisions).as("the retry and the refused reuse recorded nothing; the keyless repeat did").hasSize(2);
      assertThat(decisions.get(0).get("seq").asInt()).isEqualTo(1);
      assertThat(decisions.get(1).get("seq").asInt()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void oneAccountsKeyNeitherAnswersNorRefusesAnothersDecision(String kind) throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      String[] bankA = complianceAccount(context, "bank-a");
      String[] bankB = complianceAccount(context, "bank-b");
      String alertA = firstAlert(http, bankA);
      String alertB = firstAlert(http, bankB);

      HttpResponse<String> a = http.post("/api/watchlist/alerts/" + alertA + "/decision", "application/json",
          "{\"decision\": \"confirmed\", \"reason\": \"same date of birth\"}", with(bankA, "Idempotency-Key", "shared"));
      HttpResponse<String> b = http.post("/api/watchlist/alerts/" + alertB + "/decision", "application/json",
          "{\"decision\": \"escalated\", \"reason\": \"needs a second look\"}", with(bankB, "Idempotency-Key", "shared"));

      assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
      assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
      assertThat(JSON.readTree(b.body()).get("decision").asString()).isEqualTo("escalated");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void concurrentRetriesOfOneDecisionRecordItOnce(String kind) throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      String[] bank = complianceAccount(context, "bank-c");
      String alertId = firstAlert(http, bank);
      Callable<HttpResponse<String>> attempt = () -> http.post("/api/watchlist/alerts/" + alertId + "/decision", "application/json",
          "{\"decision\": \"confirmed\", \"reason\": \"same passport\"}", with(bank, "Idempotency-Key", "burst"));

      List<HttpResponse<String>> answers;
      try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
        List<Future<HttpResponse<String>>> futures = pool.invokeAll(java.util.Collections.nCopies(6, attempt));
        answers = new java.util.ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
          answers.add(future.get());
        }
      }

      assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
      assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.getFirst().body());
      assertThat(JSON.readTree(http.get("/api/watchlist/alerts/" + alertId + "/decisions", bank).body())).hasSize(1);
    }
  }

  private static String[] complianceAccount(ConfigurableApplicationContext context, String name) {
    Accounts accounts = context.getBean(Accounts.class);
    accounts.add(name, List.of("compliance"));
    return Tokens.bearer(accounts.issue(name, Duration.ofDays(1)).token());
  }

  private static String firstAlert(Http http, String[] bank) {
    HttpResponse<String> uploaded = http.post("/api/watchlist", "text/csv", "id,name,type\r\nc1,Kassem Chams,person\r\n", bank);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    JsonNode alerts = JSON.readTree(http.get("/api/watchlist/alerts?status=open", bank).body());
    assertThat(alerts).as("the listed name raises an alert").isNotEmpty();
    return alerts.get(0).get("alertId").asString();
  }

  private static String[] with(String[] headers, String name, String value) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = name;
    all[headers.length + 1] = value;
    return all;
  }
}

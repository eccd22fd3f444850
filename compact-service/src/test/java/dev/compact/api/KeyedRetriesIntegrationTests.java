package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A write without an id, retried with its Idempotency-Key, is answered with what the first attempt
 * recorded. Before this, the service drew a new random id on every attempt, so the retry was another
 * request and was refused as a reused key (audit item 1).
 */
class KeyedRetriesIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String INCIDENT = """
      {"kind": "armed-attack", "place": "UA-63", "severity": 3, "reportedBy": "UKR"}""";

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRetryOfAWriteWithoutAnIdIsAnsweredWithTheFirstAttemptsRecord(String kind) throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      String[] ukr = with(Tokens.bearer(tokens.ukr()), "Idempotency-Key", "report-1");

      HttpResponse<String> first = http.post("/api/incidents", "application/json", INCIDENT, ukr);
      HttpResponse<String> retry = http.post("/api/incidents", "application/json", INCIDENT, ukr);
      HttpResponse<String> consultation = http.post("/api/consultations", "application/json", "{\"requestedBy\": \"UKR\"}",
          with(Tokens.bearer(tokens.ukr()), "Idempotency-Key", "consult-1"));
      HttpResponse<String> consultationRetry = http.post("/api/consultations", "application/json", "{\"requestedBy\": \"UKR\"}",
          with(Tokens.bearer(tokens.ukr()), "Idempotency-Key", "consult-1"));

      assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
      assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
      assertThat(retry.body()).isEqualTo(first.body());
      assertThat(consultation.statusCode()).as(consultation.body()).isEqualTo(201);
      assertThat(consultationRetry.statusCode()).as(consultationRetry.body()).isEqualTo(201);
      assertThat(consultationRetry.body()).isEqualTo(consultation.body());
      assertThat(JSON.readTree(http.get("/api/incidents", Tokens.bearer(tokens.secretariat())).body())).hasSize(1);
      assertThat(JSON.readTree(http.get("/api/consultations", Tokens.bearer(tokens.secretariat())).body())).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void concurrentRetriesOfAWriteWithoutAnIdRecordItOnce(String kind) throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      Callable<HttpResponse<String>> attempt = () -> http.post("/api/incidents", "application/json", INCIDENT,
          with(Tokens.bearer(tokens.ukr()), "Idempotency-Key", "burst"));

      List<HttpResponse<String>> answers = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        for (Future<HttpResponse<String>> future : pool.invokeAll(Collections.nCopies(8, attempt))) {
          answers.add(future.get());
        }
      }

      assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
      assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.getFirst().body());
      assertThat(JSON.readTree(http.get("/api/incidents", Tokens.bearer(tokens.secretariat())).body())).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void idsTheServiceGivesAreLongEnoughNotToCollideAndDifferPerAccountAndKey(String kind) throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);

      String keyless = stream(http.post("/api/incidents", "application/json", INCIDENT, Tokens.bearer(tokens.ukr())));
      String ukrKeyed = stream(http.post("/api/incidents", "application/json", INCIDENT, with(Tokens.bearer(tokens.ukr()), "Idempotency-Key", "k")));
      String gbrKeyed = stream(http.post("/api/incidents", "application/json", INCIDENT.replace("\"UKR\"", "\"GBR\""),
          with(Tokens.bearer(tokens.gbr()), "Idempotency-Key", "k")));

      assertThat(List.of(keyless, ukrKeyed, gbrKeyed)).allSatisfy(s -> assertThat(s).matches("incident-inc-[0-9a-f]{20}"));
      assertThat(ukrKeyed).as("one account's key names another record than another account's").isNotEqualTo(gbrKeyed);
      assertThat(keyless).isNotIn(ukrKeyed, gbrKeyed);
    }
  }

  private static String stream(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("stream").asString();
  }

  private static String[] with(String[] headers, String name, String value) {
    List<String> all = new ArrayList<>(List.of(headers));
    all.add(name);
    all.add(value);
    return all.toArray(String[]::new);
  }
}

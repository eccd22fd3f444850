package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Audit round 4: a misspelt field of a request's body was dropped ({@code "clasification": "restricted"} recorded a public
 * incident, irrevocably) and a fraction sent for a whole number was truncated (2.9 items became 2). Both are 400s that name
 * the field, and nothing is recorded.
 */
class StrictBodiesIntegrationTests {
  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aMisspeltFieldIsRefusedWithTheFieldItMeantAndRecordsNothing(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();

      HttpResponse<String> incident = http.post("/api/incidents", "application/json",
          "{\"id\": \"typo-1\", \"kind\": \"missile-strike\", \"place\": \"UKR\", \"severity\": 3, \"reportedBy\": \"UKR\","
              + " \"clasification\": \"restricted\"}",
          "Idempotency-Key", "typo-1", "Authorization", "Bearer " + tokens.ukr());
      HttpResponse<String> delivery = http.post("/api/deliveries", "application/json",
          "{\"guarantor\": \"GBR\", \"category\": \"military\", \"items\": [{\"item\": \"shells\", \"quantity\": 1, \"unit\": \"x\"}]}",
          Tokens.bearer(tokens.gbr()));

      assertThat(incident.statusCode()).as(incident.body()).isEqualTo(400);
      assertThat(incident.body()).contains("'clasification' is not a field of this request; did you mean 'classification'?")
          .doesNotContain("dev.compact", "Exception");
      assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(400);
      assertThat(delivery.body()).contains("'items[0].unit' is not a field of this request; its fields are item, quantity");
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(http.get("/api/incidents/typo-1").statusCode()).isEqualTo(404);

      // The same request spelt right, under the same key, is recorded as asked: the refusal kept nothing of it, not even its key.
      HttpResponse<String> corrected = http.post("/api/incidents", "application/json",
          "{\"id\": \"typo-1\", \"kind\": \"missile-strike\", \"place\": \"UKR\", \"severity\": 3, \"reportedBy\": \"UKR\","
              + " \"classification\": \"restricted\"}",
          "Idempotency-Key", "typo-1", "Authorization", "Bearer " + tokens.ukr());
      assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
      assertThat(http.get("/api/incidents/typo-1").statusCode()).isEqualTo(404);
      assertThat(http.get("/api/incidents/typo-1", "Authorization", "Bearer " + tokens.ukr()).body()).contains("\"classification\":\"restricted\"");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aFractionForAWholeNumberIsRefusedNotTruncated(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();

      HttpResponse<String> delivery = http.post("/api/deliveries", "application/json",
          "{\"guarantor\": \"GBR\", \"category\": \"military\", \"items\": [{\"item\": \"shells\", \"quantity\": 2.9}]}",
          Tokens.bearer(tokens.gbr()));
      HttpResponse<String> incident = http.post("/api/incidents", "application/json",
          "{\"kind\": \"missile-strike\", \"place\": \"UKR\", \"severity\": 3.5, \"reportedBy\": \"UKR\"}", Tokens.bearer(tokens.ukr()));
      // A fraction of zero too: the API does not guess whether 2.0 came from a rounding elsewhere.
      HttpResponse<String> whole = http.post("/api/deliveries", "application/json",
          "{\"guarantor\": \"GBR\", \"category\": \"military\", \"items\": [{\"item\": \"shells\", \"quantity\": 2.0}]}",
          Tokens.bearer(tokens.gbr()));

      assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(400);
      assertThat(delivery.body()).contains("'items[0].quantity' must be a whole number");
      assertThat(incident.statusCode()).as(incident.body()).isEqualTo(400);
      assertThat(incident.body()).contains("'severity' must be a whole number");
      assertThat(whole.statusCode()).as(whole.body()).isEqualTo(400);
      assertThat(whole.body()).contains("'items[0].quantity' must be a whole number");
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(http.get("/api/support?guarantor=GBR").body()).doesNotContain("shells");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aBatchQueryWithAMisspeltFieldIsThatQuerysProblem(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);

      HttpResponse<String> single = http.post("/api/screen", "application/json", "{\"name\": \"Oleg Deripaska\", \"dateOfBirth\": \"1968\"}");
      HttpResponse<String> batch = http.post("/api/screen/batch", "application/json",
          "[{\"name\": \"Oleg Deripaska\"}, {\"name\": \"Oleg Deripaska\", \"contry\": \"RU\"}]");

      assertThat(single.statusCode()).as(single.body()).isEqualTo(400);
      assertThat(single.body()).contains("'dateOfBirth' is not a field of this request").doesNotContain("dev.compact");
      assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
      assertThat(batch.body()).contains("'contry' is not a field of a query; did you mean 'country'?").doesNotContain("dev.compact");

      // A key of 5,000 characters comes back shortened, as any submitted value.
      String longKey = "k".repeat(5000);
      HttpResponse<String> longKeyAnswer = http.post("/api/screen", "application/json", "{\"name\": \"Oleg Deripaska\", \"" + longKey + "\": 1}");
      assertThat(longKeyAnswer.statusCode()).as(longKeyAnswer.body()).isEqualTo(400);
      assertThat(longKeyAnswer.body()).contains("(5000 characters)' is not a field of this request").doesNotContain(longKey);

      // The watchlist reads its rows by hand; a misspelt field there is refused too, and nothing is kept.
      context.getBean(dev.compact.access.Accounts.class).add("bank", List.of("compliance"));
      String bank = "Bearer " + context.getBean(dev.compact.access.Accounts.class).issue("bank", java.time.Duration.ofHours(1)).token();
      HttpResponse<String> watchlist = http.post("/api/watchlist", "application/json",
          "[{\"id\": \"cp-1\", \"name\": \"Oleg Deripaska\"}, {\"id\": \"cp-2\", \"name\": \"Ivan Petrov\", \"contry\": \"RU\"}]",
          "Authorization", bank);
      assertThat(watchlist.statusCode()).as(watchlist.body()).isEqualTo(422);
      assertThat(watchlist.body()).contains("'[1].contry' is not a field of a watchlist row; did you mean 'country'?");
      assertThat(http.get("/api/watchlist", "Authorization", bank).body()).contains("\"counterparties\":0");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aKeyGivenTwiceOrABodyInAnotherFormatIsRefused(String kind) {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      long head = record.store().head().seq();

      HttpResponse<String> twice = http.post("/api/incidents", "application/json",
          "{\"kind\": \"missile-strike\", \"kind\": \"cyber-attack\", \"place\": \"UKR\", \"severity\": 3, \"reportedBy\": \"UKR\"}",
          Tokens.bearer(tokens.ukr()));
      // YAML came in through a second mapper, which none of the API's strictness reached.
      HttpResponse<String> yaml = http.post("/api/incidents", "application/yaml",
          "id: yaml-1\nkind: missile-strike\nplace: UKR\nseverity: 3\nreportedBy: UKR\nclasification: restricted\n", Tokens.bearer(tokens.ukr()));
      HttpResponse<String> yamlAnswer = http.get("/api/compact", "Accept", "application/yaml");

      assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
      assertThat(twice.body()).contains("the body is not valid JSON: a key is given twice (line 1").doesNotContain("cyber-attack");
      assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(415);
      assertThat(yamlAnswer.statusCode()).as(yamlAnswer.body()).isEqualTo(406);
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(http.get("/api/incidents/yaml-1").statusCode()).isEqualTo(404);
    }
  }
}

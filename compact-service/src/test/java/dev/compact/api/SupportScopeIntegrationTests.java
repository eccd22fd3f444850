package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #14: a support entry's scope (lethal or non-lethal), which the delivery command records,
 * reaches the support read model, {@code GET /api/support}, the dashboard's ledger and its CSV; rows
 * written before the read model had the column get it from the log.
 */
class SupportScopeIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theSupportApiAndTheLedgerShowEachEntrysScopeAndNullWhereItGaveNone(String kind) throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      record(http, tokens, "/api/deliveries", "\"scope\": \"non-lethal\", \"items\": [{\"item\": \"generators\", \"quantity\": 40}]");
      record(http, tokens, "/api/allocations", "\"scope\": \"lethal\"");
      record(http, tokens, "/api/deliveries", "\"items\": [{\"item\": \"field kitchens\", \"quantity\": 3}]");

      JsonNode support = JSON.readTree(http.get("/api/support?guarantor=GBR").body());
      assertThat(support).hasSize(3);
      assertThat(support.get(0).get("kind").asString()).isEqualTo("delivery");
      assertThat(support.get(0).get("scope").asString()).isEqualTo("non-lethal");
      assertThat(support.get(1).get("kind").asString()).isEqualTo("allocation");
      assertThat(support.get(1).get("scope").asString()).isEqualTo("lethal");
      assertThat(support.get(2).has("scope")).as("the field is there, null, when the entry gave no scope").isTrue();
      assertThat(support.get(2).get("scope").isNull()).isTrue();
      JsonNode deliveries = JSON.readTree(http.get("/api/support?kind=delivery").body());
      assertThat(deliveries).extracting(d -> d.get("scope").isNull() ? null : d.get("scope").asString())
          .containsExactly("non-lethal", null);

      HttpResponse<String> csv = http.get("/ledger.csv?guarantor=GBR");
      assertThat(csv.statusCode()).isEqualTo(200);
      List<String> lines = csv.body().lines().toList();
      assertThat(lines.getFirst()).isEqualTo("kind,guarantor,year,date,category,amount,currency,rate,items,source,scope");
      assertThat(lines).anyMatch(l -> l.startsWith("\"delivery\"") && l.contains("generators") && l.endsWith(",\"non-lethal\""));
      assertThat(lines).anyMatch(l -> l.startsWith("\"allocation\"") && l.endsWith(",\"lethal\""));
      assertThat(lines).anyMatch(l -> l.startsWith("\"delivery\"") && l.contains("field kitchens") && l.endsWith(",\"\""));
      assertThat(http.get("/ledger?guarantor=GBR").body()).contains("<th scope=\"col\">Scope</th>", "non-lethal");
    }
  }

  /**
   * What migration V100 leaves of a record written before it: support rows without their scope and
   * no norm instances. The next start rebuilds the read models from the log, which holds the scope.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void entriesWrittenBeforeTheColumnGetTheirScopeFromTheLogAtTheNextStart(String kind) throws Exception {
    String url = TestDatabases.freshUrl(kind);
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(url, "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      record(http, Tokens.create(context), "/api/deliveries", "\"scope\": \"non-lethal\"");
    }
    try (Database database = Database.open(url); Connection connection = database.dataSource().getConnection();
        Statement s = connection.createStatement()) {
      assertThat(s.executeUpdate("UPDATE support SET scope = NULL")).isEqualTo(1);
      s.executeUpdate("DELETE FROM norm_instances");
    }
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(url, "PT1H")) {
      JsonNode support = JSON.readTree(RecordApiIntegrationTests.http(context).get("/api/support").body());
      assertThat(support).hasSize(1);
      assertThat(support.get(0).get("scope").asString()).isEqualTo("non-lethal");
    }
  }

  private static void record(Http http, Tokens tokens, String path, String fields) {
    HttpResponse<String> answer = http.post(path, "application/json",
        "{\"guarantor\": \"GBR\", \"category\": \"military\", \"value\": {\"value\": 1000000, \"currency\": \"GBP\"}, " + fields + "}",
        Tokens.bearer(tokens.gbr()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
  }
}

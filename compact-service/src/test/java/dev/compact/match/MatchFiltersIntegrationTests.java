package dev.compact.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Actor;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctionsregister.ListIndexes;
import dev.compact.sanctionsregister.ListVersions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #15: yente's filters on POST /match/{dataset} (exclude_entity_ids, topics, changed_since,
 * exclude_schema, include_dataset, exclude_dataset) and its weights, with bodies as yente documents
 * them, against two OFAC versions in the record: one entry changed, one added, one unchanged.
 */
class MatchFiltersIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final String CHANGED = row("10278", "LOGAN MOREY, Elvis Angus", "SDNT");
  static final String CHANGED_AFTER = row("10278", "LOGAN MOREY, Elvis Angus", "SDNT] [SDGT");
  static final String UNCHANGED = row("20002", "LOGAN MOREY, Elvira", "SDNT");
  static final String ADDED = row("20001", "MOREY LOGAN, Elvis Angus", "SDGT");
  static final String CUBA = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  /** The shape yente's /match documentation gives a query: a Person with name, birth date and nationality. */
  static final String ELVIS = """
      {"queries": {"entity1": {"schema": "Person", "properties": {"name": ["Elvis Angus Logan Morey"], "nationality": ["bz"]}}}}
      """;
  static ConfigurableApplicationContext context;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + example(), "--compact.screening.preload=false");
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    ListVersions versions = context.getBean(ListVersions.class);
    Actor system = new Actor("test", Set.of(), true);
    versions.importVersion(new ListVersions.Request(ListFormat.OFAC, List.of(sdn(CUBA + CHANGED + UNCHANGED)),
        Optional.of(LocalDate.parse("2019-01-15")), false), system, note -> {});
    versions.importVersion(new ListVersions.Request(ListFormat.OFAC, List.of(sdn(CUBA + CHANGED_AFTER + UNCHANGED + ADDED)),
        Optional.of(LocalDate.parse("2021-07-07")), false), system, note -> {});
    // The warm index swaps in the background when a version lands; here, at once.
    context.getBean(ListIndexes.class).refresh();
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void withoutFiltersAllThreeEntriesAreFound() {
    assertThat(ids(post("/match/default", ELVIS), "entity1")).containsExactlyInAnyOrder("us_ofac_sdn-10278", "us_ofac_sdn-20001",
        "us_ofac_sdn-20002");
  }

  @Test
  void excludedEntityIdsAreNeverResultsWhetherForTheRequestOrForOneQuery() {
    JsonNode forAll = post("/match/default?exclude_entity_ids=us_ofac_sdn-10278&exclude_entity_ids=us_ofac_sdn-20002", ELVIS);
    JsonNode perQuery = post("/match/default", """
        {"queries": {
          "decided": {"schema": "Person", "properties": {"name": ["Elvis Angus Logan Morey"]}, "exclude_entity_ids": ["us_ofac_sdn-10278"]},
          "fresh": {"schema": "Person", "properties": {"name": ["Elvis Angus Logan Morey"]}}}}
        """);

    assertThat(ids(forAll, "entity1")).containsExactly("us_ofac_sdn-20001");
    assertThat(ids(perQuery, "decided")).doesNotContain("us_ofac_sdn-10278").contains("us_ofac_sdn-20001");
    assertThat(ids(perQuery, "fresh")).contains("us_ofac_sdn-10278");
  }

  @Test
  void changedSinceKeepsEntriesWhoseReadingCameWithALaterVersion() {
    JsonNode since2020 = post("/match/default?changed_since=2020-06-01", ELVIS);
    JsonNode sinceTheDay = post("/match/default?changed_since=2021-07-07", ELVIS);
    JsonNode sinceTheDayBefore = post("/match/default?changed_since=2021-07-06T23:59:59", ELVIS);
    JsonNode since2018 = post("/match/default?changed_since=2018-01-01", ELVIS);

    assertThat(ids(since2020, "entity1")).containsExactlyInAnyOrder("us_ofac_sdn-10278", "us_ofac_sdn-20001");
    assertThat(results(since2020, "entity1")).allSatisfy(r -> assertThat(r.get("last_change").asString()).isEqualTo("2021-07-07"));
    // As yente's "last_change > changed_since": not changed after the day it changed on.
    assertThat(ids(sinceTheDay, "entity1")).isEmpty();
    assertThat(ids(sinceTheDayBefore, "entity1")).hasSize(2);
    assertThat(ids(since2018, "entity1")).hasSize(3);
    assertThat(results(since2018, "entity1")).filteredOn(r -> r.get("id").asString().equals("us_ofac_sdn-20002"))
        .singleElement().satisfies(r -> assertThat(r.get("last_change").asString()).isEqualTo("2019-01-15"));
  }

  @Test
  void topicsSchemaAndDatasetFiltersNarrowAsYentesDo() {
    assertThat(ids(post("/match/default?topics=sanction", ELVIS), "entity1")).hasSize(3);
    assertThat(ids(post("/match/default?topics=role.pep&topics=crime", ELVIS), "entity1")).isEmpty();
    assertThat(results(post("/match/default", ELVIS), "entity1").getFirst().get("properties").get("topics").get(0).asString())
        .isEqualTo("sanction");
    assertThat(ids(post("/match/default?exclude_schema=Person", ELVIS), "entity1")).isEmpty();
    assertThat(ids(post("/match/default?exclude_schema=Company&exclude_schema=Vessel", ELVIS), "entity1")).hasSize(3);
    assertThat(ids(post("/match/default?include_dataset=us_ofac_sdn", ELVIS), "entity1")).hasSize(3);
    assertThat(ids(post("/match/default?include_dataset=un_sc_sanctions", ELVIS), "entity1")).isEmpty();
    assertThat(ids(post("/match/sanctions?exclude_dataset=us_ofac_sdn", ELVIS), "entity1")).isEmpty();
    assertThat(ids(post("/match/us_ofac_sdn?exclude_dataset=eu_fsf", ELVIS), "entity1")).hasSize(3);
  }

  @Test
  void weightsAreAcceptedAndSaidToBeIgnoredNotPretendedApplied() {
    // The weights example of yente's EntityMatchQuery model.
    JsonNode weighted = post("/match/default", """
        {"weights": {"name_literal": 0.8}, "config": {"nm_number_mismatch": 0.4},
         "queries": {"entity1": {"schema": "Person", "properties": {"name": ["Elvis Angus Logan Morey"], "nationality": ["bz"]}}}}
        """);
    JsonNode plain = post("/match/default", ELVIS);

    assertThat(weighted.get("ignored").get("weights").get("name_literal").asDouble()).isEqualTo(0.8);
    assertThat(weighted.get("ignored").get("config").has("nm_number_mismatch")).isTrue();
    assertThat(weighted.get("ignored").get("reason").asString()).contains("not applied");
    assertThat(weighted.get("responses")).isEqualTo(plain.get("responses"));
    assertThat(plain.has("ignored")).isFalse();
    assertThat(status("/match/default", "{\"weights\": {\"name_literal\": \"high\"}, \"queries\": {}}")).isEqualTo(422);
  }

  @Test
  void aMalformedChangedSinceIsRefused() {
    assertThat(status("/match/default?changed_since=last%20week", ELVIS)).isEqualTo(422);
    assertThat(status("/match/default?changed_since=2021-02-30", ELVIS)).isEqualTo(422);
  }

  private static List<String> ids(JsonNode answer, String query) {
    return results(answer, query).stream().map(r -> r.get("id").asString()).toList();
  }

  private static List<JsonNode> results(JsonNode answer, String query) {
    List<JsonNode> results = new ArrayList<>();
    answer.get("responses").get(query).get("results").forEach(results::add);
    return results;
  }

  private static JsonNode post(String path, String body) {
    HttpResponse<String> response = send(path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static int status(String path, String body) {
    return send(path, body).statusCode();
  }

  private static HttpResponse<String> send(String path, String body) {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String row(String id, String name, String program) {
    return id + ",\"" + name + "\",\"individual\",\"" + program + "\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"nationality Belize.\"\r\n";
  }

  private static ListFile sdn(String text) {
    return new ListFile("sdn.csv", text.getBytes(StandardCharsets.UTF_8));
  }

  private static String example() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/kyiv-compact"))) {
        return dir.resolve("examples/kyiv-compact").toString();
      }
    }
    throw new IllegalStateException("no examples/kyiv-compact");
  }
}

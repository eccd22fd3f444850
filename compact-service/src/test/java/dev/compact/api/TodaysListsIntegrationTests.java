package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctionsregister.ListIndexes;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer screened against the record's versions in force today names each list's source and
 * in-force date, as an answer as of a date does. Before this, today's answers left both out
 * (audit item 9).
 */
class TodaysListsIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SDN = "99990001,\"QUIXBY, Zorvath Plimm\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,"
      + "-0- ,-0- ,\"DOB 02 Feb 1971.\"\r\n";

  @Test
  void todaysAnswerNamesTheRecordsVersionsWithSourceAndInForceDate() throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      HttpResponse<String> recorded = http.post("/api/lists/ofac/versions?inForceFrom=2020-01-01", "application/octet-stream", SDN,
          Tokens.bearer(tokens.secretariat()));
      assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
      String version = JSON.readTree(recorded.body()).get("versionHash").asString().substring(0, 12);

      // The index of the recorded version is built on a thread of its own: build it here (refresh waits for a build under way).
      context.getBean(ListIndexes.class).refresh();
      JsonNode answer = JSON.readTree(http.post("/api/screen", "application/json", "{\"name\": \"Zorvath Plimm Quixby\"}").body());
      assertThat(answer.get("lists")).hasSize(1);

      JsonNode list = answer.get("lists").get(0);
      assertThat(list.get("version").asString()).as("the index of the recorded version is in use").isEqualTo(version);
      assertThat(list.get("source").asString()).isEqualTo("ofac");
      assertThat(list.get("inForceFrom").asString()).isEqualTo("2020-01-01");
      assertThat(list.has("note")).as("a recorded version is no demonstration extract").isFalse();
      assertThat(answer.get("hits").get(0).get("listSource").asString()).isEqualTo("ofac");
    }
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctionsregister.ListIndexes;
import dev.compact.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch is screened against one index, and its answer names the lists of that index: a list
 * version recorded while a batch is screened must not make the answer name a version that none of
 * its hits came from, beside hits from a version it does not name. Before, each query of a batch
 * read the index in force when its turn came and the answer named the lists in force at its end.
 */
class BatchListsIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String LISTED = "99990001,\"QUIXBY, Zorvath Plimm\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,"
      + "-0- ,-0- ,\"DOB 02 Feb 1971.\"\r\n";

  @Test
  void aBatchNamesTheListsItsHitsCameFromWhileVersionsLand() throws Exception {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl("sqlite"), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      ListIndexes indexes = context.getBean(ListIndexes.class);
      record(http, tokens, 0);
      indexes.refresh();

      // Every query hits, on every version: a hit screened before a swap names the version it came from.
      String batch = "[" + String.join(",", java.util.Collections.nCopies(400, "{\"name\": \"Zorvath Plimm Quixby\"}")) + "]";
      AtomicBoolean stop = new AtomicBoolean();
      CompletableFuture<List<String>> answers = CompletableFuture.supplyAsync(() -> {
        List<String> bodies = new ArrayList<>();
        while (!stop.get()) {
          HttpResponse<String> answer = http.post("/api/screen/batch", "application/json", batch);
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
          bodies.add(answer.body());
        }
        return bodies;
      });
      // Each version recorded (a new file, so a new version of the same list) swaps today's index while batches run.
      for (int version = 1; version <= 8; version++) {
        record(http, tokens, version);
        indexes.refresh();
      }
      stop.set(true);

      Set<String> named = new HashSet<>();
      for (String body : answers.get()) {
        JsonNode answer = JSON.readTree(body);
        Set<String> lists = new HashSet<>();
        answer.get("lists").forEach(list -> lists.add(list.get("name").asString() + " " + list.get("version").asString()));
        named.addAll(lists);
        for (JsonNode result : answer.get("results")) {
          assertThat(result.get("hits")).as("every query hits").isNotEmpty();
          for (JsonNode hit : result.get("hits")) {
            assertThat(lists).as("the lists the answer names hold the version of each of its hits")
                .contains(hit.get("list").asString() + " " + hit.get("listVersion").asString().substring(0, 12));
          }
        }
      }
      assertThat(named).as("the batches saw the index change").hasSizeGreaterThan(1);
    }
  }

  /** Records the n-th version of the OFAC list: the listed entry and n more (a list that grows, so each file differs). */
  private static void record(Http http, Tokens tokens, int n) {
    StringBuilder file = new StringBuilder(LISTED);
    for (int i = 1; i <= n; i++) {
      file.append(99991000 + i).append(",\"OTHERLY, Name").append((char) ('A' + i)).append("\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
    }
    HttpResponse<String> recorded = http.post("/api/lists/ofac/versions?inForceFrom=2020-01-01", "application/octet-stream", file.toString(),
        Tokens.bearer(tokens.secretariat()));
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListFile;
import dev.compact.service.RecordService;
import dev.compact.store.StoredEvent;
import dev.compact.store.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's list import has the CLI's override of the OFAC cut check: an OFAC release whose alias
 * file names an entry after the main file's last is refused, naming {@code allowStaleSideRows=true}
 * and what it risks, and recorded with it, the event saying so. Before, the API had no way past the
 * check, so a whole release carrying such rows could be recorded only from the command line.
 */
class StaleSideRowsImportIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String CUBA = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  private static final String LOGAN = "10278,\"LOGAN MOREY, Elvis Angus\",\"individual\",\"SDNT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
      + "\"DOB 29 Jul 1961.\"\r\n";
  /** An alias of entry 20000, after the main file's last (10278): what a main file cut short leaves, or a stale row of a whole release. */
  private static final String STALE_ALT = "36,1,\"aka\",\"AERO CARIBBEAN\",-0- \r\n20000,2,\"aka\",\"GONE ENTRY\",-0- \r\n";
  private static final String ROUTE = "/api/lists/ofac/versions?inForceFrom=2020-01-01";

  static Stream<String> kinds() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void staleSideRowsAreRefusedNamingTheOverrideAndRecordedWithItOnTheRecord(String kind) throws IOException {
    try (ConfigurableApplicationContext context = RecordApiIntegrationTests.start(TestDatabases.freshUrl(kind), "PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      byte[] stale = ListsApiIntegrationTests.zip(List.of(file("sdn.csv", CUBA + LOGAN), file("alt.csv", STALE_ALT)));
      // A later release that is whole: its alias file names only its own entries.
      byte[] whole = ListsApiIntegrationTests.zip(List.of(file("sdn.csv", CUBA + LOGAN), file("alt.csv", STALE_ALT.lines().findFirst()
          .orElseThrow() + "\r\n")));
      long head = record.store().head().seq();

      HttpResponse<String> refused = post(http, ROUTE, stale, tokens.secretariat());
      HttpResponse<String> byAGuarantor = post(http, ROUTE + "&allowStaleSideRows=true", stale, tokens.gbr());
      long headAfterRefusals = record.store().head().seq();
      HttpResponse<String> recorded = post(http, ROUTE + "&allowStaleSideRows=true", stale, tokens.secretariat());
      HttpResponse<String> wholeRecorded = post(http, "/api/lists/ofac/versions?inForceFrom=2021-01-01&allowStaleSideRows=true", whole,
          tokens.secretariat());

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains(
          "sdn.csv:2: ends at entry 10278, but alt.csv:2 names entry 20000 after it: the file looks cut short",
          "--allow-stale-side-rows reads them as stale and ignores them; if the file was cut short, that loses its last entries without"
              + " an error (over the API: allowStaleSideRows=true)",
          "nothing was recorded");
      assertThat(byAGuarantor.statusCode()).as("the override is the secretariat's, as the import is").isEqualTo(403);
      assertThat(headAfterRefusals).as("neither refusal recorded anything").isEqualTo(head);

      assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
      JsonNode version = JSON.readTree(recorded.body());
      assertThat(version.get("entities").asInt()).isEqualTo(2);
      assertThat(version.get("staleSideRowsAllowed").asBoolean()).isTrue();
      assertThat(version.get("recordedBy").asString()).isEqualTo("secretariat");
      assertThat(version.get("notes").toString()).contains("1 row(s) of alt.csv (the first at line 2) name entries after it: read as stale"
          + " and ignored");
      assertThat(wholeRecorded.statusCode()).as(wholeRecorded.body()).isEqualTo(201);
      assertThat(JSON.readTree(wholeRecorded.body()).get("staleSideRowsAllowed").asBoolean())
          .as("asking for the override is not using it: a whole release got in on its own").isFalse();

      // The record itself says who let the stale rows through, on the version's public event; a version that did not need it keeps the
      // payload it always had.
      List<StoredEvent> events = record.store().readStream("lists-ofac");
      assertThat(events).hasSize(2);
      assertThat(events.get(0).actor()).isEqualTo("secretariat");
      assertThat(events.get(0).payload()).contains("\"staleSideRowsAllowed\":true");
      assertThat(events.get(1).payload()).doesNotContain("staleSideRows");
      JsonNode listed = JSON.readTree(http.get("/api/lists/ofac/versions").body());
      assertThat(listed.get(0).get("staleSideRowsAllowed").asBoolean()).isTrue();
      assertThat(listed.get(1).get("staleSideRowsAllowed").asBoolean()).isFalse();
    }
  }

  private static ListFile file(String name, String text) {
    return new ListFile(name, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static HttpResponse<String> post(Http http, String path, byte[] zip, String token) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path))
        .header("Content-Type", "application/zip").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctionsregister.SharedLists;
import dev.compact.service.RecordService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** List versions through the API: OFAC 2019 then 2021 into a fresh record, as the issue's "done when" reads. */
class ListsApiIntegrationTests {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static ConfigurableApplicationContext context;
  static Http http;
  static Tokens tokens;

  @BeforeAll
  static void start() throws Exception {
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createTempDirectory("compact") + "/c.db",
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.screening.preload=false");
    http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    tokens = Tokens.create(context);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void importsTwoOfacReleasesShowsTheirDiffAndScreensAsOfADate() throws Exception {
    List<ListFile> v2019 = SharedLists.sharedOfac("ofac_sdn_2019");
    List<ListFile> v2021 = SharedLists.bundledOfac2021();

    HttpResponse<String> first = postZip("/api/lists/ofac/versions?inForceFrom=2019-01-15", v2019, tokens.secretariat());
    HttpResponse<String> second = postZip("/api/lists/ofac/versions?inForceFrom=2021-07-07", v2021, tokens.secretariat());
    long head = context.getBean(RecordService.class).store().head().seq();
    HttpResponse<String> again = postZip("/api/lists/ofac/versions?inForceFrom=2021-07-07", v2021, tokens.secretariat());
    byte[] sdn = v2021.getFirst().bytes();
    HttpResponse<String> truncated = postBytes("/api/lists/ofac/versions?file=sdn.csv", "application/octet-stream",
        Arrays.copyOf(sdn, sdn.length * 2 / 3), tokens.secretariat());

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    assertThat(second.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/api/lists/ofac/versions/"));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("alreadyRecorded").asBoolean()).isTrue();
    assertThat(truncated.statusCode()).as(truncated.body()).isEqualTo(422);
    assertThat(JSON.readTree(truncated.body()).get("detail").asString()).matches("sdn\\.csv:\\d+: .*nothing was recorded");
    assertThat(context.getBean(RecordService.class).store().head().seq()).isEqualTo(head);

    JsonNode versions = JSON.readTree(http.get("/api/lists/ofac/versions").body());
    assertThat(versions).hasSize(2);
    String hash2019 = versions.get(0).get("versionHash").asString();
    String hash2021 = versions.get(1).get("versionHash").asString();
    assertThat(versions.get(1).get("previous").asString()).isEqualTo(hash2019);

    JsonNode diff = JSON.readTree(http.get("/api/lists/ofac/diff?from=" + hash2019.substring(0, 10) + "&to=" + hash2021).body());
    assertThat(diff.get("counts").get("added").asInt()).isEqualTo(versions.get(1).get("added").asInt()).isPositive();
    assertThat(diff.get("counts").get("removed").asInt()).isEqualTo(versions.get(1).get("removed").asInt()).isPositive();
    assertThat(diff.get("added").toString()).contains("Kassem CHAMS");
    assertThat(diff.get("removed").toString()).contains("GUTIERREZ REYES");
    assertThat(diff.get("changed").get(0).get("fields").size()).isPositive();

    // The dashboard shows the same: both versions, and what the newer one added and removed.
    String page = http.get("/sanctions").body();
    assertThat(page).contains(hash2019.substring(0, 12), hash2021.substring(0, 12), "2019-01-15", "2021-07-07");
    String versionPage = http.get("/sanctions/lists/ofac/" + hash2021).body();
    assertThat(versionPage).contains("Kassem CHAMS", "GUTIERREZ REYES", ">" + diff.get("counts").get("added").asInt() + "<");

    JsonNode before = screen("{\"name\": \"Kassem Chams\", \"asOf\": \"2020-03-01\"}");
    JsonNode after = screen("{\"name\": \"Kassem Chams\", \"asOf\": \"2025-03-01\"}");
    assertThat(before.get("hits")).isEmpty();
    assertThat(before.get("lists").get(0).get("version").asString()).isEqualTo(hash2019.substring(0, 12));
    assertThat(after.get("hits").get(0).get("id").toString()).contains("23023");
    assertThat(after.get("hits").get(0).get("listVersion").asString()).isEqualTo(hash2021);
    assertThat(after.get("hits").get(0).get("listVersionInForceFrom").asString()).isEqualTo("2021-07-07");
    // Removed in 2021: found as of 2020, not as of 2025.
    assertThat(screen("{\"name\": \"Jose Gutierrez Reyes\", \"asOf\": \"2020-03-01\"}").get("hits").toString()).contains("GUTIERREZ REYES");
    assertThat(screen("{\"name\": \"Jose Gutierrez Reyes\", \"asOf\": \"2025-03-01\"}").get("hits").toString()).doesNotContain("GUTIERREZ REYES");
    assertThat(http.post("/api/screen", "application/json", "{\"name\": \"Kassem Chams\", \"asOf\": \"2018-01-01\"}").body())
        .contains("no list version in the record is in force on 2018-01-01");

    // The current index is swapped to the versions in force today once it is built.
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    JsonNode current = screen("{\"name\": \"Kassem Chams\"}");
    while (!current.get("lists").toString().contains(hash2021.substring(0, 12)) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      current = screen("{\"name\": \"Kassem Chams\"}");
    }
    assertThat(current.get("lists")).hasSize(1);
    assertThat(current.get("hits").get(0).get("listSource").asString()).isEqualTo("ofac");

    // A batch as of a date names the versions in force on that date, not today's (the --server client prints them).
    JsonNode batch = JSON.readTree(http.post("/api/screen/batch", "application/json",
        "[{\"name\": \"Jose Gutierrez Reyes\", \"asOf\": \"2020-03-01\"}, {\"name\": \"Kassem Chams\", \"asOf\": \"2020-03-01\"}]").body());
    assertThat(batch.get("lists").get(0).get("version").asString()).isEqualTo(hash2019.substring(0, 12));
    assertThat(batch.get("results").get(0).get("hits").get(0).get("listVersion").asString()).isEqualTo(hash2019);
    // One answer names one set of lists: a batch mixing dates is refused, nothing screened.
    HttpResponse<String> mixed = http.post("/api/screen/batch", "application/json",
        "[{\"name\": \"Kassem Chams\", \"asOf\": \"2020-03-01\"}, {\"name\": \"Kassem Chams\"}]");
    assertThat(mixed.statusCode()).isEqualTo(400);
    assertThat(mixed.body()).contains("the same 'asOf'");
  }

  @Test
  void onlyTheSecretariatRecordsAVersion() throws Exception {
    List<ListFile> files = SharedLists.bundledOfac2021();

    assertThat(postZip("/api/lists/ofac/versions", files, tokens.observer()).statusCode()).isEqualTo(403);
    assertThat(postZip("/api/lists/ofac/versions", files, tokens.gbr()).statusCode()).isEqualTo(403);
    assertThat(postBytes("/api/lists/ofac/versions", "application/octet-stream", files.getFirst().bytes(), null).statusCode())
        .isEqualTo(401);
    assertThat(http.get("/api/lists/nosuch/versions").statusCode()).isEqualTo(404);
  }

  @Test
  void aGuarantorLiftingOneDesignationBreachesItsSanctionsLock() {
    http.post("/api/agreements/kyiv-compact/lifecycle", "application/json", "{\"action\": \"enter-into-force\"}",
        Tokens.bearer(tokens.secretariat()));
    assertThat(http.post("/api/sanctions/eu-14", "application/json", "{\"action\": \"adopt\", \"by\": \"DEU\"}",
        Tokens.bearer(tokens.deu())).statusCode()).isEqualTo(200);

    HttpResponse<String> bySomeoneElse = http.post("/api/sanctions/eu-14/designations/EU.9231.54", "application/json",
        "{\"action\": \"lift\", \"by\": \"DEU\"}", Tokens.bearer(tokens.gbr()));
    HttpResponse<String> lifted = http.post("/api/sanctions/eu-14/designations/EU.9231.54", "application/json",
        "{\"action\": \"lift\", \"by\": \"DEU\"}", Tokens.bearer(tokens.deu()));

    assertThat(bySomeoneElse.statusCode()).isEqualTo(403);
    assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
    String breached = http.get("/api/norms?party=DEU&state=breached").body();
    assertThat(breached).contains("kyiv-sanctions-lock");
    String history = http.get("/api/transitions?limit=50").body();
    assertThat(history).contains("DEU lifted the designation of EU.9231.54 under sanctions package eu-14");
    String page = http.get("/sanctions").body();
    assertThat(page).contains("Sanctions locks", "breached", "lifted the designation of EU.9231.54");
  }

  @Test
  void aComplianceAccountKeepsItsOwnWatchlistAndDecidesItsAlerts() {
    var accounts = context.getBean(dev.compact.access.Accounts.class);
    accounts.add("bank-a", List.of("compliance"));
    accounts.add("bank-b", List.of("compliance"));
    String[] bankA = Tokens.bearer(accounts.issue("bank-a", Duration.ofDays(1)).token());
    String[] bankB = Tokens.bearer(accounts.issue("bank-b", Duration.ofDays(1)).token());
    String csv = "id,name,type\r\nc1,Kassem Chams,person\r\nc2,\"Keller, Anna\",person\r\n";

    HttpResponse<String> refused = http.post("/api/watchlist", "text/csv", csv, Tokens.bearer(tokens.observer()));
    HttpResponse<String> uploaded = http.post("/api/watchlist", "text/csv", csv, bankA);
    JsonNode alerts = JSON.readTree(http.get("/api/watchlist/alerts?status=open", bankA).body());

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    assertThat(JSON.readTree(uploaded.body()).get("added").asInt()).isEqualTo(2);
    assertThat(alerts.toString()).contains("CHAMS").doesNotContain("Keller");
    assertThat(http.get("/api/watchlist/alerts", bankB).body()).isEqualTo("[]");
    String alertId = alerts.get(0).get("alertId").asString();
    assertThat(http.post("/api/watchlist/alerts/" + alertId + "/decision", "application/json",
        "{\"decision\": \"confirmed\", \"reason\": \"same date of birth\"}", bankB).statusCode()).isEqualTo(404);
    HttpResponse<String> decided = http.post("/api/watchlist/alerts/" + alertId + "/decision", "application/json",
        "{\"decision\": \"false-positive\", \"reason\": \"our customer was born in 1990\"}", bankA);
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    assertThat(http.get("/api/watchlist/alerts/" + alertId + "/decisions", bankA).body())
        .contains("\"decision\":\"false-positive\"", "\"by\":\"bank-a\"", "born in 1990");
    assertThat(http.post("/api/watchlist", "text/csv", "id,name\r\nc3,\"?!\"\r\n", bankA).body()).contains("row 1");
  }

  private static JsonNode screen(String body) {
    HttpResponse<String> response = http.post("/api/screen", "application/json", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> postZip(String path, List<ListFile> files, String token) throws IOException {
    return postBytes(path, "application/zip", zip(files), token);
  }

  /** A list release as the zip a secretariat uploads, its files in one folder. */
  static byte[] zip(List<ListFile> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (ListFile file : files) {
        zip.putNextEntry(new ZipEntry("release/" + file.name()));
        zip.write(file.bytes());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static HttpResponse<String> postBytes(String path, String type, byte[] body, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + http.port() + path))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    try {
      return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.compact.api;

import static dev.compact.api.ClassifiedReferencesIntegrationTests.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.service.RecordService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restricted desk that names a secret record, in a path or in a body, through the API or the
 * dashboard, gets exactly the answer it gets for an id that names nothing (status and text, the id
 * aside), and nothing is recorded: no answer tells it the record exists.
 */
class ExistenceOracleIntegrationTests {
  private static final String JSON = "application/json";
  private static final String SECRET = "hush";
  private static final String NONE = "none";

  /** One request naming a record by {@code id}: the answer it gets. */
  record Probe(String name, Function<String, HttpResponse<String>> send) {}

  @Test
  void aDeskNamingASecretRecordIsAnsweredAsIfItDidNotExist(@TempDir Path dir) throws Exception {
    CompactCopy compact = CompactCopy.kyiv(dir).withUkText(ClassifiedReferencesIntegrationTests.programmeClause("gbr-" + SECRET + "-prog",
        "secret"));
    try (ConfigurableApplicationContext context = compact.start()) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      RecordService record = context.getBean(RecordService.class);
      String secret = SecretCountIntegrationTests.secretClearedToken(context);
      ok(http.post("/api/incidents", JSON, "{\"id\": \"" + SECRET + "-inc\", \"kind\": \"armed-attack\", \"place\": \"UA-63\", \"severity\": 4,"
          + " \"reportedBy\": \"UKR\", \"attacker\": \"RUS\", \"classification\": \"secret\"}", Tokens.bearer(secret)));
      ok(http.post("/api/incidents/" + SECRET + "-inc/verify", JSON, "{\"by\": \"UKR\"}", Tokens.bearer(secret)));
      ok(http.post("/api/consultations", JSON, "{\"id\": \"" + SECRET + "-cons\", \"requestedBy\": \"UKR\", \"incident\": \"" + SECRET
          + "-inc\"}", Tokens.bearer(secret)));
      ok(http.post("/api/consultations/" + SECRET + "-cons/measures", JSON, """
          {"measures": [{"id": "m1", "obligor": "GBR", "action": "deliver radios", "domain": "military", "within": "P30D",
            "items": [{"item": "radios", "quantity": 10}]}], "agreed": ["GBR"]}""", Tokens.bearer(secret)));

      String[] gbr = Tokens.bearer(tokens.gbr());
      String[] ukr = Tokens.bearer(tokens.ukr());
      String[] session = http.signIn(tokens.gbr());
      String delivery = "{\"guarantor\": \"GBR\", \"category\": \"military\", \"items\": [{\"item\": \"radios\", \"quantity\": 1}],"
          + " \"countsAgainst\": %s}";
      List<Probe> probes = List.of(
          new Probe("read an incident", id -> http.get("/api/incidents/" + id + "-inc", gbr)),
          new Probe("read a consultation", id -> http.get("/api/consultations/" + id + "-cons", gbr)),
          new Probe("read a measure's instance", id -> http.get("/api/norms/instance?key=kyiv-compact/m1/GBR%40" + id + "-cons", gbr)),
          new Probe("verify an incident", id -> http.post("/api/incidents/" + id + "-inc/verify", JSON, "{\"by\": \"UKR\"}", gbr)),
          new Probe("reject an incident", id -> http.post("/api/incidents/" + id + "-inc/reject", JSON, "{\"by\": \"UKR\", \"reason\": \"x\"}",
              gbr)),
          new Probe("request consultations on an incident", id -> http.post("/api/consultations", JSON,
              "{\"requestedBy\": \"UKR\", \"incident\": \"" + id + "-inc\"}", ukr)),
          new Probe("record attendance", id -> http.post("/api/consultations/" + id + "-cons/held", JSON, "{\"attended\": [\"GBR\"]}", gbr)),
          new Probe("record attendance, If-Match", id -> http.post("/api/consultations/" + id + "-cons/held", JSON,
              "{\"attended\": [\"GBR\"]}", "If-Match", "\"3\"", "Authorization", "Bearer " + tokens.gbr())),
          new Probe("record measures", id -> http.post("/api/consultations/" + id + "-cons/measures", JSON,
              "{\"measures\": [{\"id\": \"m2\", \"obligor\": \"GBR\", \"action\": \"a\", \"domain\": \"military\", \"within\": \"P30D\","
                  + " \"items\": [{\"item\": \"x\", \"quantity\": 1}]}], \"agreed\": [\"GBR\"]}", gbr)),
          new Probe("deliver against a measure", id -> http.post("/api/deliveries", JSON,
              delivery.formatted("{\"consultation\": \"" + id + "-cons\", \"measure\": \"m1\"}"), gbr)),
          new Probe("allocate against a clause", id -> http.post("/api/allocations", JSON,
              delivery.formatted("{\"agreement\": \"gbr-ukr-2024\", \"clause\": \"gbr-" + id + "-prog\"}"), gbr)),
          new Probe("meet a clause's condition", id -> http.post("/api/agreements/gbr-ukr-2024/conditions-met", JSON,
              "{\"clause\": \"gbr-" + id + "-prog\", \"condition\": \"appropriation\", \"by\": \"GBR\"}", gbr)),
          new Probe("invoke snapback after an incident", id -> http.post("/api/snapback", JSON,
              "{\"by\": \"GBR\", \"incident\": \"" + id + "-inc\"}", gbr)),
          new Probe("open an incident's page", id -> http.get("/incidents/" + id + "-inc", session)),
          new Probe("open a measure's page", id -> http.get("/obligations/instance?key=kyiv-compact/m1/GBR%40" + id + "-cons", session)),
          new Probe("verify on the dashboard", id -> http.form("/incidents/" + id + "-inc/verify", "by=UKR", session)),
          new Probe("request consultations on the dashboard", id -> http.form("/incidents/" + id + "-inc/consultations",
              "consultation=c-" + id + "&requestedBy=UKR", session)),
          new Probe("record attendance on the dashboard", id -> http.form("/consultations/" + id + "-cons/held", "attended=GBR", session)));

      List<String> differences = new ArrayList<>();
      for (Probe probe : probes) {
        long head = record.store().head().seq();
        HttpResponse<String> hidden = probe.send().apply(SECRET);
        HttpResponse<String> absent = probe.send().apply(NONE);
        assertThat(record.store().head().seq()).as("%s records nothing", probe.name()).isEqualTo(head);
        if (hidden.statusCode() != absent.statusCode() || !masked(hidden.body()).equals(masked(absent.body()))) {
          differences.add(probe.name() + ": " + hidden.statusCode() + " " + hidden.body() + "\n  but for no record: " + absent.statusCode() + " "
              + absent.body());
        }
        assertThat(hidden.body()).as(probe.name()).doesNotContainIgnoringCase("secret");
      }
      assertThat(differences).isEmpty();
      // The secret records are there: cleared, the same reads find them.
      assertThat(http.get("/api/incidents/" + SECRET + "-inc", Tokens.bearer(secret)).statusCode()).isEqualTo(200);
      assertThat(http.get("/api/norms/instance?key=kyiv-compact/m1/GBR%40" + SECRET + "-cons", Tokens.bearer(secret)).statusCode()).isEqualTo(200);
    }
  }

  /** The body with the probed id, the page's fresh CSRF token and suggested ids set aside. */
  private static String masked(String body) {
    return body.replace(SECRET, "ID").replace(NONE, "ID").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")
        .replaceAll("name=\"formKey\" value=\"[^\"]*\"", "")
        .replaceAll("(inc|cons)-[0-9a-f]{8,20}", "$1-SUGGESTED");
  }
}

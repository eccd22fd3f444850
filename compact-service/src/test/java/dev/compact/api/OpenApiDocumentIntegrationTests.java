package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.compact.ServiceApplication;
import dev.compact.store.TestDatabases;
import dev.compact.trust.Signatures;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #14: the OpenAPI document must describe the answers the API really gives. Every JSON GET
 * route of the document is called on a record with the demo's history, a registered version, a key
 * and a signature; every field of every answer must be a property of its schema, with a matching
 * type, and every property of every schema met must appear in some answer.
 */
class OpenApiDocumentIntegrationTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Routes whose answer is not JSON, or never ends. */
  private static final Set<String> NOT_JSON = Set.of("/api/stream", "/api/calendar/{party}.ics", "/api/agreements/{id}/render",
      "/api/log/checkpoint");

  /** Routes not called here, named so that none is added unnoticed. Any other route answering a map fails. */
  private static final Set<String> UNTYPED = Set.of(
      // A compliance account's own watchlist: the secretariat this test reads as may not see it (WatchlistsIntegrationTests).
      "/api/watchlist", "/api/watchlist/alerts", "/api/watchlist/alerts/{id}/decisions");

  @Test
  void everyGetAnswerMatchesItsSchemaBothWays() throws Exception {
    KeyPair gbr = Signatures.generate();
    try (ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl("sqlite"),
        "--compact.compact-dir=" + Http.example("kyiv-compact"), "--compact.history=" + Http.example("kyiv-compact").resolve("demo/history.yaml"),
        "--compact.tick-interval=PT1H")) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);
      String[] secretariat = Tokens.bearer(tokens.secretariat());
      String text = Files.readString(Http.example("kyiv-compact").resolve("agreements/gbr-ukr-2024.md"));
      HttpResponse<String> version = http.post("/api/agreements/gbr-ukr-2024/versions", "text/markdown", text, secretariat);
      assertThat(version.statusCode()).as(version.body()).isEqualTo(201);
      String hash = JSON.readTree(version.body()).get("versionHash").asString();
      assertThat(http.post("/api/parties/GBR/key", "text/plain", Signatures.publicPem(gbr.getPublic()), Tokens.bearer(tokens.gbr()))
          .statusCode()).isEqualTo(201);
      assertThat(http.post("/api/agreements/gbr-ukr-2024/signatures", "application/json", "{\"party\": \"GBR\", \"versionHash\": \"" + hash
          + "\", \"signature\": \"" + Signatures.sign(gbr.getPrivate(), "gbr-ukr-2024", "GBR", hash) + "\"}", Tokens.bearer(tokens.gbr()))
          .statusCode()).isEqualTo(201);

      // A delivery with its scope, so that SupportView's scope is met with a value, not only null.
      HttpResponse<String> delivery = http.post("/api/deliveries", "application/json", "{\"guarantor\": \"GBR\", \"category\": \"military\","
          + " \"value\": {\"value\": 1000000, \"currency\": \"GBP\"}, \"scope\": \"non-lethal\"}", Tokens.bearer(tokens.gbr()));
      assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(201);
      assertThat(http.get("/api/support?kind=delivery").body()).contains("\"scope\":\"non-lethal\"");

      // Before any list version is recorded, the bundled lists answer, each with its note.
      JsonNode bundled = JSON.readTree(http.post("/api/screen", "application/json", "{\"name\": \"Oleg Deripaska\"}").body());
      String listHash = listsAndPackage(context, http, secretariat);

      JsonNode document = JSON.readTree(http.get("/api/openapi").body());
      Map<String, String> samples = samples(http, secretariat);
      samples.put("source", "ofac");
      samples.put("hash", listHash);
      Checker checker = new Checker(document);
      checker.check("POST /api/screen on the bundled lists", bundled, postSchema(document, "/api/screen"));
      List<String> called = new ArrayList<>();
      for (var path : document.get("paths").properties()) {
        JsonNode get = path.getValue().get("get");
        if (get == null || !path.getKey().startsWith("/api/") || NOT_JSON.contains(path.getKey()) || UNTYPED.contains(path.getKey())) {
          continue;
        }
        String url = url(path.getKey(), get, samples);
        HttpResponse<String> answer = http.get(url, secretariat);
        assertThat(answer.statusCode()).as(url + ": " + answer.body()).isEqualTo(200);
        JsonNode schema = schemaOf(get);
        assertThat(schema).as(url + " has no JSON schema for its 200 answer in the document").isNotNull();
        checker.check(url, JSON.readTree(answer.body()), schema);
        called.add(url);
      }
      assertThat(called).as("the JSON GET routes called").hasSizeGreaterThan(15);
      screeningAnswers(http, document, checker);
      assertThat(checker.problems).as("answers that differ from the OpenAPI document").isEmpty();
      assertThat(checker.unseen()).as("schema properties that no answer carried").isEmpty();
      assertThat(checker.declared).as("named schemas checked both ways").containsKeys("NormView", "NormInstanceView", "TransitionView",
          "IncidentView", "ConsultationView", "SupportView", "VersionView", "SignatureListed", "LogKeys", "CompactView", "ListVersionView",
          "DiffView", "EntryView", "ChangeView", "PackageRef", "PackageView", "StandingView", "DesignationView", "ActView",
          "ScreeningAnswer", "ScreeningHit", "ScreenedList", "ScreeningThresholds", "BatchScreeningAnswer", "BatchScreeningResult");
      assertWritesAreTyped(document);
      // A support entry's scope is described as the answers give it (issue #14).
      JsonNode scope = document.get("components").get("schemas").get("SupportView").get("properties").get("scope");
      assertThat(scope).as("SupportView.scope in the document").isNotNull();
      assertThat(scope.path("type").toString()).as("SupportView.scope's type").contains("string");
    }
  }

  /**
   * Every write the command handler takes is described with the fields its body takes and the shape
   * of its answer (a named schema, never a bare map), the acts no incident makes and a delivery's
   * scope among them.
   */
  private static void assertWritesAreTyped(JsonNode document) {
    Map<String, List<String>> writes = Map.of(
        "/api/deliveries", List.of("guarantor", "category", "value", "scope", "countsAgainst"),
        "/api/agreements/{id}/conditions-met", List.of("clause", "condition", "by", "occurredAt"),
        "/api/agreements/{id}/extensions", List.of("by", "agreedBy", "years", "occurredAt"),
        "/api/snapback", List.of("by", "incident", "occurredAt"),
        "/api/compensation", List.of("by", "paid", "assessed", "source", "occurredAt"),
        "/api/parties/{party}/status", List.of("status", "value", "occurredAt"),
        "/api/acts", List.of("by", "act", "quantity", "detail", "occurredAt"));
    JsonNode schemas = document.get("components").get("schemas");
    for (var write : writes.entrySet()) {
      JsonNode post = document.get("paths").path(write.getKey()).get("post");
      assertThat(post).as("POST " + write.getKey() + " is in the document").isNotNull();
      String body = post.get("requestBody").get("content").get("application/json").get("schema").get("$ref").asString();
      JsonNode properties = schemas.get(body.substring("#/components/schemas/".length())).get("properties");
      assertThat(properties.propertyNames()).as("the body of POST " + write.getKey()).containsAll(write.getValue());
      JsonNode answer = post.get("responses").properties().iterator().next().getValue().get("content").properties().iterator().next().getValue()
          .get("schema");
      assertThat(answer.get("$ref").asString()).as("the answer of POST " + write.getKey()).isEqualTo("#/components/schemas/Recorded");
    }
  }

  /**
   * The screening POSTs, each optional field met at least once: a name on today's lists, the same as of a date (on the list
   * versions recorded above, which adds each version's source and in-force date), and a batch with a query that has no name.
   */
  private static void screeningAnswers(Http http, JsonNode document, Checker checker) {
    JsonNode screen = postSchema(document, "/api/screen");
    for (String body : List.of("{\"name\": \"Kassem Chams\"}", "{\"name\": \"Kassem Chams\", \"asOf\": \"2025-03-01\"}")) {
      HttpResponse<String> answer = http.post("/api/screen", "application/json", body);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode read = JSON.readTree(answer.body());
      assertThat(read.get("hits")).as(body).isNotEmpty();
      checker.check("POST /api/screen " + body, read, screen);
    }
    HttpResponse<String> answer = http.post("/api/screen/batch", "application/json", "[{\"name\": \"Kassem Chams\"}, {\"dob\": \"1970\"}]");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    checker.check("POST /api/screen/batch", JSON.readTree(answer.body()), postSchema(document, "/api/screen/batch"));
  }

  private static JsonNode postSchema(JsonNode document, String path) {
    JsonNode schema = schemaOf(document.path("paths").path(path).path("post"));
    assertThat(schema).as(path + " has no JSON schema for its 200 answer in the document").isNotNull();
    return schema;
  }

  /**
   * Two OFAC versions (the bundled release without its first 50 entries and with one name changed,
   * then the release itself) and a package that designated one of the 50 with every fact stated, so
   * that the list and package routes answer with every field. Returns the newer version's hash.
   */
  private static String listsAndPackage(ConfigurableApplicationContext context, Http http, String[] secretariat) throws Exception {
    List<dev.compact.sanctions.ListFile> full = dev.compact.sanctionsregister.SharedLists.bundledOfac2021();
    List<String> lines = new java.util.ArrayList<>(List.of(new String(full.getFirst().bytes(), java.nio.charset.StandardCharsets.UTF_8)
        .split("\n", -1)));
    List<String> shorter = new java.util.ArrayList<>(lines.subList(50, lines.size()));
    shorter.set(0, shorter.get(0).replaceFirst("\"[^\"]+\"", "\"A CHANGED NAME\""));
    List<dev.compact.sanctions.ListFile> older = new java.util.ArrayList<>(full);
    older.set(0, new dev.compact.sanctions.ListFile(full.getFirst().name(), String.join("\n", shorter).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    dev.compact.sanctionsregister.ListVersions versions = context.getBean(dev.compact.sanctionsregister.ListVersions.class);
    dev.compact.access.Actor system = new dev.compact.access.Actor("test", Set.of(), true);
    versions.importVersion(new dev.compact.sanctionsregister.ListVersions.Request(dev.compact.sanctions.ListFormat.OFAC, older,
        java.util.Optional.of(java.time.LocalDate.parse("2021-01-01")), false), system, note -> {});
    String hash = versions.importVersion(new dev.compact.sanctionsregister.ListVersions.Request(dev.compact.sanctions.ListFormat.OFAC, full,
        java.util.Optional.of(java.time.LocalDate.parse("2021-07-07")), false), system, note -> {}).version().versionHash();
    String entry = lines.getFirst().substring(0, lines.getFirst().indexOf(','));
    HttpResponse<String> recorded = http.post("/api/sanctions/packages", "application/json", """
        {"id": "sample-1", "issuer": "USA", "title": "A sample round", "legalActs": ["Executive Order 00000"], "adopted": "2021-01-02",
         "inForce": "2021-01-03", "measures": [{"kind": "asset-freeze", "text": "blocking", "from": "2021-01-03"}],
         "designations": [{"id": "d1", "name": "first", "list": "ofac", "entry": "%s"}], "designationCount": 1, "vote": "by decision",
         "renewal": "2022-01-03", "sources": {"legal-acts": "s", "adopted": "s", "in-force": "s", "measures": "s", "designations": "s",
         "designation-count": "s", "vote": "s", "renewal": "s"}}
        """.formatted(entry), secretariat);
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
    assertThat(http.post("/api/sanctions/packages/sample-1/acts", "application/json", "{\"action\": \"block\", \"by\": \"USA\","
        + " \"blockedBy\": [\"GBR\"]}", secretariat).statusCode()).isEqualTo(200);
    return hash;
  }

  /** A value for each path and required query parameter the document names, taken from the record. */
  private static Map<String, String> samples(Http http, String[] token) throws Exception {
    Map<String, String> samples = new TreeMap<>();
    samples.put("id", "gbr-ukr-2024");
    samples.put("key", JSON.readTree(http.get("/api/norms?state=fulfilled", token).body()).get(0).get("instanceKey").asString());
    samples.put("incident", JSON.readTree(http.get("/api/incidents", token).body()).get(0).get("incidentId").asString());
    samples.put("consultation", JSON.readTree(http.get("/api/consultations", token).body()).get(0).get("consultationId").asString());
    samples.put("index", "0");
    samples.put("size", "2");
    samples.put("from", "1");
    samples.put("to", "2");
    return samples;
  }

  /** The route with its parameters filled in; an incident's or consultation's {id} is one on the record. */
  private static String url(String template, JsonNode get, Map<String, String> samples) {
    String url = template;
    List<String> query = new ArrayList<>();
    for (JsonNode parameter : iterable(get.get("parameters"))) {
      String name = parameter.get("name").asString();
      String in = parameter.get("in").asString();
      boolean required = parameter.has("required") && parameter.get("required").asBoolean();
      if (!required || !(in.equals("path") || in.equals("query"))) {
        continue;
      }
      String sample = name.equals("id") && template.startsWith("/api/incidents/") ? samples.get("incident")
          : name.equals("id") && template.startsWith("/api/consultations/") ? samples.get("consultation")
          : name.equals("id") && template.startsWith("/api/sanctions/packages/") ? "sample-1" : samples.get(name);
      if (sample == null) {
        fail(template + " takes a required parameter '" + name + "': add a sample value for it to " + OpenApiDocumentIntegrationTests.class
            .getSimpleName() + ".samples");
      }
      if (in.equals("path")) {
        url = url.replace("{" + name + "}", sample);
      } else {
        query.add(name + "=" + URLEncoder.encode(sample, StandardCharsets.UTF_8));
      }
    }
    return query.isEmpty() ? url : url + "?" + String.join("&", query);
  }

  private static JsonNode schemaOf(JsonNode get) {
    JsonNode content = get.path("responses").path("200").path("content");
    for (String type : List.of("application/json", "*/*")) {
      if (content.has(type)) {
        return content.get(type).get("schema");
      }
    }
    return null;
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node == null ? List.of() : node::iterator;
  }

  /** Compares answers with schemas, and remembers which properties of each named schema some answer carried. */
  private static final class Checker {
    final JsonNode document;
    final List<String> problems = new ArrayList<>();
    final Map<String, Set<String>> declared = new TreeMap<>();
    final Map<String, Set<String>> seen = new TreeMap<>();

    Checker(JsonNode document) {
      this.document = document;
    }

    void check(String where, JsonNode value, JsonNode schema) {
      String name = null;
      if (schema.has("$ref")) {
        name = schema.get("$ref").asString().substring("#/components/schemas/".length());
        schema = document.get("components").get("schemas").get(name);
      }
      if (value.isNull()) {
        return;
      }
      Set<String> types = types(schema);
      if (types.isEmpty()) {
        problems.add(where + ": the schema gives no type (" + schema + "): answer a record, not a map (docs/service.md, Response shapes)");
        return;
      }
      String actual = value.isString() ? "string" : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number"
          : value.isBoolean() ? "boolean" : value.isArray() ? "array" : "object";
      if (!types.contains(actual) && !(actual.equals("integer") && types.contains("number"))) {
        problems.add(where + ": is " + actual + ", the document says " + types);
        return;
      }
      if (value.isArray()) {
        int i = 0;
        for (JsonNode item : value) {
          check(where + "[" + i++ + "]", item, schema.get("items"));
        }
      } else if (value.isObject()) {
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        if (properties == null && additional != null && additional.isObject()) {
          for (var field : value.properties()) {
            check(where + "." + field.getKey(), field.getValue(), additional);
          }
          return;
        }
        if (properties == null) {
          problems.add(where + ": an object whose schema lists no properties: answer a record, not a map");
          return;
        }
        if (name != null) {
          declared.computeIfAbsent(name, n -> new TreeSet<>()).addAll(properties.propertyNames());
        }
        for (var field : value.properties()) {
          if (!properties.has(field.getKey())) {
            problems.add(where + "." + field.getKey() + ": not in the document" + (name == null ? "" : " (schema " + name + ")"));
            continue;
          }
          if (name != null) {
            seen.computeIfAbsent(name, n -> new TreeSet<>()).add(field.getKey());
          }
          check(where + "." + field.getKey(), field.getValue(), properties.get(field.getKey()));
        }
      }
    }

    private static Set<String> types(JsonNode schema) {
      Set<String> types = new TreeSet<>();
      JsonNode type = schema.get("type");
      if (type != null && type.isArray()) {
        type.forEach(t -> types.add(t.asString()));
      } else if (type != null) {
        types.add(type.asString());
      } else if (schema.has("properties")) {
        types.add("object");
      }
      return types;
    }

    /** Properties of named schemas that some answer used as that schema but never carried. */
    List<String> unseen() {
      List<String> unseen = new ArrayList<>();
      declared.forEach((name, properties) -> properties.stream().filter(p -> !seen.getOrDefault(name, Set.of()).contains(p))
          .forEach(p -> unseen.add(name + "." + p)));
      return unseen;
    }
  }
}

package dev.compact.match;

import dev.compact.sanctions.CountryLink;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Algorithm;
import dev.compact.screening.Hit;
import dev.compact.screening.QueryText;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import dev.compact.service.ScreeningService;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /match/{dataset}} as yente takes it: {@code queries} keyed by the caller's ids, each a
 * FollowTheMoney example ({@code schema} and {@code properties} whose values are lists of strings),
 * with {@code limit}, {@code threshold} and {@code algorithm} as query parameters (or body fields).
 * The answer has yente's shape, {@code responses} keyed by the same ids, each with scored
 * {@code results} ({@code id}, {@code caption}, {@code schema}, {@code properties}, {@code datasets},
 * {@code score}, {@code match}, {@code features}) and, beyond yente, the {@code explanation}.
 */
@RestController
class MatchController {
  static final int MAX_QUERIES = 100;
  static final double DEFAULT_THRESHOLD = 0.70;
  /** Results below this score are not returned at all (yente also returns near misses, marked match: false). */
  static final double FLOOR = 0.5;

  private final ScreeningService screening;

  MatchController(ScreeningService screening) {
    this.screening = screening;
  }

  @Operation(summary = "Match entities as OpenSanctions' yente does (POST /match/{dataset})",
      description = "Body: {\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"...\"], \"birthDate\": [\"...\"],"
          + " \"nationality\": [\"ru\"]}}}}. Datasets: default or sanctions (every list in force), or one list (us_ofac_sdn,"
          + " un_sc_sanctions, eu_fsf, gb_hmt_sanctions). limit (default 5, at most 500), threshold (default 0.70) and algorithm"
          + " as query parameters or body fields; every algorithm name is answered with Compact's matcher, named in the answer."
          + " Up to 100 queries. No account needed.")
  @PostMapping("/match/{dataset}")
  Map<String, Object> match(@PathVariable String dataset, @RequestBody JsonNode body,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) Double threshold,
      @RequestParam(required = false) String algorithm) {
    Screener screener = screening.screener();
    Optional<String> only = datasetFilter(dataset, screener);
    if (body == null || !body.isObject() || !body.has("queries") || !body.get("queries").isObject()) {
      throw new InvalidInput("the body must be an object with 'queries': {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [...]}}}",
          List.of());
    }
    JsonNode queries = body.get("queries");
    if (queries.size() > MAX_QUERIES) {
      throw new InvalidInput("at most " + MAX_QUERIES + " queries per request, not " + queries.size(), List.of());
    }
    int max = Math.max(1, Math.min(500, limit != null ? limit : body.path("limit").asInt(5)));
    double cut = threshold != null ? threshold : body.has("threshold") ? body.get("threshold").asDouble() : DEFAULT_THRESHOLD;
    Map<String, Object> responses = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> query : queries.properties()) {
      responses.put(query.getKey(), answer(query.getValue(), screener, only, max, cut));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("responses", responses);
    answer.put("matcher", Map.of("name_score", Map.of("description",
        "Compact's name alignment with qualifiers (date of birth, country, identifiers); docs/screening.md", "coefficient", 1.0)));
    answer.put("limit", max);
    answer.put("algorithm", Map.of("name", Algorithm.ID, "requested", Optional.ofNullable(algorithm)
        .orElse(body.path("algorithm").asString("best"))));
    return answer;
  }

  private Map<String, Object> answer(JsonNode example, Screener screener, Optional<String> only, int limit, double threshold) {
    String schema = example.path("schema").asString("");
    JsonNode properties = example.path("properties");
    List<String> names = values(properties, "name");
    if (schema.isBlank() || names.isEmpty()) {
      throw new InvalidInput("each query needs a 'schema' (Person, Company, Organization, LegalEntity, Vessel, ...) and"
          + " properties.name", List.of());
    }
    String type = switch (schema) {
      case "Person" -> "person";
      case "Company", "Organization", "LegalEntity", "PublicBody" -> "company";
      case "Vessel" -> "vessel";
      default -> null;
    };
    String dob = values(properties, "birthDate").stream().findFirst().orElse(null);
    String country = first(properties, "nationality", "citizenship", "country", "jurisdiction").orElse(null);
    List<String> ids = new ArrayList<>();
    Map<String, String> idTypes = Map.of("passportNumber", "passport", "idNumber", "national-id", "imoNumber", "imo", "leiCode", "lei",
        "swiftBic", "bic", "innCode", "inn", "ogrnCode", "ogrn", "taxNumber", "tax-id", "registrationNumber", "registration");
    idTypes.forEach((property, idType) -> values(properties, property).forEach(v -> ids.add(idType + ":" + v)));
    // Each name of the example is screened; an entity's score is its best over them.
    Map<String, Hit> best = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      List<String> nameProblems = new ArrayList<>();
      ScreeningQuery query = QueryText.query(name, type, dob, country, ids, nameProblems);
      nameProblems.addAll(query.problems());
      if (!nameProblems.isEmpty()) {
        problems.addAll(nameProblems);
        continue;
      }
      if (screener.screen(query, Math.max(limit, 20), FLOOR) instanceof ScreeningOutcome.Screened screened) {
        for (Hit hit : screened.hits()) {
          if (only.isPresent() && !dataset(hit.entity().listName()).equals(only.get())) {
            continue;
          }
          String key = hit.entity().listVersion() + "/" + hit.entity().id().value();
          best.merge(key, hit, (a, b) -> a.score() >= b.score() ? a : b);
        }
      }
    }
    if (best.isEmpty() && !problems.isEmpty()) {
      throw new InvalidInput(String.join("; ", problems), List.of());
    }
    List<Map<String, Object>> results = best.values().stream().sorted(Comparator.comparingDouble(Hit::score).reversed())
        .limit(limit).map(hit -> result(hit, threshold)).toList();
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", 200);
    response.put("results", results);
    response.put("total", Map.of("value", results.size(), "relation", "eq"));
    response.put("query", Map.of("schema", schema, "properties", properties));
    return response;
  }

  private static Map<String, Object> result(Hit hit, double threshold) {
    SanctionedEntity e = hit.entity();
    double score = Math.round(hit.score() * 1000) / 1000.0;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", dataset(e.listName()) + "-" + e.id().value());
    result.put("caption", e.primaryName().full());
    result.put("schema", switch (e.schema()) {
      case PERSON -> "Person";
      case ORGANIZATION -> "Organization";
      case COMPANY -> "Company";
      case VESSEL -> "Vessel";
      case AIRCRAFT -> "Airplane";
    });
    Map<String, List<String>> properties = new LinkedHashMap<>();
    put(properties, "name", e.names().stream().filter(n -> n.strength() == dev.compact.sanctions.NameStrength.PRIMARY).map(n -> n.full()).toList());
    put(properties, "alias", e.names().stream().filter(n -> n.strength() == dev.compact.sanctions.NameStrength.ALIAS).map(n -> n.full()).toList());
    put(properties, "weakAlias", e.names().stream().filter(n -> n.strength() == dev.compact.sanctions.NameStrength.WEAK_ALIAS)
        .map(n -> n.full()).toList());
    put(properties, "birthDate", e.birthDates().stream().map(Object::toString).toList());
    put(properties, "birthPlace", e.birthPlaces());
    put(properties, "nationality", e.countries().stream().filter(c -> c.role() == dev.compact.sanctions.CountryRole.NATIONALITY)
        .map(MatchController::code).toList());
    put(properties, "country", e.countries().stream().map(MatchController::code).distinct().toList());
    put(properties, "program", e.programmes());
    put(properties, "position", e.titles());
    result.put("properties", properties);
    result.put("datasets", List.of(dataset(e.listName())));
    result.put("referents", List.of());
    result.put("target", true);
    result.put("score", score);
    result.put("features", Map.of("name_score", score));
    result.put("match", score >= threshold);
    // Beyond yente: why, and against which list version.
    result.put("explanation", hit.explanation().describe());
    result.put("listVersion", e.listVersion());
    result.put("decision", hit.decision().name().toLowerCase(Locale.ROOT));
    return result;
  }

  private static String code(CountryLink link) {
    return link.country().toString().toLowerCase(Locale.ROOT);
  }

  private static void put(Map<String, List<String>> properties, String name, List<String> values) {
    if (!values.isEmpty()) {
      properties.put(name, values);
    }
  }

  /** The dataset name yente gives a list (OpenSanctions' names for the same publications). */
  static String dataset(String listName) {
    String lower = listName.toLowerCase(Locale.ROOT);
    if (lower.startsWith("ofac sdn")) {
      return "us_ofac_sdn";
    }
    if (lower.startsWith("ofac consolidated")) {
      return "us_ofac_cons";
    }
    if (lower.startsWith("un security council")) {
      return "un_sc_sanctions";
    }
    if (lower.startsWith("eu financial")) {
      return "eu_fsf";
    }
    if (lower.startsWith("uk consolidated")) {
      return "gb_hmt_sanctions";
    }
    return lower.replaceFirst("^followthemoney ", "").replaceAll("[^a-z0-9]+", "_");
  }

  /** Empty for every list ("default", "sanctions"), else the one list asked for; an unknown dataset is 404, as in yente. */
  private static Optional<String> datasetFilter(String dataset, Screener screener) {
    if (dataset.equals("default") || dataset.equals("sanctions")) {
      return Optional.empty();
    }
    Set<String> known = new LinkedHashSet<>();
    for (SanctionsList list : screener.index().lists()) {
      known.add(dataset(list.name()));
    }
    if (!known.contains(dataset)) {
      throw new NotFound("no dataset '" + dataset + "'; this service has default, sanctions, " + String.join(", ", known));
    }
    return Optional.of(dataset);
  }

  private static List<String> values(JsonNode properties, String name) {
    JsonNode node = properties.path(name);
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> {
        if (v.isValueNode() && !v.asString("").isBlank()) {
          values.add(v.asString());
        }
      });
    } else if (node.isValueNode() && !node.isNull() && !node.asString("").isBlank()) {
      values.add(node.asString());
    }
    return values;
  }

  private static Optional<String> first(JsonNode properties, String... names) {
    for (String name : names) {
      List<String> v = values(properties, name);
      if (!v.isEmpty()) {
        return Optional.of(v.getFirst());
      }
    }
    return Optional.empty();
  }
}

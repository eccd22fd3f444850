package dev.compact.match;

import dev.compact.sanctionsregister.ListVersions;
import dev.compact.screening.Algorithm;
import dev.compact.screening.Hit;
import dev.compact.screening.QueryText;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screeningservice.ScreeningService;
import dev.compact.service.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
  static final int DEFAULT_LIMIT = 5;
  static final int MAX_LIMIT = 500;
  static final double DEFAULT_THRESHOLD = 0.70;
  /** Results below this score are not returned at all (yente also returns near misses, marked match: false). */
  static final double FLOOR = 0.5;

  private final ScreeningService screening;
  private final ChangeDates changes;

  MatchController(ScreeningService screening, ListVersions versions) {
    this.screening = screening;
    this.changes = new ChangeDates(versions);
  }

  @Operation(summary = "Match entities as OpenSanctions' yente does (POST /match/{dataset})",
      description = "Body: {\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"...\"], \"birthDate\": [\"...\"],"
          + " \"nationality\": [\"ru\"]}}}}. Datasets: default or sanctions (every list in force), or one list (us_ofac_sdn,"
          + " un_sc_sanctions, eu_fsf, gb_hmt_sanctions). limit (default 5, at most 500), threshold (default 0.70) and algorithm"
          + " as query parameters or body fields; every algorithm name is answered with Compact's matcher, named in the answer."
          + " Filters as yente takes them (repeated query parameters, or body fields): include_dataset, exclude_dataset,"
          + " exclude_schema, topics (every entry here is a 'sanction'), changed_since (entries whose current reading came with a"
          + " list version in force after that date; needs the record's list versions), exclude_entity_ids (also per query, in the"
          + " example). weights and config are accepted and not applied; the answer lists them under 'ignored'."
          + " Up to 100 queries. No account needed.")
  @PostMapping("/match/{dataset}")
  Map<String, Object> match(@PathVariable String dataset, @RequestBody JsonNode body,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) Double threshold,
      @RequestParam(required = false) String algorithm,
      @RequestParam(name = "include_dataset", required = false) List<String> includeDataset,
      @RequestParam(name = "exclude_dataset", required = false) List<String> excludeDataset,
      @RequestParam(name = "exclude_schema", required = false) List<String> excludeSchema,
      @RequestParam(required = false) List<String> topics,
      @RequestParam(name = "changed_since", required = false) String changedSince,
      @RequestParam(name = "exclude_entity_ids", required = false) List<String> excludeEntityIds) {
    Screener screener = screening.screener();
    if (body == null || !body.isObject() || !body.has("queries") || !body.get("queries").isObject()) {
      throw new InvalidInput("the body must be an object with 'queries': {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [...]}}}",
          List.of());
    }
    JsonNode queries = body.get("queries");
    if (queries.size() > MAX_QUERIES) {
      throw new InvalidInput("at most " + MAX_QUERIES + " queries per request, not " + queries.size(), List.of());
    }
    int max = limit(limit, body.get("limit"));
    double cut = threshold(threshold, body.get("threshold"));
    Set<String> all = YenteEntities.datasets(screener);
    MatchFilters filters = MatchFilters.of(dataset, all, new MatchFilters.Params(includeDataset, excludeDataset, excludeSchema,
        topics, changedSince, excludeEntityIds), body, screener, changes);
    Map<String, Object> ignored = ignored(body);
    Map<String, Object> responses = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> query : queries.properties()) {
      responses.put(query.getKey(), answer(query.getValue(), screener, filters, filters.narrows(all), max, cut));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("responses", responses);
    answer.put("matcher", object("name_score", object("description",
        "Compact's name alignment with qualifiers (date of birth, country, identifiers); docs/screening.md", "coefficient", 1.0)));
    answer.put("limit", max);
    answer.put("algorithm", object("name", Algorithm.ID, "requested", Optional.ofNullable(algorithm)
        .orElse(body.path("algorithm").asString("best"))));
    if (!ignored.isEmpty()) {
      answer.put("ignored", ignored);
    }
    return answer;
  }

  /**
   * A threshold is a score from 0 to 1, as a parameter or a body field; anything else is refused (422) for the reason a bad
   * limit is: {@code "abc"} or {@code true} was an internal error with a stack trace, {@code null} read as 0 (every
   * candidate a match) and 7 as a threshold no hit reaches.
   */
  private static double threshold(Double param, JsonNode field) {
    if (param == null && field == null) {
      return DEFAULT_THRESHOLD;
    }
    if (param == null && !field.isNumber()) {
      throw new InvalidInput("'threshold' must be a number from 0 to 1 (default " + DEFAULT_THRESHOLD + ")", List.of());
    }
    double value = param != null ? param : field.asDouble();
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidInput("'threshold' must be from 0 to 1 (default " + DEFAULT_THRESHOLD + "), not " + value, List.of());
    }
    return value;
  }

  /**
   * A limit outside 1 to {@value #MAX_LIMIT} is refused (422, as every other bad input here), never
   * changed quietly: yente refuses one over its maximum too, and a caller who sent -1 or "ten" has a
   * bug that an answer with some other number of results would hide.
   */
  private static int limit(Integer param, JsonNode field) {
    if (param == null && (field == null || field.isNull())) {
      return DEFAULT_LIMIT;
    }
    if (param == null && !(field.isIntegralNumber() && field.canConvertToLong())) {
      throw new InvalidInput("'limit' must be a whole number from 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")", List.of());
    }
    long value = param != null ? param : field.asLong();
    if (value < 1 || value > MAX_LIMIT) {
      throw new InvalidInput("'limit' must be from 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + "), not " + value, List.of());
    }
    return (int) value;
  }

  /**
   * yente's {@code weights} and {@code config} tune the features of its own algorithms; Compact's
   * matcher has neither those features nor per-request weights, so they are accepted, not applied,
   * and the answer says so rather than pretend.
   */
  private static Map<String, Object> ignored(JsonNode body) {
    Map<String, Object> ignored = new LinkedHashMap<>();
    for (String field : List.of("weights", "config")) {
      JsonNode value = body.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isObject()) {
        throw new InvalidInput("'" + field + "' must be an object, as yente takes it, e.g. {\"name_literal\": 0.8}", List.of());
      }
      if (field.equals("weights")) {
        value.properties().forEach(w -> {
          if (!w.getValue().isNumber()) {
            throw new InvalidInput("weights." + w.getKey() + " must be a number", List.of());
          }
        });
      }
      if (!value.isEmpty()) {
        ignored.put(field, value);
      }
    }
    if (!ignored.isEmpty()) {
      ignored.put("reason", "Compact's matcher (" + Algorithm.ID + ") does not compute yente's features and takes no per-request"
          + " weights or configuration: these were accepted and not applied; scores are as without them (docs/screening.md)");
    }
    return ignored;
  }

  /** One query's response: each of the example's names screened, an entity's score its best over them, filtered, then limited. */
  private static Map<String, Object> answer(JsonNode example, Screener screener, MatchFilters filters, boolean narrowed, int limit,
      double threshold) {
    String schema = example.path("schema").asString("");
    JsonNode properties = example.path("properties");
    List<String> names = ExampleValues.of(properties, "name");
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
    String dob = ExampleValues.of(properties, "birthDate").stream().findFirst().orElse(null);
    String country = ExampleValues.first(properties, "nationality", "citizenship", "country", "jurisdiction").orElse(null);
    List<String> ids = new ArrayList<>();
    Map<String, Object> idTypes = object("passportNumber", "passport", "idNumber", "national-id", "imoNumber", "imo", "leiCode", "lei",
        "swiftBic", "bic", "innCode", "inn", "ogrnCode", "ogrn", "taxNumber", "tax-id", "registrationNumber", "registration");
    idTypes.forEach((property, idType) -> ExampleValues.of(properties, property).forEach(v -> ids.add(idType + ":" + v)));
    // Beyond yente, which takes exclude_entity_ids for the whole request: a query may carry its own.
    Set<String> excludedHere = new LinkedHashSet<>(filters.excludeIds());
    excludedHere.addAll(MatchFilters.excluded(ExampleValues.of(example, "exclude_entity_ids"), "exclude_entity_ids"));
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
      // When filters narrow the results, every scored candidate is looked at, so that the limit counts what is left.
      int wanted = narrowed || !excludedHere.isEmpty() ? Screener.MAX_CANDIDATES : Math.max(limit, 20);
      if (screener.screen(query, wanted, FLOOR) instanceof ScreeningOutcome.Screened screened) {
        for (Hit hit : screened.hits()) {
          if (!filters.keeps(hit.entity(), excludedHere)) {
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
        .limit(limit).map(hit -> YenteEntities.result(hit, threshold, filters.changeDate(hit.entity()))).toList();
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", 200);
    response.put("results", results);
    response.put("total", object("value", results.size(), "relation", "eq"));
    response.put("query", object("schema", schema, "properties", properties));
    return response;
  }

  /**
   * A JSON object with its fields in the order given, on every run: Map.of's iteration order changes
   * from one JVM to the next, so the same request could be answered with its fields in another order.
   */
  private static Map<String, Object> object(Object... fieldsAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      object.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return object;
  }
}

package dev.compact.match;

import dev.compact.sanctions.CountryLink;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.screening.Algorithm;
import dev.compact.screening.Hit;
import dev.compact.screening.QueryText;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screeningservice.ScreeningService;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.time.LocalDateTime;
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

  /** At most this many entity ids may be excluded in one request (yente allows 50). */
  static final int MAX_EXCLUDED = 1_000;
  /** The pattern yente gives {@code changed_since}: a date, optionally with hours, minutes and seconds. */
  static final String CHANGED_SINCE = "\\d{4}-\\d{2}-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2})?)?)?";
  /** Every entry of every list Compact holds is a sanctions list entry: FollowTheMoney's topic for that. */
  static final List<String> TOPICS = List.of("sanction");

  private final ScreeningService screening;
  private final ChangeDates changes;

  MatchController(ScreeningService screening, ListVersions versions) {
    this.screening = screening;
    this.changes = new ChangeDates(versions);
  }

  /**
   * What narrows the results, as yente's {@code /match} takes it: the datasets in scope (the path's,
   * then {@code include_dataset} and {@code exclude_dataset}), schemata excluded, topics wanted, entries
   * changed since a date, and entity ids excluded. Applied to every entity the matcher scores (at most
   * {@link Screener#MAX_CANDIDATES} per name), before the limit.
   */
  record Filters(Set<String> datasets, Set<String> excludeSchema, Set<String> topics, Optional<LocalDateTime> changedSince,
      Set<String> excludeIds, Map<String, Map<String, LocalDate>> changeDates) {
    boolean narrows(Set<String> all) {
      return !datasets.equals(all) || !excludeSchema.isEmpty() || !topics.isEmpty() || changedSince.isPresent() || !excludeIds.isEmpty();
    }
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
    int max = Math.max(1, Math.min(500, limit != null ? limit : body.path("limit").asInt(5)));
    double cut = threshold != null ? threshold : body.has("threshold") ? body.get("threshold").asDouble() : DEFAULT_THRESHOLD;
    Set<String> all = datasets(screener);
    Filters filters = new Filters(scope(dataset, all, param(includeDataset, body, "include_dataset"),
        param(excludeDataset, body, "exclude_dataset")), new LinkedHashSet<>(param(excludeSchema, body, "exclude_schema")),
        new LinkedHashSet<>(param(topics, body, "topics")), changedSince(changedSince != null ? changedSince
            : body.path("changed_since").isString() ? body.get("changed_since").asString() : null),
        excluded(param(excludeEntityIds, body, "exclude_entity_ids"), "exclude_entity_ids"), Map.of());
    if (filters.changedSince().isPresent()) {
      filters = new Filters(filters.datasets(), filters.excludeSchema(), filters.topics(), filters.changedSince(), filters.excludeIds(),
          changeDates(screener));
    }
    Map<String, Object> ignored = ignored(body);
    Map<String, Object> responses = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> query : queries.properties()) {
      responses.put(query.getKey(), answer(query.getValue(), screener, filters, filters.narrows(all), max, cut));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("responses", responses);
    answer.put("matcher", Map.of("name_score", Map.of("description",
        "Compact's name alignment with qualifiers (date of birth, country, identifiers); docs/screening.md", "coefficient", 1.0)));
    answer.put("limit", max);
    answer.put("algorithm", Map.of("name", Algorithm.ID, "requested", Optional.ofNullable(algorithm)
        .orElse(body.path("algorithm").asString("best"))));
    if (!ignored.isEmpty()) {
      answer.put("ignored", ignored);
    }
    return answer;
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

  /** A filter given as a repeated query parameter, as yente takes it, or as a body field (a list or one string). */
  private static List<String> param(List<String> fromQuery, JsonNode body, String field) {
    List<String> values = new ArrayList<>();
    if (fromQuery != null) {
      fromQuery.stream().filter(v -> !v.isBlank()).map(String::strip).forEach(values::add);
    }
    values.addAll(values(body, field));
    return values;
  }

  private static Set<String> excluded(List<String> ids, String field) {
    if (ids.size() > MAX_EXCLUDED) {
      throw new InvalidInput("at most " + MAX_EXCLUDED + " " + field + " per request, not " + ids.size(), List.of());
    }
    return new LinkedHashSet<>(ids);
  }

  /** The datasets in scope: the path's, narrowed as yente narrows them (an empty scope matches nothing). */
  private static Set<String> scope(String dataset, Set<String> all, List<String> include, List<String> exclude) {
    Set<String> scope;
    if (dataset.equals("default") || dataset.equals("sanctions")) {
      scope = new LinkedHashSet<>(all);
    } else if (all.contains(dataset)) {
      scope = new LinkedHashSet<>(List.of(dataset));
    } else {
      throw new NotFound("no dataset '" + dataset + "'; this service has default, sanctions, " + String.join(", ", all));
    }
    if (!include.isEmpty()) {
      scope.retainAll(include);
    }
    exclude.forEach(scope::remove);
    return scope;
  }

  private static Optional<LocalDateTime> changedSince(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    if (!text.strip().matches(CHANGED_SINCE)) {
      throw new InvalidInput("changed_since must be a date or a time, as yente takes it: 2024-01-31, 2024-01-31T12 or"
          + " 2024-01-31T12:30:00; not '" + text + "'", List.of());
    }
    String t = text.strip();
    try {
      return Optional.of(t.length() == 10 ? LocalDate.parse(t).atStartOfDay()
          : LocalDateTime.parse(t.length() == 13 ? t + ":00" : t));
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInput("changed_since '" + text + "' is not a real date or time", List.of());
    }
  }

  /**
   * When each entry of each list screened last changed, by list version hash. changed_since needs
   * that, and only the record's list versions tell it.
   */
  private Map<String, Map<String, LocalDate>> changeDates(Screener screener) {
    Map<String, ListVersion> recorded = new LinkedHashMap<>();
    changes.versions().forEach(v -> recorded.put(v.versionHash(), v));
    Map<String, Map<String, LocalDate>> dates = new LinkedHashMap<>();
    for (SanctionsList list : screener.index().lists()) {
      ListVersion version = recorded.get(list.versionHash());
      if (version == null) {
        throw new InvalidInput("changed_since needs the record's list versions, which date each entry's changes; "
            + list.name() + " is screened from the bundled demo lists, whose entries' change dates are unknown", List.of());
      }
      dates.put(list.versionHash(), changes.of(version));
    }
    return dates;
  }

  private Map<String, Object> answer(JsonNode example, Screener screener, Filters filters, boolean narrowed, int limit, double threshold) {
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
    // Beyond yente, which takes exclude_entity_ids for the whole request: a query may carry its own.
    Set<String> excludedHere = new LinkedHashSet<>(filters.excludeIds());
    excludedHere.addAll(excluded(values(example, "exclude_entity_ids"), "exclude_entity_ids"));
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
          if (!keep(hit.entity(), filters, excludedHere)) {
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
        .limit(limit).map(hit -> result(hit, threshold, changeDate(hit.entity(), filters))).toList();
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", 200);
    response.put("results", results);
    response.put("total", Map.of("value", results.size(), "relation", "eq"));
    response.put("query", Map.of("schema", schema, "properties", properties));
    return response;
  }

  /** Whether an entity passes the request's filters. */
  private static boolean keep(SanctionedEntity e, Filters filters, Set<String> excludedIds) {
    String dataset = dataset(e.listName());
    if (!filters.datasets().contains(dataset) || filters.excludeSchema().contains(schema(e)) || excludedIds.contains(id(e))) {
      return false;
    }
    if (!filters.topics().isEmpty() && TOPICS.stream().noneMatch(filters.topics()::contains)) {
      return false;
    }
    // As yente's range filter "last_change > changed_since": an entry that changed on the day given is not newer than it.
    return filters.changedSince().isEmpty()
        || changeDate(e, filters).map(d -> d.atStartOfDay().isAfter(filters.changedSince().get())).orElse(false);
  }

  /** When the entry last changed, if the request asked about changes (changed_since). */
  private static Optional<LocalDate> changeDate(SanctionedEntity e, Filters filters) {
    return Optional.ofNullable(filters.changeDates().get(e.listVersion())).map(dates -> dates.get(e.id().value()));
  }

  private static String id(SanctionedEntity e) {
    return dataset(e.listName()) + "-" + e.id().value();
  }

  private static String schema(SanctionedEntity e) {
    return switch (e.schema()) {
      case PERSON -> "Person";
      case ORGANIZATION -> "Organization";
      case COMPANY -> "Company";
      case VESSEL -> "Vessel";
      case AIRCRAFT -> "Airplane";
    };
  }

  private static Map<String, Object> result(Hit hit, double threshold, Optional<LocalDate> lastChange) {
    SanctionedEntity e = hit.entity();
    double score = Math.round(hit.score() * 1000) / 1000.0;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", id(e));
    result.put("caption", e.primaryName().full());
    result.put("schema", schema(e));
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
    put(properties, "topics", TOPICS);
    result.put("properties", properties);
    result.put("datasets", List.of(dataset(e.listName())));
    result.put("referents", List.of());
    result.put("target", true);
    result.put("score", score);
    result.put("features", Map.of("name_score", score));
    result.put("match", score >= threshold);
    lastChange.ifPresent(d -> result.put("last_change", d.toString()));
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

  /** The datasets of the lists screened. */
  private static Set<String> datasets(Screener screener) {
    Set<String> known = new LinkedHashSet<>();
    for (SanctionsList list : screener.index().lists()) {
      known.add(dataset(list.name()));
    }
    return known;
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

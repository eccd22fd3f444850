package dev.compact.api;

import dev.compact.screening.Hit;
import dev.compact.screening.QueryText;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.Thresholds;
import dev.compact.service.InvalidInput;
import dev.compact.service.ScreeningService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Screening over HTTP: one name or a batch, against the lists configured for the compact; every
 * hit comes with its explanation and the list and algorithm versions. Screening reads nothing from
 * the record and writes nothing to it, so it needs no account.
 */
@RestController
@RequestMapping("/api/screen")
class ScreeningApiController {
  static final int MAX_BATCH = 1_000;
  private static final Map<String, Object> THRESHOLDS = Map.of("alert", Thresholds.ALERT, "review", Thresholds.REVIEW);
  /** What each field of a query must be, for the sentence that says which one was not. */
  private static final Map<String, String> FIELD_TYPES = Map.of("name", "a string", "type", "a string",
      "dob", "a string such as \"1965-03-24\"", "country", "a string such as \"RU\"",
      "ids", "an array of strings such as [\"imo:9187629\"]", "limit", "a whole number");

  private final ScreeningService screening;
  private final dev.compact.registry.PackageRegister packages;
  private final dev.compact.lists.ListIndexes indexes;
  private final JsonMapper json;

  ScreeningApiController(ScreeningService screening, dev.compact.lists.ListIndexes indexes, JsonMapper json,
      dev.compact.registry.PackageRegister packages) {
    this.packages = packages;
    this.screening = screening;
    this.indexes = indexes;
    this.json = json;
  }

  @Schema(description = "What to screen: a name and, optionally, what can confirm or weaken a match.")
  record Query(
      @Schema(description = "The name as written, in any script; at most 300 characters.", example = "Oleg Deripaska",
          requiredMode = Schema.RequiredMode.REQUIRED) String name,
      @Schema(description = "person, company or vessel; any kind when absent.", example = "person") String type,
      @Schema(description = "Date of birth: 1965, 1965-03 or 1965-03-24.", example = "1968-01-02") String dob,
      @Schema(description = "ISO 3166 code or English name.", example = "RU") String country,
      @Schema(description = "Identifiers as TYPE:VALUE.", example = "[\"passport:AB123456\"]") List<String> ids,
      @Schema(description = "Hits to return, 1 to 100 (default 10).") Integer limit,
      @Schema(description = "Screen against the list versions in force on this date (YYYY-MM-DD) in the record, not today's.",
          example = "2020-03-01") String asOf) {}

  @Operation(summary = "Screen one name against the sanctions lists",
      description = "Hits at or above the review threshold, best first, each with its score, decision (alert or review),"
          + " explanation, list version and algorithm. A query that cannot be read or normalises to nothing is 422.")
  @PostMapping
  Map<String, Object> screen(@RequestBody Query query) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> result = screen(query, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(String.join("; ", problems), List.of());
    }
    result.put("thresholds", THRESHOLDS);
    result.put("lists", query.asOf() == null || query.asOf().isBlank() ? lists() : lists(indexed(query.asOf())));
    if (query.asOf() != null && !query.asOf().isBlank()) {
      result.put("asOf", query.asOf().strip());
    }
    return result;
  }

  /** The index for the list versions in force at a date, or a 422 saying why there is none. */
  private dev.compact.lists.ListIndexes.Indexed indexed(String asOf) {
    java.time.LocalDate date;
    try {
      date = java.time.LocalDate.parse(asOf.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInput("'asOf' must be a date such as 2020-03-01, not '" + asOf + "'", List.of());
    }
    return indexes.asOf(date);
  }

  private static List<Map<String, String>> lists(dev.compact.lists.ListIndexes.Indexed indexed) {
    return indexed.versions().stream().map(v -> Map.of("name", v.event().list(), "version", v.shortHash(), "source", v.source(),
        "inForceFrom", v.event().inForceFrom())).toList();
  }

  @Operation(summary = "Screen up to 1,000 names in one request",
      description = "The body is a JSON array of 1 to 1,000 queries, each as for POST /api/screen. The answer holds one"
          + " result per query, in the same order and with its index; a query that cannot be read or screened has"
          + " 'problems' instead of hits, and the others are screened all the same. A body that is not an array, is"
          + " empty or holds more than 1,000 queries is 400. Queries are screened on all cores.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
          array = @ArraySchema(schema = @Schema(implementation = Query.class), minItems = 1, maxItems = MAX_BATCH))),
      responses = {@ApiResponse(responseCode = "200", description = "One result per query, in order"),
          @ApiResponse(responseCode = "400", description = "Not an array, empty, or more than 1,000 queries")})
  @PostMapping("/batch")
  Map<String, Object> batch(@RequestBody JsonNode body) {
    if (!body.isArray()) {
      throw new IllegalArgumentException("the body must be a JSON array of 1 to " + MAX_BATCH + " queries");
    }
    if (body.isEmpty() || body.size() > MAX_BATCH) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " queries, not " + body.size()
          + (body.size() > MAX_BATCH ? "; split it into several requests" : ""));
    }
    List<Map<String, Object>> results = screening.inParallel(body.size(), i -> {
      List<String> problems = new ArrayList<>();
      Map<String, Object> result = read(body.get(i), problems)
          .map(query -> screen(query, problems))
          .orElseGet(LinkedHashMap::new);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("index", i);
      if (problems.isEmpty()) {
        answer.putAll(result);
      } else {
        answer.put("problems", problems);
      }
      return answer;
    });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("results", results);
    answer.put("thresholds", THRESHOLDS);
    answer.put("lists", lists());
    return answer;
  }

  /** One item of a batch as a query, or a sentence saying why it is not one. */
  private Optional<Query> read(JsonNode item, List<String> problems) {
    if (item == null || !item.isObject()) {
      problems.add("each query must be a JSON object with at least a 'name'");
      return Optional.empty();
    }
    try {
      return Optional.of(json.treeToValue(item, Query.class));
    } catch (DatabindException e) {
      String field = e.getPath().isEmpty() ? null : e.getPath().getFirst().getPropertyName();
      problems.add(field != null && FIELD_TYPES.containsKey(field)
          ? "'" + field + "' must be " + FIELD_TYPES.get(field)
          : "cannot read the query: " + e.getOriginalMessage());
      return Optional.empty();
    } catch (JacksonException e) {
      problems.add("cannot read the query: " + e.getOriginalMessage());
      return Optional.empty();
    }
  }

  /** Screens one query; on problems, adds them and returns an empty map. */
  private Map<String, Object> screen(Query input, List<String> problems) {
    if (input.name() == null || input.name().isBlank()) {
      problems.add("'name' is required");
      return new LinkedHashMap<>();
    }
    if (input.name().length() > ScreeningQuery.MAX_NAME_LENGTH) {
      problems.add("the name is longer than " + ScreeningQuery.MAX_NAME_LENGTH + " characters");
      return new LinkedHashMap<>();
    }
    ScreeningQuery query = QueryText.query(input.name(), input.type(), input.dob(), input.country(),
        input.ids() == null ? List.of() : input.ids(), problems);
    if (!problems.isEmpty()) {
      return new LinkedHashMap<>();
    }
    int limit = input.limit() == null ? 10 : Math.max(1, Math.min(100, input.limit()));
    boolean asOf = input.asOf() != null && !input.asOf().isBlank();
    Optional<dev.compact.lists.ListIndexes.Indexed> indexed = asOf ? Optional.of(indexed(input.asOf())) : indexes.current();
    dev.compact.screening.Screener screener = asOf ? indexed.get().screener() : screening.screener();
    // The screener checks the name itself (empty after normalisation is Rejected), so it is not checked twice here.
    return switch (screener.screen(query, limit)) {
      case ScreeningOutcome.Rejected rejected -> {
        problems.addAll(rejected.problems());
        yield new LinkedHashMap<>();
      }
      case ScreeningOutcome.Screened screened -> {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("query", screened.query().key());
        view.put("candidates", screened.candidates());
        view.put("hits", screened.hits().stream().map(hit -> {
          Map<String, Object> shown = hit(hit);
          // Which recorded version of which list the entry came from, when screening used the record's versions.
          indexed.flatMap(i -> i.versionOf(hit.explanation().listVersion())).ifPresent(v -> {
            shown.put("listSource", v.source());
            shown.put("listVersionInForceFrom", v.event().inForceFrom());
          });
          // The sanctions packages recorded as designating this entry (docs/sanctions-lists.md, section 13).
          String source = indexed.flatMap(i -> i.versionOf(hit.explanation().listVersion())).map(v -> v.source())
              .or(() -> dev.compact.registry.PackageRegister.sourceOf(hit.explanation().listName())).orElse("");
          shown.put("packages", packages.refs(source, hit.entity().id().value()));
          return shown;
        }).toList());
        yield view;
      }
    };
  }

  private List<Map<String, String>> lists() {
    return screening.lists().stream().map(l -> Map.of("name", l.name(), "version", l.shortVersion())).toList();
  }

  static Map<String, Object> hit(Hit hit) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("score", Math.round(hit.score() * 1000) / 1000.0);
    view.put("decision", hit.decision().name().toLowerCase(Locale.ROOT));
    view.put("list", hit.explanation().listName());
    view.put("listVersion", hit.explanation().listVersion());
    view.put("algorithm", hit.explanation().algorithm());
    view.put("id", hit.entity().id());
    view.put("name", hit.explanation().matchedName());
    view.put("schema", hit.entity().schema().name().toLowerCase(Locale.ROOT));
    view.put("explanation", hit.explanation().describe());
    return view;
  }
}

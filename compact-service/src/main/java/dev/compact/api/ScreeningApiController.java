package dev.compact.api;

import dev.compact.api.ScreeningAnswers.BatchScreeningAnswer;
import dev.compact.api.ScreeningAnswers.BatchScreeningResult;
import dev.compact.api.ScreeningAnswers.ScreenedList;
import dev.compact.api.ScreeningAnswers.ScreeningAnswer;
import dev.compact.api.ScreeningAnswers.ScreeningHit;
import dev.compact.screening.QueryText;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screeningservice.ScreeningService;
import dev.compact.service.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
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
  /** What each field of a query must be, for the sentence that says which one was not. */
  private static final Map<String, String> FIELD_TYPES = Map.of("name", "a string", "type", "a string",
      "dob", "a string such as \"1965-03-24\"", "country", "a string such as \"RU\"",
      "ids", "an array of strings such as [\"imo:9187629\"]", "limit", "a whole number");

  private final ScreeningService screening;
  private final dev.compact.sanctionsregister.PackageRegister packages;
  private final dev.compact.sanctionsregister.ListIndexes indexes;
  private final JsonMapper json;

  ScreeningApiController(ScreeningService screening, dev.compact.sanctionsregister.ListIndexes indexes, JsonMapper json,
      dev.compact.sanctionsregister.PackageRegister packages) {
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
  ScreeningAnswer screen(@RequestBody Query query) {
    List<String> problems = new ArrayList<>();
    Screened result = screen(query, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(String.join("; ", problems), List.of());
    }
    boolean asOf = query.asOf() != null && !query.asOf().isBlank();
    return new ScreeningAnswer(result.query(), result.candidates(), result.hits(), ScreeningAnswers.THRESHOLDS,
        asOf ? lists(indexed(query.asOf())) : lists(), asOf ? query.asOf().strip() : null);
  }

  /** What one query's screening found: its normalised name, the candidates scored and the hits. */
  private record Screened(String query, int candidates, List<ScreeningHit> hits) {}

  /** The index for the list versions in force at a date, or a 422 saying why there is none. */
  private dev.compact.sanctionsregister.ListIndexes.Indexed indexed(String asOf) {
    java.time.LocalDate date;
    try {
      date = java.time.LocalDate.parse(asOf.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInput("'asOf' must be a date such as 2020-03-01, not '" + asOf + "'", List.of());
    }
    return indexes.asOf(date);
  }

  private static List<ScreenedList> lists(dev.compact.sanctionsregister.ListIndexes.Indexed indexed) {
    return indexed.versions().stream().map(v -> new ScreenedList(v.event().list(), v.shortHash(), v.source(),
        v.event().inForceFrom())).toList();
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
  BatchScreeningAnswer batch(@RequestBody JsonNode body) {
    if (!body.isArray()) {
      throw new IllegalArgumentException("the body must be a JSON array of 1 to " + MAX_BATCH + " queries");
    }
    if (body.isEmpty() || body.size() > MAX_BATCH) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " queries, not " + body.size()
          + (body.size() > MAX_BATCH ? "; split it into several requests" : ""));
    }
    List<BatchScreeningResult> results = screening.inParallel(body.size(), i -> {
      List<String> problems = new ArrayList<>();
      Optional<Screened> result = read(body.get(i), problems).map(query -> screen(query, problems));
      return problems.isEmpty()
          ? new BatchScreeningResult(i, result.get().query(), result.get().candidates(), result.get().hits(), null)
          : new BatchScreeningResult(i, null, null, null, problems);
    });
    return new BatchScreeningAnswer(results, ScreeningAnswers.THRESHOLDS, lists());
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

  /** Screens one query; on problems, adds them and returns null. */
  private Screened screen(Query input, List<String> problems) {
    if (input.name() == null || input.name().isBlank()) {
      problems.add("'name' is required");
      return null;
    }
    if (input.name().length() > ScreeningQuery.MAX_NAME_LENGTH) {
      problems.add("the name is longer than " + ScreeningQuery.MAX_NAME_LENGTH + " characters");
      return null;
    }
    ScreeningQuery query = QueryText.query(input.name(), input.type(), input.dob(), input.country(),
        input.ids() == null ? List.of() : input.ids(), problems);
    if (!problems.isEmpty()) {
      return null;
    }
    int limit = input.limit() == null ? 10 : Math.max(1, Math.min(100, input.limit()));
    boolean asOf = input.asOf() != null && !input.asOf().isBlank();
    Optional<dev.compact.sanctionsregister.ListIndexes.Indexed> indexed = asOf ? Optional.of(indexed(input.asOf())) : indexes.current();
    dev.compact.screening.Screener screener = asOf ? indexed.get().screener() : screening.screener();
    // The screener checks the name itself (empty after normalisation is Rejected), so it is not checked twice here.
    return switch (screener.screen(query, limit)) {
      case ScreeningOutcome.Rejected rejected -> {
        problems.addAll(rejected.problems());
        yield null;
      }
      case ScreeningOutcome.Screened screened -> {
        List<ScreeningHit> hits = new ArrayList<>(screened.hits().size());
        for (var hit : screened.hits()) {
          // Which recorded version of which list the entry came from, when screening used the record's versions.
          var version = indexed.flatMap(i -> i.versionOf(hit.explanation().listVersion()));
          // The sanctions packages recorded as designating this entry (docs/sanctions-lists.md, section 13).
          String source = version.map(v -> v.source())
              .or(() -> dev.compact.sanctionsregister.PackageRegister.sourceOf(hit.explanation().listName())).orElse("");
          hits.add(ScreeningHit.of(hit, version.map(v -> v.source()).orElse(null),
              version.map(v -> v.event().inForceFrom()).orElse(null), packages.refs(source, hit.entity().id().value())));
        }
        yield new Screened(screened.query().key(), screened.candidates(), hits);
      }
    };
  }

  private List<ScreenedList> lists() {
    return screening.lists().stream().map(l -> new ScreenedList(l.name(), l.shortVersion(), null, null)).toList();
  }
}

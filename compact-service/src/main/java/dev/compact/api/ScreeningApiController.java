package dev.compact.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.compact.api.ScreeningAnswers.BatchScreeningAnswer;
import dev.compact.api.ScreeningAnswers.BatchScreeningResult;
import dev.compact.api.ScreeningAnswers.ScreenedList;
import dev.compact.api.ScreeningAnswers.ScreeningAnswer;
import dev.compact.api.ScreeningAnswers.ScreeningHit;
import dev.compact.screening.ResultsFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
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
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Screening over HTTP: one name or a batch, against the lists configured for the compact; every
 * hit comes with its explanation and the list and algorithm versions. Screening reads nothing from
 * the record and writes nothing to it, so it needs no account. A plain JSON query to {@code POST
 * /api/screen} is answered by {@link ScreeningRoute} without Spring MVC, with the same bytes; this
 * controller answers every other request and is what the OpenAPI description is read from.
 */
@RestController
@RequestMapping("/api/screen")
class ScreeningApiController {
  static final int MAX_BATCH = 1_000;
  /** What each field of a query must be, for the sentence that says which one was not. */
  private static final Map<String, String> FIELD_TYPES = Map.of("name", "a string", "type", "a string",
      "dob", "a string such as \"1965-03-24\"", "country", "a string such as \"RU\"",
      "ids", "an array of strings such as [\"imo:9187629\"]", "limit", "a whole number");

  private final ScreeningRequests requests;
  private final JsonMapper json;

  ScreeningApiController(ScreeningRequests requests, JsonMapper json) {
    this.requests = requests;
    this.json = json;
  }

  @Schema(description = "What to screen: a name and, optionally, what can confirm or weaken a match.")
  record Query(
      @Schema(description = "The name as written, in any script; at most 300 characters.", example = "Oleg Deripaska",
          requiredMode = Schema.RequiredMode.REQUIRED) @tools.jackson.databind.annotation.JsonDeserialize(using = StrictString.class) String name,
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
    return requests.answer(query);
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
    ScreenedBatch batch = screenBatch(body);
    return new BatchScreeningAnswer(batch.results(), ScreeningAnswers.THRESHOLDS, batch.lists());
  }

  @Schema(description = "The answer of POST /api/screen/batch/rows: one result per query, in order.")
  record BatchRowsAnswer(List<BatchRowsResult> results, @Schema(description = "The lists screened, with their versions.")
      List<ScreenedList> lists) {}

  @Schema(description = "The result of one query of a batch as rows of the CLI's results file, or the problems that kept it"
      + " from being screened.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BatchRowsResult(
      @Schema(description = "The query's position in the batch, from 0.") int index,
      @Schema(description = "One per hit at or above the review threshold, best first: the hit's columns of 'compact screen"
          + " --batch''s results file, decision,score,list,entity_id,listed_name,matched_name,explanation, as CSV text"
          + " (a cell quoted when it holds a comma, a quote or a line break), without a line break. Empty: no hit.",
          example = "[\"ALERT,1.000,UN Security Council Consolidated List,111209,ABDULHAI SALEK,ABDULHAI SALEK,\\\"matched"
              + " primary name 'ABDULHAI SALEK' | ...\\\"\"]") List<String> rows,
      @Schema(description = "Why the query was not screened.") List<String> problems) {}

  @Operation(summary = "Screen up to 1,000 names in one request, answered as rows of the CLI's results file",
      description = "As POST /api/screen/batch (the same body, checks and screening), but each hit is answered as the text of"
          + " its row of 'compact screen --batch''s results file, from the decision column on, written by the code the local"
          + " command writes its file with: the client of 'compact screen --batch --server' copies the rows into its file"
          + " behind each row's own columns, so that the file is the local command's byte for byte, and it reads and the"
          + " service writes less JSON than the hits' (about 60% of it). A query without hits has no rows; one that cannot be"
          + " read or screened has 'problems'.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
          array = @ArraySchema(schema = @Schema(implementation = Query.class), minItems = 1, maxItems = MAX_BATCH))),
      responses = {@ApiResponse(responseCode = "200", description = "One result per query, in order"),
          @ApiResponse(responseCode = "400", description = "Not an array, empty, or more than 1,000 queries")})
  @PostMapping("/batch/rows")
  BatchRowsAnswer batchRows(@RequestBody JsonNode body) {
    ScreenedBatch batch = screenBatch(body);
    List<BatchRowsResult> results = new ArrayList<>(batch.results().size());
    for (BatchScreeningResult result : batch.results()) {
      if (result.problems() != null) {
        results.add(new BatchRowsResult(result.index(), null, result.problems()));
        continue;
      }
      List<String> rows = new ArrayList<>(result.hits().size());
      for (ScreeningHit hit : result.hits()) {
        // The hit as the answer of /batch gives it (its score rounded to three decimals, which ResultsFile.score
        // keeps as it is) in the columns and words the local command writes for the same hit.
        rows.add(ResultsFile.hitColumns(hit.decision().toUpperCase(Locale.ROOT), hit.score(), hit.list(), hit.id().value(),
            hit.primaryName(), hit.name(), hit.explanation()));
      }
      results.add(new BatchRowsResult(result.index(), rows, null));
    }
    return new BatchRowsAnswer(results, batch.lists());
  }

  /** A batch's results, in order, and the lists they were screened against. */
  private record ScreenedBatch(List<BatchScreeningResult> results, List<ScreenedList> lists) {}

  /** Checks and screens a batch's body, for both forms of the answer. */
  private ScreenedBatch screenBatch(JsonNode body) {
    if (!body.isArray()) {
      throw new IllegalArgumentException("the body must be a JSON array of 1 to " + MAX_BATCH + " queries");
    }
    if (body.isEmpty() || body.size() > MAX_BATCH) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " queries, not " + body.size()
          + (body.size() > MAX_BATCH ? "; split it into several requests" : ""));
    }
    // The answer names one set of lists: those in force today, or on the one date every query gives.
    // A batch mixing dates would name lists some of its hits were not screened against.
    Optional<String> asOf = oneDate(body);
    // One index for the whole batch, today's or the date's, read once: every query's hits and the lists
    // the answer names come from it, even when a list version is recorded while the batch is screened.
    // (A dated query used to find its index on its own, reading the record's list versions once per query.)
    Optional<ScreeningRequests.Dated> dated = asOf.map(requests::asOf);
    ScreeningRequests.Today today = dated.map(ScreeningRequests.Dated::today).orElseGet(requests::today);
    List<BatchScreeningResult> results = requests.inParallel(body.size(), i -> {
      List<String> problems = new ArrayList<>();
      Optional<ScreeningRequests.Screened> result = read(body.get(i), problems)
          .map(query -> requests.screen(dated.isPresent() ? undated(query) : query, problems, today));
      return problems.isEmpty()
          ? new BatchScreeningResult(i, result.get().query(), result.get().candidates(), result.get().hits(), null)
          : new BatchScreeningResult(i, null, null, null, problems);
    });
    return new ScreenedBatch(results, dated.map(ScreeningRequests.Dated::lists).orElseGet(() -> requests.lists(today)));
  }

  /** The query without its date: the batch's one date is already in the index it is screened against. */
  private static Query undated(Query query) {
    return new Query(query.name(), query.type(), query.dob(), query.country(), query.ids(), query.limit(), null);
  }

  /**
   * The date every query of a batch gives as 'asOf', if they give one. 'asOf' belongs to the whole
   * request, since the answer names the lists of one date: an 'asOf' that is not a string, or a batch
   * mixing dates (or dated and undated queries), is refused as a whole, naming the query at fault.
   */
  private static Optional<String> oneDate(JsonNode body) {
    String date = null;
    int dated = -1;
    int undated = -1;
    for (int i = 0; i < body.size(); i++) {
      JsonNode item = body.get(i);
      if (item == null || !item.isObject()) {
        continue;
      }
      JsonNode given = item.get("asOf");
      if (given != null && !given.isNull() && !given.isString()) {
        throw new IllegalArgumentException("query " + i + ": 'asOf' must be a string such as \"2020-03-01\", not " + ScreeningRequests.shown(given.toString())
            + "; it applies to the whole batch, so nothing was screened");
      }
      if (given == null || given.isNull() || given.asString().isBlank()) {
        undated = undated < 0 ? i : undated;
        continue;
      }
      String text = given.asString().strip();
      if (date == null) {
        date = text;
        dated = i;
      } else if (!date.equals(text)) {
        throw mixedDates(dated, date, i, text);
      }
    }
    if (date != null && undated >= 0) {
      throw mixedDates(dated, date, undated, null);
    }
    return Optional.ofNullable(date);
  }

  private static IllegalArgumentException mixedDates(int first, String date, int other, String otherDate) {
    return new IllegalArgumentException("every query of a batch must give the same 'asOf' (or none): query " + first + " gives "
        + ScreeningRequests.shown(date) + ", query " + other + (otherDate == null ? " none" : " gives " + ScreeningRequests.shown(otherDate))
        + "; the answer names the lists in force on one date, so send one batch per date");
  }

  /** One item of a batch as a query, or a sentence saying why it is not one. */
  private Optional<Query> read(JsonNode item, List<String> problems) {
    if (item == null || !item.isObject()) {
      problems.add("each query must be a JSON object with at least a 'name'");
      return Optional.empty();
    }
    try {
      return Optional.of(json.treeToValue(item, Query.class));
    } catch (UnrecognizedPropertyException e) {
      problems.add(JsonProblems.unknownField(e, "a query"));
      return Optional.empty();
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
}

package dev.compact.api;

import dev.compact.screening.Hit;
import dev.compact.screening.QueryText;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.Thresholds;
import dev.compact.service.InvalidInput;
import dev.compact.service.ScreeningService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Screening over HTTP: one name or a batch, against the lists configured for the compact; every
 * hit comes with its explanation and the list and algorithm versions. Screening reads nothing from
 * the record and writes nothing to it, so it needs no account.
 */
@RestController
@RequestMapping("/api/screen")
class ScreeningApiController {
  static final int MAX_BATCH = 1_000;
  private final ScreeningService screening;

  ScreeningApiController(ScreeningService screening) {
    this.screening = screening;
  }

  record Query(String name, String type, String dob, String country, List<String> ids, Integer limit) {}

  @PostMapping
  Map<String, Object> screen(@RequestBody Query query) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> result = screen(query, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInput(String.join("; ", problems), List.of());
    }
    return result;
  }

  /** A batch of up to 1,000 queries; each answer stands in the order of its query, with its own problems if any. */
  @PostMapping("/batch")
  Map<String, Object> batch(@RequestBody List<Query> queries) {
    if (queries.isEmpty() || queries.size() > MAX_BATCH) {
      throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " queries, not " + queries.size());
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (Query query : queries) {
      List<String> problems = new ArrayList<>();
      Map<String, Object> result = query == null ? new LinkedHashMap<>() : screen(query, problems);
      if (query == null) {
        problems.add("empty query");
      }
      if (!problems.isEmpty()) {
        result = new LinkedHashMap<>(Map.of("problems", problems));
      }
      results.add(result);
    }
    return Map.of("results", results, "thresholds", thresholds());
  }

  private Map<String, Object> screen(Query input, List<String> problems) {
    if (input.name() == null || input.name().isBlank()) {
      problems.add("'name' is required");
      return Map.of();
    }
    if (input.name().length() > ScreeningQuery.MAX_NAME_LENGTH) {
      problems.add("the name is longer than " + ScreeningQuery.MAX_NAME_LENGTH + " characters");
      return Map.of();
    }
    ScreeningQuery query = QueryText.query(input.name(), input.type(), input.dob(), input.country(),
        input.ids() == null ? List.of() : input.ids(), problems);
    problems.addAll(query.problems());
    if (!problems.isEmpty()) {
      return Map.of();
    }
    int limit = input.limit() == null ? 10 : Math.max(1, Math.min(100, input.limit()));
    return switch (screening.screener().screen(query, limit)) {
      case ScreeningOutcome.Rejected rejected -> {
        problems.addAll(rejected.problems());
        yield Map.of();
      }
      case ScreeningOutcome.Screened screened -> {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("query", screened.query().key());
        view.put("candidates", screened.candidates());
        view.put("hits", screened.hits().stream().map(ScreeningApiController::hit).toList());
        view.put("thresholds", thresholds());
        view.put("lists", screening.lists().stream().map(l -> Map.of("name", l.name(), "version", l.shortVersion())).toList());
        yield view;
      }
    };
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

  static Map<String, Object> thresholds() {
    return Map.of("alert", Thresholds.ALERT, "review", Thresholds.REVIEW);
  }
}

package dev.compact.api;

import dev.compact.service.Fields;
import dev.compact.service.InvalidInput;
import dev.compact.text.Shown;
import dev.compact.watchlist.Watchlists;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A compliance account's watchlist: its counterparties (CSV or JSON), the alerts raised on them and
 * the decisions taken. Every call acts on the calling account's own watchlist; nobody sees another's.
 */
@RestController
@RequestMapping("/api/watchlist")
class WatchlistApiController {
  /** The fields a watchlist row of JSON may have. */
  private static final java.util.Set<String> ROW_FIELDS = java.util.Set.of("id", "name", "type", "dob", "country");

  static final int MAX_ROWS = 1_000_000;
  /** An alert's statuses: open until decided, then the decision. */
  private static final List<String> ALERT_STATUSES = List.of("open", "confirmed", "false-positive", "escalated");

  private final Watchlists watchlists;
  private final JsonMapper json;

  WatchlistApiController(Watchlists watchlists, JsonMapper json) {
    this.watchlists = watchlists;
    this.json = json;
  }

  @Operation(summary = "Add or update counterparties on your watchlist",
      description = "A JSON array of {id, name, type?, dob?, country?}, or CSV (text/csv) with a header naming at least id and name."
          + " Up to 1,000,000 rows. New and changed counterparties are screened at once against the lists in force; all of them are"
          + " re-screened against what each new list version adds or changes. A row that cannot be screened is 422 with its number,"
          + " and nothing is stored. A compliance account's.")
  @PostMapping
  Watchlists.Registered register(HttpServletRequest request) throws IOException {
    // The role before the body: an upload may be 200 MB, and only a compliance account's is worth reading.
    var actor = ApiAuthentication.actorAllowed(request, dev.compact.access.Permissions::keepWatchlist);
    byte[] body = request.getInputStream().readAllBytes();
    String type = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
    boolean csv = type.startsWith("text/csv");
    List<Watchlists.Counterparty> rows = csv ? csv(new String(body, StandardCharsets.UTF_8)) : json(body);
    if (rows.isEmpty() || rows.size() > MAX_ROWS) {
      throw new InvalidInput("a watchlist upload holds 1 to " + MAX_ROWS + " rows, not " + rows.size(), List.of());
    }
    refuseControlCharacters(rows, csv);
    return watchlists.register(actor, rows);
  }

  @Operation(summary = "Your alerts, newest first", description = "status: open, confirmed, false-positive or escalated.")
  @GetMapping("/alerts")
  List<Watchlists.Alert> alerts(@RequestParam(required = false) String status, HttpServletRequest request) {
    Optional<String> wanted = Optional.ofNullable(status).filter(s -> !s.isBlank());
    if (wanted.isPresent() && !ALERT_STATUSES.contains(wanted.get())) {
      // An unknown status would match no alert: an empty list that reads as "nothing to review".
      throw new IllegalArgumentException("'status' must be one of " + String.join(", ", ALERT_STATUSES) + ", not '" + Shown.value(wanted.get()) + "'");
    }
    return watchlists.alerts(ApiAuthentication.actor(request), wanted);
  }

  record DecisionInput(String decision, String reason) {}

  @Operation(summary = "Decide one of your alerts",
      description = "{\"decision\": \"confirmed|false-positive|escalated\", \"reason\"}. Every decision is kept with who and when;"
          + " a false positive is not raised again for that counterparty until the list entry itself changes. A retry with the same"
          + " Idempotency-Key answers with the first attempt's decision and records nothing; the key reused for another decision is 422.")
  @PostMapping("/alerts/{id}/decision")
  Watchlists.Decision decide(@PathVariable String id, @RequestBody DecisionInput body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
    var actor = ApiAuthentication.actor(request);
    Watchlists.Verdict verdict = Fields.keyword(Watchlists.Verdict.class, body.decision(), "decision");
    return watchlists.decide(actor, id, verdict, body.reason(), Optional.ofNullable(key));
  }

  @Operation(summary = "The decisions on one of your alerts, oldest first")
  @GetMapping("/alerts/{id}/decisions")
  List<Watchlists.Decision> decisions(@PathVariable String id, HttpServletRequest request) {
    return watchlists.decisions(ApiAuthentication.actor(request), id);
  }

  @Operation(summary = "How many counterparties your watchlist holds")
  @GetMapping
  Map<String, Object> size(HttpServletRequest request) {
    return Map.of("counterparties", watchlists.size(ApiAuthentication.actor(request)));
  }

  private List<Watchlists.Counterparty> json(byte[] body) {
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidInput("the body is not JSON: " + e.getOriginalMessage(), List.of());
    }
    if (!tree.isArray()) {
      throw new InvalidInput("the body must be a JSON array of {id, name, type?, dob?, country?}, or CSV sent as text/csv", List.of());
    }
    List<Watchlists.Counterparty> rows = new ArrayList<>(tree.size());
    for (JsonNode row : tree) {
      // As every body of the API: a misspelt field ('contry') is refused, not screened as if absent.
      if (row != null && row.isObject()) {
        for (String field : row.propertyNames()) {
          if (!ROW_FIELDS.contains(field)) {
            throw new InvalidInput(JsonProblems.unknownField("[" + rows.size() + "]." + field, field, ROW_FIELDS, "a watchlist row"), List.of());
          }
        }
      }
      rows.add(new Watchlists.Counterparty(text(row, "id"), text(row, "name"), text(row, "type"), text(row, "dob"), text(row, "country")));
    }
    return rows;
  }

  /**
   * The API's one rule on control characters ({@link ControlCharacters}), which this body, read here rather than bound by
   * Jackson, applies itself (review7 M2): else SQLite stored a NUL in a counterparty's name that PostgreSQL refuses.
   */
  static void refuseControlCharacters(List<Watchlists.Counterparty> rows, boolean csv) {
    for (int i = 0; i < rows.size(); i++) {
      Watchlists.Counterparty row = rows.get(i);
      String[] names = {"id", "name", "type", "dob", "country"};
      String[] values = {row.id(), row.name(), row.type(), row.dob(), row.country()};
      for (int f = 0; f < names.length; f++) {
        int at = values[f] == null ? -1 : ControlCharacters.first(values[f]);
        if (at >= 0) {
          String where = csv ? "row " + (i + 1) + ", column '" + names[f] + "'," : "'[" + i + "]." + names[f] + "'";
          throw new InvalidInput(where + " " + ControlCharacters.reason(values[f], at).replace("nothing was recorded", "nothing was stored"),
              List.of());
        }
      }
    }
  }

  private static String text(JsonNode row, String field) {
    JsonNode value = row == null ? null : row.get(field);
    return value == null || value.isNull() ? null : value.isValueNode() ? value.asString() : value.toString();
  }

  /** CSV with a header naming at least id and name; quoted fields may hold commas, doubled quotes and line breaks. */
  static List<Watchlists.Counterparty> csv(String text) {
    dev.compact.screening.evaluation.CsvTable table;
    try {
      table = dev.compact.screening.evaluation.CsvTable.read("the watchlist", new java.io.StringReader(text), List.of("id", "name"));
    } catch (dev.compact.screening.evaluation.EvaluationDataException e) {
      throw new InvalidInput(e.getMessage() + "; nothing was stored", List.of());
    }
    List<Watchlists.Counterparty> rows = new ArrayList<>(table.rows().size());
    for (dev.compact.screening.evaluation.CsvTable.Row row : table.rows()) {
      rows.add(new Watchlists.Counterparty(row.get("id"), row.get("name"), optional(row, "type"), optional(row, "dob"),
          optional(row, "country")));
    }
    return rows;
  }

  private static String optional(dev.compact.screening.evaluation.CsvTable.Row row, String column) {
    return row.columns().containsKey(column) ? row.get(column) : null;
  }
}

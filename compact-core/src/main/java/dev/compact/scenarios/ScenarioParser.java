package dev.compact.scenarios;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Domain;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Money;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.SourceFile;
import dev.compact.agreements.SourcePosition;
import dev.compact.engine.CalendarMath;
import dev.compact.engine.Event;
import dev.compact.engine.State;
import dev.compact.engine.Timestamps;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a scenario file (format in docs/scenarios.md). Every problem becomes a diagnostic with file
 * and line; parsing goes on after a problem so that one run reports them all, and a scenario with
 * any error yields no value.
 */
public final class ScenarioParser {

  /** The event keys a scenario may use, and the fields each takes (required ones first in docs). */
  static final Map<String, Set<String>> EVENT_FIELDS = new LinkedHashMap<>();

  static {
    EVENT_FIELDS.put("signed", Set.of("agreement", "party"));
    EVENT_FIELDS.put("ratified", Set.of("agreement", "party"));
    EVENT_FIELDS.put("entered-into-force", Set.of("agreement"));
    EVENT_FIELDS.put("suspended", Set.of("agreement", "by"));
    EVENT_FIELDS.put("resumed", Set.of("agreement", "by"));
    EVENT_FIELDS.put("termination-notice", Set.of("agreement", "by"));
    EVENT_FIELDS.put("party-status", Set.of("party", "status", "value"));
    EVENT_FIELDS.put("incident-reported", Set.of("id", "kind", "place", "severity", "by", "evidence", "attacker", "location"));
    EVENT_FIELDS.put("incident-verified", Set.of("id", "by"));
    EVENT_FIELDS.put("incident-rejected", Set.of("id", "by", "reason"));
    EVENT_FIELDS.put("consultation-requested", Set.of("id", "by", "incident"));
    EVENT_FIELDS.put("consultation-held", Set.of("id", "attended", "level"));
    EVENT_FIELDS.put("measures-decided", Set.of("consultation", "measures", "agreed", "objections"));
    EVENT_FIELDS.put("allocation", Set.of("by", "category", "value", "rate", "items", "for", "measure", "scope"));
    EVENT_FIELDS.put("delivery", Set.of("by", "category", "value", "rate", "items", "for", "measure", "scope"));
    EVENT_FIELDS.put("sanctions-package", Set.of("package", "issuer", "title", "legal-acts", "adopted", "in-force", "measures",
        "designations", "designation-count", "vote", "renewal", "sources"));
    EVENT_FIELDS.put("sanctions-proposed", Set.of("package", "by"));
    EVENT_FIELDS.put("sanctions-blocked", Set.of("package", "by", "blocked-by", "reason"));
    EVENT_FIELDS.put("sanctions-adopted", Set.of("package", "by"));
    EVENT_FIELDS.put("sanctions-eased", Set.of("package", "by"));
    EVENT_FIELDS.put("sanctions-lifted", Set.of("package", "by"));
    EVENT_FIELDS.put("designation-lifted", Set.of("package", "designation", "by"));
    EVENT_FIELDS.put("designation-reimposed", Set.of("package", "designation", "by"));
    EVENT_FIELDS.put("sanctions-reimposed", Set.of("package", "by"));
    EVENT_FIELDS.put("act", Set.of("by", "act", "quantity", "detail"));
    EVENT_FIELDS.put("snapback", Set.of("by", "incident"));
    EVENT_FIELDS.put("compensation", Set.of("by", "paid", "assessed", "source"));
    EVENT_FIELDS.put("condition-met", Set.of("by", "for", "condition"));
    EVENT_FIELDS.put("extended", Set.of("agreement", "by", "agreed", "years"));
    EVENT_FIELDS.put("time-advanced", Set.of());
  }

  private static final Set<String> TOP = Set.of("name", "description", "compact", "start", "events", "expect", "never");
  private static final Set<String> EXPECT = Set.of("at", "instance", "state", "due", "delivered", "blocked-by");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhms])");

  private final String path;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private Instant start;

  private ScenarioParser(String path) {
    this.path = path;
  }

  public static Parsed<Scenario> parse(SourceFile file) {
    return new ScenarioParser(file.path()).read(file.content());
  }

  private Parsed<Scenario> read(String text) {
    Optional<MappingNode> root = compose(text);
    if (root.isEmpty()) {
      return new Parsed<>(Optional.empty(), diagnostics);
    }
    Map<String, NodeTuple> fields = fields(root.get(), TOP, "a scenario");
    String name = requiredText(fields, "name", root.get()).orElse("");
    String description = optionalText(fields, "description").orElse("");
    if (!fields.containsKey("description")) {
      error(root.get(), "the scenario has no description", "tell negotiators in a few sentences what the story tests");
    }
    Optional<String> compact = optionalText(fields, "compact");
    Optional<Node> startNode = Optional.ofNullable(fields.get("start")).map(NodeTuple::getValueNode);
    if (startNode.isEmpty()) {
      error(root.get(), "the scenario has no start", "add e.g. 'start: 2025-03-01T06:00:00Z'; relative times count from it");
    } else {
      start = absoluteTime(startNode.get()).orElse(null);
    }
    List<Scenario.Step> steps = new ArrayList<>();
    List<Scenario.Expectation> expectations = new ArrayList<>();
    List<Scenario.Invariant> invariants = new ArrayList<>();
    if (start != null) {
      Instant previous = start;
      int previousLine = line(startNode.get());
      for (Node node : list(fields, "events")) {
        Optional<Scenario.Step> step = event(node);
        if (step.isPresent()) {
          Instant at = position(step.get().event(), previous);
          if (at.isBefore(previous)) {
            error(node, "events out of order: this event at " + Timestamps.format(at) + " comes before the one on line "
                + previousLine + " at " + Timestamps.format(previous),
                "list events in the order they were recorded; an event recorded late says when with 'recorded:', "
                    + "at or after the event before it");
          } else {
            previous = at;
            previousLine = step.get().line();
          }
          steps.add(step.get());
        }
      }
      for (Node node : list(fields, "expect")) {
        expectation(node).ifPresent(expectations::add);
      }
      for (Node node : list(fields, "never")) {
        invariant(node).ifPresent(invariants::add);
      }
      if (steps.isEmpty() && fields.containsKey("events")) {
        error(fields.get("events").getValueNode(), "the scenario has no events", "list at least one event");
      }
      if (list(fields, "expect").isEmpty() && list(fields, "never").isEmpty()) {
        error(root.get(), "the scenario expects nothing", "add 'expect:' entries or 'never:' invariants");
      }
    }
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      return new Parsed<>(Optional.empty(), diagnostics);
    }
    return new Parsed<>(Optional.of(new Scenario(path, name, description.strip(), compact, start, steps, expectations,
        invariants)), diagnostics);
  }

  /**
   * Where an event stands in the story: when it happened, or, for an event recorded after later
   * ones (it happened before {@code reached}), when it was recorded.
   */
  static Instant position(Event event, Instant reached) {
    return event.occurredAt().isBefore(reached) ? event.recordedAt() : event.occurredAt();
  }

  private Optional<MappingNode> compose(String text) {
    LoadSettings settings = LoadSettings.builder().setLabel(path).setAllowDuplicateKeys(true)
        .setMaxAliasesForCollections(10).setCodePointLimit(2_000_000).build();
    int depth = Math.max(dev.compact.agreements.Limits.flowDepth(text), dev.compact.agreements.Limits.blockDepth(text));
    if (depth > dev.compact.agreements.Limits.MAX_FLOW_DEPTH) {
      diagnostics.add(diagnostic(1, 1, "the scenario is nested " + depth + " levels deep",
          "no entry needs more than a few levels of indentation or brackets; check for a missing closing bracket"));
      return Optional.empty();
    }
    try {
      Optional<Node> node = new Compose(settings).composeString(text);
      if (node.isEmpty()) {
        diagnostics.add(diagnostic(1, 1, "the scenario file is empty", "start with 'name:', 'description:' and 'start:'"));
        return Optional.empty();
      }
      if (node.get() instanceof MappingNode mapping) {
        return Optional.of(mapping);
      }
      error(node.get(), "a scenario must be a set of 'name: value' fields", null);
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
      int column = e.getProblemMark().or(e::getContextMark).map(m -> m.getColumn() + 1).orElse(1);
      diagnostics.add(diagnostic(line, column, "malformed YAML: " + (e.getProblem() == null ? "cannot read" : e.getProblem()),
          "check indentation and colons; quote text that contains ': ' or '#'"));
      return Optional.empty();
    } catch (YamlEngineException e) {
      diagnostics.add(diagnostic(1, 1, "malformed YAML: " + e.getMessage(), null));
      return Optional.empty();
    } catch (StackOverflowError e) {
      diagnostics.add(diagnostic(1, 1, "the scenario is nested too deeply", "flatten the structure"));
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  private Optional<Scenario.Step> event(Node node) {
    if (!(node instanceof MappingNode mapping)) {
      error(node, "an event must be 'at:' plus one event, e.g. 'incident-reported: {...}'", null);
      return Optional.empty();
    }
    Map<String, NodeTuple> fields = new LinkedHashMap<>();
    String kind = null;
    Node body = null;
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalar(tuple.getKeyNode()).orElse("");
      if (fields.containsKey(key)) {
        error(tuple.getKeyNode(), "'" + key + "' appears twice in this event", null);
        continue;
      }
      fields.put(key, tuple);
      if (key.equals("at") || key.equals("recorded")) {
        continue;
      }
      if (!EVENT_FIELDS.containsKey(key)) {
        error(tuple.getKeyNode(), "unknown event '" + key + "'", "events are: " + String.join(", ", EVENT_FIELDS.keySet()));
        return Optional.empty();
      }
      if (kind != null) {
        error(tuple.getKeyNode(), "one entry holds two events ('" + kind + "' and '" + key + "')", "give each event its own '- at:' entry");
        return Optional.empty();
      }
      kind = key;
      body = tuple.getValueNode();
    }
    if (!fields.containsKey("at")) {
      error(node, "the event has no 'at:' time", "add e.g. 'at: +2h' (from the start) or an absolute time");
      return Optional.empty();
    }
    if (kind == null) {
      error(node, "the entry has a time but no event", "events are: " + String.join(", ", EVENT_FIELDS.keySet()));
      return Optional.empty();
    }
    Optional<Instant> at = time(fields.get("at").getValueNode());
    Optional<Instant> recorded = fields.containsKey("recorded") ? time(fields.get("recorded").getValueNode()) : at;
    if (at.isEmpty() || recorded.isEmpty()) {
      return Optional.empty();
    }
    if (recorded.get().isBefore(at.get())) {
      error(fields.get("recorded").getValueNode(), "an event cannot be recorded before it happened", null);
      return Optional.empty();
    }
    Map<String, NodeTuple> f = body instanceof ScalarNode s && s.getValue().isEmpty() || body == null
        ? Map.of() : fields(body, EVENT_FIELDS.get(kind), "'" + kind + "'");
    int errorsBefore = errorCount();
    Event event = build(kind, f, body, at.get(), recorded.get());
    if (event == null || errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Scenario.Step(event, line(node)));
  }

  private Event build(String kind, Map<String, NodeTuple> f, Node body, Instant at, Instant rec) {
    return switch (kind) {
      case "signed" -> new Event.Signed(at, rec, agreement(f, body), party(f, "party", body));
      case "ratified" -> new Event.Ratified(at, rec, agreement(f, body), party(f, "party", body));
      case "entered-into-force" -> new Event.EnteredIntoForce(at, rec, agreement(f, body));
      case "suspended" -> new Event.Suspended(at, rec, agreement(f, body), party(f, "by", body));
      case "resumed" -> new Event.Resumed(at, rec, agreement(f, body), party(f, "by", body));
      case "termination-notice" -> new Event.TerminationNoticeGiven(at, rec, agreement(f, body), party(f, "by", body));
      case "party-status" -> new Event.PartyStatusChanged(at, rec, party(f, "party", body),
          keyword(f, "status", body, Event.PartyStatus.class), bool(f, "value", true));
      case "incident-reported" -> new Event.IncidentReported(at, rec, new Event.IncidentId(id(f, "id", body)),
          keyword(f, "kind", body, Event.IncidentKind.class), place(f, body),
          severity(f, body), party(f, "by", body), evidence(f),
          optionalText(f, "attacker").map(code -> checkedParty(code, f.get("attacker").getValueNode())), location(f));
      case "incident-verified" -> new Event.IncidentVerified(at, rec, new Event.IncidentId(id(f, "id", body)), party(f, "by", body));
      case "incident-rejected" -> new Event.IncidentRejected(at, rec, new Event.IncidentId(id(f, "id", body)), party(f, "by", body),
          optionalText(f, "reason").orElse(""));
      case "consultation-requested" -> new Event.ConsultationRequested(at, rec, new Event.ConsultationId(id(f, "id", body)),
          party(f, "by", body), optionalText(f, "incident").map(Event.IncidentId::new));
      case "consultation-held" -> new Event.ConsultationHeld(at, rec, new Event.ConsultationId(id(f, "id", body)),
          parties(f, "attended"), optionalKeyword(f, "level", body, dev.compact.agreements.MeetingLevel.class));
      case "measures-decided" -> new Event.MeasuresDecided(at, rec, new Event.ConsultationId(id(f, "consultation", body)),
          measures(f), parties(f, "agreed"), parties(f, "objections"));
      case "allocation" -> new Event.AllocationRecorded(at, rec, party(f, "by", body), category(f, body),
          money(f, "value"), rate(f), items(f), target(f, body), scope(f));
      case "delivery" -> new Event.DeliveryRecorded(at, rec, party(f, "by", body), category(f, body),
          money(f, "value"), rate(f), items(f), target(f, body), scope(f));
      case "act" -> new Event.ActReported(at, rec, party(f, "by", body),
          keyword(f, "act", body, dev.compact.agreements.ProhibitedAction.class), quantity(f), optionalText(f, "detail").orElse(""));
      case "condition-met" -> conditionMet(f, body, at, rec);
      case "extended" -> new Event.Extended(at, rec, party(f, "by", body), agreement(f, body), parties(f, "agreed"), years(f, body));
      case "compensation" -> new Event.CompensationRecorded(at, rec, party(f, "by", body), requiredMoney(f, "paid", body),
          requiredMoney(f, "assessed", body), optionalText(f, "source").orElse("no source given"));
      case "snapback" -> new Event.SnapbackInvoked(at, rec, party(f, "by", body), optionalText(f, "incident").map(Event.IncidentId::new));
      case "sanctions-package" -> sanctionsPackage(f, body, at, rec);
      case "sanctions-proposed" -> new Event.SanctionsProposed(at, rec, id(f, "package", body), party(f, "by", body));
      case "sanctions-blocked" -> blocked(f, body, at, rec);
      case "sanctions-adopted" -> new Event.SanctionsAdopted(at, rec, id(f, "package", body), party(f, "by", body));
      case "sanctions-lifted" -> new Event.SanctionsLifted(at, rec, id(f, "package", body), party(f, "by", body));
      case "sanctions-eased" -> new Event.SanctionsEased(at, rec, id(f, "package", body), party(f, "by", body));
      case "sanctions-reimposed" -> new Event.SanctionsReimposed(at, rec, id(f, "package", body), party(f, "by", body));
      case "designation-lifted" -> new Event.DesignationLifted(at, rec, id(f, "package", body), id(f, "designation", body),
          party(f, "by", body));
      case "designation-reimposed" -> new Event.DesignationReimposed(at, rec, id(f, "package", body), id(f, "designation", body),
          party(f, "by", body));
      case "time-advanced" -> new Event.TimeAdvanced(at, rec);
      default -> throw new IllegalStateException("event kind listed but not built: " + kind);
    };
  }

  private Event blocked(Map<String, NodeTuple> f, Node body, Instant at, Instant rec) {
    List<PartyCode> blockedBy = parties(f, "blocked-by");
    if (blockedBy.isEmpty()) {
      error(body, "'sanctions-blocked' needs 'blocked-by', the parties that blocked it", "e.g. blocked-by: [HUN, SVK]");
    }
    return new Event.SanctionsBlocked(at, rec, id(f, "package", body), party(f, "by", body), blockedBy,
        optionalText(f, "reason").orElse(""));
  }

  /** A package as a legal act (docs/scenarios.md): every fact it states needs its source under 'sources'. */
  private Event sanctionsPackage(Map<String, NodeTuple> f, Node body, Instant at, Instant rec) {
    String id = id(f, "package", body);
    PartyCode issuer = party(f, "issuer", body);
    String title = requiredText(f, "title", body).orElse("?");
    List<String> acts = new ArrayList<>();
    for (Node node : list(f, "legal-acts")) {
      scalar(node).ifPresent(acts::add);
    }
    List<dev.compact.packages.Measure> measures = new ArrayList<>();
    for (Node node : list(f, "measures")) {
      Map<String, NodeTuple> m = fields(node, Set.of("kind", "text", "from"), "a measure");
      dev.compact.packages.MeasureKind kind = keyword(m, "kind", node, dev.compact.packages.MeasureKind.class);
      String text = optionalText(m, "text").orElse("");
      if (kind == dev.compact.packages.MeasureKind.OTHER && text.isBlank()) {
        error(node, "a measure of kind 'other' needs its 'text', saying what it does", null);
        continue;
      }
      measures.add(new dev.compact.packages.Measure(kind, text, date(m, "from")));
    }
    List<dev.compact.packages.Designation> designations = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (Node node : list(f, "designations")) {
      Map<String, NodeTuple> d = fields(node, Set.of("id", "name", "list", "entry"), "a designation");
      Optional<String> designation = requiredText(d, "id", node);
      Optional<String> list = optionalText(d, "list");
      Optional<String> entry = optionalText(d, "entry");
      if (designation.isEmpty()) {
        continue;
      }
      if (!ids.add(designation.get())) {
        error(node, "designation '" + designation.get() + "' is listed twice", null);
        continue;
      }
      if (list.isPresent() != entry.isPresent()) {
        error(node, "give both 'list' and 'entry' to link a designation to a list entry, or neither", "e.g. list: ofac, entry: \"31455\"");
        continue;
      }
      designations.add(new dev.compact.packages.Designation(designation.get(), optionalText(d, "name").orElse(""), list, entry));
    }
    Optional<Integer> count = Optional.empty();
    if (f.containsKey("designation-count")) {
      Optional<String> text = optionalText(f, "designation-count");
      try {
        int value = Integer.parseInt(text.orElse("").replace("_", "").replace(",", ""));
        if (value < 0) {
          throw new NumberFormatException();
        }
        count = Optional.of(value);
      } catch (NumberFormatException e) {
        error(f.get("designation-count").getValueNode(), "'designation-count' must be a whole number from 0", null);
      }
    }
    Map<String, String> sources = new LinkedHashMap<>();
    if (f.containsKey("sources")) {
      Node node = f.get("sources").getValueNode();
      Map<String, NodeTuple> given = fields(node, Set.copyOf(dev.compact.packages.SanctionsPackage.FACTS), "'sources'");
      given.forEach((fact, tuple) -> scalar(tuple.getValueNode()).ifPresent(text -> sources.put(fact, text)));
    }
    dev.compact.packages.SanctionsPackage terms = new dev.compact.packages.SanctionsPackage(title, acts, date(f, "adopted"),
        date(f, "in-force"), measures, designations, count, optionalText(f, "vote").filter(v -> !v.isBlank()), date(f, "renewal"),
        sources);
    for (String fact : terms.unsourced()) {
      error(f.containsKey(fact) ? f.get(fact).getKeyNode() : body, "'" + fact + "' has no source",
          "add it under 'sources:', e.g. sources: {" + fact + ": https://...}; a figure counted from a list file names the file");
    }
    return new Event.SanctionsPackageRecorded(at, rec, id, issuer, terms);
  }

  private Optional<java.time.LocalDate> date(Map<String, NodeTuple> f, String field) {
    Optional<String> text = optionalText(f, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.time.LocalDate.parse(text.get()));
    } catch (java.time.format.DateTimeParseException e) {
      error(f.get(field).getValueNode(), "'" + field + "' must be a date, YYYY-MM-DD, not '" + text.get() + "'", null);
      return Optional.empty();
    }
  }

  /** Only {@code true} and {@code false}: "no", "0" or "False" read as true would silently turn a fact around. */
  private boolean bool(Map<String, NodeTuple> f, String field, boolean otherwise) {
    Optional<String> text = optionalText(f, field);
    if (text.isEmpty()) {
      return otherwise;
    }
    return switch (text.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        error(f.get(field).getValueNode(), "'" + field + "' must be true or false, not '" + text.get() + "'", "write '" + field + ": false'");
        yield otherwise;
      }
    };
  }

  private int years(Map<String, NodeTuple> f, Node body) {
    Optional<String> text = requiredText(f, "years", body);
    try {
      int value = Integer.parseInt(text.orElse("1"));
      if (value < 1 || value > 100) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      error(f.get("years").getValueNode(), "years must be a whole number from 1 to 100", null);
      return 1;
    }
  }

  private Event conditionMet(Map<String, NodeTuple> f, Node body, Instant at, Instant rec) {
    PartyCode by = party(f, "by", body);
    Optional<String> target = requiredText(f, "for", body);
    Optional<Event.Target> clause = target.isPresent() ? target(f, body) : Optional.empty();
    dev.compact.agreements.Precondition condition = keyword(f, "condition", body, dev.compact.agreements.Precondition.class);
    Event.Target.Clause commitment = clause.map(c -> (Event.Target.Clause) c)
        .orElse(new Event.Target.Clause(new AgreementId("?"), new ClauseId("?")));
    return new Event.PreconditionMet(at, rec, by, commitment, condition);
  }

  private <E extends Enum<E>> Optional<E> optionalKeyword(Map<String, NodeTuple> f, String field, Node body, Class<E> type) {
    return f.containsKey(field) ? Optional.of(keyword(f, field, body, type)) : Optional.empty();
  }

  private Optional<dev.compact.agreements.DeliveryScope> scope(Map<String, NodeTuple> f) {
    if (!f.containsKey("scope")) {
      return Optional.empty();
    }
    return Optional.of(keyword(f, "scope", null, dev.compact.agreements.DeliveryScope.class));
  }

  /** {@code location: {lat: 48.02, lon: 37.80}}: where an incident happened, for areas bounded by a line of control. */
  private Optional<dev.compact.agreements.Area.Point> location(Map<String, NodeTuple> f) {
    if (!f.containsKey("location")) {
      return Optional.empty();
    }
    Node node = f.get("location").getValueNode();
    if (!(node instanceof MappingNode map)) {
      error(node, "'location' must be {lat: degrees, lon: degrees}", "e.g. location: {lat: 48.02, lon: 37.80}");
      return Optional.empty();
    }
    Map<String, NodeTuple> fields = new java.util.HashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        fields.put(key.getValue(), tuple);
      }
    }
    double[] values = new double[2];
    String[] names = {"lat", "lon"};
    for (int i = 0; i < 2; i++) {
      NodeTuple tuple = fields.get(names[i]);
      int limit = i == 0 ? 90 : 180;
      Optional<String> text = tuple == null ? Optional.empty() : scalar(tuple.getValueNode());
      try {
        double value = Double.parseDouble(text.filter(t -> t.length() <= 20).orElseThrow(NumberFormatException::new));
        if (!Double.isFinite(value) || Math.abs(value) > limit) {
          throw new NumberFormatException();
        }
        values[i] = value;
      } catch (NumberFormatException e) {
        error(tuple == null ? node : tuple.getValueNode(), "'location' needs '" + names[i] + "' in degrees from -" + limit + " to " + limit,
            "e.g. location: {lat: 48.02, lon: 37.80}");
        return Optional.empty();
      }
    }
    if (fields.size() > 2) {
      error(node, "'location' has only 'lat' and 'lon'", null);
      return Optional.empty();
    }
    return Optional.of(new dev.compact.agreements.Area.Point(values[0], values[1]));
  }

  private String place(Map<String, NodeTuple> f, Node body) {
    Optional<String> place = requiredText(f, "place", body);
    if (place.isPresent() && !dev.compact.agreements.Places.isKnown(place.get())) {
      error(f.get("place").getValueNode(), "unknown place code '" + place.get() + "'",
          "use an ISO 3166-1 alpha-3 code (GBR), a Ukrainian ISO 3166-2 code (UA-63 for Kharkiv oblast) or a maritime zone (UKR-EEZ)");
    }
    return place.orElse("");
  }

  private Optional<Long> quantity(Map<String, NodeTuple> f) {
    Optional<String> text = optionalText(f, "quantity");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(text.get().replace("_", "").replace(",", ""));
      if (value < 0 || value > 1_000_000_000_000L) {
        throw new NumberFormatException();
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      error(f.get("quantity").getValueNode(), "quantity must be a whole number from 0 to 1,000,000,000,000", null);
      return Optional.empty();
    }
  }

  private AgreementId agreement(Map<String, NodeTuple> f, Node body) {
    return new AgreementId(requiredText(f, "agreement", body).orElse("?"));
  }

  private String id(Map<String, NodeTuple> f, String field, Node body) {
    return requiredText(f, field, body).orElse("?");
  }

  private PartyCode party(Map<String, NodeTuple> f, String field, Node body) {
    Optional<String> code = requiredText(f, field, body);
    if (code.isEmpty()) {
      return new PartyCode("?");
    }
    return checkedParty(code.get(), f.get(field).getValueNode());
  }

  private PartyCode checkedParty(String code, Node node) {
    if (!PartyCode.isKnown(code)) {
      error(node, "unknown party '" + code + "'", "use an ISO 3166-1 alpha-3 code such as UKR, or EU, NATO, UN, OSCE, G7, CE");
    }
    return new PartyCode(code);
  }

  private List<PartyCode> parties(Map<String, NodeTuple> f, String field) {
    List<PartyCode> parties = new ArrayList<>();
    if (!f.containsKey(field)) {
      return parties;
    }
    Node node = f.get(field).getValueNode();
    if (!(node instanceof SequenceNode sequence)) {
      error(node, "'" + field + "' must be a list of party codes, e.g. [USA, GBR]", null);
      return parties;
    }
    for (Node item : sequence.getValue()) {
      scalar(item).ifPresent(code -> parties.add(checkedParty(code, item)));
    }
    return parties;
  }

  private <E extends Enum<E>> E keyword(Map<String, NodeTuple> f, String field, Node body, Class<E> type) {
    Optional<String> text = requiredText(f, field, body);
    if (text.isEmpty()) {
      return type.getEnumConstants()[0];
    }
    Optional<E> value = Keywords.parse(type, text.get());
    if (value.isEmpty()) {
      error(f.get(field).getValueNode(), "unknown " + field + " '" + text.get() + "'", "use one of: " + Keywords.choices(type));
      return type.getEnumConstants()[0];
    }
    return value.get();
  }

  private Domain category(Map<String, NodeTuple> f, Node body) {
    return keyword(f, "category", body, Domain.class);
  }

  private int severity(Map<String, NodeTuple> f, Node body) {
    Optional<String> text = requiredText(f, "severity", body);
    try {
      int value = Integer.parseInt(text.orElse("1"));
      if (value < 1 || value > 5) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      error(f.get("severity").getValueNode(), "severity must be a whole number from 1 to 5", null);
      return 1;
    }
  }

  private List<Event.Evidence> evidence(Map<String, NodeTuple> f) {
    List<Event.Evidence> evidence = new ArrayList<>();
    for (Node node : list(f, "evidence")) {
      Map<String, NodeTuple> e = fields(node, Set.of("outlet", "link", "quotation", "time"), "evidence");
      Optional<Instant> time = e.containsKey("time") ? time(e.get("time").getValueNode()) : Optional.empty();
      evidence.add(new Event.Evidence(requiredText(e, "outlet", node).orElse(""), optionalText(e, "link").orElse(""),
          optionalText(e, "quotation").orElse(""), time));
    }
    return evidence;
  }

  private List<Event.Measure> measures(Map<String, NodeTuple> f) {
    List<Event.Measure> measures = new ArrayList<>();
    for (Node node : list(f, "measures")) {
      Map<String, NodeTuple> m = fields(node, Set.of("id", "obligor", "action", "domain", "amount", "items", "within", "boundary"),
          "a measure");
      Optional<String> within = requiredText(m, "within", node);
      Optional<IsoDuration> duration = within.flatMap(IsoDuration::parse);
      if (within.isPresent() && duration.isEmpty()) {
        error(m.get("within").getValueNode(), "'" + within.get() + "' is not an ISO-8601 duration", "write e.g. PT72H or P30D");
      }
      Boundary boundary = m.containsKey("boundary") ? keyword(m, "boundary", node, Boundary.class) : Boundary.INCLUSIVE;
      measures.add(new Event.Measure(id(m, "id", node), party(m, "obligor", node), requiredText(m, "action", node).orElse(""),
          m.containsKey("domain") ? keyword(m, "domain", node, Domain.class) : Domain.MILITARY, money(m, "amount"), items(m),
          duration.orElse(IsoDuration.parse("PT1H").orElseThrow()), boundary));
    }
    return measures;
  }

  private Money requiredMoney(Map<String, NodeTuple> f, String field, Node body) {
    if (!f.containsKey(field)) {
      error(body, "'" + field + "' is required here", "e.g. " + field + ": USD 152000000000");
      return new Money(BigDecimal.ONE, "EUR");
    }
    return money(f, field).orElse(new Money(BigDecimal.ONE, "EUR"));
  }

  private Optional<Money> money(Map<String, NodeTuple> f, String field) {
    if (!f.containsKey(field)) {
      return Optional.empty();
    }
    Node node = f.get(field).getValueNode();
    if (node instanceof MappingNode) {
      Map<String, NodeTuple> m = fields(node, Set.of("value", "currency"), "an amount");
      Optional<BigDecimal> value = requiredText(m, "value", node).flatMap(v -> number(v, m.get("value").getValueNode()));
      Optional<String> currency = requiredText(m, "currency", node);
      if (value.isEmpty() || currency.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Money(value.get(), checkedCurrency(currency.get(), m.get("currency").getValueNode())));
    }
    return scalar(node).flatMap(text -> parseMoney(text, node));
  }

  Optional<Money> parseMoney(String text, Node node) {
    String[] parts = text.trim().split("\\s+", 2);
    if (parts.length != 2) {
      error(node, "'" + text + "' is not an amount", "write e.g. 'EUR 150000000' or {value: 150000000, currency: EUR}");
      return Optional.empty();
    }
    return number(parts[1], node).map(value -> new Money(value, checkedCurrency(parts[0], node)));
  }

  private String checkedCurrency(String currency, Node node) {
    if (!currency.matches("[A-Z]{3}")) {
      error(node, "'" + currency + "' is not an ISO 4217 currency code", "write three capital letters, e.g. EUR");
    }
    return currency;
  }

  private Optional<BigDecimal> number(String text, Node node) {
    try {
      BigDecimal value = new BigDecimal(text.replace("_", "").replace(",", ""));
      if (value.signum() < 0 || !dev.compact.agreements.Limits.reasonable(value)) {
        throw new NumberFormatException();
      }
      return Optional.of(value);
    } catch (NumberFormatException e) {
      error(node, "'" + text + "' is not a positive number of at most " + dev.compact.agreements.Limits.MAX_INTEGER_DIGITS + " digits", null);
      return Optional.empty();
    }
  }

  private Optional<Event.ExchangeRate> rate(Map<String, NodeTuple> f) {
    if (!f.containsKey("rate")) {
      return Optional.empty();
    }
    Node node = f.get("rate").getValueNode();
    Map<String, NodeTuple> r = fields(node, Set.of("currency", "rate"), "a rate");
    Optional<String> currency = requiredText(r, "currency", node);
    Optional<BigDecimal> rate = requiredText(r, "rate", node).flatMap(v -> number(v, r.get("rate").getValueNode()));
    if (currency.isEmpty() || rate.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Event.ExchangeRate(checkedCurrency(currency.get(), r.get("currency").getValueNode()), rate.get()));
  }

  private List<ItemLine> items(Map<String, NodeTuple> f) {
    List<ItemLine> items = new ArrayList<>();
    for (Node node : list(f, "items")) {
      Map<String, NodeTuple> i = fields(node, Set.of("item", "quantity"), "an item line");
      Optional<String> item = requiredText(i, "item", node);
      Optional<String> quantity = requiredText(i, "quantity", node);
      if (item.isPresent() && quantity.isPresent()) {
        try {
          long count = Long.parseLong(quantity.get().replace("_", ""));
          if (count <= 0 || count > 1_000_000_000_000L) {
            throw new NumberFormatException();
          }
          items.add(new ItemLine(item.get(), count));
        } catch (NumberFormatException e) {
          error(i.get("quantity").getValueNode(), "quantity must be a whole number from 1 to 1,000,000,000,000", null);
        }
      }
    }
    return items;
  }

  private Optional<Event.Target> target(Map<String, NodeTuple> f, Node body) {
    if (f.containsKey("for") && f.containsKey("measure")) {
      error(body, "support counts against a clause ('for') or a measure ('measure'), not both", null);
      return Optional.empty();
    }
    if (f.containsKey("for")) {
      Node node = f.get("for").getValueNode();
      return scalar(node).flatMap(text -> {
        String[] parts = text.split("/");
        if (parts.length != 2) {
          error(node, "'for' must name agreement/clause, e.g. gbr-ukr-2024/gbr-mil-2024", null);
          return Optional.empty();
        }
        return Optional.of(new Event.Target.Clause(new AgreementId(parts[0]), new ClauseId(parts[1])));
      });
    }
    if (f.containsKey("measure")) {
      Node node = f.get("measure").getValueNode();
      return scalar(node).flatMap(text -> {
        String[] parts = text.split("/");
        if (parts.length != 2) {
          error(node, "'measure' must name consultation/measure, e.g. c1/air-defence", null);
          return Optional.empty();
        }
        return Optional.of(new Event.Target.Measure(new Event.ConsultationId(parts[0]), parts[1]));
      });
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------
  // Expectations and invariants

  private Optional<Scenario.Expectation> expectation(Node node) {
    Map<String, NodeTuple> f = fields(node, EXPECT, "an expectation");
    int before = errorCount();
    Optional<Instant> at = f.containsKey("at") ? time(f.get("at").getValueNode()) : Optional.empty();
    if (!f.containsKey("at")) {
      error(node, "the expectation has no 'at:' time", "say when it should hold, e.g. 'at: +25h'");
    }
    Optional<String> instance = requiredText(f, "instance", node);
    Optional<String> stateText = requiredText(f, "state", node);
    Optional<State> state = Optional.empty();
    boolean absent = false;
    if (stateText.isPresent()) {
      if (stateText.get().equals("absent")) {
        absent = true;
      } else {
        state = stateKeyword(stateText.get(), f.get("state").getValueNode(), true);
      }
    }
    Optional<Instant> due = f.containsKey("due") ? time(f.get("due").getValueNode()) : Optional.empty();
    Optional<BigDecimal> delivered = Optional.empty();
    if (f.containsKey("delivered")) {
      Node d = f.get("delivered").getValueNode();
      delivered = scalar(d).flatMap(text -> text.contains(" ") ? parseMoney(text, d).map(Money::value) : number(text, d));
    }
    Optional<List<PartyCode>> blockedBy = f.containsKey("blocked-by") ? Optional.of(parties(f, "blocked-by")) : Optional.empty();
    if (errorCount() > before || at.isEmpty() || instance.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Scenario.Expectation(at.get(), instance.get(), state, absent, due, delivered, blockedBy, line(node)));
  }

  private Optional<Scenario.Invariant> invariant(Node node) {
    Map<String, NodeTuple> f = fields(node, Set.of("instance", "state"), "an invariant");
    Optional<String> instance = optionalText(f, "instance").or(() -> Optional.of("*"));
    Optional<State> state = requiredText(f, "state", node).flatMap(s -> stateKeyword(s, f.get("state").getValueNode(), false));
    if (state.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Scenario.Invariant(instance.get(), state.get(), line(node)));
  }

  private Optional<State> stateKeyword(String text, Node node, boolean allowAbsent) {
    for (State state : State.values()) {
      if (state.keyword().equals(text)) {
        return Optional.of(state);
      }
    }
    error(node, "unknown state '" + text + "'", "use one of: pending, active, fulfilled, breached, discharged, expired, "
        + "suspended, terminated" + (allowAbsent ? ", absent" : ""));
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------
  // Times

  private Optional<Instant> time(Node node) {
    Optional<String> text = scalar(node);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get().trim();
    if (t.startsWith("+")) {
      if (start == null) {
        return Optional.empty();
      }
      return relative(t.substring(1), node);
    }
    Optional<Instant> absolute = absoluteTime(node);
    if (absolute.isPresent() && start != null && absolute.get().isBefore(start)) {
      error(node, Timestamps.format(absolute.get()) + " lies before the scenario's start (" + Timestamps.format(start) + ")", null);
      return Optional.empty();
    }
    return absolute;
  }

  private Optional<Instant> relative(String text, Node node) {
    if (text.startsWith("P")) {
      Optional<IsoDuration> duration = IsoDuration.parse(text);
      if (duration.isEmpty()) {
        error(node, "'+" + text + "' is not a valid relative time", "write +24h, +90m, +3d or an ISO duration such as +PT36H");
        return Optional.empty();
      }
      try {
        return Optional.of(CalendarMath.plus(start, duration.get()));
      } catch (CalendarMath.AmbiguousDateException e) {
        error(node, "ambiguous time: " + e.getMessage(), null);
        return Optional.empty();
      }
    }
    Matcher matcher = SHORT_DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int position = 0;
    try {
      while (matcher.find() && matcher.start() == position) {
        long amount = Long.parseLong(matcher.group(1));
        total = total.plus(switch (matcher.group(2)) {
          case "d" -> Duration.ofDays(amount);
          case "h" -> Duration.ofHours(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofSeconds(amount);
        });
        position = matcher.end();
      }
      if (position == 0 || position != text.length()) {
        error(node, "'+" + text + "' is not a valid relative time", "write +24h, +90m, +3d, +1d12h or an ISO duration such as +PT36H");
        return Optional.empty();
      }
      if (total.toDays() > IsoDuration.MAX_YEARS * 366L) {
        throw new ArithmeticException("too far");
      }
      return Optional.of(start.plus(total));
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
      error(node, "'+" + text + "' is too far from the start", "a scenario spans at most " + IsoDuration.MAX_YEARS + " years");
      return Optional.empty();
    }
  }

  private Optional<Instant> absoluteTime(Node node) {
    Optional<String> text = scalar(node);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get().trim();
    try {
      if (t.length() == 10) {
        return Optional.of(CalendarMath.startOf(LocalDate.parse(t)));
      }
      return Optional.of(java.time.OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      error(node, "'" + t + "' is not a time", "write an absolute UTC time such as 2025-03-01T06:00:00Z, a date such as "
          + "2025-03-01, or a time relative to the start such as +24h");
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Nodes

  private Map<String, NodeTuple> fields(Node node, Set<String> allowed, String what) {
    Map<String, NodeTuple> fields = new LinkedHashMap<>();
    if (!(node instanceof MappingNode mapping)) {
      error(node, what + " must be a set of 'name: value' fields", null);
      return fields;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Optional<String> key = scalar(tuple.getKeyNode());
      if (key.isEmpty()) {
        continue;
      }
      if (!allowed.contains(key.get())) {
        error(tuple.getKeyNode(), "unknown field '" + key.get() + "' in " + what,
            allowed.isEmpty() ? "this entry takes no fields" : "fields are: " + String.join(", ", allowed.stream().sorted().toList()));
        continue;
      }
      if (fields.containsKey(key.get())) {
        error(tuple.getKeyNode(), "'" + key.get() + "' appears twice (first on line " + line(fields.get(key.get()).getKeyNode()) + ")",
            null);
        continue;
      }
      fields.put(key.get(), tuple);
    }
    return fields;
  }

  private List<Node> list(Map<String, NodeTuple> fields, String field) {
    if (!fields.containsKey(field)) {
      return List.of();
    }
    Node node = fields.get(field).getValueNode();
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
      return List.of();
    }
    error(node, "'" + field + "' must be a list (lines starting with '- ')", null);
    return List.of();
  }

  private Optional<String> requiredText(Map<String, NodeTuple> fields, String field, Node owner) {
    if (!fields.containsKey(field)) {
      error(owner, "missing field '" + field + "'", null);
      return Optional.empty();
    }
    Optional<String> text = scalar(fields.get(field).getValueNode());
    if (text.isPresent() && text.get().isBlank()) {
      error(fields.get(field).getValueNode(), "'" + field + "' is empty", null);
      return Optional.empty();
    }
    return text;
  }

  private Optional<String> optionalText(Map<String, NodeTuple> fields, String field) {
    if (!fields.containsKey(field)) {
      return Optional.empty();
    }
    return scalar(fields.get(field).getValueNode());
  }

  private Optional<String> scalar(Node node) {
    if (node instanceof ScalarNode scalar) {
      return Optional.of(scalar.getValue());
    }
    error(node, "expected a single value here, not a list or a set of fields", null);
    return Optional.empty();
  }

  private int errorCount() {
    return (int) diagnostics.stream().filter(Diagnostic::isError).count();
  }

  private void error(Node node, String message, String hint) {
    diagnostics.add(diagnostic(line(node), column(node), message, hint));
  }

  private Diagnostic diagnostic(int line, int column, String message, String hint) {
    return new Diagnostic(Diagnostic.Severity.ERROR, new SourcePosition(path, line, column), message, Optional.ofNullable(hint));
  }

  private static int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  private static int column(Node node) {
    return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
  }
}

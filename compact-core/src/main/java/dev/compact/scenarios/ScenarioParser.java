package dev.compact.scenarios;

import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Money;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Event;
import dev.compact.engine.State;
import dev.compact.engine.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads a scenario file (format in docs/scenarios.md). Every problem becomes a diagnostic with file
 * and line; parsing goes on after a problem so that one run reports them all, and a scenario with
 * any error yields no value. This class reads the story's frame (name, start, order of events,
 * expectations); {@link EventReader} reads each event, {@link ScenarioTimes} its times and
 * {@link ScenarioNodes} the typed values, all reporting into one list.
 */
public final class ScenarioParser {

  private static final Set<String> TOP = Set.of("name", "description", "compact", "start", "events", "expect", "never");
  private static final Set<String> EXPECT = Set.of("at", "instance", "state", "due", "delivered", "blocked-by");

  private final String path;
  private final ScenarioNodes nodes;

  private ScenarioParser(String path) {
    this.path = path;
    this.nodes = new ScenarioNodes(path);
  }

  public static Parsed<Scenario> parse(SourceFile file) {
    return new ScenarioParser(file.path()).read(file.content());
  }

  private Parsed<Scenario> read(String text) {
    Optional<MappingNode> root = compose(text);
    if (root.isEmpty()) {
      return new Parsed<>(Optional.empty(), nodes.diagnostics());
    }
    Map<String, NodeTuple> fields = nodes.fields(root.get(), TOP, "a scenario");
    String name = nodes.requiredText(fields, "name", root.get()).orElse("");
    String description = nodes.optionalText(fields, "description").orElse("");
    if (!fields.containsKey("description")) {
      nodes.error(root.get(), "the scenario has no description", "tell negotiators in a few sentences what the story tests");
    }
    Optional<String> compact = nodes.optionalText(fields, "compact");
    Optional<Node> startNode = Optional.ofNullable(fields.get("start")).map(NodeTuple::getValueNode);
    Instant start = null;
    if (startNode.isEmpty()) {
      nodes.error(root.get(), "the scenario has no start", "add e.g. 'start: 2025-03-01T06:00:00Z'; relative times count from it");
    } else {
      start = ScenarioTimes.absolute(nodes, startNode.get()).orElse(null);
    }
    List<Scenario.Step> steps = new ArrayList<>();
    List<Scenario.Expectation> expectations = new ArrayList<>();
    List<Scenario.Invariant> invariants = new ArrayList<>();
    if (start != null) {
      ScenarioTimes times = new ScenarioTimes(nodes, start);
      EventReader events = new EventReader(nodes, times);
      Instant previous = start;
      int previousLine = nodes.line(startNode.get());
      for (Node node : nodes.list(fields, "events")) {
        Optional<Scenario.Step> step = events.event(node);
        if (step.isPresent()) {
          Instant at = position(step.get().event(), previous);
          if (at.isBefore(previous)) {
            nodes.error(node, "events out of order: this event at " + Timestamps.format(at) + " comes before the one on line "
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
      for (Node node : nodes.list(fields, "expect")) {
        expectation(node, times).ifPresent(expectations::add);
      }
      for (Node node : nodes.list(fields, "never")) {
        invariant(node).ifPresent(invariants::add);
      }
      // Events that were listed but refused have their own errors; "no events" would only repeat them.
      if (steps.isEmpty() && fields.containsKey("events") && nodes.list(fields, "events").isEmpty()) {
        nodes.error(ScenarioNodes.value(fields, "events"), "the scenario has no events", "list at least one event");
      }
      if (nodes.list(fields, "expect").isEmpty() && nodes.list(fields, "never").isEmpty()) {
        nodes.error(root.get(), "the scenario expects nothing", "add 'expect:' entries or 'never:' invariants");
      }
    }
    // Without a start there is always an error already: no start, or one that is not a time.
    if (start == null || nodes.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      return new Parsed<>(Optional.empty(), nodes.diagnostics());
    }
    return new Parsed<>(Optional.of(new Scenario(path, name, description.strip(), compact, start, steps, expectations,
        invariants)), nodes.diagnostics());
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
      nodes.error(1, 1, "the scenario is nested " + depth + " levels deep",
          "no entry needs more than a few levels of indentation or brackets; check for a missing closing bracket");
      return Optional.empty();
    }
    try {
      Optional<Node> node = new Compose(settings).composeString(text);
      if (node.isEmpty()) {
        nodes.error(1, 1, "the scenario file is empty", "start with 'name:', 'description:' and 'start:'");
        return Optional.empty();
      }
      if (node.get() instanceof MappingNode mapping) {
        return Optional.of(mapping);
      }
      nodes.error(node.get(), "a scenario must be a set of 'name: value' fields", null);
      return Optional.empty();
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
      int column = e.getProblemMark().or(e::getContextMark).map(m -> m.getColumn() + 1).orElse(1);
      nodes.error(line, column, "malformed YAML: " + (e.getProblem() == null ? "cannot read" : e.getProblem()),
          "check indentation and colons; quote text that contains ': ' or '#'");
      return Optional.empty();
    } catch (YamlEngineException e) {
      nodes.error(1, 1, "malformed YAML: " + e.getMessage(), null);
      return Optional.empty();
    } catch (StackOverflowError e) {
      nodes.error(1, 1, "the scenario is nested too deeply", "flatten the structure");
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Expectations and invariants

  private Optional<Scenario.Expectation> expectation(Node node, ScenarioTimes times) {
    Map<String, NodeTuple> f = nodes.fields(node, EXPECT, "an expectation");
    int before = nodes.errorCount();
    Optional<Instant> at = f.containsKey("at") ? times.time(ScenarioNodes.value(f, "at")) : Optional.empty();
    if (!f.containsKey("at")) {
      nodes.error(node, "the expectation has no 'at:' time", "say when it should hold, e.g. 'at: +25h'");
    }
    Optional<String> instance = nodes.requiredText(f, "instance", node);
    Optional<String> stateText = nodes.requiredText(f, "state", node);
    Optional<State> state = Optional.empty();
    boolean absent = false;
    if (stateText.isPresent()) {
      if (stateText.get().equals("absent")) {
        absent = true;
      } else {
        state = stateKeyword(stateText.get(), ScenarioNodes.value(f, "state"), true);
      }
    }
    Optional<Instant> due = f.containsKey("due") ? times.time(ScenarioNodes.value(f, "due")) : Optional.empty();
    Optional<BigDecimal> delivered = Optional.empty();
    if (f.containsKey("delivered")) {
      Node d = ScenarioNodes.value(f, "delivered");
      delivered = nodes.scalar(d).flatMap(text -> text.contains(" ") ? nodes.parseMoney(text, d).map(Money::value) : nodes.number(text, d));
    }
    Optional<List<PartyCode>> blockedBy = f.containsKey("blocked-by") ? Optional.of(nodes.parties(f, "blocked-by")) : Optional.empty();
    if (nodes.errorCount() > before || at.isEmpty() || instance.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Scenario.Expectation(at.get(), instance.get(), state, absent, due, delivered, blockedBy, nodes.line(node)));
  }

  private Optional<Scenario.Invariant> invariant(Node node) {
    Map<String, NodeTuple> f = nodes.fields(node, Set.of("instance", "state"), "an invariant");
    Optional<String> instance = nodes.optionalText(f, "instance").or(() -> Optional.of("*"));
    Optional<State> state = nodes.requiredText(f, "state", node).flatMap(s -> stateKeyword(s, ScenarioNodes.value(f, "state"), false));
    if (state.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Scenario.Invariant(instance.get(), state.get(), nodes.line(node)));
  }

  private Optional<State> stateKeyword(String text, Node node, boolean allowAbsent) {
    for (State state : State.values()) {
      if (state.keyword().equals(text)) {
        return Optional.of(state);
      }
    }
    nodes.error(node, "unknown state '" + text + "'", "use one of: pending, active, fulfilled, breached, discharged, expired, "
        + "suspended, terminated" + (allowAbsent ? ", absent" : ""));
    return Optional.empty();
  }
}

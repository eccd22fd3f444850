package dev.compact.scenarios;

import dev.compact.agreements.Diagnostic;
import dev.compact.engine.Engine;
import dev.compact.engine.NormInstance;
import dev.compact.engine.Outcome;
import dev.compact.engine.Replay;
import dev.compact.engine.State;
import dev.compact.engine.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the same stories on two drafts and says where they behave differently. Norm instances are
 * compared by what they bind a party to (obligor, kind of act, incident or consultation), not by
 * clause id, since two drafts rarely share ids; for each, who is bound, within what time of which
 * event, due when, and how it ended.
 */
public final class BehaviourDiff {
  private BehaviourDiff() {}

  /** The differences for one scenario: lines only in A, only in B, or different in both. */
  public record ScenarioDiff(Scenario scenario, List<String> differences, List<Diagnostic> notes) {
    public boolean differs() {
      return !differences.isEmpty();
    }
  }

  public static ScenarioDiff compare(Scenario scenario, Engine a, String nameA, Engine b, String nameB) {
    List<Diagnostic> notes = new ArrayList<>();
    Map<String, TreeSet<String>> left = behaviour(scenario, a, notes);
    Map<String, TreeSet<String>> right = behaviour(scenario, b, notes);
    // Group obligors with the same difference on one line: "CAN, DEU, FRA: ...".
    Map<String, TreeSet<String>> grouped = new TreeMap<>();
    TreeSet<String> keys = new TreeSet<>(left.keySet());
    keys.addAll(right.keySet());
    for (String key : keys) {
      String l = left.containsKey(key) ? String.join("; ", left.get(key)) : "not bound";
      String r = right.containsKey(key) ? String.join("; ", right.get(key)) : "not bound";
      if (l.equals(r)) {
        continue;
      }
      int split = key.indexOf(' ');
      String obligor = key.substring(0, split);
      String what = key.substring(split + 1);
      String line = what + "\n      " + nameA + ": " + l + "\n      " + nameB + ": " + r;
      grouped.computeIfAbsent(line, k -> new TreeSet<>()).add(obligor);
    }
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, TreeSet<String>> entry : grouped.entrySet()) {
      differences.add(String.join(", ", entry.getValue()) + ": " + entry.getKey());
    }
    return new ScenarioDiff(scenario, differences, notes);
  }

  /** For each (obligor, act, context): how each instance with that shape fared, in words. */
  private static Map<String, TreeSet<String>> behaviour(Scenario scenario, Engine engine, List<Diagnostic> notes) {
    ScenarioBinding.Bound bound = ScenarioBinding.bind(scenario, engine.compact(), true);
    notes.addAll(bound.problems());
    Replay replay = engine.replay();
    replay.advanceTo(scenario.start());
    bound.events().forEach(replay::apply);
    java.time.Instant end = ScenarioRunner.end(scenario);
    replay.advanceTo(end);
    Outcome outcome = replay.outcome();
    Map<String, TreeSet<String>> behaviour = new TreeMap<>();
    for (NormInstance instance : outcome.instances()) {
      boolean duty = instance.kind().equals("obligation") || instance.kind().equals("measure");
      // Active, or a commitment's later period that had not begun by the end, with nothing delivered or allocated: nothing in
      // the story touched it. A period that has begun and is still pending waits on something (a parliament's approval, a
      // condition) and is compared.
      boolean moved = (instance.state() != State.ACTIVE && !(instance.state() == State.PENDING && laterPeriod(instance, end)))
          || instance.progress().map(p -> p.delivered().signum() > 0 || p.allocated().signum() > 0 || !p.itemsDelivered().isEmpty())
              .orElse(false);
      if (!duty && !moved) {
        continue; // Standing norms nothing in the story touched: the same in any draft that has them, noise otherwise.
      }
      if (duty && instance.state() == State.PENDING) {
        // A duty whose trigger never held by the end binds no one, as in a draft that creates no such duty at all
        // (one text keys its duties by incident and creates them on an out-of-scope strike, another by request).
        continue;
      }
      String context = instance.id().context().isEmpty() ? "" : " @" + instance.id().context();
      String key = duty
          ? instance.id().obligor() + " must achieve " + instance.fulfilledBy().replace('-', ' ') + context
          : instance.id().obligor() + " " + instance.kind() + " '" + act(instance) + "'" + context;
      behaviour.computeIfAbsent(key, k -> new TreeSet<>()).add(fate(instance));
    }
    outcome.halt().ifPresent(halt -> behaviour.computeIfAbsent("* engine", k -> new TreeSet<>()).add("stopped: " + halt.message()));
    return behaviour;
  }

  /** A scheduled commitment's period (its context is the period's first day) that begins after {@code end}. */
  private static boolean laterPeriod(NormInstance instance, java.time.Instant end) {
    if (!instance.kind().equals("commitment")) {
      return false;
    }
    try {
      return java.time.LocalDate.parse(instance.id().context()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().isAfter(end);
    } catch (java.time.format.DateTimeParseException notAPeriod) {
      return false; // One unscheduled period: whether it began is not in the instance, so it is compared as before.
    }
  }

  private static String act(NormInstance instance) {
    String action = instance.action();
    return action.length() > 70 ? action.substring(0, 67) + "..." : action;
  }

  private static String fate(NormInstance instance) {
    StringBuilder text = new StringBuilder();
    if (!instance.deadline().isEmpty()) {
      text.append(instance.deadline());
    }
    instance.due().ifPresent(due -> text.append(text.isEmpty() ? "" : ", ").append("due ").append(Timestamps.format(due)));
    text.append(text.isEmpty() ? "" : ": ").append(instance.state().keyword());
    instance.settledAt().ifPresent(at -> text.append(" at ").append(Timestamps.format(at)));
    if (!instance.blockedBy().isEmpty()) {
      text.append(", blocked by ").append(String.join(", ", instance.blockedBy().stream().map(p -> p.value()).toList()));
    }
    instance.progress().ifPresent(p -> text.append(", ").append(p.describe()));
    return text.toString();
  }

}

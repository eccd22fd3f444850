package dev.compact.scenarios;

import dev.compact.agreements.Compact;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.SourcePosition;
import dev.compact.engine.Cause;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.engine.NormInstance;
import dev.compact.engine.Outcome;
import dev.compact.engine.Replay;
import dev.compact.engine.Timestamps;
import dev.compact.engine.Transition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs a scenario on an engine: applies its events in order, looks at the norm instances at each
 * expectation's time, watches every transition against the invariants, and reports what failed
 * with the chain of causes that led there.
 */
public final class ScenarioRunner {
  private ScenarioRunner() {}

  /** The outcome of one scenario: problems before it could run, or failures, or neither. */
  public record Result(Scenario scenario, List<Diagnostic> problems, List<Failure> failures, List<Integer> eventLines) {
    public boolean passed() {
      return problems.stream().noneMatch(Diagnostic::isError) && failures.isEmpty();
    }
  }

  /** One failed expectation or invariant: where it was written, what was expected, what happened and why. */
  public record Failure(int line, String expected, String actual, List<String> causes) {}

  public static Result run(Scenario scenario, Engine engine) {
    Compact compact = engine.compact();
    ScenarioBinding.Bound bound = ScenarioBinding.bind(scenario, compact, false);
    if (bound.problems().stream().anyMatch(Diagnostic::isError)) {
      return new Result(scenario, bound.problems(), List.of(), bound.lines());
    }
    Replay replay = engine.replay();
    replay.advanceTo(scenario.start());
    List<Failure> failures = new ArrayList<>();
    List<Scenario.Expectation> expectations = new ArrayList<>(scenario.expectations());
    expectations.sort(Comparator.comparing(Scenario.Expectation::at).thenComparingInt(Scenario.Expectation::line));
    int next = 0;
    int watched = 0;
    Watch watch = new Watch(scenario, compact);
    List<Event> events = bound.events();
    Instant reached = scenario.start();
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      // A late-recorded event stands at its recording time: what was true before the record learnt of it is checked first.
      Instant position = ScenarioParser.position(event, reached);
      reached = position.isAfter(reached) ? position : reached;
      while (next < expectations.size() && expectations.get(next).at().isBefore(position)) {
        Scenario.Expectation expectation = expectations.get(next++);
        replay.advanceTo(expectation.at());
        watched = watch.advance(replay, watched, failures);
        check(expectation, replay, compact, failures);
      }
      replay.apply(event);
      watched = watch.advance(replay, watched, failures);
      if (replay.halt().isPresent()) {
        Outcome.Halt halt = replay.halt().get();
        failures.add(new Failure(bound.lines().get(i), "the engine to process the event on line " + bound.lines().get(i),
            "it stopped: " + halt.message(), List.of()));
        return new Result(scenario, bound.problems(), failures, bound.lines());
      }
    }
    while (next < expectations.size()) {
      Scenario.Expectation expectation = expectations.get(next++);
      replay.advanceTo(expectation.at());
      watched = watch.advance(replay, watched, failures);
      check(expectation, replay, compact, failures);
    }
    return new Result(scenario, watch.unmatched(bound.problems()), failures, bound.lines());
  }

  /**
   * Watches transitions against the invariants, and remembers which invariants matched any instance
   * at all: one that matched none checked nothing in this run, which the report says as a warning.
   */
  private static final class Watch {
    private final Scenario scenario;
    private final List<String> patterns = new ArrayList<>();
    private final boolean[] seen;

    Watch(Scenario scenario, Compact compact) {
      this.scenario = scenario;
      scenario.invariants().forEach(invariant -> patterns.add(ScenarioBinding.canonicalKey(compact, invariant.instance())));
      this.seen = new boolean[patterns.size()];
    }

    int advance(Replay replay, int from, List<Failure> failures) {
      int count = replay.transitionCount();
      for (int i = from; i < count; i++) {
        Transition transition = replay.transition(i);
        for (int k = 0; k < patterns.size(); k++) {
          if (!Scenario.Glob.matches(patterns.get(k), transition.instance().key())) {
            continue;
          }
          seen[k] = true;
          Scenario.Invariant invariant = scenario.invariants().get(k);
          if (transition.to() == invariant.state()) {
            failures.add(new Failure(invariant.line(), "never: " + invariant.instance() + " " + invariant.state().keyword(),
                transition.instance().key() + " became " + transition.to().keyword() + " at " + Timestamps.format(transition.at()),
                chain(replay, transition.instance().key(), i + 1)));
          }
        }
      }
      return count;
    }

    List<Diagnostic> unmatched(List<Diagnostic> problems) {
      List<Diagnostic> all = new ArrayList<>(problems);
      for (int k = 0; k < patterns.size(); k++) {
        if (!seen[k]) {
          Scenario.Invariant invariant = scenario.invariants().get(k);
          all.add(new Diagnostic(Diagnostic.Severity.WARNING, new SourcePosition(scenario.path(), invariant.line(), 5),
              "never: " + invariant.instance() + " matched no norm instance in this run, so it checked nothing",
              Optional.of("check the pattern against the instance ids that `compact explain` lists")));
        }
      }
      return all;
    }
  }

  private static void check(Scenario.Expectation expectation, Replay replay, Compact compact, List<Failure> failures) {
    String key = ScenarioBinding.canonicalKey(compact, expectation.instance());
    Optional<NormInstance> found = replay.instance(key);
    String when = " at " + Timestamps.format(expectation.at());
    if (expectation.absent()) {
      if (found.isPresent()) {
        failures.add(new Failure(expectation.line(), key + " not to exist" + when, "it exists: " + found.get().describe(),
            chain(replay, key, replay.transitionCount())));
      }
      return;
    }
    if (found.isEmpty()) {
      List<String> similar = new ArrayList<>();
      String prefix = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
      String clausePrefix = prefix.substring(0, Math.max(0, prefix.lastIndexOf('/')));
      for (NormInstance instance : replay.snapshot()) {
        if (instance.id().key().startsWith(clausePrefix + "/")) {
          similar.add("there is " + instance.describe());
        }
      }
      failures.add(new Failure(expectation.line(), describe(expectation, key), "no such norm instance" + when,
          similar.isEmpty() ? List.of("no instance of " + clausePrefix + " exists" + when) : similar));
      return;
    }
    NormInstance instance = found.get();
    List<String> mismatches = new ArrayList<>();
    expectation.state().filter(s -> s != instance.state()).ifPresent(s -> mismatches.add("state " + instance.state().keyword()));
    expectation.due().ifPresent(due -> {
      if (!instance.due().equals(Optional.of(due))) {
        mismatches.add("due " + instance.due().map(Timestamps::format).orElse("never (no deadline running)"));
      }
    });
    expectation.delivered().ifPresent(amount -> {
      BigDecimal delivered = instance.progress().map(p -> p.delivered()).orElse(BigDecimal.ZERO);
      if (delivered.compareTo(amount) != 0) {
        mismatches.add("delivered " + delivered.stripTrailingZeros().toPlainString()
            + instance.progress().map(p -> " (" + p.describe() + ")").orElse(""));
      }
    });
    expectation.blockedBy().ifPresent(parties -> {
      List<PartyCode> expected = parties.stream().sorted().toList();
      if (!instance.blockedBy().equals(expected)) {
        mismatches.add(instance.blockedBy().isEmpty() ? "not blocked" : "blocked by " + instance.blockedBy());
      }
    });
    if (!mismatches.isEmpty()) {
      failures.add(new Failure(expectation.line(), describe(expectation, key),
          String.join(", ", mismatches) + when + "  [" + instance.describe() + "]", chain(replay, key, replay.transitionCount())));
    }
  }

  private static String describe(Scenario.Expectation expectation, String key) {
    StringBuilder text = new StringBuilder(key);
    expectation.state().ifPresent(s -> text.append(" ").append(s.keyword()));
    expectation.due().ifPresent(d -> text.append(", due ").append(Timestamps.format(d)));
    expectation.delivered().ifPresent(d -> text.append(", delivered ").append(d.stripTrailingZeros().toPlainString()));
    expectation.blockedBy().ifPresent(b -> text.append(", blocked by ").append(b));
    return text.append(" at ").append(Timestamps.format(expectation.at())).toString();
  }

  /** The transitions of one instance with their causes, then those of the instance it remedies, up the chain. */
  static List<String> chain(Replay replay, String key, int upTo) {
    List<String> lines = new ArrayList<>();
    String current = key;
    for (int depth = 0; current != null && depth < 5; depth++) {
      String next = null;
      for (int i = 0; i < upTo; i++) {
        Transition transition = replay.transition(i);
        if (transition.instance().key().equals(current)) {
          lines.add(transition.describe());
          if (transition.cause() instanceof Cause.RemedyOf remedy) {
            next = remedy.breached().key();
          }
        }
      }
      current = next;
    }
    if (lines.isEmpty()) {
      lines.add("no transition of " + key + " yet");
    }
    return lines;
  }

  static Instant end(Scenario scenario) {
    Instant end = scenario.start();
    for (Scenario.Step step : scenario.events()) {
      if (step.event().occurredAt().isAfter(end)) {
        end = step.event().occurredAt();
      }
    }
    for (Scenario.Expectation expectation : scenario.expectations()) {
      if (expectation.at().isAfter(end)) {
        end = expectation.at();
      }
    }
    return end;
  }
}

package dev.compact.scenarios;

import dev.compact.agreements.Diagnostic;
import dev.compact.engine.Cause;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.engine.EventText;
import dev.compact.engine.InstanceId;
import dev.compact.engine.NormInstance;
import dev.compact.engine.Outcome;
import dev.compact.engine.Replay;
import dev.compact.engine.Timestamps;
import dev.compact.engine.Transition;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline of a run as a secretariat reads it: each event in the record, what it set in motion,
 * the deadlines that passed in between, the notes, and where every norm instance ended.
 */
public final class Explanation {
  private Explanation() {}

  /** Binds the scenario to the engine's compact, replays it and renders the timeline. */
  public static String render(Scenario scenario, Engine engine) {
    StringBuilder out = new StringBuilder();
    out.append("Scenario: ").append(scenario.name()).append('\n');
    out.append("File:     ").append(scenario.path()).append('\n');
    out.append("Compact:  ").append(engine.compact().id()).append('\n');
    out.append("Start:    ").append(Timestamps.format(scenario.start())).append("\n\n");
    if (!scenario.description().isEmpty()) {
      for (String line : wrap(scenario.description(), 96)) {
        out.append(line.isEmpty() ? "" : "  " + line).append('\n');
      }
      out.append('\n');
    }
    ScenarioBinding.Bound bound = ScenarioBinding.bind(scenario, engine.compact(), true);
    for (Diagnostic problem : bound.problems()) {
      out.append(problem.format()).append('\n');
    }
    Replay replay = engine.replay();
    replay.advanceTo(scenario.start());
    int shown = 0;
    int noticesShown = 0;
    out.append("Timeline\n");
    for (int i = 0; i < bound.events().size(); i++) {
      Event event = bound.events().get(i);
      replay.advanceTo(event.occurredAt());
      shown = passing(out, replay, shown);
      out.append(Timestamps.format(event.occurredAt())).append("  #").append(i + 1).append("  ")
          .append(EventText.describe(event))
          .append(event.recordedAt().isAfter(event.occurredAt()) ? ", recorded " + Timestamps.format(event.recordedAt()) : "")
          .append("  (line ").append(bound.lines().get(i)).append(")\n");
      replay.apply(event);
      for (Group group : groups(replay, shown)) {
        out.append("      ").append(group.line());
        if (!(group.first().cause() instanceof Cause.EventCause)) {
          out.append("\n          because ").append(group.first().cause().describe());
        }
        out.append('\n');
      }
      shown = replay.transitionCount();
      if (event instanceof Event.SupportEvent support && support.countsAgainst().isPresent()) {
        String prefix = switch (support.countsAgainst().get()) {
          case Event.Target.Clause c -> c.agreement() + "/" + c.clause() + "/" + support.guarantor();
          case Event.Target.Measure m -> engine.compact().umbrella().id() + "/" + m.measure() + "/" + support.guarantor() + "@"
              + m.consultation();
        };
        for (NormInstance instance : replay.snapshot()) {
          if (instance.id().key().startsWith(prefix) && instance.progress().isPresent() && !instance.state().isFinal()
              || instance.id().key().startsWith(prefix) && instance.settledAt().equals(java.util.Optional.of(event.occurredAt()))) {
            out.append("      now ").append(instance.describe()).append('\n');
          }
        }
      }
      Outcome now = replay.outcome();
      for (; noticesShown < now.notices().size(); noticesShown++) {
        out.append("      note: ").append(now.notices().get(noticesShown).message()).append('\n');
      }
      if (replay.halt().isPresent()) {
        out.append("\nSTOPPED: ").append(replay.halt().get().message()).append('\n');
        break;
      }
    }
    replay.advanceTo(ScenarioRunner.end(scenario));
    passing(out, replay, shown);
    Outcome outcome = replay.outcome();
    out.append("\nWhere things stand at ").append(outcome.clock().map(Timestamps::format).orElse("the start")).append('\n');
    for (NormInstance instance : outcome.instances()) {
      out.append("  ").append(instance.describe()).append('\n');
    }
    return out.toString();
  }

  private static int passing(StringBuilder out, Replay replay, int from) {
    for (Group group : groups(replay, from)) {
      out.append(Timestamps.format(group.first().at())).append("      ").append(group.line()).append('\n');
      out.append("          because ").append(group.first().cause().describe()).append('\n');
    }
    return replay.transitionCount();
  }

  /**
   * Transitions of one clause that happen together for the same reason, merged across obligors:
   * sixteen guarantors breaching the same deadline is one line, not sixteen.
   */
  private record Group(Transition first, List<String> obligors) {
    String line() {
      InstanceId id = first.instance();
      String who = obligors.size() == 1 ? obligors.getFirst() : "{" + String.join(", ", obligors) + "}";
      return id.agreement() + "/" + id.clause() + "/" + who + (id.context().isEmpty() ? "" : "@" + id.context()) + ": "
          + first.from().map(s -> s.keyword() + " -> ").orElse("new, ") + first.to().keyword();
    }
  }

  private static List<Group> groups(Replay replay, int from) {
    List<Group> groups = new ArrayList<>();
    for (int i = from; i < replay.transitionCount(); i++) {
      Transition transition = replay.transition(i);
      Group last = groups.isEmpty() ? null : groups.getLast();
      if (last != null && sameShape(last.first(), transition)) {
        last.obligors().add(transition.instance().obligor().value());
      } else {
        List<String> obligors = new ArrayList<>();
        obligors.add(transition.instance().obligor().value());
        groups.add(new Group(transition, obligors));
      }
    }
    return groups;
  }

  private static boolean sameShape(Transition a, Transition b) {
    return a.instance().agreement().equals(b.instance().agreement()) && a.instance().clause().equals(b.instance().clause())
        && a.instance().context().equals(b.instance().context()) && a.from().equals(b.from()) && a.to() == b.to()
        && a.at().equals(b.at()) && a.cause().describe().equals(b.cause().describe());
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n\\s*\n")) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.trim().split("\\s+")) {
        if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (!line.isEmpty()) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
      lines.add("");
    }
    if (!lines.isEmpty()) {
      lines.removeLast();
    }
    return lines;
  }
}

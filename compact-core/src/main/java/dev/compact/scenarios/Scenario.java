package dev.compact.scenarios;

import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import dev.compact.engine.State;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A scenario: a story told in events against a compact, with what negotiators expect to be true at
 * given moments and what must never happen. Every part remembers its line for reports.
 */
public record Scenario(
    String path,
    String name,
    String description,
    Optional<String> compact,
    Instant start,
    List<Step> events,
    List<Expectation> expectations,
    List<Invariant> invariants) {

  public Scenario {
    events = List.copyOf(events);
    expectations = List.copyOf(expectations);
    invariants = List.copyOf(invariants);
  }

  public List<Event> eventList() {
    return events.stream().map(Step::event).toList();
  }

  /** One event of the story and the line it was written on. */
  public record Step(Event event, int line) {}

  /**
   * What should be true of one norm instance at {@code at}: its state (empty with {@code absent}
   * when it must not exist), and optionally its due time, the amount delivered, the parties blocking it.
   */
  public record Expectation(
      Instant at,
      String instance,
      Optional<State> state,
      boolean absent,
      Optional<Instant> due,
      Optional<BigDecimal> delivered,
      Optional<List<PartyCode>> blockedBy,
      int line) {}

  /**
   * "Never": no instance matching {@code instance} (a glob, * for any run of characters; {@code
   * compact/} names the umbrella as in expectations) may enter {@code state}.
   */
  public record Invariant(String instance, State state, int line) {}

  /** Glob matching on instance ids: '*' stands for any run of characters. */
  static final class Glob {
    private Glob() {}

    static boolean matches(String pattern, String text) {
      return matches(pattern, 0, text, 0);
    }

    private static boolean matches(String pattern, int p, String text, int t) {
      while (p < pattern.length()) {
        char c = pattern.charAt(p);
        if (c == '*') {
          for (int k = t; k <= text.length(); k++) {
            if (matches(pattern, p + 1, text, k)) {
              return true;
            }
          }
          return false;
        }
        if (t >= text.length() || text.charAt(t) != c) {
          return false;
        }
        p++;
        t++;
      }
      return t == text.length();
    }
  }
}

package dev.compact.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Event;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioParserTests {

  static Parsed<Scenario> parse(String text) {
    return ScenarioParser.parse(new SourceFile("s.yaml", text));
  }

  static List<String> errors(String text) {
    return parse(text).errors().stream().map(d -> d.position().line() + ": " + d.message()).toList();
  }

  static final String HEAD = """
      name: test
      description: A test.
      start: 2025-03-01T06:00:00Z
      """;

  @Test
  void readsRelativeAndAbsoluteTimesFromTheStart() {
    Parsed<Scenario> parsed = parse(HEAD + """
        events:
          - at: +1d2h
            incident-reported: {id: i1, kind: drone-strike, place: UA-30, severity: 2, by: UKR}
          - at: +PT30H
            incident-verified: {id: i1, by: UKR}
          - at: 2025-03-04
            time-advanced: {}
        expect:
          - {at: +P1M, instance: x/y/UKR, state: active}
        """);

    Scenario scenario = parsed.value().orElseThrow();
    assertThat(scenario.eventList()).extracting(Event::occurredAt).containsExactly(
        Instant.parse("2025-03-02T08:00:00Z"), Instant.parse("2025-03-02T12:00:00Z"), Instant.parse("2025-03-04T00:00:00Z"));
    assertThat(scenario.expectations().getFirst().at()).isEqualTo(Instant.parse("2025-04-01T06:00:00Z"));
    assertThat(scenario.events().getFirst().line()).isEqualTo(5);
  }

  @Test
  void reportsEventsOutOfOrderWithTheirLines() {
    assertThat(errors(HEAD + """
        events:
          - at: +5h
            time-advanced: {}
          - at: +2h
            time-advanced: {}
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """)).containsExactly("7: events out of order: this event at 2025-03-01T08:00:00Z comes before the one on line 5 at "
        + "2025-03-01T11:00:00Z");
  }

  @Test
  void reportsMalformedTimesUnknownEventsAndUnknownFieldsWithTheirLines() {
    assertThat(errors(HEAD + """
        events:
          - at: tomorrow
            time-advanced: {}
          - at: +2h
            incident-exploded: {id: i1}
          - at: +3h
            incident-verified: {id: i1, by: UKR, colour: red}
          - at: +4h
            incident-verified: {id: i1, by: XXX}
        expect:
          - {at: +6h, instance: x/y/UKR, state: sleeping}
        """)).containsExactly(
        "5: 'tomorrow' is not a time",
        "8: unknown event 'incident-exploded'",
        "10: unknown field 'colour' in 'incident-verified'",
        "12: unknown party 'XXX'",
        "14: unknown state 'sleeping'");
  }

  @Test
  void reportsMalformedYamlWithItsLineInsteadOfThrowing() {
    List<Diagnostic> problems = parse("name: x\nevents: [\n  - at: +1h\n").errors();

    assertThat(problems).hasSize(1);
    assertThat(problems.getFirst().message()).startsWith("malformed YAML");
    assertThat(problems.getFirst().position().path()).isEqualTo("s.yaml");
  }

  @Test
  void requiresADescriptionForNegotiatorsAndSomethingToExpect() {
    assertThat(errors("name: x\nstart: 2025-01-01\nevents:\n  - at: +1h\n    time-advanced: {}\n"))
        .containsExactly("1: the scenario has no description", "1: the scenario expects nothing");
  }

  @Test
  void refusesBooleansOtherThanTrueAndFalseAndNumbersTooLargeToMean() {
    assertThat(errors(HEAD + """
        events:
          - at: +1h
            party-status: {party: UKR, status: nato-member, value: no}
          - at: +99999999999999999999h
            time-advanced: {}
          - at: +P999999999Y
            time-advanced: {}
          - at: +2h
            incident-reported: {id: i1, kind: armed-attack, place: UA-99, severity: 2, by: UKR}
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """)).contains(
        "6: 'value' must be true or false, not 'no'",
        "7: '+99999999999999999999h' is too far from the start",
        "9: '+P999999999Y' is not a valid relative time",
        "12: unknown place code 'UA-99'");
  }

  @Test
  void acceptsAnEventRecordedLateWhenItSaysWhen() {
    Parsed<Scenario> parsed = parse(HEAD + """
        events:
          - at: +5h
            time-advanced: {}
          - at: +2h
            recorded: +6h
            time-advanced: {}
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """);

    assertThat(parsed.errors()).isEmpty();
  }
}

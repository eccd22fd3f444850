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
  void aRefusedEventIsReportedOnceNotAlsoAsAScenarioWithNoEvents() {
    assertThat(errors(HEAD + """
        events:
          - at: +1h
            delivery: {by: GBR, category: military, value: USD -5, for: a/c}
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """)).noneMatch(e -> e.contains("has no events")).isNotEmpty();
    assertThat(errors(HEAD + """
        events: []
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """)).containsExactly("4: the scenario has no events");
  }

  @Test
  void refusesARateOfZeroAndARateIntoTheValuesOwnCurrency() {
    assertThat(errors(HEAD + """
        events:
          - at: +1h
            delivery: {by: GBR, category: military, value: USD 100, rate: {currency: EUR, rate: 0}, for: a/c}
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """)).containsExactly("6: a rate must be greater than zero");
    assertThat(errors(HEAD + """
        events:
          - at: +1h
            allocation: {by: GBR, category: military, value: EUR 5, rate: {currency: EUR, rate: 2}, for: a/c}
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """)).containsExactly("6: the value is already in EUR, so there is nothing to convert");
  }

  @Test
  void aZeroMeasureDeadlineIsSaidToBeTooShort() {
    assertThat(errors(HEAD + """
        events:
          - at: +1h
            measures-decided: {consultation: c1, measures: [{id: m1, obligor: GBR, action: x, within: PT0S}]}
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """)).containsExactly("6: 'PT0S' is zero or negative; a duration here must be longer than zero");
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
  @Test
  void readsAPackageAsALegalActWithASourcePerFactAndABlock() {
    Parsed<Scenario> parsed = parse(HEAD + """
        events:
          - at: +1h
            sanctions-package:
              package: us-eo14024-1
              issuer: USA
              title: EO 14024, first designations
              legal-acts: [Executive Order 14024]
              adopted: 2021-04-15
              measures:
                - {kind: asset-freeze, text: blocking of property}
                - {kind: other, text: visa suspension, from: 2021-05-01}
              designations:
                - {id: pasit, name: AO Pasit, list: ofac, entry: "31412"}
              designation-count: 6
              sources:
                legal-acts: https://example.org/eo
                adopted: https://example.org/eo
                measures: https://example.org/eo
                designations: ofac_sdn_2021/sdn.csv
                designation-count: ofac_sdn_2021/sdn.csv, rows with programme RUSSIA-EO14024
          - at: +2h
            sanctions-blocked: {package: eu-20, by: EU, blocked-by: [HUN, SVK], reason: unanimity}
        expect:
          - {at: +3h, instance: x/y/UKR, state: active}
        """);

    assertThat(parsed.errors()).isEmpty();
    List<Scenario.Step> steps = parsed.value().orElseThrow().events();
    assertThat(steps.getFirst().event()).isInstanceOfSatisfying(Event.SanctionsPackageRecorded.class, e -> {
      assertThat(e.by().value()).isEqualTo("USA");
      assertThat(e.terms().designations().getFirst().links("ofac", "31412")).isTrue();
      assertThat(e.terms().measures()).extracting(m -> m.kind()).containsExactly(dev.compact.packages.MeasureKind.ASSET_FREEZE,
          dev.compact.packages.MeasureKind.OTHER);
      assertThat(e.terms().designationCount()).contains(6);
    });
    assertThat(steps.get(1).event()).isInstanceOfSatisfying(Event.SanctionsBlocked.class,
        e -> assertThat(e.blockedBy()).extracting(p -> p.value()).containsExactly("HUN", "SVK"));
  }

  @Test
  void reportsAPackageFactWithoutASourceAndABlockWithoutBlockers() {
    List<String> errors = errors(HEAD + """
        events:
          - at: +1h
            sanctions-package:
              package: eu-14
              issuer: EU
              title: 14th package
              adopted: 2024-06-24
              designation-count: 116
              sources: {adopted: https://example.org/14}
          - at: +2h
            sanctions-blocked: {package: eu-20, by: EU}
        expect:
          - {at: +3h, instance: x/y/UKR, state: active}
        """);

    assertThat(errors).contains("11: 'designation-count' has no source", "14: 'sanctions-blocked' needs 'blocked-by', the parties that blocked it");
  }

  @Test
  void yamlsNullIsAFieldNotGivenNeverTheTextTildeOrNull() {
    String events = """
        start: 2025-03-01T06:00:00Z
        events:
          - at: +1h
            incident-reported: {id: i1, kind: drone-strike, place: UA-30, severity: 2, by: UKR}
          - at: +2h
            incident-verified: {id: i1, by: ~}
        expect:
          - {at: +6h, instance: x/y/UKR, state: active}
        """;
    assertThat(errors("name: null\ndescription: ~\n" + events)).containsExactly(
        "1: field 'name' has no value", "1: the scenario has no description", "8: field 'by' has no value");
    // Quoted, they are text, as in every YAML tool.
    Parsed<Scenario> quoted = parse("name: '~'\ndescription: \"null\"\n" + events.replace("by: ~}", "by: UKR}"));
    assertThat(quoted.errors()).isEmpty();
    assertThat(quoted.value().orElseThrow().description()).isEqualTo("null");
    // A field written twice is found even when its first value is null.
    assertThat(errors("name: ~\nname: twice\ndescription: x\n" + events.replace("by: ~}", "by: UKR}")))
        .containsExactly("2: 'name' appears twice (first on line 1)", "1: field 'name' has no value");
  }
}

package dev.compact.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.CompactParser;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Engine;
import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTests {
  static final Path KYIV = Path.of("../examples/kyiv-compact");
  static final Engine ENGINE = Engine.of(CompactParser.parse(CompactFolder.read(KYIV)).value().orElseThrow());

  static Scenario scenario(String text) {
    Parsed<Scenario> parsed = ScenarioParser.parse(new SourceFile("s.yaml", text));
    assertThat(parsed.errors()).isEmpty();
    return parsed.value().orElseThrow();
  }

  static final String STRIKE = """
      name: strike
      description: A strike and a request, then silence.
      start: 2025-03-01T06:00:00Z
      events:
        - at: +0h
          entered-into-force: {agreement: compact}
        - at: +1h
          incident-reported: {id: s1, kind: missile-strike, place: UA-63, severity: 4, by: UKR, attacker: RUS}
        - at: +2h
          consultation-requested: {id: c1, by: UKR, incident: s1}
        - at: +30h
          time-advanced: {}
      """;

  /**
   * Every scenario shipped in any example folder passes against its compact (the folder above
   * scenarios/, or the one it names), as {@code ./compact test examples/} reports.
   */
  @Test
  void everyExampleScenarioPasses() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(KYIV.getParent())) {
      files = walk.filter(p -> p.toString().endsWith(".yaml") && p.getParent().getFileName().toString().equals("scenarios"))
          .sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(50);
    // A warning in a shipped scenario is an invariant that checked nothing, or a name that does not bind.
    List<String> warnings = new java.util.ArrayList<>();
    for (Path file : files) {
      Parsed<Scenario> parsed = ScenarioParser.parse(CompactFolder.file(file, new java.util.ArrayList<>()).orElseThrow());
      Scenario scenario = parsed.value().orElseThrow(() -> new AssertionError(file + ": " + parsed.errors()));
      Path folder = scenario.compact().isPresent() ? file.getParent().resolve(scenario.compact().get()) : file.getParent().getParent();
      Engine engine = Engine.of(CompactParser.parse(CompactFolder.read(folder)).value().orElseThrow(() -> new AssertionError(folder + " does not load")));
      ScenarioRunner.Result result = ScenarioRunner.run(scenario, engine);
      assertThat(result.passed()).as(file + "\n" + ScenarioReport.text(result)).isTrue();
      result.problems().forEach(p -> warnings.add(p.format()));
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void explainsAWrongExpectationWithExpectedActualAndTheChainOfCauses() {
    Scenario scenario = scenario(STRIKE + """
        expect:
          - at: +28h
            instance: compact/kyiv-convene/USA@c1
            state: fulfilled
        """);

    ScenarioRunner.Result result = ScenarioRunner.run(scenario, ENGINE);

    assertThat(result.passed()).isFalse();
    assertThat(ScenarioReport.text(result)).contains(
        "s.yaml:14",
        "expected: kyiv-compact/kyiv-convene/USA@c1 fulfilled at 2025-03-02T10:00:00Z",
        "actual:   state breached at 2025-03-02T10:00:00Z",
        "kyiv-compact/kyiv-convene/USA@c1  new -> active  because trigger",
        "kyiv-compact/kyiv-convene/USA@c1  active -> breached  because deadline 2025-03-02T08:00:00Z passed "
            + "(24 hours after the request for consultations at 2025-03-01T08:00:00Z, inclusive)");
  }

  @Test
  void reportsAViolatedInvariantWithTheTransitionThatBrokeIt() {
    Scenario scenario = scenario(STRIKE + """
        never:
          - {instance: "*/gbr-consult/*", state: breached}
        """);

    ScenarioRunner.Result result = ScenarioRunner.run(scenario, ENGINE);

    assertThat(result.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.expected()).isEqualTo("never: */gbr-consult/* breached");
      assertThat(failure.actual()).isEqualTo("gbr-ukr-2024/gbr-consult/GBR@c1 became breached at 2025-03-02T08:00:00Z");
    });
  }

  @Test
  void refusesUnknownClausesPartiesAndIncidentsBeforeRunning() {
    Scenario scenario = scenario("""
        name: bad references
        description: Names that the compact does not have.
        start: 2025-03-01T06:00:00Z
        events:
          - at: +1h
            delivery: {by: GBR, category: military, value: GBP 10, for: gbr-ukr-2024/gbr-tanks}
          - at: +2h
            incident-verified: {id: ghost, by: UKR}
          - at: +3h
            consultation-held: {id: c9, attended: [CHN]}
        expect:
          - {at: +4h, instance: gbr-ukr-2024/gbr-nothing/GBR, state: active}
        """);

    ScenarioRunner.Result result = ScenarioRunner.run(scenario, ENGINE);

    assertThat(result.passed()).isFalse();
    assertThat(result.problems()).extracting(d -> d.position().line() + ": " + d.message()).containsExactly(
        "5: unknown clause 'gbr-tanks' in gbr-ukr-2024 (its clauses: gbr-mil-2024, gbr-drones-2024, parties-request, "
            + "gbr-consult, ukr-consult)",
        "7: unknown incident 'ghost': no earlier event reports it",
        "9: unknown consultation 'c9': no earlier event requests it",
        "9: unknown party 'CHN': it is not a party to this compact",
        "12: unknown clause 'gbr-nothing' in gbr-ukr-2024 (expectation for gbr-ukr-2024/gbr-nothing/GBR)");
  }

  @Test
  void refusesANeverPatternNamingAnAgreementOrClauseTheCompactLacksBeforeRunning() {
    Scenario scenario = scenario(STRIKE + """
        never:
          - {instance: "gbr-ukr-2024/gbr-consult-ministerial/*", state: active}
          - {instance: "nosuchagreement/*", state: breached}
          - {instance: "*/kyiv-convene-typo/*", state: breached}
          - {instance: "gbr-ukr-2024/gbr-consult/*", state: breached}
          - {instance: "*/kyiv-convene/*", state: discharged}
        """);

    ScenarioRunner.Result result = ScenarioRunner.run(scenario, ENGINE);

    assertThat(result.passed()).isFalse();
    assertThat(result.failures()).isEmpty();
    assertThat(result.problems()).extracting(d -> d.position().line() + ": " + d.message()).containsExactly(
        "14: unknown clause 'gbr-consult-ministerial' in gbr-ukr-2024 (never: gbr-ukr-2024/gbr-consult-ministerial/*; "
            + "its clauses: gbr-mil-2024, gbr-drones-2024, parties-request, gbr-consult, ukr-consult)",
        "15: unknown agreement 'nosuchagreement' in never: nosuchagreement/*",
        "16: no agreement matching '*' has a clause 'kyiv-convene-typo' (never: */kyiv-convene-typo/*)");
  }

  @Test
  void warnsWhenANeverPatternMatchedNoInstanceInTheRun() {
    Scenario scenario = scenario(STRIKE + """
        never:
          - {instance: "compact/kyiv-convene/*", state: discharged}
          - {instance: "*@c9", state: breached}
        """);

    ScenarioRunner.Result result = ScenarioRunner.run(scenario, ENGINE);

    assertThat(result.passed()).as(ScenarioReport.text(result)).isTrue();
    assertThat(result.problems()).extracting(d -> d.severity() + " " + d.position().line() + ": " + d.message()).containsExactly(
        "WARNING 15: never: *@c9 matched no norm instance in this run, so it checked nothing");
  }

  @Test
  void matchesANeverPatternWrittenWithCompactForTheUmbrella() {
    Scenario scenario = scenario(STRIKE + """
        never:
          - {instance: "compact/kyiv-convene/*", state: breached}
        """);

    ScenarioRunner.Result result = ScenarioRunner.run(scenario, ENGINE);

    assertThat(result.failures()).extracting(ScenarioRunner.Failure::actual)
        .contains("kyiv-compact/kyiv-convene/USA@c1 became breached at 2025-03-02T08:00:00Z");
  }

  @Test
  void refusesAnAmbiguousNoticeAndRunsTheRestOfTheScenario() {
    Scenario scenario = scenario("""
        name: notice on the last day of August
        description: Six months from 31 August has no answer in February under calendar refuse.
        start: 2025-08-01T00:00:00Z
        events:
          - at: 2025-08-31T00:00:00Z
            termination-notice: {agreement: usa-ukr-2024, by: USA}
          - at: 2026-04-01T00:00:00Z
            time-advanced: {}
        expect:
          - {at: 2026-04-01, instance: usa-ukr-2024/usa-terminate/USA, state: active}
        """);

    ScenarioRunner.Result result = ScenarioRunner.run(scenario, ENGINE);

    assertThat(result.passed()).isTrue();
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTests {

  @Test
  void runsTheExampleScenariosAndClosesWithTheirCount(@TempDir Path junit) throws IOException {
    CliRun run = CliRun.of("test", CliRun.example("kyiv-compact/scenarios"), CliRun.example("istanbul-2022/scenarios"), "--junit",
        junit.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^(2[7-9]|[3-9]\\d) passed, 0 failed$");
    String xml = Files.readString(junit.resolve("TEST-scenarios.xml"));
    assertThat(xml).contains("<testsuite name=\"scenarios\"").contains("failures=\"0\"")
        .contains("name=\"Under the Istanbul text Russia's objection")
        .contains("name=\"When every guarantor agrees, the Istanbul mechanism decides in time\"");
  }

  /** Audit round 5 (C17): a folder with no scenarios printed "0 passed, 0 failed" and nothing said why the exit code was 1. */
  @Test
  void aFolderWithNoScenariosFailsAndSaysSo(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not a scenario");

    CliRun run = CliRun.of("test", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("compact test: no scenario files (*.yaml, *.yml) under " + dir + "; nothing was tested");
  }

  @Test
  void aWrongExpectationFailsWithExpectedActualAndExitCodeOne(@TempDir Path dir) throws IOException {
    Path source = Path.of(CliRun.example("drafting-exercises/scenarios/01-consultation-missed-remedy-met.yaml"));
    Path scenarios = Files.createDirectories(dir.resolve("kyiv/scenarios"));
    Files.writeString(scenarios.resolve("wrong.yaml"), Files.readString(source)
        .replace("compact: ", "compact: ")
        .replace("    instance: gbr-ukr-escalation/gbr-consult/GBR@c1\n    state: breached",
            "    instance: gbr-ukr-escalation/gbr-consult/GBR@c1\n    state: fulfilled")
        + "compact: " + CliRun.example("drafting-exercises") + "\n");
    Path junit = dir.resolve("junit");

    CliRun run = CliRun.of("test", scenarios.toString(), "--junit", junit.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAIL  The United Kingdom misses the 24-hour meeting")
        .contains("expected: gbr-ukr-escalation/gbr-consult/GBR@c1 fulfilled, due 2025-03-02T08:00:00Z at 2025-03-02T09:00:00Z")
        .contains("actual:   state breached at 2025-03-02T09:00:00Z")
        .contains("because deadline 2025-03-02T08:00:00Z passed")
        .contains("0 passed, 1 failed");
    assertThat(Files.readString(junit.resolve("TEST-scenarios.xml"))).contains("failures=\"1\"").contains("<failure message=");
  }

  @Test
  void aBadScenarioGivesDiagnosticsWithFileAndLineAndNoStackTrace(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        name: bad
        description: Times that make no sense.
        compact: %s
        start: 2025-03-01T06:00:00Z
        events:
          - at: +5h
            time-advanced: {}
          - at: +2x
            time-advanced: {}
        expect:
          - {at: +6h, instance: compact/kyiv-convene/USA@c1, state: active}
        """.formatted(CliRun.example("kyiv-compact")));

    CliRun run = CliRun.of("test", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("bad.yaml:8:9: error: '+2x' is not a valid relative time")
        .contains("0 passed, 1 failed").doesNotContain("Exception", "\tat ");
  }

  @Test
  void explainPrintsTheTimelineWithCauses() {
    CliRun run = CliRun.of("explain", CliRun.example("kyiv-compact/scenarios/22-istanbul-russian-veto.yaml"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Compact:  istanbul-2022-draft")
        .contains("istanbul-2022-draft/ist-decide/{")
        .contains("because blocked by RUS (unanimity decision, event #5); then deadline 2025-03-04T08:00:00Z passed")
        .contains("note: the decision at c1 is blocked by RUS (unanimity); no measure becomes binding");
  }

  @Test
  void diffShowsTheResponseTimeAndTheRussianVeto() {
    CliRun run = CliRun.of("diff", CliRun.example("kyiv-compact"), CliRun.example("istanbul-2022/draft-2022-04-15"), "--scenarios",
        CliRun.example("kyiv-compact/scenarios"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("DIFFERS  Under the Istanbul text Russia's objection blocks every guarantor's response")
        .contains("kyiv-compact: within 24 hours of")
        .contains("istanbul-2022-draft: within 72 hours of")
        .contains("blocked by RUS")
        .containsPattern("\\d+ scenarios behave differently, \\d+ alike");
  }

  @Test
  void diffShowsWhereTheCommuniqueAndTheAprilDraftOfIstanbulPartWays() {
    CliRun run = CliRun.of("diff", CliRun.example("istanbul-2022/communique-2022-03-29"),
        CliRun.example("istanbul-2022/draft-2022-04-15"), "--scenarios", CliRun.example("istanbul-2022/scenarios"));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("DIFFERS  Russia objects, and a meeting comes three days after the attack")
        // The communique counts its three days from the aggression, the draft (as modelled) from the request.
        .contains("istanbul-2022-communique: within 72 hours of the report of the incident, due 2025-03-08T10:00:00Z: breached")
        .contains("istanbul-2022-draft: within 72 hours of the request for consultations, due 2025-03-08T20:00:00Z: fulfilled")
        // Each guarantor decides for itself under the communique; Russia's objection blocks everyone under the draft.
        .contains("istanbul-2022-communique: within 14 days of the decision on measures")
        .contains("breached at 2025-03-04T08:00:00Z, blocked by RUS");
  }

  /** Before, the message named only the path, from the JDK's exception: not why it could not be written. */
  @Test
  void aFileWhereTheReportFolderShouldBeIsNamedAsInTheWay(@TempDir Path dir) throws IOException {
    Path junit = Files.writeString(dir.resolve("junit"), "not a folder");

    CliRun run = CliRun.of("test", CliRun.example("kyiv-compact/scenarios"), "--junit", junit.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("compact test: cannot write the JUnit report in " + junit + ": a file is in the way: " + junit);
    assertThat(Files.readString(junit)).isEqualTo("not a folder");
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench runs end to end on a small compact; its figures are read by people, never asserted here. */
class EngineBenchCommandTests {

  @Test
  void foldsGeneratedEventsAndRunsGeneratedScenariosThatAllPass() {
    CliRun run = CliRun.of("bench", "engine", "--agreements", "3", "--norms", "16", "--events", "5000", "--scenarios", "20",
        "--rounds", "1");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("compact: 3 agreements x 16 norms").contains("events: 5,000 generated")
        .containsPattern("fold: [\\d,]+ events/s wall").contains("halt: none")
        .containsPattern("scenarios: 20 parsed and run in [\\d.]+ s wall, [\\d.]+ s CPU \\(20 passed\\)");
  }

  @Test
  void refusesANormCountThatIsNotAMultipleOfEight() {
    CliRun run = CliRun.of("bench", "engine", "--norms", "12");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--norms must be a positive multiple of 8");
  }
}

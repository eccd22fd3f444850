package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The HTTP bench runs end to end on a real service; its figures are read by people, never asserted here. */
class ScreeningHttpBenchCommandTests {

  @Test
  void printsInProcessAndHttpFiguresSideBySide() {
    CliRun run = CliRun.of("bench", "screening-http", "--clients", "1,2", "--seconds", "0.3", "--warmup", "0.3",
        "--warmup-max", "5", "--batch-size", "50", "--compact", CliRun.example("kyiv-compact"));

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("== Side by side")
        .containsPattern("in-process +1 +\\d+")
        .containsPattern("HTTP /api/screen +2 +\\d+")
        .containsPattern("HTTP /api/screen/batch x50 +2 +\\d+")
        .contains("socket, HTTP/1.1 keep-alive")
        // The same ratio by CPU time per name: in-process (process, matcher threads), HTTP (process, server threads), ratios.
        .containsPattern("== By CPU time per name[^\\n]*\\n.*\\n  HTTP /api/screen +1 +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d{2} +\\d+\\.\\d{2}")
        // Tests run from classes, not the jar: the CLI figure says why it is missing.
        .contains("skipped: not running from a jar");
  }

  @Test
  void refusesABatchLargerThanTheServiceAccepts() {
    CliRun run = CliRun.of("bench", "screening-http", "--batch-size", "1001");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--batch-size 1 to 1000");
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The append benches run end to end on small records; their figures are read by people, never asserted here. */
class AppendBenchCommandsTests {

  @Test
  void appendsThroughTheServiceOnARecordWithTheLiveInstancesAskedFor() {
    CliRun run = CliRun.of("bench", "append", "--instances", "600", "--appends", "20", "--rounds", "1");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("[\\d,]+ live norm instances \\(\\d+ incidents\\)")
        .containsPattern("median [\\d.]+ ms wall \\([\\d,]+ appends/s\\), [\\d.]+ ms CPU per append");
  }

  @Test
  void concurrentWritersLoseAndDuplicateNothing() {
    CliRun run = CliRun.of("bench", "writers", "--seconds", "1", "--writers", "1,4");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(WritersBenchCommand.rows(run.out())).extracting(WritersBenchCommand.Row::writers).containsExactly(1, 4);
    assertThat(WritersBenchCommand.rows(run.out())).allSatisfy(row -> {
      assertThat(row.appendsPerSecond()).isPositive();
      assertThat(row.writesPerCommit()).isPresent();
      assertThat(row.cpuMicrosPerAppend().orElseThrow()).isPositive();
    });
    assertThat(run.out()).containsPattern("acknowledged appends: [\\d,]+; in the log: [\\d,]+ \\([\\d,]+ distinct\\): 0 lost, 0 duplicated");
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code bench log} runs end to end on a small record; its figures are read by people, never asserted here. */
class LogBenchCommandTests {

  @Test
  void warmsUpThenReportsEveryRoundAndTheMediansOfBothMeasures() {
    CliRun run = CliRun.of("bench", "log", "--seconds", "0.2", "--rounds", "3", "--appends", "2", "--batches", "1", "--warmup", "0.5",
        "--events", "3000", "--proofs", "10");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("append \\(one event per transaction\\): warm-up of \\d+ rounds")
        .containsPattern("append \\(1,000 events per transaction\\): warm-up of \\d+ rounds")
        .containsPattern("round 3: [\\d,]+ events/s with the tree, [\\d,]+ without: \\d+%; CPU per event [\\d.]+ against [\\d.]+ us")
        .containsPattern("append \\(one event per transaction\\), 3 rounds of 0.2 s: [\\d,]+ appends/s with the tree, [\\d,]+/s without"
            + " \\(medians\\); rate with against without: median \\d+% \\(rounds \\d+, \\d+, \\d+\\)")
        .containsPattern("append \\(1,000 events per transaction\\), 3 rounds of 0.2 s: .*appending thread only: median \\d+%")
        .contains("10 of 10 verify");
  }

  @Test
  void refusesRoundsThatCannotMeasureAnything() {
    CliRun run = CliRun.of("bench", "log", "--rounds", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--rounds, --seconds, --appends and --batches must be positive");
  }

  @Test
  void measuresTheAppendRatesOnPostgresqlAndDropsItsDatabasesAfter() throws Exception {
    String server = System.getenv("COMPACT_TEST_PG_URL");
    Assumptions.assumeTrue(server != null && !server.isBlank(), "PostgreSQL is not available (./run-tests starts it)");

    CliRun run = CliRun.of("bench", "log", "--postgres", server, "--seconds", "0.2", "--rounds", "1", "--appends", "2", "--batches", "1",
        "--warmup", "0", "--events", "1000", "--proofs", "5");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("appends on PostgreSQL: jdbc:postgresql://").doesNotContain("password=compact")
        .containsPattern("append \\(1,000 events per transaction\\), 1 rounds of 0.2 s: [\\d,]+ events/s with the tree");
    try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_database WHERE datname LIKE 'compact_bench_log_%'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void putsTheRunsOwnDatabaseIntoTheServersUrl() {
    assertThat(LogBenchCommand.onDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=u&password=p", "b"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/b?user=u&password=p");
    assertThat(LogBenchCommand.onDatabase("jdbc:postgresql://db.example/compact", "b")).isEqualTo("jdbc:postgresql://db.example/b");
    assertThatThrownBy(() -> LogBenchCommand.onDatabase("jdbc:postgresql://db.example", "b")).isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The floors summary reads what each benchmark prints: these run the small benchmarks for real and
 * read their output back, so that a change of wording in one of them fails here rather than
 * silently dropping a figure from the summary. Figures are never asserted, only their presence.
 */
class FloorsBenchCommandTests {

  @Test
  void readsTheAgreementsBenchAgainstItsFloor() {
    CliRun run = CliRun.of("bench", "agreements", "--count", "27", "--runs", "1", "--examples", CliRun.example("kyiv-compact/agreements"));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

    List<FloorsBenchCommand.Figure> figures = FloorsBenchCommand.agreements(run.out());

    assertThat(figures).extracting(FloorsBenchCommand.Figure::path)
        .containsExactly("agreements, distinct conditions vs YAML+MD", "agreements, repeated conditions vs YAML+MD");
    assertThat(figures.getFirst().target()).contains(new FloorsBenchCommand.Target(0.4, false));
    assertThat(figures).allSatisfy(f -> assertThat(f.rate()).isPositive().isFinite());
    assertThat(figures.getFirst().floor()).isEqualTo(figures.get(1).floor());
    // The second floor composes YAML as the parser does (failsafe schema); its ratios are printed too.
    assertThat(run.out()).contains(AgreementsBenchCommand.FAILSAFE_FLOOR + ": median")
        .containsPattern("against a floor that composes YAML as the parser does \\(failsafe schema, [0-9.]+ µs CPU\\): repeated [0-9.]+, distinct [0-9.]+");
  }

  @Test
  void readsDecodeAndFoldFromTheEngineBench() {
    CliRun run = CliRun.of("bench", "engine", "--agreements", "3", "--norms", "16", "--events", "5000", "--scenarios", "5",
        "--rounds", "1", "--examples", CliRun.root().resolve("examples").toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

    List<FloorsBenchCommand.Figure> figures = FloorsBenchCommand.decode(run.out());

    assertThat(figures).extracting(FloorsBenchCommand.Figure::path).containsExactly("decode vs Jackson readTree", "fold vs decode",
        "decode vs Jackson readTree, examples' events");
    // The fold's floor is the decode's rate: replay reads and folds one after the other.
    assertThat(figures.get(1).floor()).isEqualTo(figures.getFirst().rate());
  }

  @Test
  void readsScreeningAtScaleAsAShareOfTheRealListsRate() {
    String output = """
        == Against the floor: CPU per query at scale against the real lists (9,979 entities, 0.450 ms; p99 3.1 ms)
          19,979 entities: CPU 0.500 ms per query = 1.11x the real lists (target <= 2); p99 3.5 ms at 2 threads (target < 50)
          1,009,979 entities: CPU 1.350 ms per query = 3.00x the real lists (target <= 2); p99 60.2 ms at 2 threads (target < 50)
        """;

    List<FloorsBenchCommand.Figure> figures = FloorsBenchCommand.scale(output);

    assertThat(figures).extracting(FloorsBenchCommand.Figure::path)
        .containsExactly("screening at 19,979 entities vs real lists", "screening at 1,009,979 entities vs real lists");
    assertThat(figures.get(1).ratio()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(figures.get(1).note()).contains("p99 60.2 ms at 2 threads");
  }

  @Test
  void readsHttpAndBatchCliRowsButNotTheInProcessReference() {
    String output = """
        == Side by side (2683 queries; 3 s per figure after the warm-up; load average now 4.0)
          path                           clients   names/s   p50 ms   p99 ms  CPU ms/n   server   caller  ratio  load
          in-process                           2      3800     0.50     2.00     0.500    0.000    0.500   1.00   4.0
          HTTP /api/screen                     2      2660     0.70     3.00     0.800    0.500    0.300   0.70   4.1
          HTTP /api/screen/batch x100          8      3500        -        -     0.600    0.500    0.100   0.92   4.2
          batch CLI (fresh JVM)                2      1000        -        -       NaN      NaN      NaN   0.26   4.3
          ratio: names/s against in-process at the same concurrency.
        """;

    List<FloorsBenchCommand.Figure> figures = FloorsBenchCommand.http(output);

    assertThat(figures).extracting(FloorsBenchCommand.Figure::path).containsExactly("HTTP /api/screen, 2 clients vs in-process",
        "HTTP /api/screen/batch x100, 8 clients vs in-process", "batch CLI (fresh JVM) vs in-process");
    assertThat(figures.getFirst().floor()).isCloseTo(3800, org.assertj.core.data.Offset.offset(1.0));
    assertThat(figures.getFirst().target()).contains(new FloorsBenchCommand.Target(0.7, false));
    assertThat(figures.get(1).target()).isEmpty();
    assertThat(figures.get(2).target()).contains(new FloorsBenchCommand.Target(0.5, false));
  }

  @Test
  void readsAppendsAgainstPlainJdbcWithTheBaselineTargetForEightWriters() {
    String output = """
        compact bench writers: sqlite, 2 cores, load average 3.00, 3 s per measurement
        1 writer: 1,200 appends/s through the service, 2,000/s plain JDBC (one row per transaction): 0.60 of the floor; load average 3.0
        8 writers: 1,500 appends/s through the service (6.5 writes per commit), floor 3,000/s plain JDBC (one row per transaction): 0.50 of the floor; load average 3.1
        """ + String.format(java.util.Locale.ROOT, WritersBenchCommand.ROW, 16, "s", 1800.0, 7.5, 950.0, 3100.0, 0.58, 3.2);

    List<FloorsBenchCommand.Figure> figures = FloorsBenchCommand.writers(output);

    assertThat(figures).extracting(FloorsBenchCommand.Figure::path)
        .containsExactly("appends, 1 writer, sqlite vs JDBC", "appends, 8 writers, sqlite vs JDBC", "appends, 16 writers, sqlite vs JDBC");
    assertThat(figures.get(1).target()).contains(new FloorsBenchCommand.Target(2, true));
    assertThat(figures.get(2).rate()).isEqualTo(1800.0);
    assertThat(figures.get(2).floor()).isEqualTo(3100.0);
  }

  @Test
  void refusesAnUnknownBenchmarkAndAMissingJar() {
    CliRun unknown = CliRun.of("bench", "floors", "--jar", "pom.xml", "--only", "agreements,nonsense");
    CliRun missing = CliRun.of("bench", "floors", "--jar", "no-such.jar");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown benchmark [nonsense]");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no jar no-such.jar");
  }
}

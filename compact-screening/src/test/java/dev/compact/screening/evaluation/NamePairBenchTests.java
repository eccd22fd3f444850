package dev.compact.screening.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class NamePairBenchTests {

  /**
   * The labelled pairs are OpenSanctions-derived and not in the repository: they are read from
   * ../shared/data/sanctions (or $COMPACT_SANCTIONS_DATA), and the test is skipped without them.
   */
  public static Optional<Path> sharedData() {
    String env = System.getenv("COMPACT_SANCTIONS_DATA");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/data/sanctions").normalize();
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Test
  void beatsTheTargetAndTheBaselineOnHeldOutHalves() throws IOException {
    Optional<Path> data = sharedData();
    assumeTrue(data.isPresent(), "shared sanctions data absent: ../shared/data/sanctions");
    Path file = data.get().resolve("eval/nomenklatura/name_bench_cases.csv");
    assumeTrue(Files.isReadable(file), "name_bench_cases.csv absent");
    List<NamePairBench.NamePair> pairs;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      pairs = NamePairBench.read(file.toString(), r);
    }

    NamePairBench.Calibration ours = NamePairBench.calibrate(pairs,
        NamePairBench.score(pairs, NamePairBench::alignmentScore));
    NamePairBench.Calibration baseline = NamePairBench.calibrate(pairs,
        NamePairBench.score(pairs, NamePairBench::jaroWinklerScore));

    assertThat(ours.heldOut().all().f1()).isGreaterThanOrEqualTo(0.88);
    assertThat(ours.heldOut().all().f1()).isGreaterThan(baseline.heldOut().all().f1() + 0.1);
  }

  @Test
  void pointsAtTheLineOfABadLabel() {
    String csv = "case_group,schema,name1,name2,is_match,quality\n"
        + "g,Person,A B,A B,true,STRONG\n"
        + "g,Person,A B,C D,maybe,WEAK\n";

    assertThatThrownBy(() -> NamePairBench.read("pairs.csv", new StringReader(csv)))
        .isInstanceOf(EvaluationDataException.class)
        .hasMessageContaining("pairs.csv:3")
        .hasMessageContaining("maybe");
  }

  @Test
  void choosesTheThresholdBetweenTheClasses() {
    List<NamePairBench.NamePair> pairs = List.of(
        new NamePairBench.NamePair(2, "g", dev.compact.screening.NameKind.PERSON, "a", "a", true,
            "MEDIUM"),
        new NamePairBench.NamePair(3, "g", dev.compact.screening.NameKind.PERSON, "a", "b", false,
            "MEDIUM"));

    double threshold = NamePairBench.bestThreshold(pairs, new double[] {0.9, 0.5},
        new int[] {0, 1});

    assertThat(threshold).isEqualTo(0.7);
  }
}

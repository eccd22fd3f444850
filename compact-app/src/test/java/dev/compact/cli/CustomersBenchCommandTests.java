package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomersBenchCommandTests {
  @TempDir Path dir;

  @Test
  void theSameSeedWritesTheSameFileAndAnotherSeedAnother() throws IOException {
    CliRun first = CliRun.of("bench", "customers", "--rows", "3000", "--seed", "7", "--out", dir.resolve("a.csv").toString());
    CliRun again = CliRun.of("bench", "customers", "--rows", "3000", "--seed", "7", "--out", dir.resolve("b.csv").toString());
    CliRun other = CliRun.of("bench", "customers", "--rows", "3000", "--seed", "8", "--out", dir.resolve("c.csv").toString());

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Wrote 3,000 customers (seed 7)");
    List<String> lines = Files.readAllLines(dir.resolve("a.csv"));
    assertThat(lines).hasSize(3001).first().isEqualTo("customer_id,name,type,dob,country");
    assertThat(lines.get(1)).startsWith("C00000001,");
    assertThat(Files.readAllLines(dir.resolve("b.csv"))).isEqualTo(lines);
    assertThat(Files.readAllLines(dir.resolve("c.csv"))).isNotEqualTo(lines);
  }

  @Test
  void theFileScreensWithTheBatchCliAndSomeCustomersAreListed() {
    Path customers = dir.resolve("customers.csv");
    CliRun.of("bench", "customers", "--rows", "400", "--out", customers.toString());

    CliRun run = CliRun.of("screen", "--batch", customers.toString(), "--out", dir.resolve("hits.csv").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    // About 2% are listed names: with 400 rows some alert, and nothing is refused.
    assertThat(run.out()).containsPattern("Screened 400 names: [1-9]\\d* with an alert, \\d+ with a review hit, 0 rejected");
  }
}

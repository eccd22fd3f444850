package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCacheTrainingTests {

  @Test
  void runsTheClientThroughHitsClearNamesAndRefusals(@TempDir Path dir) throws IOException {
    Path training = CliRun.root().resolve("scripts/aot-training.csv");

    int code = ClientCacheTraining.train(new String[] {training.toString(), dir.toString()});

    // A workload that failed would leave the launcher without the client's cache, silently slower.
    assertThat(code).isZero();
    String out = Files.readString(dir.resolve("training-out.csv"));
    assertThat(out.lines().count()).isGreaterThan(Files.readAllLines(training).size());
    assertThat(out).contains(",ALERT,", ",REVIEW,", ",NONE,", ",REJECTED,");
  }
}

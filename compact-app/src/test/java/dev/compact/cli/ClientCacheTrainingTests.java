package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCacheTrainingTests {

  @Test
  void runsTheClientInAProcessOfItsOwnThroughHitsClearNamesAndRefusals(@TempDir Path dir) throws Exception {
    Path training = CliRun.root().resolve("scripts/aot-training.csv");
    String java = ProcessHandle.current().info().command().orElse("java");

    int code = ClientCacheTraining.train(new String[] {training.toString(), dir.toString(), java, "-cp",
        System.getProperty("java.class.path"), CompactCli.class.getName()});

    // A workload that failed would leave the launcher without the client's cache, silently slower.
    assertThat(code).isZero();
    String out = Files.readString(dir.resolve("training-out.csv"));
    assertThat(out.lines().count()).isGreaterThan(Files.readAllLines(training).size());
    assertThat(out).contains(",ALERT,", ",REVIEW,", ",NONE,", ",REJECTED,");
  }

  @Test
  void passesOnTheClientsExitCode(@TempDir Path dir) throws Exception {
    Path training = CliRun.root().resolve("scripts/aot-training.csv");
    String java = ProcessHandle.current().info().command().orElse("java");

    // A client that refuses its command line (here: a class that is not the CLI) fails the training, which the launcher then logs.
    int code = ClientCacheTraining.train(new String[] {training.toString(), dir.toString(), java, "-cp",
        System.getProperty("java.class.path"), "dev.compact.cli.NoSuchClass"});

    assertThat(code).isNotZero();
    assertThat(dir.resolve("training-out.csv")).doesNotExist();
  }
}

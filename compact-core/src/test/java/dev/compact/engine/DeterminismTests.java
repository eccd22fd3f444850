package dev.compact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replay gives the same bytes: twice in one process, and in two processes whose identity hash codes
 * differ, so that no hash-map iteration order can leak into the output.
 */
class DeterminismTests {
  static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

  @Test
  void replayingTheExamplesTwiceInOneProcessGivesTheSameBytes() throws IOException {
    String first = ReplayInAnotherProcess.render(EXAMPLES);
    String second = ReplayInAnotherProcess.render(EXAMPLES);

    assertThat(second).isEqualTo(first);
    assertThat(first).contains("\"to\":\"breached\"").contains("\"blocked_by\":[\"RUS\"]");
  }

  @Test
  void replayingTheExamplesInTwoProcessesWithDifferentHashCodesGivesTheSameBytes() throws Exception {
    byte[] defaultHashes = run("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=5");
    byte[] constantHashes = run("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2");

    assertThat(defaultHashes.length).isGreaterThan(10_000);
    assertThat(constantHashes).isEqualTo(defaultHashes);
    assertThat(new String(defaultHashes, StandardCharsets.UTF_8)).isEqualTo(ReplayInAnotherProcess.render(EXAMPLES));
  }

  private static byte[] run(String... jvmOptions) throws Exception {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new java.util.ArrayList<>(List.of(java));
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReplayInAnotherProcess.class.getName(),
        EXAMPLES.toString()));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor()).as("exit code of " + command).isZero();
    return output;
  }
}

package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTests {

  @Test
  void aWriteThatFailsHalfwayLeavesTheOldFileAndNoPart(@TempDir Path dir) throws IOException {
    Path out = Files.writeString(dir.resolve("out.csv"), "the old results\n");

    assertThatThrownBy(() -> OutputFile.write(out, w -> {
      w.write("half of the new results\n".repeat(10_000));
      throw new IOException("No space left on device");
    })).hasMessage("No space left on device");

    assertThat(Files.readString(out)).isEqualTo("the old results\n");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void aReplacedFileKeepsItsPermissionsAndNewPersonalDataIsOwnerOnly(@TempDir Path dir) throws IOException {
    Path kept = Files.writeString(dir.resolve("kept.csv"), "old\n");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-------"));
    OutputFile.write(kept, w -> w.write("new\n"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");

    Path shared = Files.writeString(dir.resolve("shared.csv"), "old\n");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
    OutputFile.writePrivate(shared, w -> w.write("new\n"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).as("the owner's choice stands").isEqualTo("rw-rw-r--");

    Path results = dir.resolve("results.csv");
    OutputFile.writePrivate(results, w -> w.write("name,hit\n"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(results))).isEqualTo("rw-------");
  }

  @Test
  void replacesTheFileWhole(@TempDir Path dir) throws IOException {
    Path out = Files.writeString(dir.resolve("out.csv"), "the old results\n");

    OutputFile.write(out, w -> w.write("new\n"));

    assertThat(Files.readString(out)).isEqualTo("new\n");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void namesWhatIsWrongWithAPath(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertThat(OutputFile.problem(dir.resolve("out.csv"))).isEmpty();
    assertThat(OutputFile.problem(dir.resolve("no").resolve("out.csv"))).contains(
        "the folder " + dir.resolve("no") + " does not exist; create it first or write elsewhere");
    assertThat(OutputFile.problem(dir)).contains(dir + " is a folder; give the name of a file to write");
    assertThat(OutputFile.problem(file.resolve("out.csv"))).contains(file + " is a file, not a folder, so "
        + file.resolve("out.csv") + " cannot be written in it");
  }
}

package dev.compact.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-JVM screener cache: built once, rebuilt when the files change, never silently on other files. */
class ExecutorScreenersTests {
  @TempDir Path dir;

  @Test
  void buildsOnceAndRefusesFilesOtherThanTheDriverLoaded() throws IOException {
    Path ofac = ofac("""
        1,"PETROV, Ivan","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\s
        """);
    ExecutorScreeners.Loaded first = ExecutorScreeners.loadOnDriver(spec(ofac, List.of()));
    JobSpec task = spec(ofac, first.versions());

    assertThat(ExecutorScreeners.forJob(task)).isSameAs(first);

    // The file changes while the job runs: a JVM that holds the driver's versions keeps screening against them.
    ofac("""
        1,"PETROV, Ivan","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\s
        2,"KOVALENKO, Dmytro","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\s
        """);
    assertThat(ExecutorScreeners.forJob(task)).isSameAs(first);
    // One that does not (an executor that never loaded them, here: a version no file has) reloads and refuses.
    assertThatThrownBy(() -> ExecutorScreeners.forJob(spec(ofac, List.of("0".repeat(64)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("every node must read the same list files");

    // The next job's driver reads the files as they are now.
    ExecutorScreeners.Loaded second = ExecutorScreeners.loadOnDriver(spec(ofac, List.of()));
    assertThat(second.versions()).isNotEqualTo(first.versions());
    assertThat(second.screener().index().entityCount()).isEqualTo(2);
    assertThat(ExecutorScreeners.forJob(spec(ofac, second.versions()))).isSameAs(second);
  }

  private JobSpec spec(Path ofac, List<String> versions) {
    return new JobSpec(new ListSet(List.of(ofac.toString()), List.of(), List.of(), List.of(), List.of()), null, versions,
        JobSpec.Columns.defaults(), 5);
  }

  private Path ofac(String sdn) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("ofac"));
    Files.writeString(folder.resolve("sdn.csv"), sdn, StandardCharsets.UTF_8);
    return folder;
  }
}

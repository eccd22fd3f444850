package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliBatchBenchCommandTests {

  @TempDir Path dir;

  /** A stand-in launcher: writes one fixed result per name file, as a CLI that found nothing would. */
  private Path launcher(String name, String result) throws IOException {
    Path script = dir.resolve(name);
    // Each run in an empty folder of its own: a compact-data/compact.db where it runs would be screened.
    Files.writeString(script, "#!/bin/sh\n[ \"$1\" = screen ] && [ -n \"$COMPACT_CACHE_DIR\" ] || exit 3\n"
        + "[ -z \"$(ls -A .)\" ] || { echo \"runs in a folder that is not empty: $(pwd)\"; exit 5; }\n"
        + "mkdir -p \"$COMPACT_CACHE_DIR/jvm\" && touch \"$COMPACT_CACHE_DIR/jvm/cli.aot\"\n"
        + "printf '" + result + "' > \"$5\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void timesEachLauncherColdThenWarmAgainstTheInProcessRate() throws IOException {
    Path a = launcher("a", "row,line\\n");
    Path b = launcher("b", "row,line\\n");

    CliRun run = CliRun.of("bench", "cli-batch", "--cli", a.toString(), "--cli", b.toString(), "--runs", "1",
        "--warmup", "0", "--seconds", "0.2", "--data", dir.resolve("absent").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("== Side by side").containsPattern(a + " +stand-alone +cold ").containsPattern(b + " +stand-alone +warm ")
        .contains("all 4 runs wrote the same results, byte for byte");
    Matcher folder = Pattern.compile("work folder (\\S+)").matcher(run.out());
    assertThat(folder.find()).isTrue();
    try (var files = Files.list(Path.of(folder.group(1)))) {
      // The outputs stay for inspection; the launchers' cache folders (JVM caches: hundreds of MB) go.
      assertThat(files.map(p -> p.getFileName().toString()).toList()).contains("out-0.csv", "out-3.csv")
          .noneMatch(name -> name.startsWith("cache-"));
    }
  }

  @Test
  void findsALauncherGivenRelativeToTheFolderItWasStartedIn() throws IOException {
    // Each timed run happens in an empty folder of its own: a launcher typed as a relative path must still be found.
    Path relative = Path.of("").toAbsolutePath().relativize(launcher("a", "row,line\\n"));

    CliRun run = CliRun.of("bench", "cli-batch", "--cli", relative.toString(), "--runs", "1",
        "--warmup", "0", "--seconds", "0.2", "--data", dir.resolve("absent").toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).doesNotContain("failed").contains("== Side by side");
  }

  /**
   * A stand-in launcher whose {@code screen} has {@code --server}: a --server run fails unless the
   * address it is given answers on its port.
   */
  private Path client(String name) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(script, """
        #!/usr/bin/env bash
        [ "$1" = screen ] || exit 3
        [ "$2" = --help ] && { echo "--server=URL"; exit 0; }
        [ -n "$COMPACT_CACHE_DIR" ] || exit 3
        url=; prev=
        for a in "$@"; do [ "$prev" = --server ] && url=$a; prev=$a; done
        if [ -n "$url" ]; then
          hostport=${url#http://}
          exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}" || exit 4
        fi
        printf 'row,line\n' > "$5"
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void runsALauncherWithServerAgainstAServiceItStarts() throws IOException {
    Path old = launcher("old", "row,line\\n");
    Path current = client("current");

    CliRun run = CliRun.of("bench", "cli-batch", "--cli", old.toString(), "--cli", current.toString(), "--runs", "1",
        "--warmup", "0", "--seconds", "0.2", "--data", dir.resolve("absent").toString(),
        "--compact", CliRun.example("kyiv-compact"));

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("launchers with 'screen --server': [" + current + "]", "service started in")
        .containsPattern(current + " +--server +cold ").containsPattern(current + " +--server +warm ")
        .containsPattern(old + " +stand-alone +warm ").doesNotContainPattern(old + " +--server ")
        .contains("all 6 runs wrote the same results, byte for byte");
  }

  @Test
  void runsOnlyTheServerRunsWhenAskedTo() throws IOException {
    Path current = client("current");

    CliRun run = CliRun.of("bench", "cli-batch", "--cli", current.toString(), "--runs", "1", "--server-only",
        "--warmup", "0", "--seconds", "0.2", "--data", dir.resolve("absent").toString(),
        "--compact", CliRun.example("kyiv-compact"));

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern(current + " +--server +cold ").containsPattern(current + " +--server +warm ")
        .doesNotContainPattern(current + " +stand-alone ").contains("all 2 runs wrote the same results, byte for byte");
  }

  @Test
  void refusesServerOnlyWhenNoLauncherHasServer() throws IOException {
    CliRun none = CliRun.of("bench", "cli-batch", "--cli", launcher("old", "row,line\\n").toString(), "--server-only",
        "--runs", "0", "--warmup", "0", "--seconds", "0.2", "--data", dir.resolve("absent").toString());
    CliRun both = CliRun.of("bench", "cli-batch", "--server-only", "--no-server", "--warmup", "0");

    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("no launcher's 'screen' takes --server");
    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err()).contains("leave nothing to run");
  }

  @Test
  void saysSoWhenTwoLaunchersWriteDifferentResults() throws IOException {
    CliRun run = CliRun.of("bench", "cli-batch", "--cli", launcher("a", "x\\n").toString(),
        "--cli", launcher("b", "y\\n").toString(), "--runs", "0", "--warmup", "0", "--seconds", "0.2",
        "--data", dir.resolve("absent").toString());

    assertThat(run.out()).contains("OUTPUTS DIFFER");
  }
}

package dev.compact.api;

import dev.compact.ServiceApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A copy of the Kyiv compact in a test's own folder, which a test may add clauses to (the UK
 * agreement's text is appended to), served by a fresh service over a database in that folder, on
 * the test clock.
 */
public record CompactCopy(Path dir, Path compact) {
  static final String CLOCK_START = "2026-03-01T06:00:00Z";

  /** The Kyiv compact copied into {@code dir}. */
  static CompactCopy kyiv(Path dir) throws IOException {
    return new CompactCopy(dir, copy(Http.example("kyiv-compact"), dir.resolve("kyiv-compact")));
  }

  /** Appends Markdown (prose and clause blocks) to the UK agreement of the copy. */
  CompactCopy withUkText(String markdown) throws IOException {
    Path uk = compact.resolve("agreements/gbr-ukr-2024.md");
    Files.writeString(uk, Files.readString(uk) + markdown);
    return this;
  }

  /** A service over the copy and a database in the folder; the clock stands at {@link #CLOCK_START} and ticks hourly. */
  ConfigurableApplicationContext start() {
    return ServiceApplication.start("--server.port=0", "--compact.db=" + dir.resolve("c.db"), "--compact.compact-dir=" + compact,
        "--compact.test-clock=true", "--compact.test-clock-start=" + CLOCK_START, "--compact.tick-interval=PT1H");
  }

  /** Copies the folder {@code from} (a compact) to {@code to}, returned. */
  public static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return to;
  }
}

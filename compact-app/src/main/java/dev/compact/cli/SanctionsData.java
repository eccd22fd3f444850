package dev.compact.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the shared sanctions data folder ({@code ../shared/data/sanctions} beside the repository):
 * its OpenSanctions-derived files may not be committed, so they are looked up at run time from the
 * working directory or from where the jar lives.
 */
final class SanctionsData {
  private SanctionsData() {}

  static Optional<Path> locate() {
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    // The launcher names the repository: it may run the CLI from an extracted copy in the cache folder.
    String home = System.getProperty("compact.home");
    if (home != null && !home.isBlank()) {
      starts.add(Path.of(home).toAbsolutePath());
    }
    try {
      starts.add(Path.of(SanctionsData.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (Exception e) {
      // Without a code source only the working directory is searched.
    }
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("compact-screening"))) {
          Path candidate = dir.resolve("../shared/data/sanctions").normalize();
          if (Files.isDirectory(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }
}

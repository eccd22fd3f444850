package dev.compact.sanctionsregister;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * List files for tests: the OFAC 2021 release bundled in compact-screening's jar (always there), and
 * the releases in the shared data folder next to the repository, which tests skip without.
 */
public final class SharedLists {
  private SharedLists() {}

  /** The bundled OFAC SDN release of July 2021, its four files. */
  public static List<ListFile> bundledOfac2021() {
    return dev.compact.sanctions.ListLoader.bundledOfacSdnFiles();
  }

  /** An OFAC release of the shared data folder ("ofac_sdn_2019"); the test is skipped when the folder is absent. */
  public static List<ListFile> sharedOfac(String release) {
    Optional<Path> dir = shared().map(d -> d.resolve(release));
    assumeTrue(dir.isPresent() && Files.isDirectory(dir.get()),
        "shared sanctions data absent (../shared/data/sanctions/" + release + "): skipping");
    return ListFormat.OFAC.filesAt(dir.get()).stream().map(ListFormat::readFile).toList();
  }

  /** The repository's Kyiv compact, the compact test records belong to. */
  public static dev.compact.agreements.Compact kyivCompact() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path kyiv = dir.resolve("examples/kyiv-compact");
      if (Files.isDirectory(kyiv)) {
        return dev.compact.agreements.CompactParser.parse(dev.compact.sources.CompactFolder.read(kyiv)).value().orElseThrow();
      }
    }
    throw new IllegalStateException("no examples/kyiv-compact");
  }

  /** The shared data folder {@code shared/data/sanctions}, found by walking up from the working directory. */
  public static Optional<Path> shared() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/sanctions");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

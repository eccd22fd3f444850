package dev.compact.lists;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    List<ListFile> files = new ArrayList<>();
    for (String name : List.of("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")) {
      try (InputStream in = dev.compact.sanctions.ListLoader.class.getResourceAsStream("/lists/ofac_sdn_2021/" + name)) {
        files.add(new ListFile(name, in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** An OFAC release of the shared data folder ("ofac_sdn_2019"); the test is skipped when the folder is absent. */
  public static List<ListFile> sharedOfac(String release) {
    Optional<Path> dir = shared().map(d -> d.resolve(release));
    assumeTrue(dir.isPresent() && Files.isDirectory(dir.get()),
        "shared sanctions data absent (../shared/data/sanctions/" + release + "): skipping");
    return ListFormat.OFAC.filesAt(dir.get()).stream().map(ListFormat::readFile).toList();
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

package dev.compact.sanctions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Test data: resources under {@code sanctions/} and the shared, uncommitted data folder. */
final class TestLists {

  private TestLists() {}

  /** A test resource's bytes; {@code .gz} resources are decompressed and keep their plain name. */
  static SourceBytes resource(String path) {
    try (InputStream raw = TestLists.class.getResourceAsStream("/sanctions/" + path)) {
      if (raw == null) {
        throw new IllegalStateException("missing test resource sanctions/" + path);
      }
      InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      String name = Path.of(path).getFileName().toString().replaceFirst("\\.gz$", "");
      return new SourceBytes(name, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads an OFAC release kept under {@code sanctions/DIR/} (plain or gzipped files). */
  static SanctionsList ofac(String dir, boolean gzipped) {
    String gz = gzipped ? ".gz" : "";
    return OfacCsvImporter.read(OfacCsvImporter.SDN_LIST, dir,
        resource(dir + "/sdn.csv" + gz),
        Optional.of(resource(dir + "/alt.csv" + gz)),
        Optional.of(resource(dir + "/add.csv" + gz)),
        Optional.of(resource(dir + "/sdn_comments.csv" + gz)),
        note -> {});
  }

  /**
   * The shared data folder {@code shared/data/sanctions} that sits next to the repository (found
   * by walking up from the working directory), or empty when it is not there.
   */
  static Optional<Path> sharedData() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/sanctions");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * A file in the shared data folder; the test is skipped, with a message saying so, when it is
   * absent (the OpenSanctions samples may not be committed, so a fresh clone lacks them).
   */
  static Path sharedFile(String relative) {
    Optional<Path> file = sharedData().map(d -> d.resolve(relative)).filter(Files::exists);
    if (file.isEmpty()) {
      System.err.println("SKIPPED: ../shared/data/sanctions/" + relative + " is absent");
    }
    assumeTrue(file.isPresent(),
        "../shared/data/sanctions/" + relative + " is absent (not committed: CC BY-NC data); test skipped");
    return file.get();
  }

  /** The bundled UN XML file as a path (copied out of the class path when it is inside a jar). */
  static Path sharedDataOrBundledUn() throws IOException {
    Path copy = Files.createTempFile("un", ".xml");
    copy.toFile().deleteOnExit();
    Files.write(copy, resource("../lists/un_consolidated/UN_consolidated.xml").bytes());
    return copy;
  }
}

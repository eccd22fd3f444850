package dev.compact.sanctions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Loads sets of lists all or nothing, including the demonstration lists bundled in this module.
 *
 * <p>The bundled lists are old public snapshots (OFAC SDN of July 2021 and a UN Consolidated List
 * generated 2026-02-27) so that screening works on a fresh clone; they are for tests and demos
 * only, never for real screening.
 */
public final class ListLoader {

  private static final String BUNDLED = "/lists/";

  private ListLoader() {}

  /** Loads every source; if any fails, the exception propagates and none is returned. */
  public static List<SanctionsList> load(List<ListSource> sources, Consumer<String> notes) {
    List<SanctionsList> lists = new ArrayList<>(sources.size());
    for (ListSource source : sources) {
      lists.add(source.load(note -> notes.accept(source.describe() + ": " + note)));
    }
    return List.copyOf(lists);
  }

  /** The bundled demonstration lists: OFAC SDN (2021) and the UN Consolidated List. */
  public static List<SanctionsList> bundled() {
    return List.of(bundledOfacSdn(), bundledUn());
  }

  /** The bundled OFAC SDN release of July 2021 (8976 entries). */
  public static SanctionsList bundledOfacSdn() {
    return bundledOfacRelease().read(note -> {});
  }

  /** The files of the bundled OFAC SDN release, read but not parsed. */
  static OfacCsvImporter.Release bundledOfacRelease() {
    String dir = BUNDLED + "ofac_sdn_2021/";
    return new OfacCsvImporter.Release(
        OfacCsvImporter.SDN_LIST,
        "bundled " + dir,
        resource(dir, "sdn.csv"),
        Optional.of(resource(dir, "alt.csv")),
        Optional.of(resource(dir, "add.csv")),
        Optional.of(resource(dir, "sdn_comments.csv")));
  }

  /** The files of the bundled OFAC SDN release of July 2021, to record as a list version (tests, demos, benchmarks). */
  public static List<ListFile> bundledOfacSdnFiles() {
    String dir = BUNDLED + "ofac_sdn_2021/";
    return java.util.stream.Stream.of("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
        .map(name -> resource(dir, name)).map(s -> new ListFile(s.name(), s.bytes())).toList();
  }

  /** The bundled UN Security Council Consolidated List (730 individuals, 273 entities). */
  public static SanctionsList bundledUn() {
    return UnXmlImporter.read(bundledUnXml(), BUNDLED_UN);
  }

  /** Where the bundled UN list comes from, as its entities' list source names it. */
  static final String BUNDLED_UN = "bundled " + BUNDLED + "un_consolidated/";

  /** The bundled UN list's XML, read but not parsed. */
  static SourceBytes bundledUnXml() {
    return resource(BUNDLED + "un_consolidated/", "UN_consolidated.xml");
  }

  private static SourceBytes resource(String dir, String name) {
    try (InputStream in = ListLoader.class.getResourceAsStream(dir + name)) {
      if (in == null) {
        throw new IllegalStateException("bundled list file missing from the jar: " + dir + name);
      }
      return new SourceBytes(name, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.compact.spark;

import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.ListSource;
import dev.compact.sanctions.SanctionsList;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The list files to screen against, as paths every executor can read (a shared file system, or the
 * same files on every node); empty means the lists bundled with Compact. Serializable, so that the
 * job hands it to its tasks and each executor loads the same lists.
 */
public record ListSet(List<String> ofacDirs, List<String> unFiles, List<String> ftmFiles, List<String> euFiles,
    List<String> ukFiles) implements Serializable {

  public ListSet {
    ofacDirs = List.copyOf(ofacDirs);
    unFiles = List.copyOf(unFiles);
    ftmFiles = List.copyOf(ftmFiles);
    euFiles = List.copyOf(euFiles);
    ukFiles = List.copyOf(ukFiles);
  }

  /** The bundled demonstration lists. */
  public static ListSet bundled() {
    return new ListSet(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public boolean isBundled() {
    return ofacDirs.isEmpty() && unFiles.isEmpty() && ftmFiles.isEmpty() && euFiles.isEmpty() && ukFiles.isEmpty();
  }

  /** Loads every list, all or nothing; a bad file is a {@link dev.compact.sanctions.ListFormatException}. */
  public List<SanctionsList> load(Consumer<String> notes) {
    if (isBundled()) {
      return ListLoader.bundled();
    }
    List<ListSource> sources = new ArrayList<>();
    ofacDirs.forEach(d -> sources.add(new ListSource.OfacDirectory(Path.of(d))));
    unFiles.forEach(f -> sources.add(new ListSource.UnXml(Path.of(f))));
    ftmFiles.forEach(f -> sources.add(new ListSource.FtmJson(Path.of(f))));
    euFiles.forEach(f -> sources.add(new ListSource.EuCsv(Path.of(f))));
    ukFiles.forEach(f -> sources.add(new ListSource.UkCsv(Path.of(f))));
    return ListLoader.load(sources, notes);
  }
}

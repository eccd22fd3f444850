package dev.compact.sanctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The list formats a version can be recorded in, by the keyword users give ({@code ofac}, {@code
 * un}, {@code eu}, {@code uk}, {@code ftm}), with how to read one from files in memory and which
 * files on disk make one version.
 */
public enum ListFormat {
  /** OFAC legacy CSV: {@code sdn.csv} (or {@code cons_prim.csv}) and its side files. */
  OFAC,
  /** The UN Security Council Consolidated List XML. */
  UN,
  /** The EU financial sanctions file (FSF), CSV 1.1. */
  EU,
  /** The UK consolidated list CSV. */
  UK,
  /** FollowTheMoney JSON lines. */
  FTM;

  private static final List<String> OFAC_SDN = List.of("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv");
  private static final List<String> OFAC_CONSOLIDATED = List.of("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv");

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format for a keyword, or empty; the keywords are listed by {@link #keywords()}. */
  public static Optional<ListFormat> parse(String keyword) {
    for (ListFormat format : values()) {
      if (format.keyword().equalsIgnoreCase(keyword == null ? "" : keyword.strip())) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  public static String keywords() {
    return java.util.Arrays.stream(values()).map(ListFormat::keyword).collect(Collectors.joining(", "));
  }

  /**
   * Reads one version from its files, all or nothing; a problem is a {@link ListFormatException}
   * naming the file and line. OFAC files are told apart by name, and the hash is the same as for
   * the same files loaded from a directory; the other formats take exactly one file.
   */
  public SanctionsList read(List<ListFile> files, Consumer<String> notes) {
    return read(files, false, notes);
  }

  /**
   * As {@link #read(List, Consumer)}; with {@code allowStaleSideRows}, an OFAC release whose alias or
   * address rows name entries after its main file's last is read with those rows ignored and a note,
   * rather than refused as cut short (no effect on the other formats).
   */
  public SanctionsList read(List<ListFile> files, boolean allowStaleSideRows, Consumer<String> notes) {
    if (files.isEmpty()) {
      throw new ListFormatException(keyword(), 0, "no file given");
    }
    if (this == OFAC) {
      Map<String, ListFile> byName = files.stream().collect(Collectors.toMap(ListFile::name, Function.identity(), (a, b) -> {
        throw new ListFormatException(a.name(), 0, "given twice");
      }));
      List<String> names = byName.keySet().stream().anyMatch(n -> n.startsWith("cons_")) ? OFAC_CONSOLIDATED : OFAC_SDN;
      for (String name : byName.keySet()) {
        if (!names.contains(name)) {
          throw new ListFormatException(name, 0, "is not a file of an OFAC legacy CSV release; expected "
              + String.join(", ", OFAC_SDN) + " or " + String.join(", ", OFAC_CONSOLIDATED));
        }
      }
      if (!byName.containsKey(names.getFirst())) {
        throw new ListFormatException(files.getFirst().name(), 0, "an OFAC release needs its main file, sdn.csv or cons_prim.csv");
      }
      Function<String, Optional<SourceBytes>> file = n -> Optional.ofNullable(byName.get(n)).map(ListFile::source);
      return OfacCsvImporter.read(names == OFAC_SDN ? OfacCsvImporter.SDN_LIST : OfacCsvImporter.CONSOLIDATED_LIST,
          names.getFirst(), byName.get(names.getFirst()).source(), file.apply(names.get(1)), file.apply(names.get(2)),
          file.apply(names.get(3)), allowStaleSideRows, notes);
    }
    if (files.size() != 1) {
      throw new ListFormatException(files.get(1).name(), 0, "a " + keyword() + " version is one file, not " + files.size());
    }
    SourceBytes source = files.getFirst().source();
    return switch (this) {
      case OFAC -> throw new IllegalStateException("handled above");
      case UN -> UnXmlImporter.read(source, source.name());
      case EU -> EuFsfImporter.read(source, source.name());
      case UK -> UkConsolidatedImporter.read(source, source.name());
      case FTM -> FtmImporter.read(source, source.name(), notes);
    };
  }

  /**
   * The files on disk that make one version, for a path a user gives: for OFAC a directory, or its
   * main file (the side files next to it are taken too); for the others the file itself. Only the
   * paths are found here; {@link #readFile} reads them.
   */
  public List<Path> filesAt(Path path) {
    if (this != OFAC) {
      if (Files.isDirectory(path)) {
        throw new ListFormatException(path.toString(), 0, "is a directory; a " + keyword() + " version is one file");
      }
      if (!Files.exists(path)) {
        throw new ListFormatException(path.toString(), 0, "no such file");
      }
      return List.of(path);
    }
    Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    if (!Files.exists(path)) {
      throw new ListFormatException(path.toString(), 0, "no such file or directory");
    }
    if (!Files.isDirectory(path) && !OFAC_SDN.getFirst().equals(name(path)) && !OFAC_CONSOLIDATED.getFirst().equals(name(path))) {
      throw new ListFormatException(path.toString(), 0, "give the directory of an OFAC release or its sdn.csv or cons_prim.csv");
    }
    List<String> names = Files.exists(dir.resolve("sdn.csv")) ? OFAC_SDN : OFAC_CONSOLIDATED;
    if (!Files.exists(dir.resolve(names.getFirst()))) {
      throw new ListFormatException(dir.toString(), 0, "holds neither sdn.csv nor cons_prim.csv");
    }
    List<Path> paths = new ArrayList<>();
    for (String name : names) {
      if (Files.exists(dir.resolve(name))) {
        paths.add(dir.resolve(name));
      }
    }
    return paths;
  }

  /** A file's bytes, or a {@link ListFormatException} naming it. */
  public static ListFile readFile(Path path) {
    return new ListFile(name(path), SourceBytes.read(path).bytes());
  }

  private static String name(Path path) {
    return path.getFileName().toString();
  }
}

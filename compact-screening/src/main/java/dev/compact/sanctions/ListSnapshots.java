package dev.compact.sanctions;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A folder of {@link ListSnapshot}s: each list is parsed from its files once and read back from its
 * snapshot afterwards, as long as nothing it depends on has changed.
 *
 * <p>A snapshot's file is named by its key, a SHA-256 over the snapshot format, the Java version,
 * a fingerprint of this package's compiled classes (the importers), how the list is read (format
 * and origin) and the name, length and bytes of every source file. Changed source files or changed
 * importers give another key, so a stale snapshot is never found; a snapshot that is missing, was
 * written for another key, is truncated or damaged (its SHA-256 does not match) is parsed again from
 * the files and rewritten. Writes go to a temporary file moved into place, so a reader sees a whole
 * snapshot or none. When the folder cannot be written the list is parsed as without a cache. A read
 * marks the snapshot used (its modification time); snapshots unused for 30 days, such as those of
 * earlier builds, are removed when another is written.
 */
public final class ListSnapshots {

  private static final String SUFFIX = ".snapshot";
  private static final ListSnapshots OFF = new ListSnapshots(Optional.empty());

  private final SnapshotFolder folder;

  private ListSnapshots(Optional<Path> dir) {
    this.folder = new SnapshotFolder(dir, SUFFIX);
  }

  /** Snapshots kept in {@code dir} (created when first written). */
  public static ListSnapshots in(Path dir) {
    return new ListSnapshots(Optional.of(dir));
  }

  /** No snapshots: every list is parsed from its files. */
  public static ListSnapshots off() {
    return OFF;
  }

  /**
   * The snapshots the command line and the service use by default: {@code lists/} in the cache
   * folder ({@link #cacheDirectory}), or none when {@code COMPACT_CACHE} is {@code off}.
   */
  public static ListSnapshots fromEnvironment(Map<String, String> env, String userHome) {
    return SnapshotFolder.offIn(env) ? off() : in(cacheDirectory(env, userHome).resolve("lists"));
  }

  /**
   * Compact's cache folder: {@code $COMPACT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/compact}, else
   * {@code ~/.cache/compact}. The launcher ({@code ./compact}) uses the same folder for its JVM cache.
   */
  public static Path cacheDirectory(Map<String, String> env, String userHome) {
    String explicit = env.getOrDefault("COMPACT_CACHE_DIR", "").strip();
    if (!explicit.isEmpty()) {
      return Path.of(explicit);
    }
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "").strip();
    return (xdg.isEmpty() ? Path.of(userHome, ".cache") : Path.of(xdg)).resolve("compact");
  }

  /** The folder, when snapshots are on. */
  public Optional<Path> directory() {
    return folder.directory();
  }

  /** How many lists had each outcome so far. */
  public int count(SnapshotFolder.Outcome outcome) {
    return folder.count(outcome);
  }

  /** The bundled demonstration lists, as {@link ListLoader#bundled()} gives them. */
  public List<SanctionsList> bundled() {
    return List.of(bundledOfacSdn(), bundledUn());
  }

  /** As {@link ListLoader#bundledOfacSdn()}. */
  public SanctionsList bundledOfacSdn() {
    OfacCsvImporter.Release release = ListLoader.bundledOfacRelease();
    return cached("bundled OFAC " + release.origin(), release.files(), note -> {}, release::read);
  }

  /** As {@link ListLoader#bundledUn()}. */
  public SanctionsList bundledUn() {
    SourceBytes xml = ListLoader.bundledUnXml();
    return cached("bundled UN " + ListLoader.BUNDLED_UN, List.of(xml), note -> {},
        notes -> UnXmlImporter.read(xml, ListLoader.BUNDLED_UN));
  }

  /** As {@link ListLoader#load}: every source, all or nothing. */
  public List<SanctionsList> load(List<ListSource> sources, Consumer<String> notes) {
    return load(sources, false, notes);
  }

  /** As {@link #load(List, Consumer)}; {@code allowStaleSideRows} as for {@link ListFormat#read(List, boolean, Consumer)}. */
  public List<SanctionsList> load(List<ListSource> sources, boolean allowStaleSideRows, Consumer<String> notes) {
    List<SanctionsList> lists = new ArrayList<>(sources.size());
    for (ListSource source : sources) {
      lists.add(load(source, allowStaleSideRows, note -> notes.accept(source.describe() + ": " + note)));
    }
    return List.copyOf(lists);
  }

  /** As {@link ListSource#load}. */
  public SanctionsList load(ListSource source, Consumer<String> notes) {
    return load(source, false, notes);
  }

  private SanctionsList load(ListSource source, boolean allowStaleSideRows, Consumer<String> notes) {
    return switch (source) {
      case ListSource.OfacDirectory(Path d) -> {
        OfacCsvImporter.Release release = OfacCsvImporter.release(d);
        // Kept apart from the strict reading's snapshot, which must never answer for a release it refuses.
        yield cached("OFAC directory " + release.origin() + (allowStaleSideRows ? " (stale side rows allowed)" : ""), release.files(), notes,
            n -> release.read(allowStaleSideRows, n));
      }
      case ListSource.UnXml(Path file) -> file(source, file, notes, (bytes, n) -> UnXmlImporter.read(bytes, file.toString()));
      case ListSource.FtmJson(Path file) -> file(source, file, notes, (bytes, n) -> FtmImporter.read(bytes, file.toString(), n));
      case ListSource.EuCsv(Path file) -> file(source, file, notes, (bytes, n) -> EuFsfImporter.read(bytes, file.toString()));
      case ListSource.UkCsv(Path file) -> file(source, file, notes, (bytes, n) -> UkConsolidatedImporter.read(bytes, file.toString()));
    };
  }

  private SanctionsList file(ListSource source, Path file, Consumer<String> notes,
      java.util.function.BiFunction<SourceBytes, Consumer<String>, SanctionsList> read) {
    SourceBytes bytes = SourceBytes.read(file);
    return cached(source.describe(), List.of(bytes), notes, n -> read.apply(bytes, n));
  }

  /**
   * As {@link ListFormat#read}: one version from its files in memory, as a record stores them. Side
   * rows after an OFAC main file's last entry are read as stale, not refused: the record holds only
   * versions accepted when they were recorded (with {@code --allow-stale-side-rows}, or before the check
   * existed), and a version it holds must stay readable.
   */
  public SanctionsList read(ListFormat format, List<ListFile> files, Consumer<String> notes) {
    List<SourceBytes> sources = files.stream().map(ListFile::source).toList();
    return cached("recorded " + format.keyword(), sources, notes, n -> format.read(files, true, n));
  }

  /**
   * The list from its snapshot for these files, or parsed by {@code parse} (and its snapshot
   * written). A parse that fails throws as it would without a cache, and nothing is written.
   */
  SanctionsList cached(String how, List<SourceBytes> files, Consumer<String> notes,
      Function<Consumer<String>, SanctionsList> parse) {
    // The directory first: without it, the importers' code is not fingerprinted at all.
    if (folder.directory().isEmpty() || Importers.VALUE.isEmpty()) {
      folder.off();
      return parse.apply(notes);
    }
    String key = key(Importers.VALUE.get(), how, files);
    // A list read from its snapshot passes on the notes its parse gave, as a parse would.
    return folder.readOrMake(key, bytes -> ListSnapshot.decode(bytes, key).map(read -> {
      read.notes().forEach(notes);
      return read.list();
    }), () -> {
      List<String> given = new ArrayList<>();
      SanctionsList list = parse.apply(note -> {
        given.add(note);
        notes.accept(note);
      });
      return new SnapshotFolder.Made<>(list, new ListSnapshot(list, given).encode(key));
    });
  }

  /** As {@link SnapshotFiles#UNUSED}. */
  static final Duration UNUSED = SnapshotFiles.UNUSED;

  static String key(String fingerprint, String how, List<SourceBytes> files) {
    MessageDigest digest = CodeFingerprint.sha256();
    CodeFingerprint.update(digest, "compact list snapshot " + ListSnapshot.FORMAT);
    CodeFingerprint.update(digest, Runtime.version().toString());
    CodeFingerprint.update(digest, fingerprint);
    CodeFingerprint.update(digest, how);
    for (SourceBytes file : files) {
      CodeFingerprint.update(digest, file.fileName());
      digest.update(ByteBuffer.allocate(Long.BYTES).putLong(file.bytes().length).array());
      digest.update(file.bytes());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The importers' fingerprint: this package's compiled classes. */
  static final class Importers {
    static final Optional<String> VALUE = CodeFingerprint.of(ListSnapshots.class, "dev/compact/sanctions/");

    private Importers() {}
  }
}

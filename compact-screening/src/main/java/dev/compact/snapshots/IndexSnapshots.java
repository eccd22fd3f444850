package dev.compact.snapshots;

import dev.compact.sanctions.CodeFingerprint;
import dev.compact.sanctions.ListSnapshots;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.SnapshotFolder;
import dev.compact.screening.IndexSnapshot;
import dev.compact.screening.ScreeningIndex;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A folder of {@link IndexSnapshot}s: the lists' names are normalised for an index once and read
 * back afterwards, as long as neither the lists nor the matcher have changed.
 *
 * <p>A snapshot's file is named by its key, a SHA-256 over the snapshot format, the Java version, a
 * fingerprint of the matcher (the compiled classes of {@code dev.compact.screening} and its data
 * files, the ICU and Commons Codec jars it calls) and each list's name, content hash ({@link
 * SanctionsList#versionHash}) and size. Changed lists or a changed matcher give another key, so a
 * stale snapshot is not found; one that is found is still checked name by name against the lists
 * being indexed ({@link IndexSnapshot#restore}). A snapshot that is missing, damaged, truncated or
 * written for other lists is rebuilt and rewritten, as list snapshots are ({@link SnapshotFiles}).
 */
public final class IndexSnapshots {

  private static final String SUFFIX = ".index";
  private static final IndexSnapshots OFF = new IndexSnapshots(Optional.empty());

  private final SnapshotFolder folder;

  private IndexSnapshots(Optional<Path> dir) {
    this.folder = new SnapshotFolder(dir, SUFFIX);
  }

  /** Snapshots kept in {@code dir} (created when first written). */
  public static IndexSnapshots in(Path dir) {
    return new IndexSnapshots(Optional.of(dir));
  }

  /** No snapshots: every index is built from its lists. */
  public static IndexSnapshots off() {
    return OFF;
  }

  /**
   * The snapshots the command line uses by default: {@code indexes/} in the cache folder, beside the
   * list snapshots' {@code lists/} ({@link ListSnapshots#cacheDirectory}), or none when {@code
   * COMPACT_CACHE} is {@code off}.
   */
  public static IndexSnapshots fromEnvironment(Map<String, String> env, String userHome) {
    return SnapshotFolder.offIn(env) ? off() : in(ListSnapshots.cacheDirectory(env, userHome).resolve("indexes"));
  }

  /** The folder, when snapshots are on. */
  public Optional<Path> directory() {
    return folder.directory();
  }

  /** How many indexes had each outcome so far. */
  public int count(SnapshotFolder.Outcome outcome) {
    return folder.count(outcome);
  }

  /** The index of {@code lists}, from its snapshot when there is a valid one, else built (and its snapshot written). */
  public ScreeningIndex index(List<SanctionsList> lists) {
    Optional<String> fingerprint = Matcher.VALUE;
    if (folder.directory().isEmpty() || fingerprint.isEmpty()) {
      folder.off();
      return ScreeningIndex.build(lists);
    }
    String key = key(fingerprint.get(), lists);
    return folder.readOrMake(key, bytes -> IndexSnapshot.restore(bytes, key, lists), () -> {
      IndexSnapshot.Built built = IndexSnapshot.build(lists, key);
      return new SnapshotFolder.Made<>(built.index(), built.bytes());
    });
  }

  static String key(String fingerprint, List<SanctionsList> lists) {
    MessageDigest digest = CodeFingerprint.sha256();
    CodeFingerprint.update(digest, "compact index snapshot " + IndexSnapshot.FORMAT);
    CodeFingerprint.update(digest, Runtime.version().toString());
    CodeFingerprint.update(digest, fingerprint);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(lists.size()).array());
    for (SanctionsList list : lists) {
      CodeFingerprint.update(digest, list.name());
      CodeFingerprint.update(digest, list.versionHash());
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(list.size()).array());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The matcher's fingerprint: its classes and data files, and which ICU and Commons Codec jars it
   * calls (their transliteration and phonetic keys decide what a name normalises to).
   */
  static final class Matcher {
    static final Optional<String> VALUE = CodeFingerprint.of(ScreeningIndex.class, "dev/compact/screening/", "screening/")
        .map(code -> code + " " + library(com.ibm.icu.text.Transliterator.class) + " "
            + library(org.apache.commons.codec.language.DoubleMetaphone.class));

    private Matcher() {}

    /** The file name of the jar a library class came from ("icu4j-78.1.jar"), or its package's version. */
    static String library(Class<?> type) {
      try {
        String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
        while (location.endsWith("/") || location.endsWith("!")) {
          location = location.substring(0, location.length() - 1);
        }
        return location.substring(location.lastIndexOf('/') + 1);
      } catch (RuntimeException e) {
        // No code source (a class from the boot layer): its version, or at least its name.
        return type.getName() + " " + type.getPackage();
      }
    }
  }
}

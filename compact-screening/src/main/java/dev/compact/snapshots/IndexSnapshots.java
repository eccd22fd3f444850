package dev.compact.snapshots;

import dev.compact.sanctions.CodeFingerprint;
import dev.compact.sanctions.ListSnapshots;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.SnapshotFiles;
import dev.compact.screening.IndexSnapshot;
import dev.compact.screening.ScreeningIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

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

  /** What happened to one index: read from its snapshot, or built because it had none or a bad one. */
  public enum Outcome {
    /** Read from a valid snapshot. */
    READ,
    /** Built: there was no snapshot for this key. */
    MISSING,
    /** Built: the snapshot file was damaged, truncated or written for other lists. */
    REJECTED,
    /** Built: snapshots are off, or the matcher's code could not be fingerprinted. */
    OFF
  }

  private static final String SUFFIX = ".index";
  private static final IndexSnapshots OFF = new IndexSnapshots(Optional.empty());

  private final Optional<Path> dir;
  private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);

  private IndexSnapshots(Optional<Path> dir) {
    this.dir = dir;
    for (Outcome o : Outcome.values()) {
      counts.put(o, new AtomicInteger());
    }
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
    return "off".equalsIgnoreCase(env.getOrDefault("COMPACT_CACHE", "").strip()) ? off()
        : in(ListSnapshots.cacheDirectory(env, userHome).resolve("indexes"));
  }

  /** The folder, when snapshots are on. */
  public Optional<Path> directory() {
    return dir;
  }

  /** How many indexes had each outcome so far. */
  public int count(Outcome outcome) {
    return counts.get(outcome).get();
  }

  /** The index of {@code lists}, from its snapshot when there is a valid one, else built (and its snapshot written). */
  public ScreeningIndex index(List<SanctionsList> lists) {
    Optional<String> fingerprint = Matcher.VALUE;
    if (dir.isEmpty() || fingerprint.isEmpty()) {
      counts.get(Outcome.OFF).incrementAndGet();
      return ScreeningIndex.build(lists);
    }
    String key = key(fingerprint.get(), lists);
    Path file = dir.get().resolve(key + SUFFIX);
    Outcome outcome;
    try {
      Optional<ScreeningIndex> read = IndexSnapshot.restore(Files.readAllBytes(file), key, lists);
      if (read.isPresent()) {
        counts.get(Outcome.READ).incrementAndGet();
        SnapshotFiles.touch(file);
        return read.get();
      }
      outcome = Outcome.REJECTED;
    } catch (NoSuchFileException e) {
      outcome = Outcome.MISSING;
    } catch (IOException | RuntimeException e) {
      outcome = Outcome.REJECTED;
    }
    counts.get(outcome).incrementAndGet();
    IndexSnapshot.Built built = IndexSnapshot.build(lists, key);
    SnapshotFiles.write(file, built.bytes(), SUFFIX);
    return built.index();
  }

  static String key(String fingerprint, List<SanctionsList> lists) {
    MessageDigest digest = sha256();
    update(digest, "compact index snapshot " + IndexSnapshot.FORMAT);
    update(digest, Runtime.version().toString());
    update(digest, fingerprint);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(lists.size()).array());
    for (SanctionsList list : lists) {
      update(digest, list.name());
      update(digest, list.versionHash());
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(list.size()).array());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, String s) {
    CodeFingerprint.update(digest, s);
  }

  private static MessageDigest sha256() {
    return CodeFingerprint.sha256();
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

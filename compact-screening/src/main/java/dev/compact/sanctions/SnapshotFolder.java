package dev.compact.sanctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A cache folder of snapshots, each in a file named by its key, and how many values so far were read
 * from one or made again (and why). List snapshots and index snapshots differ in what they store and
 * how their key is made; reading, rebuilding, writing and counting are the same for both.
 */
public final class SnapshotFolder {

  /** What happened to one value: read from its snapshot, or made again because it had none or a bad one. */
  public enum Outcome {
    /** Read from a valid snapshot. */
    READ,
    /** Made again: there was no snapshot for this key. */
    MISSING,
    /** Made again: the snapshot file was damaged, truncated or written for another key. */
    REJECTED,
    /** Made without a snapshot: snapshots are off, or the code they depend on could not be fingerprinted. */
    OFF
  }

  /** Reads a value from a snapshot's bytes: empty when they were written for another key; throws when they are damaged. */
  @FunctionalInterface
  public interface Reader<T> {
    Optional<T> read(byte[] bytes);
  }

  /** A value made again, with the bytes of its snapshot. */
  public record Made<T>(T value, byte[] snapshot) {}

  private final Optional<Path> dir;
  private final String suffix;
  private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);

  /** Snapshots in {@code dir} (created when first written), or none when empty; their files end in {@code suffix}. */
  public SnapshotFolder(Optional<Path> dir, String suffix) {
    this.dir = dir;
    this.suffix = suffix;
    for (Outcome o : Outcome.values()) {
      counts.put(o, new AtomicInteger());
    }
  }

  /** Whether {@code COMPACT_CACHE=off} turns snapshots off. */
  public static boolean offIn(Map<String, String> env) {
    return "off".equalsIgnoreCase(env.getOrDefault("COMPACT_CACHE", "").strip());
  }

  /** The folder, when snapshots are on. */
  public Optional<Path> directory() {
    return dir;
  }

  /** How many values had each outcome so far. */
  public int count(Outcome outcome) {
    return counts.get(outcome).get();
  }

  /** Counts a value made without a snapshot. */
  public void off() {
    counts.get(Outcome.OFF).incrementAndGet();
  }

  /**
   * The value in the snapshot for {@code key} when it reads, else {@code make}'s, whose snapshot is
   * written for the next time (as {@link SnapshotFiles#write}: whole or not at all). Needs the folder.
   */
  public <T> T readOrMake(String key, Reader<T> reader, Supplier<Made<T>> make) {
    Path file = dir.orElseThrow().resolve(key + suffix);
    Outcome outcome;
    try {
      Optional<T> read = reader.read(Files.readAllBytes(file));
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
    Made<T> made = make.get();
    SnapshotFiles.write(file, made.snapshot(), suffix);
    return made.value();
  }
}

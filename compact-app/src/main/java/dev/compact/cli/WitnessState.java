package dev.compact.cli;

import dev.compact.transparency.AddCheckpoint;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A witness's folder: the log's verifier key ({@code log.vkey}), the latest checkpoint it cosigned
 * ({@code checkpoint}, with the log's signature and its own) and the evidence of forks it refused
 * ({@code evidence-M-N.txt}). Shared by {@code compact witness} (pull) and {@code compact witness
 * serve} (C2SP tlog-witness): each decision and the write of its outcome happen under one lock,
 * held across processes, so that two requests never roll the checkpoint back.
 */
final class WitnessState {
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();
  private final Path dir;

  WitnessState(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  Path dir() {
    return dir;
  }

  /** The log's key: the one kept, or {@code given} on the first run (then kept); a different one is refused. */
  NoteKey logKey(String given) throws IOException {
    Path file = dir.resolve("log.vkey");
    if (Files.exists(file)) {
      NoteKey kept = NoteKey.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (given != null && !NoteKey.parse(given).equals(kept)) {
        throw new IllegalArgumentException("--log-key differs from the key kept in " + file + "; a log does not change its key");
      }
      return kept;
    }
    if (given == null) {
      throw new IllegalArgumentException("first run: give the log's verifier key with --log-key (GET /api/log/keys shows it;"
          + " check it out of band)");
    }
    NoteKey key = NoteKey.parse(given);
    if (key.type() != NoteKey.ED25519) {
      throw new IllegalArgumentException("--log-key is not a log's key (type 0x01); a witness key cosigns, it does not sign checkpoints");
    }
    // Whole or not at all: a key file cut short by a failed write would hold the folder against every later run.
    OutputFile.write(file, w -> w.write(key.text() + "\n"));
    return key;
  }

  /** The latest checkpoint this witness cosigned, if any. */
  Optional<Note> latest() throws IOException {
    Path file = dir.resolve("checkpoint");
    return Files.exists(file) ? Optional.of(Note.parse(Files.readString(file, StandardCharsets.UTF_8))) : Optional.empty();
  }

  /** The answer to one add-checkpoint request. */
  record Answer(AddCheckpoint.Outcome outcome, Optional<Path> evidence) {}

  /**
   * Decides on {@code body} (C2SP tlog-witness add-checkpoint) and, before returning, keeps the new
   * checkpoint when it cosigned, or the evidence pair when it refused a fork: atomically.
   */
  Answer addCheckpoint(String body, NoteKey log, NoteSigner witness, long now) throws IOException {
    return locked(() -> {
      AddCheckpoint.Outcome outcome = AddCheckpoint.decide(body, log, latest(), witness, now);
      Optional<Path> evidence = Optional.empty();
      switch (outcome) {
        case AddCheckpoint.Outcome.Cosigned cosigned -> write(dir.resolve("checkpoint"), cosigned.latest().format());
        case AddCheckpoint.Outcome.Refused refused when refused.evidence().isPresent() -> {
          long held = latest().map(n -> Checkpoint.parse(n.text()).size()).orElse(0L);
          long offered = Checkpoint.parse(AddCheckpoint.parse(body).note().text()).size();
          evidence = Optional.of(writeEvidence(held, offered, refused.evidence().get()));
        }
        case AddCheckpoint.Outcome.Refused refused -> { }
      }
      return new Answer(outcome, evidence);
    });
  }

  /** Keeps {@code pair}, the evidence of a fork between the sizes {@code held} and {@code offered}, under the lock. */
  Path keepEvidence(long held, long offered, String pair) throws IOException {
    return locked(() -> writeEvidence(held, offered, pair));
  }

  private Path writeEvidence(long held, long offered, String pair) throws IOException {
    Path file = dir.resolve("evidence-" + held + "-" + offered + ".txt");
    write(file, pair);
    return file;
  }

  interface Work<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding this folder's lock, against other threads and other processes. */
  <T> T locked(Work<T> work) throws IOException {
    IN_PROCESS.lock();
    try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      return work.run();
    } finally {
      IN_PROCESS.unlock();
    }
  }

  /**
   * Written whole to a temporary file, then moved into place: a reader never sees half of it, and a
   * failed write leaves the file kept before. Owner-only, as the folder's checkpoints and evidence have been.
   */
  static void write(Path file, String text) throws IOException {
    OutputFile.writePrivate(file, w -> w.write(text));
  }
}

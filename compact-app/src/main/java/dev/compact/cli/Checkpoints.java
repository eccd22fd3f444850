package dev.compact.cli;

import dev.compact.store.Database;
import dev.compact.store.Sql;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoints a verification trusts: the one given on the command line (its signature checked
 * when the log's key is trusted) and, with that key, those the database kept whose signatures verify:
 * a writer of the database cannot forge them.
 */
record Checkpoints(List<Checkpoint> given, Optional<NoteKey> logKey, List<NoteKey> witnesses, List<String> warnings) {

  static Checkpoints read(Path file, Path trust) throws IOException {
    List<NoteKey> keys = trust == null ? List.of() : keys(trust);
    Optional<NoteKey> logKey = keys.stream().filter(k -> k.type() == NoteKey.ED25519).findFirst();
    List<NoteKey> witnesses = keys.stream().filter(k -> k.type() == NoteKey.COSIGNATURE_V1).toList();
    List<String> warnings = new ArrayList<>();
    List<Checkpoint> given = new ArrayList<>();
    if (file != null) {
      if (!Files.exists(file)) {
        throw new IllegalArgumentException("no checkpoint at " + file);
      }
      Note note;
      Checkpoint checkpoint;
      try {
        note = Note.parse(Files.readString(file, StandardCharsets.UTF_8));
        checkpoint = Checkpoint.parse(note.text());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": not a checkpoint: " + e.getMessage());
      }
      if (logKey.isPresent()) {
        if (!(note.check(logKey.get()) instanceof Note.Check.Valid)) {
          throw new IllegalArgumentException(file + ": not signed by the log key " + logKey.get().name() + " in " + trust);
        }
      } else {
        warnings.add("note: the checkpoint's signature was not checked (give the log's key with --trust)");
      }
      given.add(checkpoint);
    }
    return new Checkpoints(given, logKey, witnesses, warnings);
  }

  /** The checkpoints the database kept that the trusted log key signed; none without that key. */
  List<Checkpoint> kept(Database database) {
    if (logKey.isEmpty()) {
      return List.of();
    }
    List<Checkpoint> kept = new ArrayList<>();
    for (String[] row : Sql.query(database, "SELECT note FROM log_checkpoints ORDER BY size", 1)) {
      try {
        Note note = Note.parse(row[0]);
        if (note.check(logKey.get()) instanceof Note.Check.Valid) {
          kept.add(Checkpoint.parse(note.text()));
        }
      } catch (IllegalArgumentException e) {
        // A damaged kept checkpoint proves nothing either way; the given one still counts.
      }
    }
    return kept;
  }

  /** Verifier keys, one per line; blank lines and lines starting with # are skipped. */
  static List<NoteKey> keys(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no key file at " + file);
    }
    List<NoteKey> keys = new ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      try {
        keys.add(NoteKey.parse(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage());
      }
    }
    return keys;
  }
}

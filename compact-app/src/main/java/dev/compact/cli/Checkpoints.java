package dev.compact.cli;

import dev.compact.agreements.PartyCode;
import dev.compact.store.Database;
import dev.compact.store.Sql;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.TrustedWitness;
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
record Checkpoints(List<Checkpoint> given, Optional<NoteKey> logKey, List<TrustedWitness> witnesses, List<String> warnings) {

  static Checkpoints read(Path file, Path trust) throws IOException {
    List<TrustedWitness> keys = trust == null ? List.of() : keys(trust);
    Optional<NoteKey> logKey = keys.stream().map(TrustedWitness::key).filter(k -> k.type() == NoteKey.ED25519).findFirst();
    List<TrustedWitness> witnesses = keys.stream().filter(k -> k.key().type() == NoteKey.COSIGNATURE_V1).toList();
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

  /**
   * Verifier keys, one per line; blank lines and lines starting with # are skipped. A witness key may
   * be given as {@code PARTY=KEY}, as {@code compact.log.witnesses} lists them, to say which party it
   * belongs to; without one, its party is its name (see {@link TrustedWitness#named}).
   */
  static List<TrustedWitness> keys(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no key file at " + file);
    }
    List<TrustedWitness> keys = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      try {
        keys.add(key(text));
        numbers.add(number);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage());
      }
    }
    // One key for two parties, or the log's key as a witness's, is named by the first line that makes it so.
    NoteKey log = keys.stream().map(TrustedWitness::key).filter(k -> k.type() == NoteKey.ED25519).findFirst().orElse(null);
    List<TrustedWitness> witnesses = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).key().type() == NoteKey.COSIGNATURE_V1) {
        witnesses.add(keys.get(i));
        Optional<String> conflict = TrustedWitness.conflict(witnesses, log);
        if (conflict.isPresent()) {
          throw new IllegalArgumentException(file + ":" + numbers.get(i) + ": " + conflict.get());
        }
      }
    }
    return keys;
  }

  /**
   * One line of a key file: a key, or {@code PARTY=KEY}. A key's name ends at its first '+', so an
   * '=' before that is the party's (the base64 after it may end in '=' too).
   */
  private static TrustedWitness key(String text) {
    int equals = text.indexOf('=');
    int plus = text.indexOf('+');
    if (equals < 0 || plus >= 0 && equals > plus) {
      return TrustedWitness.named(NoteKey.parse(text));
    }
    String party = text.substring(0, equals).strip();
    if (!PartyCode.isKnown(party)) {
      throw new IllegalArgumentException("unknown party '" + party + "' (a witness key is PARTY=KEY, e.g. GBR=witness.gbr.example+...)");
    }
    NoteKey key = NoteKey.parse(text.substring(equals + 1).strip());
    if (key.type() != NoteKey.COSIGNATURE_V1) {
      throw new IllegalArgumentException(party + "'s key is not a witness's cosignature key (type 0x04): only witness keys belong to a party");
    }
    return new TrustedWitness(party, key);
  }
}

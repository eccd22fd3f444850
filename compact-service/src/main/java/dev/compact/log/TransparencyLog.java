package dev.compact.log;

import dev.compact.agreements.PartyCode;
import dev.compact.service.NotFound;
import dev.compact.service.RecordService;
import dev.compact.store.Duplicate;
import dev.compact.store.EventStore;
import dev.compact.store.LogExtent;
import dev.compact.store.LogTree;
import dev.compact.transparency.Checkpoint;
import dev.compact.transparency.Hashes;
import dev.compact.transparency.MerkleTree;
import dev.compact.transparency.Note;
import dev.compact.transparency.NoteException;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Issues, keeps and serves the log's checkpoints and gathers witnesses' cosignatures over them.
 * Every instance over one database signs with the same key, and a checkpoint of a given size is
 * the same note whoever issues it (Ed25519 is deterministic), so instances never contradict
 * each other: the tree they sign is the one in the shared tables.
 */
public final class TransparencyLog {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TransparencyLog.class);
  private final EventStore store;
  private final NoteSigner signer;
  private final List<Witness> witnesses;
  private final int quorum;
  private final Clock clock;
  /** The latest checkpoint known to be signed by the log's key: one this instance signed or checked. */
  private volatile Checkpoint verified;
  /** Why the log's last attempt to sign refused (the record no longer extends what it signed); null while it signs. */
  private volatile String refused;

  public TransparencyLog(EventStore store, NoteSigner signer, List<Witness> witnesses, int quorum, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.signer = signer;
    this.witnesses = List.copyOf(witnesses);
    long parties = witnesses.stream().map(Witness::party).distinct().count();
    if (quorum < 0 || (!witnesses.isEmpty() && quorum > parties)) {
      throw new IllegalArgumentException("compact.log.quorum is " + quorum + " but the witnesses configured are of " + parties
          + " part" + (parties == 1 ? "y" : "ies") + " (the quorum counts parties, not keys)");
    }
    dev.compact.transparency.TrustedWitness.conflict(witnesses.stream()
        .map(w -> new dev.compact.transparency.TrustedWitness(w.party().value(), w.key())).toList(), signer.key()).ifPresent(conflict -> {
          throw new IllegalArgumentException("compact.log.witnesses: " + conflict);
        });
    this.quorum = quorum;
    latestSigned(store).ifPresent(latest -> {
      if (latest.check(signer.key()) instanceof Note.Check.Invalid) {
        // This key's name and ID, but a signature it did not make: the row, not the key, is wrong.
        throw new RecordAltered("the latest checkpoint in the database (" + describe(latest) + ") names the log's key but its signature"
            + " does not verify: the row was written or changed outside the service");
      }
      if (!(latest.check(signer.key()) instanceof Note.Check.Valid)) {
        throw new LogKeyRefused("the log's key " + signer.key().text() + " did not sign the latest checkpoint the database holds ("
            + describe(latest) + "); a checkpoint of another key would not extend it for any witness or verifier, so the log"
            + " does not start with it");
      }
    });
    issue();
  }

  /**
   * The log of the service's record, with its key from {@code compact.log.key}, created there on
   * the first start only: with checkpoints already stored, a missing or different key is refused.
   *
   * @throws LogKeyRefused when the key is missing or does not verify the latest stored checkpoint
   */
  public static TransparencyLog of(RecordService record, LogSettings settings, Clock clock) {
    Optional<Note> signed = latestSigned(record.store());
    if (signed.isPresent() && !java.nio.file.Files.exists(settings.key())) {
      throw new LogKeyRefused("there is no log key at " + settings.key() + " (compact.log.key), but the database holds checkpoints"
          + " signed by one (" + describe(signed.get()) + "). Restore that key file from where it is kept apart from the database,"
          + " or point compact.log.key at it; a new key is not created, since its checkpoints would contradict what witnesses hold");
    }
    NoteSigner signer;
    try {
      signer = KeyFiles.loadOrCreate(settings.key(), settings.origin(), NoteKey.ED25519);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the log's key at " + settings.key() + ": " + e.getMessage(), e);
    }
    TransparencyLog log;
    try {
      log = new TransparencyLog(record.store(), signer, settings.witnesses().stream().map(Witness::parse).toList(), settings.quorum(), clock);
    } catch (LogKeyRefused refused) {
      throw new LogKeyRefused("compact.log.key " + settings.key() + ": " + refused.getMessage()
          + ". Point compact.log.key at the key file that signed them");
    }
    record.onChanges(changes -> log.issueQuietly());
    // A write the log would never sign is refused, not answered 201 (audit round 3, finding 15).
    record.gateWrites(log::refusal);
    return log;
  }

  /** The latest checkpoint the database holds, as the log signed it, if any. */
  private static Optional<Note> latestSigned(EventStore store) {
    return store.readTree(connection -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT note FROM log_checkpoints ORDER BY size DESC LIMIT 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Note.parse(rs.getString(1))) : Optional.<Note>empty();
      }
    });
  }

  /** "size N, signed by NAME with key ID XXXXXXXX": which key a stored checkpoint names. */
  private static String describe(Note note) {
    long size = Checkpoint.parse(note.text()).size();
    return "size " + size + ", signed by " + note.signatures().stream()
        .map(s -> s.name() + " with key ID " + java.util.HexFormat.of().toHexDigits(s.keyId())).findFirst().orElse("no key");
  }

  /** The log's public key, to give to verifiers and witnesses. */
  public NoteKey key() {
    return signer.key();
  }

  public List<Witness> witnesses() {
    return witnesses;
  }

  public int quorum() {
    return quorum;
  }

  public void issueQuietly() {
    try {
      issue();
    } catch (RecordAltered altered) {
      LOG.error("the log signs no checkpoint: {}. Find where with compact verify --trust KEYS (docs/transparency.md)", altered.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("could not issue a checkpoint, will retry: {}", e.toString());
    }
  }

  /**
   * Signs a checkpoint of the tree as it stands, unless one of that size exists; returns it. The
   * log never signs a tree that does not extend the latest checkpoint it signed: before signing, the
   * stored tree must hold at least that many leaves and still give that checkpoint's root (O(log n),
   * from the same nodes as the new root). Otherwise someone changed or removed history in the
   * database, and signing would put the log's key under two histories.
   *
   * @throws RecordAltered when the stored tree does not extend the latest checkpoint the log signed
   */
  public Checkpoint issue() {
    Checkpoint checkpoint;
    try {
      checkpoint = tree();
    } catch (RecordAltered altered) {
      refused = altered.getMessage();
      throw altered;
    }
    refused = null;
    Checkpoint signed = verified;
    if (signed == null || checkpoint.size() > signed.size()) {
      Note note = new Note(checkpoint.text(), List.of(signer.sign(checkpoint.text())));
      try {
        store.readTree(connection -> {
          try (PreparedStatement ps = connection.prepareStatement(
              "INSERT INTO log_checkpoints (size, root, note, issued_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, checkpoint.size());
            ps.setString(2, Hashes.hex(checkpoint.root()));
            ps.setString(3, note.format());
            ps.setString(4, clock.instant().toString());
            return ps.executeUpdate();
          }
        });
        remember(checkpoint);
      } catch (Duplicate | dev.compact.store.StoreException raced) {
        // Another instance issued it first: the same note, since the tree and the key are the same.
        if (stored(checkpoint.size()).isEmpty()) {
          throw raced;
        }
      }
    }
    return checkpoint;
  }

  /**
   * Why the record takes no writes now, given the head a write would extend: the log's last attempt
   * to sign refused, or the record holds fewer events than the latest checkpoint the log signed (cut
   * back since, before the log has tried again). Empty while the log signs what the record holds.
   */
  public Optional<String> refusal(long headSeq) {
    String reason = refused;
    if (reason != null) {
      return Optional.of(reason);
    }
    Checkpoint signed = verified;
    return signed == null ? Optional.empty() : LogExtent.cutBack(headSeq, signed.size());
  }

  /** The checkpoint of the stored tree as it stands, checked to extend the latest the log signed. */
  private Checkpoint tree() {
    return store.readTree(connection -> {
      // The latest checkpoint first, then the tree: a checkpoint is signed only after its leaves
      // committed, so the tree read after it is at least as large, whichever instance signed it.
      Optional<Checkpoint> last = latestVerified(connection);
      if (last.isEmpty()) {
        long size = LogTree.size(connection);
        return new Checkpoint(signer.name(), size, LogTree.withNodes(connection, nodes -> MerkleTree.root(size, nodes)));
      }
      Checkpoint signed = last.get();
      LogExtent.Extension extension = LogExtent.extension(connection, signed.size(), signed.root());
      if (extension.departure().isPresent()) {
        throw new RecordAltered(extension.departure().get());
      }
      return new Checkpoint(signer.name(), extension.leaves(), extension.root());
    });
  }

  /**
   * The latest checkpoint the log signed: the latest in the database, once its signature is checked
   * with the log's key, or the one this instance signed or checked last if that is larger (rows
   * removed from the database do not make a running log forget what it signed); empty if none.
   *
   * @throws RecordAltered when the latest row does not carry a valid signature of the log's key
   */
  private Optional<Checkpoint> latestVerified(Connection connection) throws SQLException {
    Checkpoint known = verified;
    String text = null;
    try (PreparedStatement ps = connection.prepareStatement("SELECT note FROM log_checkpoints ORDER BY size DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        text = rs.getString(1);
      }
    }
    if (text == null) {
      return Optional.ofNullable(known);
    }
    Note note;
    Checkpoint latest;
    try {
      note = Note.parse(text);
      latest = Checkpoint.parse(note.text());
    } catch (NoteException e) {
      throw new RecordAltered("the latest checkpoint row in the database is not a signed checkpoint (" + e.getMessage()
          + "): it was written outside the service");
    }
    if (known != null && latest.size() <= known.size()) {
      return Optional.of(known);
    }
    if (!(note.check(signer.key()) instanceof Note.Check.Valid)) {
      throw new RecordAltered("the latest checkpoint in the database (" + describe(note) + ") does not verify with the log's key "
          + signer.key().text() + ": it was written outside the service");
    }
    remember(latest);
    return Optional.of(latest);
  }

  /**
   * Raises what this log remembers it signed, never lowers it: two threads may sign sizes S1 < S2 and
   * finish in the other order, and the memory must not fall back to S1 (deleting rows would then help).
   */
  private synchronized void remember(Checkpoint checkpoint) {
    if (verified == null || checkpoint.size() > verified.size()) {
      verified = checkpoint;
    }
  }

  /** The log's own signed note of the checkpoint of {@code size}, if it issued one. */
  public Optional<Note> stored(long size) {
    return store.readTree(connection -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT note FROM log_checkpoints WHERE size = ?")) {
        ps.setLong(1, size);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(Note.parse(rs.getString(1))) : Optional.<Note>empty();
        }
      }
    });
  }

  /**
   * The latest checkpoint with every cosignature gathered for it, as served: never one smaller than
   * the latest this log signed, even when that one's row was removed from the database (a reader
   * would take a checkpoint that went backwards for a stale one, not for the alarm it is).
   */
  public Note latest() {
    long size = largestStored();
    Optional<Note> remembered = rememberedAbove(size);
    if (remembered.isPresent()) {
      return withCosignatures(remembered.get(), Checkpoint.parse(remembered.get().text()).size());
    }
    if (size < 0) {
      issue();
      return latest();
    }
    return withCosignatures(size);
  }

  /** The size of the largest checkpoint row the database holds, -1 when none. */
  private long largestStored() {
    return store.readTree(connection -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT MAX(size) FROM log_checkpoints"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1) == null ? -1L : rs.getLong(1);
      }
    });
  }

  /**
   * The latest checkpoint this log signed, signed again (Ed25519 is deterministic: the same note),
   * when it is larger than every checkpoint row the database holds.
   */
  private Optional<Note> rememberedAbove(long storedSize) {
    Checkpoint known = verified;
    if (known == null || known.size() <= storedSize) {
      return Optional.empty();
    }
    return Optional.of(new Note(known.text(), List.of(signer.sign(known.text()))));
  }

  /** The checkpoint of {@code size} with its cosignatures. */
  public Note withCosignatures(long size) {
    return withCosignatures(stored(size).orElseThrow(() -> new NotFound("no checkpoint of size " + size)), size);
  }

  private Note withCosignatures(Note issued, long size) {
    Note note = issued;
    for (Cosigned cosigned : cosignatures(size)) {
      note = note.with(Note.parse(note.text() + "\n" + cosigned.line() + "\n").signatures().getFirst());
    }
    return note;
  }

  /** One witness's cosignature as kept. */
  public record Cosigned(String witness, String party, String line, long signedAt) {}

  public List<Cosigned> cosignatures(long size) {
    return store.readTree(connection -> {
      List<Cosigned> all = new ArrayList<>();
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT witness, party, line, signed_at FROM log_cosignatures WHERE size = ? ORDER BY witness")) {
        ps.setLong(1, size);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            all.add(new Cosigned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
          }
        }
      }
      return all;
    });
  }

  /**
   * Keeps the cosignatures of {@code party}'s witness in {@code posted} (a checkpoint note as the
   * witness returned it), after checking that the checkpoint is one this log issued and that each
   * cosignature verifies; returns the checkpoint with all its cosignatures.
   */
  public Note cosign(PartyCode party, String posted) {
    Note note;
    Checkpoint checkpoint;
    try {
      note = Note.parse(posted);
      checkpoint = Checkpoint.parse(note.text());
    } catch (NoteException e) {
      throw new dev.compact.service.InvalidInput("not a cosigned checkpoint: " + e.getMessage(), List.of());
    }
    Note issued = stored(checkpoint.size()).filter(n -> n.text().equals(note.text()))
        .orElseThrow(() -> new dev.compact.service.InvalidInput("this log never issued that checkpoint (size " + checkpoint.size()
            + "); cosign one served at /api/log/checkpoint", List.of()));
    List<Witness> own = witnesses.stream().filter(w -> w.party().equals(party)).toList();
    if (own.isEmpty()) {
      throw new dev.compact.service.InvalidInput(party.value() + " is not a witness of this log (compact.log.witnesses)", List.of());
    }
    int kept = 0;
    for (Witness witness : own) {
      switch (note.check(witness.key())) {
        case Note.Check.Absent absent -> { }
        case Note.Check.Invalid invalid -> throw new dev.compact.service.InvalidInput(invalid.reason(), List.of());
        case Note.Check.Valid valid -> {
          String line = note.signatures().stream().filter(s -> s.name().equals(witness.key().name()) && s.keyId() == witness.key().id())
              .findFirst().orElseThrow().line().stripTrailing();
          keep(checkpoint.size(), witness, line, valid.timestamp());
          kept++;
        }
      }
    }
    if (kept == 0) {
      throw new dev.compact.service.InvalidInput("no cosignature of " + party.value() + "'s witness key is on that checkpoint", List.of());
    }
    return withCosignatures(issued.text().equals(note.text()) ? checkpoint.size() : -1);
  }

  /**
   * Keeps {@code witness}'s cosignature line over the checkpoint of {@code size}, which the caller
   * verified against the witness's key; a second cosignature of one witness for one size is dropped.
   */
  void keep(long size, Witness witness, String line, long timestamp) {
    try {
      store.readTree(connection -> insertCosignature(connection, size, witness, line, timestamp));
    } catch (Duplicate again) {
      // Cosigned before: the first cosignature stands. Any other failure is the caller's to see: a
      // cosignature answered as kept but not stored would leave the checkpoint short of its quorum.
    }
  }

  /** The log's own signed note of its latest checkpoint, without cosignatures (issuing one if there is none). */
  public Note latestIssued() {
    long size = largestStored();
    return rememberedAbove(size).orElseGet(() -> size < 0 ? stored(issue().size()).orElseThrow() : stored(size).orElseThrow());
  }

  /** The largest checkpoint {@code party}'s witnesses cosigned, 0 if none. */
  long lastCosigned(PartyCode party) {
    return store.readTree(connection -> {
      try (PreparedStatement ps = connection.prepareStatement("SELECT MAX(size) FROM log_cosignatures WHERE party = ?")) {
        ps.setString(1, party.value());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getObject(1) == null ? 0L : rs.getLong(1);
        }
      }
    });
  }

  private int insertCosignature(Connection connection, long size, Witness witness, String line, long timestamp) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        // Nothing is inserted when the witness cosigned this size before, so SQLite's guard trigger
        // (which refuses a second row, as INSERT OR REPLACE would make) is not reached; a concurrent
        // insert on PostgreSQL meets the primary key instead, which is a Duplicate.
        "INSERT INTO log_cosignatures (size, witness, party, line, signed_at, received_at) SELECT ?, ?, ?, ?, ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM log_cosignatures WHERE size = ? AND witness = ?)")) {
      ps.setLong(1, size);
      ps.setString(2, witness.key().name());
      ps.setString(3, witness.party().value());
      ps.setString(4, line);
      ps.setLong(5, timestamp);
      ps.setString(6, clock.instant().toString());
      ps.setLong(7, size);
      ps.setString(8, witness.key().name());
      return ps.executeUpdate();
    }
  }

  /** A checkpoint that enough witnesses cosigned: its tree size, root hash (base64) and who cosigned when. */
  public record Witnessed(long size, String root, List<Cosigner> witnesses) {}

  /** One witness's cosignature: its party, its key's name and when it signed (ISO-8601). */
  public record Cosigner(String party, String name, String signedAt) {}

  /**
   * The latest checkpoint that at least {@link #quorum} (at least one) distinct parties cosigned,
   * each with a key configured now in {@code compact.log.witnesses}, with who did. A cosignature
   * counts only if it verifies with that key over the checkpoint the log signed: rows of removed
   * keys, a second key of one party, or rows a writer of the database added do not count.
   */
  public Optional<Witnessed> latestWitnessed() {
    if (witnesses.isEmpty()) {
      return Optional.empty();
    }
    int needed = Math.max(quorum, 1);
    String names = String.join(", ", java.util.Collections.nCopies(witnesses.size(), "?"));
    long below = Long.MAX_VALUE;
    while (true) {
      long under = below;
      // Candidates, largest first, a page at a time: the rows' own party column is only a first cut.
      List<Long> sizes = store.readTree(connection -> {
        List<Long> page = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT size FROM log_cosignatures WHERE size < ? AND witness IN (" + names
            + ") GROUP BY size HAVING COUNT(DISTINCT party) >= ? ORDER BY size DESC LIMIT 20")) {
          ps.setLong(1, under);
          int at = 2;
          for (Witness witness : witnesses) {
            ps.setString(at++, witness.key().name());
          }
          ps.setInt(at, needed);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              page.add(rs.getLong(1));
            }
          }
        }
        return page;
      });
      for (long size : sizes) {
        Optional<Witnessed> witnessed = witnessed(size, needed);
        if (witnessed.isPresent()) {
          return witnessed;
        }
      }
      if (sizes.size() < 20) {
        return Optional.empty();
      }
      below = sizes.getLast();
    }
  }

  /** The checkpoint of {@code size} if cosignatures that verify with configured keys of {@code needed} distinct parties are kept for it. */
  private Optional<Witnessed> witnessed(long size, int needed) {
    Optional<Note> issued = stored(size);
    if (issued.isEmpty()) {
      return Optional.empty();
    }
    String text = issued.get().text();
    List<Cosigner> signers = new ArrayList<>();
    java.util.Set<PartyCode> parties = new java.util.HashSet<>();
    for (Cosigned cosigned : cosignatures(size)) {
      Note.Signature line;
      try {
        line = Note.parse(text + "\n" + cosigned.line() + "\n").signatures().getFirst();
      } catch (NoteException e) {
        continue;
      }
      for (Witness witness : witnesses) {
        if (witness.key().name().equals(line.name()) && witness.key().id() == line.keyId()
            && new Note(text, List.of(line)).check(witness.key()) instanceof Note.Check.Valid valid) {
          parties.add(witness.party());
          signers.add(new Cosigner(witness.party().value(), witness.key().name(), java.time.Instant.ofEpochSecond(valid.timestamp()).toString()));
          break;
        }
      }
    }
    if (parties.size() < needed) {
      return Optional.empty();
    }
    return Optional.of(new Witnessed(size, Base64.getEncoder().encodeToString(Checkpoint.parse(text).root()), signers));
  }

  /** The inclusion proof of leaf {@code index} in the tree of {@code size}. */
  public List<byte[]> inclusion(long index, long size) {
    return store.readTree(connection -> {
      checkSize(connection, size);
      if (index < 0 || index >= size) {
        throw new dev.compact.service.InvalidInput("index must be from 0 to size - 1 (" + (size - 1) + ")", List.of());
      }
      return LogTree.withNodes(connection, nodes -> MerkleTree.inclusion(index, size, nodes));
    });
  }

  /** The consistency proof from the tree of {@code from} to the tree of {@code to}. */
  public List<byte[]> consistency(long from, long to) {
    return store.readTree(connection -> {
      checkSize(connection, to);
      if (from < 0 || from > to) {
        throw new dev.compact.service.InvalidInput("from must be from 0 to 'to'", List.of());
      }
      return LogTree.withNodes(connection, nodes -> MerkleTree.consistency(from, to, nodes));
    });
  }

  private static void checkSize(Connection connection, long size) throws SQLException {
    long now = LogTree.size(connection);
    if (size < 1 || size > now) {
      throw new dev.compact.service.InvalidInput("size must be from 1 to the tree's size (" + now + ")", List.of());
    }
  }

}

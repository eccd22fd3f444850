package dev.compact.transparency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Checks a public export (docs/transparency.md, "The public export") with nothing but the export
 * and the keys the reader trusts: the checkpoint is signed by the log and cosigned by a quorum of
 * trusted witnesses; the leaves, in order, give its root; and each public event's content gives the
 * digest its leaf commits to. Any failure names the leaf.
 */
public final class ExportVerifier {
  private ExportVerifier() {}

  /** One line of the export: a leaf, with the event's content when it is public. */
  public record Entry(long line, String leaf, Optional<Content> content) {}

  /** What the content digest covers (see {@link Leaf#content}). */
  public record Content(String salt, String stream, long streamVersion, String actor, String payload) {}

  /** The outcome: the checkpoint the export was checked against, the leaves read, the first problem if any. */
  public record Result(Optional<Checkpoint> checkpoint, long leaves, long publicEvents, List<String> witnesses, Optional<String> problem) {
    public boolean verified() {
      return problem.isEmpty();
    }
  }

  /**
   * Picks the largest checkpoint among {@code notes} that the log's key signed and at least
   * {@code quorum} of {@code witnesses} cosigned, then reads every entry.
   */
  public static Result verify(Iterator<Entry> entries, List<String> notes, NoteKey log, List<NoteKey> witnesses, int quorum) {
    List<Checkpoint> usable = new ArrayList<>();
    List<List<String>> cosigners = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (String text : notes) {
      Note note;
      Checkpoint checkpoint;
      try {
        note = Note.parse(text);
        checkpoint = Checkpoint.parse(note.text());
      } catch (NoteException e) {
        refused.add(e.getMessage());
        continue;
      }
      if (!(note.check(log) instanceof Note.Check.Valid)) {
        refused.add("checkpoint " + checkpoint.size() + " is not signed by the log's key " + log.name());
        continue;
      }
      List<String> signed = new ArrayList<>();
      for (NoteKey witness : witnesses) {
        if (note.check(witness) instanceof Note.Check.Valid) {
          signed.add(witness.name());
        }
      }
      if (signed.size() < quorum) {
        refused.add("checkpoint " + checkpoint.size() + " has " + signed.size() + " of the " + quorum + " trusted cosignatures it needs");
        continue;
      }
      usable.add(checkpoint);
      cosigners.add(signed);
    }
    if (usable.isEmpty()) {
      return new Result(Optional.empty(), 0, 0, List.of(), Optional.of("no checkpoint in the export is signed by the log and cosigned"
          + " by " + quorum + " trusted witness" + (quorum == 1 ? "" : "es") + (refused.isEmpty() ? "" : ": " + String.join("; ", refused))));
    }
    int best = 0;
    for (int i = 1; i < usable.size(); i++) {
      if (usable.get(i).size() > usable.get(best).size()) {
        best = i;
      }
    }
    Checkpoint checkpoint = usable.get(best);
    usable.sort(Comparator.comparingLong(Checkpoint::size));
    Frontier frontier = new Frontier();
    long publicEvents = 0;
    while (entries.hasNext()) {
      Entry entry = entries.next();
      long index = frontier.size();
      Leaf leaf;
      try {
        leaf = Leaf.parse(entry.leaf());
      } catch (NoteException e) {
        return failed(checkpoint, index, publicEvents, cosigners.get(best), "line " + entry.line() + ": " + e.getMessage());
      }
      if (leaf.index() != index) {
        return failed(checkpoint, index, publicEvents, cosigners.get(best), "line " + entry.line() + " holds leaf " + leaf.index()
            + " where leaf " + index + " belongs: a leaf was dropped, added or moved at position " + index);
      }
      if (leaf.classification().equals("public")) {
        if (entry.content().isEmpty()) {
          return failed(checkpoint, index, publicEvents, cosigners.get(best), "leaf " + index + " is public but its event is withheld");
        }
        Content content = entry.content().get();
        byte[] digest = Leaf.content(content.salt(), content.stream(), content.streamVersion(), content.actor(), content.payload());
        if (!MessageDigest.isEqual(digest, leaf.content())) {
          return failed(checkpoint, index, publicEvents, cosigners.get(best), "leaf " + index
              + ": the event's content does not match the digest its leaf commits to: the event was altered");
        }
        publicEvents++;
      }
      frontier.append(Hashes.leaf(entry.leaf().getBytes(StandardCharsets.UTF_8)));
      for (Checkpoint at : usable) {
        if (at.size() == frontier.size() && !MessageDigest.isEqual(at.root(), frontier.root())) {
          return failed(checkpoint, index, publicEvents, cosigners.get(best), "the leaves up to " + index
              + " do not give the root of checkpoint " + at.size() + ": a leaf before it was altered");
        }
      }
      if (frontier.size() == checkpoint.size()) {
        break;
      }
    }
    if (frontier.size() < checkpoint.size()) {
      return failed(checkpoint, frontier.size(), publicEvents, cosigners.get(best), "the export ends at leaf " + (frontier.size() - 1)
          + " but the checkpoint covers " + checkpoint.size() + " leaves: leaves from " + frontier.size() + " on are missing");
    }
    return new Result(Optional.of(checkpoint), frontier.size(), publicEvents, cosigners.get(best), Optional.empty());
  }

  private static Result failed(Checkpoint checkpoint, long leaves, long publicEvents, List<String> witnesses, String problem) {
    return new Result(Optional.of(checkpoint), leaves, publicEvents, witnesses, Optional.of(problem));
  }
}

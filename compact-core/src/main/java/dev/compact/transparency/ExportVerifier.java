package dev.compact.transparency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a public export (docs/transparency.md, "The public export") with nothing but the export,
 * the keys the reader trusts and, if the reader holds one, a checkpoint of its own: every leaf in
 * the export, in order, gives the root of every checkpoint the log signed in it (and of the reader's
 * checkpoint); each public event's content gives the digest its leaf commits to; and the latest
 * checkpoint that a quorum of trusted witnesses' parties cosigned is named, with the leaves after it
 * that only the log signed. Any failure names the leaf, or the range of leaves the first difference lies in.
 */
public final class ExportVerifier {
  private ExportVerifier() {}

  /**
   * One line of the export: a leaf, with the event's content when it is public; {@code malformed}
   * says what is wrong with a line that could not be read as one (not JSON, a field of the wrong type).
   */
  public record Entry(long line, String leaf, Optional<Content> content, Optional<String> malformed) {
    public Entry(long line, String leaf, Optional<Content> content) {
      this(line, leaf, content, Optional.empty());
    }

    /** A line that is not an entry, and why. */
    public static Entry malformed(long line, String problem) {
      return new Entry(line, "", Optional.empty(), Optional.of(problem));
    }
  }

  /** What the content digest covers (see {@link Leaf#content}). */
  public record Content(String salt, String stream, long streamVersion, String actor, String payload) {}

  /**
   * The outcome: {@code checkpoint}, the latest checkpoint signed by the log, which every leaf read
   * was checked against; {@code witnessed}, the latest that the quorum of trusted witnesses' parties
   * cosigned ({@code witnesses} names those parties), which may be smaller; the leaves read; the first problem if any.
   */
  public record Result(Optional<Checkpoint> checkpoint, Optional<Checkpoint> witnessed, long leaves, long publicEvents,
      List<String> witnesses, Optional<String> problem) {
    public boolean verified() {
      return problem.isEmpty();
    }
  }

  /** {@link #verify(Iterator, List, NoteKey, List, int, Optional)} without a checkpoint of the reader's own. */
  public static Result verify(Iterator<Entry> entries, List<String> notes, NoteKey log, List<TrustedWitness> witnesses, int quorum) {
    return verify(entries, notes, log, witnesses, quorum, Optional.empty());
  }

  /** A checkpoint the leaves are held to, and what to call it in a problem. */
  private record Target(Checkpoint checkpoint, String name) {}

  /**
   * Reads every entry against every checkpoint among {@code notes} that the log's key signed, and
   * against {@code held} (a checkpoint the reader kept, its signature checked by the caller): the
   * export must extend what the reader holds. A checkpoint counts as witnessed when the keys of
   * {@code witnesses} that cosigned it belong to at least {@code quorum} distinct parties (two keys of
   * one party count once, as the service counts them); with a quorum above 0 the export must hold one.
   * One key listed for two parties, or the log's key listed as a witness's, is refused (see
   * {@link TrustedWitness#conflict}).
   */
  public static Result verify(Iterator<Entry> entries, List<String> notes, NoteKey log, List<TrustedWitness> witnesses, int quorum,
      Optional<Checkpoint> held) {
    Optional<String> conflict = TrustedWitness.conflict(witnesses, log);
    if (conflict.isPresent()) {
      return new Result(Optional.empty(), Optional.empty(), 0, 0, List.of(), Optional.of("the trusted keys cannot be counted: "
          + conflict.get()));
    }
    List<Checkpoint> signed = new ArrayList<>();
    List<List<String>> cosigners = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<String> lacking = new ArrayList<>();
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
      Set<String> parties = new LinkedHashSet<>();
      for (TrustedWitness witness : witnesses) {
        if (note.check(witness.key()) instanceof Note.Check.Valid) {
          parties.add(witness.party());
        }
      }
      if (parties.size() < quorum) {
        lacking.add("checkpoint " + checkpoint.size() + " is cosigned by " + parties.size() + " of the " + quorum
            + " trusted parties it needs (keys of one party count once)");
      }
      signed.add(checkpoint);
      cosigners.add(List.copyOf(parties));
    }
    if (signed.isEmpty()) {
      return new Result(Optional.empty(), Optional.empty(), 0, 0, List.of(), Optional.of("no checkpoint in the export is signed by the"
          + " log's key " + log.name() + (refused.isEmpty() ? "" : ": " + String.join("; ", refused))));
    }
    int latest = 0;
    int witnessed = -1;
    for (int i = 0; i < signed.size(); i++) {
      if (signed.get(i).size() > signed.get(latest).size()) {
        latest = i;
      }
      if (cosigners.get(i).size() >= quorum && (witnessed < 0 || signed.get(i).size() > signed.get(witnessed).size())) {
        witnessed = i;
      }
    }
    Checkpoint top = signed.get(latest);
    if (witnessed < 0) {
      return new Result(Optional.of(top), Optional.empty(), 0, 0, List.of(), Optional.of("no checkpoint in the export is signed by the log"
          + " and cosigned by " + quorum + " trusted part" + (quorum == 1 ? "y" : "ies") + ": " + String.join("; ", lacking)));
    }
    Optional<Checkpoint> witness = Optional.of(signed.get(witnessed));
    List<String> names = cosigners.get(witnessed);
    List<Target> targets = new ArrayList<>(signed.stream().map(c -> new Target(c, "checkpoint " + c.size() + " in the export")).toList());
    if (held.isPresent()) {
      Checkpoint mine = held.get();
      if (!mine.origin().equals(top.origin())) {
        return failed(top, witness, 0, 0, names, "your checkpoint is of the log " + mine.origin() + ", the export of " + top.origin());
      }
      if (mine.size() > top.size()) {
        return failed(top, witness, 0, 0, names, "your checkpoint covers " + mine.size() + " leaves but the export's latest checkpoint "
            + top.size() + ": the export is older than what you hold, so it cannot be held to it; export again");
      }
      targets.add(new Target(mine, "your checkpoint " + mine.size()));
    }
    targets.sort(Comparator.comparingLong(t -> t.checkpoint().size()));
    long matched = 0;
    for (Target target : targets) {
      if (target.checkpoint().size() == 0 && !MessageDigest.isEqual(target.checkpoint().root(), Hashes.emptyRoot())) {
        return failed(top, witness, 0, 0, names, target.name() + " has another root than the empty tree's");
      }
    }
    Frontier frontier = new Frontier();
    long publicEvents = 0;
    while (entries.hasNext()) {
      Entry entry = entries.next();
      long index = frontier.size();
      if (entry.malformed().isPresent()) {
        return failed(top, witness, index, publicEvents, names, "line " + entry.line() + " (where leaf " + index + " belongs): "
            + entry.malformed().get());
      }
      if (index >= top.size()) {
        return failed(top, witness, index, publicEvents, names, "line " + entry.line() + " holds a leaf after the " + top.size()
            + " that the latest checkpoint covers: leaves from " + index + " on are signed by no checkpoint in the export");
      }
      Leaf leaf;
      try {
        leaf = Leaf.parse(entry.leaf());
      } catch (NoteException e) {
        return failed(top, witness, index, publicEvents, names, "line " + entry.line() + ": " + e.getMessage());
      }
      if (leaf.index() != index) {
        return failed(top, witness, index, publicEvents, names, "line " + entry.line() + " holds leaf " + leaf.index()
            + " where leaf " + index + " belongs: a leaf was dropped, added or moved at position " + index);
      }
      if (leaf.classification().equals("public")) {
        if (entry.content().isEmpty()) {
          return failed(top, witness, index, publicEvents, names, "leaf " + index + " is public but its event is withheld");
        }
        Content content = entry.content().get();
        byte[] digest = Leaf.content(content.salt(), content.stream(), content.streamVersion(), content.actor(), content.payload());
        if (!MessageDigest.isEqual(digest, leaf.content())) {
          return failed(top, witness, index, publicEvents, names, "leaf " + index
              + ": the event's content does not match the digest its leaf commits to: the event was altered");
        }
        publicEvents++;
      } else if (entry.content().isPresent()) {
        // The format never shows a classified event; one shown anyway is a leak, and what it shows
        // is not what a reader may take as checked.
        return failed(top, witness, index, publicEvents, names, "leaf " + index + " is " + leaf.classification()
            + " but the export shows an event for it: a public export holds a classified event's leaf only");
      }
      frontier.append(Hashes.leaf(entry.leaf().getBytes(StandardCharsets.UTF_8)));
      for (Target at : targets) {
        if (at.checkpoint().size() != frontier.size()) {
          continue;
        }
        if (!MessageDigest.isEqual(at.checkpoint().root(), frontier.root())) {
          // The leaves up to the last checkpoint that matched are right: the first that differs lies after it.
          if (matched > index) {
            return failed(top, witness, index + 1, publicEvents, names, at.name() + " and another checkpoint of " + matched
                + " leaves are two roots for one size, both signed by the log: it showed two histories");
          }
          String where = matched == index ? "leaf " + index + " differs from the one it committed to"
              : "the first leaf that differs from what it committed to is among leaves " + matched + " to " + index
                  + (matched == 0 ? "" : " (the checkpoint of " + matched + " leaves matches)");
          return failed(top, witness, index + 1, publicEvents, names, "the leaves 0 to " + index + " do not give the root of "
              + at.name() + ": " + where);
        }
        matched = frontier.size();
      }
    }
    if (frontier.size() < top.size()) {
      return failed(top, witness, frontier.size(), publicEvents, names, (frontier.size() == 0 ? "the export holds no leaf"
          : "the export ends at leaf " + (frontier.size() - 1)) + " but the checkpoint covers " + top.size() + " leaves: leaves from "
          + frontier.size() + " on are missing");
    }
    return new Result(Optional.of(top), witness, frontier.size(), publicEvents, names, Optional.empty());
  }

  private static Result failed(Checkpoint checkpoint, Optional<Checkpoint> witnessed, long leaves, long publicEvents, List<String> witnesses,
      String problem) {
    return new Result(Optional.of(checkpoint), witnessed, leaves, publicEvents, witnesses, Optional.of(problem));
  }
}

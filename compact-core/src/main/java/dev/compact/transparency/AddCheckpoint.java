package dev.compact.transparency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The C2SP tlog-witness {@code add-checkpoint} call, both sides: the request a log sends (the
 * size the witness last cosigned, a consistency proof from it, a blank line, the signed
 * checkpoint) and the witness's decision on it, with the status codes the specification gives.
 * Pure: the caller keeps the witness's state, persists the new checkpoint before answering, and
 * does both atomically.
 */
public final class AddCheckpoint {
  /** The specification's bound on consistency proof lines (a proof of a tree of up to 2^63 leaves). */
  public static final int MAX_PROOF_LINES = 63;
  /** The content type of a 409 answer: the witness's latest cosigned size, in decimal, and a newline. */
  public static final String SIZE_CONTENT_TYPE = "text/x.tlog.size";

  private AddCheckpoint() {}

  /** A parsed request: the old size, the consistency proof from it, and the checkpoint note. */
  public record Request(long oldSize, List<byte[]> proof, Note note) {
    public Request {
      proof = List.copyOf(proof);
    }

    /** The request body, as a log sends it. */
    public String format() {
      StringBuilder out = new StringBuilder("old ").append(oldSize).append('\n');
      for (byte[] hash : proof) {
        out.append(Base64.getEncoder().encodeToString(hash)).append('\n');
      }
      return out.append('\n').append(note.format()).toString();
    }
  }

  /** What the witness answers. */
  public sealed interface Outcome {
    /**
     * 200: {@code cosignature} over the checkpoint; {@code latest} is what the witness must persist
     * before answering (the checkpoint, the log's verified signature and the cosignature).
     */
    record Cosigned(Note latest, Note.Signature cosignature) implements Outcome {
      /** The response body: the cosignature line. */
      public String body() {
        return cosignature.line();
      }
    }

    /**
     * Refused with an HTTP status and a body ({@code contentType} is {@link #SIZE_CONTENT_TYPE} for a
     * 409, text otherwise). {@code evidence} holds both checkpoints, signed by the log, when the
     * refusal proves that the log showed two histories.
     */
    record Refused(int status, String contentType, String body, Optional<String> evidence) implements Outcome {}
  }

  /** Parses a request body; a malformed one is refused with 400 and what is wrong. */
  public static Request parse(String body) {
    int blank = body.indexOf("\n\n");
    if (blank < 0) {
      throw new NoteException("the request is an old size line, proof lines, a blank line and the checkpoint; no blank line found");
    }
    String[] lines = body.substring(0, blank).split("\n", -1);
    if (!lines[0].startsWith("old ") || !lines[0].substring(4).matches("0|[1-9][0-9]{0,18}")) {
      throw new NoteException("the first line is 'old N', N the size you last had cosigned in decimal without leading zeros; got '"
          + shorten(lines[0]) + "'");
    }
    long old;
    try {
      old = Long.parseLong(lines[0].substring(4));
    } catch (NumberFormatException e) {
      throw new NoteException("the old size is too large");
    }
    if (lines.length - 1 > MAX_PROOF_LINES) {
      throw new NoteException("more than " + MAX_PROOF_LINES + " consistency proof lines");
    }
    List<byte[]> proof = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      byte[] hash;
      try {
        hash = Base64.getDecoder().decode(lines[i]);
      } catch (IllegalArgumentException e) {
        throw new NoteException("proof line " + i + " is not base64");
      }
      if (hash.length != Hashes.SIZE) {
        throw new NoteException("proof line " + i + " is " + hash.length + " bytes, not a 32-byte hash");
      }
      proof.add(hash);
    }
    return new Request(old, proof, Note.parse(body.substring(blank + 2)));
  }

  /**
   * Decides on {@code body} as the witness {@code witness} that trusts {@code log} (whose name is the
   * origin it witnesses) and last cosigned {@code latest} (empty if never), at {@code now} (POSIX
   * seconds). The checks and their order are those of C2SP tlog-witness.
   */
  public static Outcome decide(String body, NoteKey log, Optional<Note> latest, NoteSigner witness, long now) {
    Request request;
    Checkpoint checkpoint;
    try {
      request = parse(body);
      checkpoint = Checkpoint.parse(request.note().text());
    } catch (NoteException e) {
      return refused(400, java.util.Objects.requireNonNullElse(e.getMessage(), "malformed request"));
    }
    if (!checkpoint.origin().equals(log.name())) {
      return refused(404, "this witness does not witness the log " + shorten(checkpoint.origin()));
    }
    switch (request.note().check(log)) {
      case Note.Check.Valid valid -> { }
      case Note.Check.Absent absent -> {
        return refused(403, "the checkpoint carries no signature of the log's key " + log.name() + "+" + hexId(log));
      }
      case Note.Check.Invalid invalid -> {
        return refused(403, invalid.reason());
      }
    }
    if (request.oldSize() > checkpoint.size()) {
      return refused(400, "the old size " + request.oldSize() + " is larger than the checkpoint's " + checkpoint.size());
    }
    Optional<Checkpoint> held = latest.map(n -> Checkpoint.parse(n.text()));
    long heldSize = held.map(Checkpoint::size).orElse(0L);
    if (request.oldSize() != heldSize) {
      return new Outcome.Refused(409, SIZE_CONTENT_TYPE, heldSize + "\n", Optional.empty());
    }
    if (checkpoint.size() == 0 && !Arrays.equals(checkpoint.root(), Hashes.emptyRoot())) {
      return refused(422, "a checkpoint of size 0 has the empty tree's root, SHA-256 of nothing");
    }
    if (request.oldSize() == 0 && !request.proof().isEmpty()) {
      return refused(422, "from the empty tree the consistency proof is empty");
    }
    if (held.isPresent() && checkpoint.size() == heldSize) {
      if (!Arrays.equals(checkpoint.root(), held.get().root())) {
        return fork(latest.get(), request.note(), "two roots for the same size " + heldSize + ": the log rewrote its history");
      }
      if (!request.proof().isEmpty()) {
        return refused(422, "between trees of the same size the consistency proof is empty");
      }
    } else if (held.isPresent() && heldSize > 0
        && !Proofs.consistency(heldSize, checkpoint.size(), request.proof(), held.get().root(), checkpoint.root())) {
      String reason = "checkpoint " + checkpoint.size() + " is not proved to extend checkpoint " + heldSize + " (the consistency proof fails)";
      return new Outcome.Refused(422, "text/plain; charset=utf-8", reason + "\n",
          Optional.of(unproved(latest.get(), request.note(), request.proof(), reason)));
    }
    if (now <= 0) {
      throw new IllegalArgumentException("a cosignature's time is after the epoch");
    }
    Note.Signature cosignature = witness.cosign(request.note().text(), now);
    // Kept: the checkpoint, the log's signature it verified, and its own; no signature of keys it does not know.
    Note kept = new Note(request.note().text(), request.note().signatures().stream()
        .filter(s -> s.name().equals(log.name()) && s.keyId() == log.id()).toList()).with(cosignature);
    return new Outcome.Cosigned(kept, cosignature);
  }

  private static Outcome.Refused refused(int status, String reason) {
    return new Outcome.Refused(status, "text/plain; charset=utf-8", reason + "\n", Optional.empty());
  }

  /** 422 with both checkpoints of one size: signed by the log, together they prove it showed two histories. */
  private static Outcome.Refused fork(Note held, Note submitted, String reason) {
    String evidence = "# " + reason + "\n# both are signed by the log: together they prove, to anyone, that it showed two histories\n"
        + "# the checkpoint cosigned before:\n" + held.format() + "\n# the checkpoint submitted now:\n" + submitted.format();
    return new Outcome.Refused(422, "text/plain; charset=utf-8", reason + "\n", Optional.of(evidence));
  }

  /**
   * What a witness keeps when a consistency proof between two checkpoints of different sizes fails:
   * both checkpoints and the proof. Unlike two roots for one size, this proves no fork by itself:
   * the log signs checkpoints, not proofs, and a proof changed on its way fails too. It is what to
   * hold the log to: anyone can ask it for a proof between the two, and a log that cannot give one
   * that verifies showed two histories.
   */
  public static String unproved(Note held, Note offered, List<byte[]> proof, String reason) {
    long from = Math.min(Checkpoint.parse(held.text()).size(), Checkpoint.parse(offered.text()).size());
    long to = Math.max(Checkpoint.parse(held.text()).size(), Checkpoint.parse(offered.text()).size());
    StringBuilder evidence = new StringBuilder("# ").append(reason).append('\n')
        .append("# both checkpoints are signed by the log, the proof is not: alone they prove no fork (a proof changed on its way\n")
        .append("# here fails too). Ask the log for the consistency proof from ").append(from).append(" to ").append(to)
        .append(" and check it against them:\n# a log that cannot give one that verifies showed two histories.\n# the proof given:\n");
    for (byte[] hash : proof) {
      evidence.append("# ").append(Base64.getEncoder().encodeToString(hash)).append('\n');
    }
    return evidence.append("# the checkpoint cosigned before:\n").append(held.format()).append("\n# the checkpoint offered now:\n")
        .append(offered.format()).toString();
  }

  /** The cosignature lines of a 200 answer that {@code key} made over {@code checkpoint}; empty if none verifies. */
  public static Optional<Note.Signature> cosignatureIn(String responseBody, Note checkpoint, NoteKey key) {
    Note joined;
    try {
      joined = Note.parse(checkpoint.text() + "\n" + responseBody);
    } catch (NoteException e) {
      return Optional.empty();
    }
    if (!(joined.check(key) instanceof Note.Check.Valid)) {
      return Optional.empty();
    }
    return joined.signatures().stream().filter(s -> s.name().equals(key.name()) && s.keyId() == key.id()).findFirst();
  }

  private static String hexId(NoteKey key) {
    return java.util.HexFormat.of().toHexDigits(key.id());
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}

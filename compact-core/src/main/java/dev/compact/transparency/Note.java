package dev.compact.transparency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, then one line per signature,
 * {@code — name base64(keyid || signature)}. The text is trusted only once a known key's
 * signature over it verifies.
 */
public record Note(String text, List<Signature> signatures) {
  static final String DASH = "\u2014 ";
  /** More signatures than any policy here needs; a bound so that a hostile note cannot grow without end. */
  static final int MAX_SIGNATURES = 100;

  public Note {
    if (!text.endsWith("\n")) {
      throw new NoteException("a note's text ends with a newline");
    }
    signatures = List.copyOf(signatures);
  }

  /** One signature line: the key's name and id, and the signature bytes after the id. */
  public record Signature(String name, int keyId, byte[] bytes) {
    public Signature {
      NoteKey.checkName(name);
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    public String line() {
      return DASH + name + " " + Base64.getEncoder().encodeToString(ByteBuffer.allocate(4 + bytes.length).putInt(keyId).put(bytes).array())
          + "\n";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Signature s && s.name.equals(name) && s.keyId == keyId && java.util.Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + keyId;
    }
  }

  public static Note parse(String note) {
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new NoteException("a note may not contain control characters other than newline (found U+"
            + String.format("%04X", (int) c) + ")");
      }
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteException("not a signed note: no blank line between the text and its signatures");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty() || !block.endsWith("\n")) {
      throw new NoteException("not a signed note: no signature lines, or the last one does not end with a newline");
    }
    List<Signature> signatures = new ArrayList<>();
    for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
      if (!line.startsWith(DASH)) {
        throw new NoteException("not a signature line (it starts with an em dash and a space): " + line);
      }
      String rest = line.substring(DASH.length());
      int space = rest.indexOf(' ');
      if (space <= 0) {
        throw new NoteException("a signature line is '— name base64': " + line);
      }
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(rest.substring(space + 1));
      } catch (IllegalArgumentException e) {
        throw new NoteException("signature of " + rest.substring(0, space) + " is not base64");
      }
      if (decoded.length < 5) {
        throw new NoteException("signature of " + rest.substring(0, space) + " is too short");
      }
      ByteBuffer buffer = ByteBuffer.wrap(decoded);
      int id = buffer.getInt();
      byte[] bytes = new byte[decoded.length - 4];
      buffer.get(bytes);
      signatures.add(new Signature(rest.substring(0, space), id, bytes));
      if (signatures.size() > MAX_SIGNATURES) {
        throw new NoteException("more than " + MAX_SIGNATURES + " signatures");
      }
    }
    return new Note(text, signatures);
  }

  /** The note as served: text, blank line, signature lines. */
  public String format() {
    StringBuilder out = new StringBuilder(text).append('\n');
    for (Signature signature : signatures) {
      out.append(signature.line());
    }
    return out.toString();
  }

  public Note with(Signature signature) {
    List<Signature> all = new ArrayList<>(signatures);
    if (!all.contains(signature)) {
      all.add(signature);
    }
    return new Note(text, all);
  }

  /** What a key's signature line says about this note. */
  public sealed interface Check {
    /** The key did not sign (no line with its name and id). */
    record Absent() implements Check {}

    /** It signed; {@code timestamp} is the cosignature's time, or -1 for a plain signature. */
    record Valid(long timestamp) implements Check {}

    /** A line with its name and id is there, but its signature is not over this text. */
    record Invalid(String reason) implements Check {}
  }

  /** Checks the signature of {@code key}, as a plain note signature (0x01) or a cosignature (0x04). */
  public Check check(NoteKey key) {
    Optional<Signature> line = signatures.stream().filter(s -> s.name.equals(key.name()) && s.keyId == key.id()).findFirst();
    if (line.isEmpty()) {
      return new Check.Absent();
    }
    byte[] bytes = line.get().bytes;
    if (key.type() == NoteKey.ED25519) {
      return key.verifies(text.getBytes(StandardCharsets.UTF_8), bytes)
          ? new Check.Valid(-1) : new Check.Invalid(key.name() + "'s signature does not verify over this text");
    }
    if (bytes.length != 72) {
      return new Check.Invalid(key.name() + "'s cosignature is not a timestamp and an Ed25519 signature");
    }
    long timestamp = ByteBuffer.wrap(bytes).getLong();
    if (timestamp < 0) {
      return new Check.Invalid(key.name() + "'s cosignature has a time beyond 2^63 - 1");
    }
    byte[] signature = java.util.Arrays.copyOfRange(bytes, 8, 72);
    return key.verifies(cosignedMessage(text, timestamp), signature)
        ? new Check.Valid(timestamp) : new Check.Invalid(key.name() + "'s cosignature does not verify over this checkpoint");
  }

  /** What a witness signs: {@code cosignature/v1}, {@code time T}, then the checkpoint's text (C2SP tlog-cosignature). */
  static byte[] cosignedMessage(String checkpointText, long timestamp) {
    return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
  }
}

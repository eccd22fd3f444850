package dev.compact.transparency;

import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-checkpoint body: the log's origin, the tree size in decimal and the root hash in
 * base64, each on its own line, and optional extension lines. Signed as a {@link Note}.
 */
public record Checkpoint(String origin, long size, byte[] root, List<String> extensions) {
  public Checkpoint {
    if (origin.isEmpty() || origin.contains("\n")) {
      throw new NoteException("a checkpoint's origin is one non-empty line");
    }
    if (size < 0) {
      throw new NoteException("a tree size is never negative");
    }
    if (root.length != Hashes.SIZE) {
      throw new NoteException("a root hash has 32 bytes");
    }
    root = root.clone();
    extensions = List.copyOf(extensions);
  }

  public Checkpoint(String origin, long size, byte[] root) {
    this(origin, size, root, List.of());
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** The note text: three lines and the extensions, each ending in a newline. */
  public String text() {
    StringBuilder out = new StringBuilder().append(origin).append('\n').append(size).append('\n')
        .append(Base64.getEncoder().encodeToString(root)).append('\n');
    for (String extension : extensions) {
      out.append(extension).append('\n');
    }
    return out.toString();
  }

  public static Checkpoint parse(String text) {
    if (!text.endsWith("\n")) {
      throw new NoteException("a checkpoint's text ends with a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new NoteException("a checkpoint has at least three lines: origin, tree size, root hash");
    }
    long size;
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new NoteException("checkpoint line 2: the tree size is a decimal without leading zeros, not '" + lines[1] + "'");
    }
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new NoteException("checkpoint line 2: the tree size is too large");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new NoteException("checkpoint line 3: the root hash is not base64");
    }
    if (root.length != Hashes.SIZE) {
      throw new NoteException("checkpoint line 3: the root hash has " + root.length + " bytes, not 32");
    }
    for (int i = 3; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new NoteException("checkpoint line " + (i + 1) + ": extension lines are not empty");
      }
    }
    return new Checkpoint(lines[0], size, root, List.of(lines).subList(3, lines.length));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint c && c.origin.equals(origin) && c.size == size && java.util.Arrays.equals(c.root, root)
        && c.extensions.equals(extensions);
  }

  @Override
  public int hashCode() {
    return origin.hashCode() * 31 + Long.hashCode(size);
  }

  @Override
  public String toString() {
    return text();
  }
}

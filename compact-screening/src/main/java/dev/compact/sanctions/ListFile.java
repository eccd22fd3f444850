package dev.compact.sanctions;

import java.util.Arrays;

/**
 * One file of a list version as bytes in memory: what a record stores and reads back, so that a
 * version can be parsed again from exactly the bytes its hash covers, wherever they came from.
 *
 * @param name the file name as the list format knows it ("sdn.csv", "consolidated.xml"); for OFAC
 *     it decides the file's role and goes into the version hash
 * @param bytes the content
 */
public record ListFile(String name, byte[] bytes) {

  public ListFile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a list file needs a name");
    }
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** SHA-256 of the content alone (lower-case hex), the key a content-addressed store keeps it under. */
  public String sha256() {
    return new SourceBytes(name, bytes).sha256();
  }

  SourceBytes source() {
    return new SourceBytes(name, bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ListFile f && f.name.equals(name) && Arrays.equals(f.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return name + " (" + bytes.length + " bytes)";
  }
}

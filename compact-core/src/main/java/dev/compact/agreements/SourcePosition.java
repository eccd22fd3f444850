package dev.compact.agreements;

/** A 1-based line and column in a source file. */
public record SourcePosition(String path, int line, int column) {
  @Override
  public String toString() {
    return path + ":" + line + ":" + column;
  }
}

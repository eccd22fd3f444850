package dev.compact.agreements;

import java.util.Objects;

/** The text of one source file and the path diagnostics should name. */
public record SourceFile(String path, String content) {
  public SourceFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
  }
}

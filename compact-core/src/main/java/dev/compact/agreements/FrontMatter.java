package dev.compact.agreements;

import java.util.Arrays;
import java.util.Optional;

/** The front matter of a document and the Markdown that follows it, split at the closing {@code ---}. */
record FrontMatter(String yaml, String body, int bodyFirstLine) {

  static Optional<FrontMatter> split(String path, String content, Diagnostics diagnostics) {
    String[] lines = content.split("\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      diagnostics.error(new SourcePosition(path, 1, 1), "the file does not start with front matter",
          "begin the file with a line '---', the fields (id, title, parties, ...), and another line '---'");
      return Optional.empty();
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].strip().equals("---") || lines[i].strip().equals("...")) {
        String yaml = String.join("\n", Arrays.asList(lines).subList(1, i));
        String body = String.join("\n", Arrays.asList(lines).subList(i + 1, lines.length));
        return Optional.of(new FrontMatter(yaml, body, i + 2));
      }
    }
    diagnostics.error(new SourcePosition(path, 1, 1), "the front matter is never closed",
        "end the fields with a line containing only '---' before the text begins");
    return Optional.empty();
  }
}

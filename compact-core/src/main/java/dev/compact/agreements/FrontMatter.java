package dev.compact.agreements;

import java.util.Optional;

/** The front matter of a document and the Markdown that follows it, split at the closing {@code ---}. */
record FrontMatter(String yaml, String body, int bodyFirstLine) {

  static Optional<FrontMatter> split(String path, String content, Diagnostics diagnostics) {
    // Line by line without splitting the whole file: the front matter is a small part of it.
    int firstEnd = content.indexOf('\n');
    if (!isLine(content, 0, firstEnd < 0 ? content.length() : firstEnd, "---")) {
      diagnostics.error(new SourcePosition(path, 1, 1), "the file does not start with front matter",
          "begin the file with a line '---', the fields (id, title, parties, ...), and another line '---'");
      return Optional.empty();
    }
    int line = 1;
    for (int start = firstEnd < 0 ? -1 : firstEnd + 1; start >= 0; line++) {
      int end = content.indexOf('\n', start);
      int lineEnd = end < 0 ? content.length() : end;
      if (isLine(content, start, lineEnd, "---") || isLine(content, start, lineEnd, "...")) {
        String yaml = line == 1 ? "" : content.substring(firstEnd + 1, start - 1);
        String body = end < 0 ? "" : content.substring(end + 1);
        return Optional.of(new FrontMatter(yaml, body, line + 2));
      }
      start = end < 0 ? -1 : end + 1;
    }
    diagnostics.error(new SourcePosition(path, 1, 1), "the front matter is never closed",
        "end the fields with a line containing only '---' before the text begins");
    return Optional.empty();
  }

  /** True when the line from {@code start} to {@code end} is {@code marker} with white space around it (as {@link String#strip}). */
  private static boolean isLine(String content, int start, int end, String marker) {
    while (start < end && Character.isWhitespace(content.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
      end--;
    }
    return end - start == marker.length() && content.startsWith(marker, start);
  }
}

package dev.compact.agreements;

import java.util.Optional;

/**
 * A problem found in a source file, phrased for the drafter who has to fix it: where, what, and a
 * hint at the fix.
 */
public record Diagnostic(Severity severity, SourcePosition position, String message, Optional<String> hint) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code path:line:col: error: message}, then the hint on its own indented line. */
  public String format() {
    String head = position + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    return hint.map(h -> head + "\n  hint: " + h).orElse(head);
  }
}

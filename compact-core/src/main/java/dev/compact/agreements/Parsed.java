package dev.compact.agreements;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading sources: the value when there were no errors, and every diagnostic
 * (warnings may accompany a value).
 */
public record Parsed<T>(Optional<T> value, List<Diagnostic> diagnostics) {
  public Parsed {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  public List<Diagnostic> warnings() {
    return diagnostics.stream().filter(d -> !d.isError()).toList();
  }
}

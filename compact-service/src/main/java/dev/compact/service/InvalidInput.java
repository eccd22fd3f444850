package dev.compact.service;

import dev.compact.agreements.Diagnostic;
import java.util.List;

/** The request was understood but its content is wrong; the diagnostics say where and how to fix it. */
public final class InvalidInput extends RuntimeException {
  private final List<Diagnostic> diagnostics;

  public InvalidInput(String message, List<Diagnostic> diagnostics) {
    super(message);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}

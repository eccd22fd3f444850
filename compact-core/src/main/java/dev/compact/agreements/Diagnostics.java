package dev.compact.agreements;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Collects diagnostics while a file is read; parsing goes on after an error to report them all. */
final class Diagnostics {
  private final List<Diagnostic> list = new ArrayList<>();

  void error(SourcePosition at, String message, @Nullable String hint) {
    list.add(new Diagnostic(Diagnostic.Severity.ERROR, at, message, Optional.ofNullable(hint)));
  }

  void warning(SourcePosition at, String message, @Nullable String hint) {
    list.add(new Diagnostic(Diagnostic.Severity.WARNING, at, message, Optional.ofNullable(hint)));
  }

  void addAll(List<Diagnostic> diagnostics) {
    list.addAll(diagnostics);
  }

  /** Everything reported so far, in the order reported. */
  List<Diagnostic> all() {
    return List.copyOf(list);
  }

  int errorCount() {
    return (int) list.stream().filter(Diagnostic::isError).count();
  }

  /** In file order, so that a drafter reads them top to bottom. */
  List<Diagnostic> sorted() {
    return list.stream()
        .sorted(Comparator.comparing((Diagnostic d) -> d.position().path())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column()))
        .toList();
  }
}

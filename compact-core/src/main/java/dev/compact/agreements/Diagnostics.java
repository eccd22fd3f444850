package dev.compact.agreements;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Collects diagnostics while a file is read; parsing goes on after an error to report them all. */
final class Diagnostics {
  private final List<Diagnostic> list = new ArrayList<>();
  /**
   * Errors among {@link #list}, counted as they come: every document read asks before and after,
   * and a compact's list holds every file's warnings, so counting them each time would cost a pass
   * over the list per file (issue #17).
   */
  private int errors;

  void error(SourcePosition at, String message, @Nullable String hint) {
    list.add(new Diagnostic(Diagnostic.Severity.ERROR, at, message, Optional.ofNullable(hint)));
    errors++;
  }

  void warning(SourcePosition at, String message, @Nullable String hint) {
    list.add(new Diagnostic(Diagnostic.Severity.WARNING, at, message, Optional.ofNullable(hint)));
  }

  void addAll(List<Diagnostic> diagnostics) {
    for (Diagnostic diagnostic : diagnostics) {
      list.add(diagnostic);
      if (diagnostic.isError()) {
        errors++;
      }
    }
  }

  /** Everything reported so far, in the order reported. */
  List<Diagnostic> all() {
    return List.copyOf(list);
  }

  int errorCount() {
    return errors;
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

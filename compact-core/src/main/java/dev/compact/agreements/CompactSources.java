package dev.compact.agreements;

import java.util.List;
import java.util.Optional;

/**
 * The files of one compact folder: its umbrella document and its agreements, as text. Problems met
 * while reading them (a missing compact.md, a file that is not UTF-8) travel along as diagnostics.
 */
public record CompactSources(String root, Optional<SourceFile> compact, List<SourceFile> agreements, List<Diagnostic> readProblems) {
  public CompactSources {
    agreements = List.copyOf(agreements);
    readProblems = List.copyOf(readProblems);
  }
}

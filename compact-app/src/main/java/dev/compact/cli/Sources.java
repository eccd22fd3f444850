package dev.compact.cli;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementParser;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import dev.compact.sources.CompactFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads compacts and agreement files for commands, printing diagnostics the same way everywhere. */
final class Sources {
  private Sources() {}

  /** A compact folder or a single agreement file, parsed. */
  sealed interface Loaded {
    List<Diagnostic> diagnostics();

    record CompactFolderLoaded(Parsed<Compact> parsed) implements Loaded {
      @Override
      public List<Diagnostic> diagnostics() {
        return parsed.diagnostics();
      }
    }

    record AgreementFileLoaded(Parsed<Agreement> parsed) implements Loaded {
      @Override
      public List<Diagnostic> diagnostics() {
        return parsed.diagnostics();
      }
    }
  }

  static Loaded load(Path path) {
    if (Files.isDirectory(path)) {
      return new Loaded.CompactFolderLoaded(CompactParser.parse(CompactFolder.read(path)));
    }
    List<Diagnostic> problems = new ArrayList<>();
    Optional<SourceFile> file = CompactFolder.file(path, problems);
    if (file.isEmpty()) {
      return new Loaded.AgreementFileLoaded(new Parsed<>(Optional.empty(), problems));
    }
    return new Loaded.AgreementFileLoaded(AgreementParser.parse(file.get(), compactCalendar(path)));
  }

  /**
   * The calendar rule of the compact an agreement file belongs to (agreements/x.md next to
   * compact.md), so that rendering one file gives the dates that checking its compact gives.
   */
  private static dev.compact.agreements.CalendarRule compactCalendar(Path agreementFile) {
    Path parent = agreementFile.toAbsolutePath().getParent();
    if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("agreements")) {
      Path compactFile = parent.getParent().resolve("compact.md");
      if (Files.isRegularFile(compactFile)) {
        Optional<SourceFile> compact = CompactFolder.file(compactFile, new ArrayList<>());
        if (compact.isPresent()) {
          return AgreementParser.declaredCalendar(compact.get());
        }
      }
    }
    return dev.compact.agreements.CalendarRule.REFUSE;
  }

  /** Loads a compact folder, printing its diagnostics; empty when it has errors. */
  static Optional<Compact> compact(Path folder, PrintWriter err) {
    Parsed<Compact> parsed = CompactParser.parse(CompactFolder.read(folder));
    print(parsed.diagnostics(), err);
    return parsed.value();
  }

  /** Loads one agreement file, printing its diagnostics; empty when it has errors. */
  static Optional<Agreement> agreement(Path file, PrintWriter err) {
    if (file.getFileName() != null && file.getFileName().toString().equals("compact.md")) {
      // The umbrella document is read with its folder, since its parties are the compact's guarantors.
      Path folder = file.toAbsolutePath().getParent();
      return compact(folder, err).map(Compact::umbrella);
    }
    Path parent = file.toAbsolutePath().normalize().getParent();
    // A mistyped name inside a compact's folder is read alone, so that it is reported as no such file.
    if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("agreements")
        && java.nio.file.Files.isRegularFile(parent.getParent().resolve("compact.md")) && java.nio.file.Files.isRegularFile(file)) {
      // An agreement of a compact is read with its compact, whose areas, rates and GDP figures it may use.
      Path wanted = file.toAbsolutePath().normalize();
      return compact(parent.getParent(), err).flatMap(c -> c.agreements().stream()
          .filter(a -> Path.of(a.path()).toAbsolutePath().normalize().equals(wanted)).findFirst());
    }
    Loaded loaded = load(file);
    print(loaded.diagnostics(), err);
    return switch (loaded) {
      case Loaded.AgreementFileLoaded(Parsed<Agreement> parsed) -> parsed.value();
      case Loaded.CompactFolderLoaded(Parsed<Compact> parsed) -> {
        err.println(file + ": this is a compact folder; give one of its agreement files");
        yield Optional.empty();
      }
    };
  }

  static void print(List<Diagnostic> diagnostics, PrintWriter err) {
    diagnostics.forEach(d -> err.println(d.format()));
    err.flush();
  }
}

package dev.compact.cli;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.Compact;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Parsed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact check PATH...}: validates compacts and agreement files and prints their identity. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Validate compact folders or agreement files.",
        "Prints, per agreement, its id, its number of norms and its version hash. Exit code 1 on errors."})
final class CheckCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "A compact folder (with compact.md) or an agreement .md file.")
  List<Path> paths;

  @Option(names = "--strict", description = "Treat warnings as errors.")
  boolean strict;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int errors = 0;
    int warnings = 0;
    for (Path path : paths) {
      Sources.Loaded loaded = Sources.load(path);
      Sources.print(loaded.diagnostics(), err);
      errors += (int) loaded.diagnostics().stream().filter(Diagnostic::isError).count();
      warnings += (int) loaded.diagnostics().stream().filter(d -> !d.isError()).count();
      switch (loaded) {
        case Sources.Loaded.CompactFolderLoaded(Parsed<Compact> parsed) -> parsed.value().ifPresent(compact -> {
          // The compact's own text is listed first, with its norms: counted apart, so that a compact of its text alone
          // does not read "(0 agreements)" above a line of norms.
          int agreements = compact.agreements().size();
          out.printf("%s  %s (compact.md and %d agreement%s)%n", path, compact.id(), agreements, agreements == 1 ? "" : "s");
          compact.allAgreements().forEach(a -> line(out, a));
        });
        case Sources.Loaded.AgreementFileLoaded(Parsed<Agreement> parsed) -> parsed.value().ifPresent(a -> {
          out.printf("%s%n", path);
          line(out, a);
        });
      }
    }
    out.printf("%d error%s, %d warning%s%n", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    out.flush();
    return errors > 0 || (strict && warnings > 0) ? 1 : 0;
  }

  private static void line(PrintWriter out, Agreement agreement) {
    int norms = agreement.clauses().size();
    out.printf("  %-28s %3d norm%s  %s%n", agreement.id(), norms, norms == 1 ? " " : "s", agreement.versionHash());
  }
}

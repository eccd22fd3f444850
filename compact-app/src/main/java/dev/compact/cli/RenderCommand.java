package dev.compact.cli;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact render FILE --format html|text}: the legal text with its fields filled in. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Render an agreement file as HTML or plain text, with clause fields filled in and a table of its norms.")
final class RenderCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "An agreement .md file (or a compact's compact.md).")
  Path file;

  @Option(names = "--format", defaultValue = "html", description = "html or text (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--out"}, description = "Write to this file instead of standard output.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    AgreementRenderer.Format chosen;
    switch (format) {
      case "html" -> chosen = AgreementRenderer.Format.HTML;
      case "text" -> chosen = AgreementRenderer.Format.TEXT;
      default -> {
        err.println("compact render: unknown format '" + format + "'; use html or text");
        return 2;
      }
    }
    Optional<String> unwritable = out == null ? Optional.empty() : OutputFile.problem(out);
    if (unwritable.isPresent()) {
      err.println("compact render: cannot write " + out + ": " + unwritable.get());
      return 1;
    }
    Optional<Agreement> agreement = Sources.agreement(file, err);
    if (agreement.isEmpty()) {
      return 1;
    }
    String rendered = AgreementRenderer.render(agreement.get(), chosen);
    if (out != null) {
      try {
        OutputFile.write(out, w -> w.write(rendered));
      } catch (IOException e) {
        err.println("compact render: cannot write " + out + ": " + OutputFile.reason(e) + "; nothing was written");
        return 1;
      }
    } else {
      spec.commandLine().getOut().print(rendered);
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}

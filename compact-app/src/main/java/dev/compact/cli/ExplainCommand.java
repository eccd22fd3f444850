package dev.compact.cli;

import dev.compact.agreements.Diagnostic;
import dev.compact.scenarios.Explanation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code compact explain SCENARIO}: the timeline of a scenario with the cause of every transition. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Print the timeline of a scenario: each event, the norm instances it moved and why, the deadlines "
        + "that passed, and where every instance stands at the end."})
final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario .yaml file.")
  Path file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Diagnostic> problems = new ArrayList<>();
    Optional<TestCommand.Loader.Loaded> loaded = new TestCommand.Loader().scenario(file, problems);
    problems.forEach(p -> err.println(p.format()));
    err.flush();
    if (loaded.isEmpty()) {
      return 1;
    }
    out.print(Explanation.render(loaded.get().scenario(), loaded.get().engine()));
    out.flush();
    return 0;
  }
}

package dev.compact.cli;

import dev.compact.agreements.Diagnostic;
import dev.compact.engine.Engine;
import dev.compact.scenarios.BehaviourDiff;
import dev.compact.scenarios.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact diff A B --scenarios DIR}: where two drafts behave differently on the same stories. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Run the same scenarios on two compacts and list the scenarios whose outcome differs: who is bound "
        + "to what, by when, and how it ended, in each. Exit code 0 when they behave alike, 1 when they differ."})
final class DiffCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "COMPACT_A", description = "The first compact folder.")
  Path compactA;

  @Parameters(index = "1", paramLabel = "COMPACT_B", description = "The second compact folder.")
  Path compactB;

  @Option(names = "--scenarios", required = true, arity = "1..*", paramLabel = "DIR", description = "Scenario files or folders to run on both.")
  List<Path> scenarios;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TestCommand.Loader loader = new TestCommand.Loader();
    Optional<Engine> a = loader.engine(compactA);
    Optional<Engine> b = loader.engine(compactB);
    if (a.isEmpty() || b.isEmpty()) {
      loader.compactProblems(compactA).forEach(d -> err.println(d.format()));
      loader.compactProblems(compactB).forEach(d -> err.println(d.format()));
      err.println("compact diff: " + (a.isEmpty() ? compactA : compactB) + " cannot be loaded; run ./compact check on it");
      err.flush();
      return 2;
    }
    String nameA = a.get().compact().id();
    String nameB = b.get().compact().id();
    if (nameA.equals(nameB)) {
      nameA = "A (" + compactA + ")";
      nameB = "B (" + compactB + ")";
    }
    List<Diagnostic> problems = new ArrayList<>();
    int differing = 0;
    int same = 0;
    for (Path file : loader.files(scenarios, problems)) {
      Optional<Scenario> scenario = loader.parse(file, problems);
      if (scenario.isEmpty()) {
        continue;
      }
      BehaviourDiff.ScenarioDiff diff = BehaviourDiff.compare(scenario.get(), a.get(), nameA, b.get(), nameB);
      if (!diff.differs()) {
        same++;
        continue;
      }
      differing++;
      out.println("DIFFERS  " + scenario.get().name() + "  (" + scenario.get().path() + ")");
      for (String difference : diff.differences()) {
        out.println("  " + difference);
      }
      for (Diagnostic note : diff.notes()) {
        out.println("  note: " + note.position() + ": " + note.message());
      }
      out.println();
    }
    problems.forEach(p -> err.println(p.format()));
    out.println(differing + " scenarios behave differently, " + same + " alike");
    out.flush();
    err.flush();
    return problems.isEmpty() ? (differing == 0 ? 0 : 1) : 2;
  }
}

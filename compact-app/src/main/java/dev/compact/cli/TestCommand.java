package dev.compact.cli;

import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import dev.compact.agreements.SourcePosition;
import dev.compact.engine.Engine;
import dev.compact.scenarios.Scenario;
import dev.compact.scenarios.ScenarioParser;
import dev.compact.scenarios.ScenarioReport;
import dev.compact.scenarios.ScenarioRunner;
import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact test PATH...}: runs scenario files like unit tests. */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Run scenarios (YAML files, or folders of them) against their compacts.",
        "Prints PASS or FAIL per scenario, with expected versus actual and the chain of causes on failure, "
            + "then 'N passed, N failed'. Exit code 0 only if every scenario passes."})
final class TestCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "A scenario .yaml file or a folder of them.")
  List<Path> paths;

  @Option(names = "--junit", paramLabel = "DIR", description = "Also write a JUnit XML report into DIR.")
  Optional<Path> junit;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Loader loader = new Loader();
    List<ScenarioRunner.Result> results = new ArrayList<>();
    // Files that could not be run, each with all its diagnostics: one failure per file, not per problem.
    Map<String, List<Diagnostic>> unreadable = new LinkedHashMap<>();
    List<Diagnostic> missing = new ArrayList<>();
    for (Path file : loader.files(paths, missing)) {
      List<Diagnostic> problems = new ArrayList<>();
      Optional<Loader.Loaded> loaded = loader.scenario(file, problems);
      if (loaded.isEmpty()) {
        unreadable.put(file.toString(), problems);
        continue;
      }
      ScenarioRunner.Result result = ScenarioRunner.run(loaded.get().scenario(), loaded.get().engine());
      results.add(result);
      out.print(ScenarioReport.text(result));
    }
    for (Diagnostic problem : missing) {
      unreadable.put(problem.position().path(), List.of(problem));
    }
    for (Map.Entry<String, List<Diagnostic>> entry : unreadable.entrySet()) {
      out.println("FAIL  " + entry.getKey());
      for (Diagnostic problem : entry.getValue()) {
        out.println("      " + problem.format().replace("\n", "\n      "));
      }
    }
    out.println(ScenarioReport.closing(results, unreadable.size()));
    out.flush();
    if (results.isEmpty() && unreadable.isEmpty()) {
      // A CI step pointed at a moved or misspelt folder would otherwise read as "nothing failed".
      spec.commandLine().getErr().println("compact test: no scenario files (*.yaml, *.yml) under " + String.join(", ", paths.stream().map(Path::toString).toList())
          + "; nothing was tested (exit code 1)");
    }
    if (junit.isPresent()) {
      try {
        Files.createDirectories(junit.get());
        Path report = junit.get().resolve("TEST-scenarios.xml");
        String xml = ScenarioReport.junit("scenarios", results, unreadable);
        OutputFile.write(report, w -> w.write(xml));
      } catch (IOException e) {
        spec.commandLine().getErr().println("compact test: cannot write the JUnit report in " + junit.get() + ": " + OutputFile.reason(e));
        return 1;
      }
    }
    boolean allPassed = unreadable.isEmpty() && results.stream().allMatch(ScenarioRunner.Result::passed);
    return allPassed && !results.isEmpty() ? 0 : 1;
  }

  /** Finds scenario files, reads them, and loads each one's compact once. Shared by test, explain and diff. */
  static final class Loader {
    private final Map<Path, Optional<Engine>> engines = new HashMap<>();
    private final Map<Path, List<Diagnostic>> compactProblems = new HashMap<>();

    record Loaded(Scenario scenario, Engine engine) {}

    /** Scenario files under the paths: files as given, folders searched for *.yaml and *.yml, in name order. */
    List<Path> files(List<Path> paths, List<Diagnostic> problems) {
      List<Path> files = new ArrayList<>();
      for (Path path : paths) {
        if (Files.isDirectory(path)) {
          try (Stream<Path> walk = Files.walk(path)) {
            walk.filter(Files::isRegularFile)
                .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                .sorted()
                .forEach(files::add);
          } catch (IOException e) {
            problems.add(problem(path.toString(), "cannot list the folder: " + e.getMessage(), null));
          }
        } else if (Files.isRegularFile(path)) {
          files.add(path);
        } else {
          problems.add(problem(path.toString(), "no such scenario file or folder", "give a .yaml file or a folder of them"));
        }
      }
      return files;
    }

    Optional<Scenario> parse(Path file, List<Diagnostic> problems) {
      Optional<SourceFile> source = CompactFolder.file(file, problems);
      if (source.isEmpty()) {
        return Optional.empty();
      }
      Parsed<Scenario> parsed = ScenarioParser.parse(source.get());
      problems.addAll(parsed.errors());
      return parsed.value();
    }

    /** Reads a scenario and the engine for its compact; problems go to {@code problems}. */
    Optional<Loaded> scenario(Path file, List<Diagnostic> problems) {
      Optional<Scenario> scenario = parse(file, problems);
      if (scenario.isEmpty()) {
        return Optional.empty();
      }
      Path folder = compactFolder(file, scenario.get());
      Optional<Engine> engine = engine(folder);
      if (engine.isEmpty()) {
        String path = scenario.get().path();
        problems.add(problem(path, "its compact " + folder + " cannot be loaded", "run ./compact check " + folder));
        problems.addAll(compactProblems.getOrDefault(folder.toAbsolutePath().normalize(), List.of()));
        return Optional.empty();
      }
      return Optional.of(new Loaded(scenario.get(), engine.get()));
    }

    /** The scenario's {@code compact:} folder, relative to the file; by default the folder above scenarios/. */
    static Path compactFolder(Path file, Scenario scenario) {
      Path dir = file.toAbsolutePath().getParent();
      if (scenario.compact().isPresent()) {
        return dir.resolve(scenario.compact().get()).normalize();
      }
      return dir.getParent() == null ? dir : dir.getParent();
    }

    Optional<Engine> engine(Path folder) {
      Path key = folder.toAbsolutePath().normalize();
      return engines.computeIfAbsent(key, k -> {
        Parsed<Compact> parsed = CompactParser.parse(CompactFolder.read(folder));
        compactProblems.put(k, parsed.errors());
        return parsed.value().map(Engine::of);
      });
    }

    List<Diagnostic> compactProblems(Path folder) {
      return compactProblems.getOrDefault(folder.toAbsolutePath().normalize(), List.of());
    }

    static Diagnostic problem(String path, String message, String hint) {
      return new Diagnostic(Diagnostic.Severity.ERROR, new SourcePosition(path, 1, 1), message, Optional.ofNullable(hint));
    }
  }
}

package dev.compact.engine;

import dev.compact.agreements.CompactParser;
import dev.compact.agreements.SourceFile;
import dev.compact.scenarios.Scenario;
import dev.compact.scenarios.ScenarioBinding;
import dev.compact.scenarios.ScenarioParser;
import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replays example scenarios and prints the canonical outcomes; run in a separate JVM by {@link DeterminismTests}. */
public final class ReplayInAnotherProcess {
  private ReplayInAnotherProcess() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    out.print(render(Path.of(args[0])));
    out.flush();
  }

  /** Every scenario of the Kyiv example, replayed on its own compact, as canonical JSON one after the other. */
  static String render(Path examples) throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(examples.resolve("kyiv-compact/scenarios"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        Scenario scenario = ScenarioParser.parse(new SourceFile(file.getFileName().toString(), Files.readString(file)))
            .value().orElseThrow();
        Path folder = scenario.compact().map(c -> file.getParent().resolve(c)).orElse(examples.resolve("kyiv-compact"));
        Engine engine = Engine.of(CompactParser.parse(CompactFolder.read(folder)).value().orElseThrow());
        Replay replay = engine.replay();
        replay.advanceTo(scenario.start());
        ScenarioBinding.bind(scenario, engine.compact(), false).events().forEach(replay::apply);
        all.append("== ").append(file.getFileName()).append('\n').append(Canonical.json(replay.outcome()));
      }
    }
    return all.toString();
  }
}

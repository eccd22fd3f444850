package dev.compact.cli;

import dev.compact.agreements.AgreementParser;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench agreements}: parses and validates N agreements of the examples' size on one
 * thread and prints the time per run. The clock is read here, in the shell, never in the core.
 */
@Command(name = "agreements", mixinStandardHelpOptions = true,
    description = "Parse and validate N agreements (copies of the example agreements with distinct ids) on one thread.")
final class AgreementsBenchCommand implements Callable<Integer> {

  @Option(names = "--count", defaultValue = "1000", description = "Agreements per run (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--runs", defaultValue = "7", description = "Measured runs after warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--examples", defaultValue = "examples/kyiv-compact/agreements",
      description = "Folder of agreement files to copy (default: ${DEFAULT-VALUE}).")
  Path examples;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(examples)) {
      spec.commandLine().getErr().println("compact bench agreements: no folder " + examples + " (run from the repository root or give --examples)");
      return 2;
    }
    List<String> templates;
    try (Stream<Path> files = Files.list(examples)) {
      templates = files.filter(p -> p.toString().endsWith(".md")).sorted().map(AgreementsBenchCommand::read).toList();
    }
    List<SourceFile> sources = new ArrayList<>(count);
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      String template = templates.get(i % templates.size());
      String text = template.replaceFirst("(?m)^id: (.*)$", "id: $1-" + i);
      bytes += text.length();
      sources.add(new SourceFile("bench-" + i + ".md", text));
    }
    out.printf("Parsing and validating %d agreements (%d templates, %.1f KB each on average) on one thread%n",
        count, templates.size(), bytes / 1024.0 / count);
    int clauses = 0;
    for (int warm = 0; warm < 3; warm++) {
      clauses = runOnce(sources);
    }
    double[] seconds = new double[runs];
    double[] cpu = new double[runs];
    // CPU time of this thread as well as wall time: on a shared machine the wall clock measures the neighbours too.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      runOnce(sources);
      seconds[r] = (System.nanoTime() - start) / 1e9;
      cpu[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      out.printf("  run %d: %.3f s wall, %.3f s CPU%n", r + 1, seconds[r], cpu[r]);
    }
    Arrays.sort(seconds);
    Arrays.sort(cpu);
    double median = seconds[runs / 2];
    out.printf("median %.3f s wall (%.3f s CPU) for %d agreements (%d clauses): %.0f agreements/s, %.1f µs per agreement; best %.3f s wall%n",
        median, cpu[runs / 2], count, clauses, count / median, median * 1e6 / count, seconds[0]);
    out.printf("JVM %s, %d available processors%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
    out.flush();
    return 0;
  }

  private static int runOnce(List<SourceFile> sources) {
    int clauses = 0;
    for (SourceFile source : sources) {
      Parsed<dev.compact.agreements.Agreement> parsed = AgreementParser.parse(source);
      if (parsed.hasErrors()) {
        throw new IllegalStateException("a benchmark agreement did not parse: " + parsed.errors().getFirst().format());
      }
      clauses += parsed.value().orElseThrow().clauses().size();
    }
    return clauses;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

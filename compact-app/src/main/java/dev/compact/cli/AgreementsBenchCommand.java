package dev.compact.cli;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementParser;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.CompactSources;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.LoadSettingsBuilder;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench agreements}: parses and validates N agreements of the examples' size on one
 * thread, against its floor: parsing the same files' YAML and Markdown alone, with the same
 * libraries. The copies are read as agreements of the examples' compact (its {@code compact.md},
 * when the folder's parent has one), as {@code compact check} reads them: some clauses need the
 * compact's GDP table. The clock is read here, in the shell, never in the core.
 *
 * <p>Conditions compiled once are reused by their text within a run, so copies of the examples
 * would measure the cache: the "distinct" figure rewrites every condition of every copy, in every
 * run, into a text never seen before ({@code (condition) && 1234 >= 0}), and is the one to quote.
 *
 * <p>The parser composes YAML with the failsafe schema; the floor keeps the library's default
 * schema (which types every plain value with regular expressions), and a second floor composes as
 * the parser does, last: the ratios against both are printed.
 *
 * <p>The figures run in one JVM, in order (floor, repeated, distinct, failsafe floor), each after the same {@link
 * #WARM_UP_RUNS} warm-up runs of its own; the run-by-run CPU times are printed so that the JIT's
 * warm-up shows: a figure from few runs on a loaded machine is partly measured before the JIT has
 * compiled the reader's code.
 */
@Command(name = "agreements", mixinStandardHelpOptions = true,
    description = {"Parse and validate N agreements (copies of the example agreements with distinct ids) on one thread,",
        "with repeated and with distinct conditions, beside parsing their YAML and Markdown alone."})
final class AgreementsBenchCommand implements Callable<Integer> {

  @Option(names = "--count", defaultValue = "1000", description = "Agreements per run (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--runs", defaultValue = "7", description = "Measured runs after warm-up (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--examples", defaultValue = "examples/kyiv-compact/agreements",
      description = "Folder of agreement files to copy (default: ${DEFAULT-VALUE}).")
  Path examples;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A one-line CEL field: condition, trigger, until, ends-when. */
  static final Pattern CEL_FIELD =
      Pattern.compile("(?m)^(\\s*(?:- )?(?:condition|trigger|until|ends-when): ')([^'\\n]+)'\\s*$");

  private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

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
    Path umbrellaFile = examples.toAbsolutePath().getParent().resolve("compact.md");
    umbrella = Files.isRegularFile(umbrellaFile) ? Optional.of(new SourceFile("compact.md", Files.readString(umbrellaFile)))
        : Optional.empty();
    List<SourceFile> repeated = copies(templates, -1);
    long bytes = repeated.stream().mapToLong(s -> s.content().length()).sum();
    int fields = templates.stream().mapToInt(t -> (int) CEL_FIELD.matcher(t).results().count()).sum();
    out.printf("Parsing and validating %d agreements (%d templates, %.1f KB each on average, %d one-line conditions"
        + " among the templates) on one thread; load average %.1f%n",
        count, templates.size(), bytes / 1024.0 / count, fields, ClosedLoop.loadAverage());
    // Every run of the distinct figure gets texts no earlier run compiled (the seed moves on).
    int[] seed = {0};
    IntFunction<List<SourceFile>> distinct = run -> copies(templates, seed[0]++ * count);
    Figure floor = measure(out, "YAML + Markdown parse alone", run -> repeated, this::parseYamlAndMarkdown);
    Figure cached = measure(out, "agreements, conditions repeated (cache reused)", run -> repeated, this::parseAgreements);
    Figure fresh = measure(out, "agreements, every condition distinct", distinct, this::parseAgreements);
    // Last, so that the three figures above run exactly as before it was added: the JIT's warm-up
    // from every earlier figure favours this floor, never the agreements.
    Figure failsafe = measure(out, FAILSAFE_FLOOR, run -> repeated, sources -> parseYamlAndMarkdown(sources, FAILSAFE));
    out.printf("%nagainst the floor (CPU per agreement, lower is better; ratio = floor / path):%n");
    for (Figure f : List.of(floor, cached, fresh)) {
      out.printf("  %-48s %8.1f µs CPU  %8.1f µs wall  %.2f of the floor%n", f.name, f.cpuMicros, f.wallMicros,
          floor.cpuMicros / f.cpuMicros);
    }
    // The parser composes YAML with the failsafe schema (no implicit typing, which it never uses);
    // the floor above keeps the library's default schema, as it always has. Against a floor that
    // skips the typing too, the ratios are lower: printed so that neither reading is hidden.
    out.printf("against a floor that composes YAML as the parser does (failsafe schema, %.1f µs CPU): repeated %.2f, distinct %.2f%n",
        failsafe.cpuMicros, failsafe.cpuMicros / cached.cpuMicros, failsafe.cpuMicros / fresh.cpuMicros);
    out.printf("JVM %s, %d available processors, load average %.1f%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), ClosedLoop.loadAverage());
    out.flush();
    return 0;
  }

  private record Figure(String name, double cpuMicros, double wallMicros) {}

  /** Warm-up runs before each figure's measured runs: the same for the floor and for both agreement figures. */
  static final int WARM_UP_RUNS = 3;

  private Figure measure(PrintWriter out, String name, IntFunction<List<SourceFile>> sources, ToIntFunction<List<SourceFile>> work) {
    // CPU time of this thread as well as wall time: on a shared machine the wall clock measures the neighbours too.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    StringBuilder warmUp = new StringBuilder();
    for (int warm = 0; warm < WARM_UP_RUNS; warm++) {
      List<SourceFile> batch = sources.apply(warm);
      long cpuStart = threads.getCurrentThreadCpuTime();
      work.applyAsInt(batch);
      warmUp.append(String.format(" %.0f", (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / count));
    }
    double[] seconds = new double[runs];
    double[] cpu = new double[runs];
    StringBuilder measured = new StringBuilder();
    int units = 0;
    for (int r = 0; r < runs; r++) {
      List<SourceFile> batch = sources.apply(r);
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      units = work.applyAsInt(batch);
      seconds[r] = (System.nanoTime() - start) / 1e9;
      cpu[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      measured.append(String.format(" %.0f", cpu[r] * 1e6 / count));
    }
    Arrays.sort(seconds);
    Arrays.sort(cpu);
    double median = seconds[runs / 2];
    out.printf("%s: median %.3f s wall (%.3f s CPU) for %d agreements (%d clauses or blocks): %.0f agreements/s; best %.3f s wall%n",
        name, median, cpu[runs / 2], count, units, count / median, seconds[0]);
    out.printf("    µs CPU per agreement, run by run: warm-up%s; measured%s%n", warmUp, measured);
    return new Figure(name, cpu[runs / 2] * 1e6 / count, median * 1e6 / count);
  }

  /** {@code count} copies with distinct ids; with {@code seed >= 0} every condition text distinct too. */
  private List<SourceFile> copies(List<String> templates, int seed) {
    List<SourceFile> sources = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text = templates.get(i % templates.size()).replaceFirst("(?m)^id: (.*)$", "id: $1-" + i);
      if (seed >= 0) {
        String mark = Integer.toString(seed + i);
        Matcher m = CEL_FIELD.matcher(text);
        text = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "(" + r.group(2) + ") && " + mark + " >= 0'"));
      }
      sources.add(new SourceFile("bench-" + i + ".md", text));
    }
    return sources;
  }

  /** The examples' compact document, read with the copies (once per batch, in both figures). */
  private Optional<SourceFile> umbrella = Optional.empty();

  private int parseAgreements(List<SourceFile> sources) {
    if (umbrella.isEmpty()) {
      int clauses = 0;
      for (SourceFile source : sources) {
        Parsed<Agreement> parsed = AgreementParser.parse(source);
        if (parsed.hasErrors()) {
          throw new IllegalStateException("a benchmark agreement did not parse: " + parsed.errors().getFirst().format());
        }
        clauses += parsed.value().orElseThrow().clauses().size();
      }
      return clauses;
    }
    Parsed<Compact> parsed = CompactParser.parse(new CompactSources("bench", umbrella, sources, List.of()));
    if (parsed.hasErrors() || parsed.value().isEmpty()) {
      throw new IllegalStateException("the benchmark agreements did not parse: "
          + parsed.errors().stream().findFirst().map(d -> d.format()).orElse("no compact"));
    }
    int clauses = 0;
    for (Agreement agreement : parsed.value().get().agreements()) {
      clauses += agreement.clauses().size();
    }
    return clauses;
  }

  /**
   * The floor: what any reader of these files must do, with the libraries the parser uses. The
   * front matter and every fenced block are composed into YAML node trees, the body into a
   * Markdown tree with source spans; nothing is validated or compiled.
   */
  int parseYamlAndMarkdown(List<SourceFile> sources) {
    return parseYamlAndMarkdown(sources, LoadSettings::builder);
  }

  static final String FAILSAFE_FLOOR = "YAML (failsafe schema) + Markdown parse alone";

  /** Settings as the agreement parser composes YAML: the failsafe schema, no implicit typing. */
  private static final Supplier<LoadSettingsBuilder> FAILSAFE =
      () -> LoadSettings.builder().setSchema(new FailsafeSchema());

  /** The floor with YAML composed under the given settings. */
  int parseYamlAndMarkdown(List<SourceFile> sources, Supplier<LoadSettingsBuilder> settingsBuilder) {
    // Built once per run, as the agreement parser builds its own: settings built for every section
    // made the floor slower than the libraries' own parse, and so flattered the ratios.
    LoadSettings settings = settingsBuilder.get().build();
    int blocks = 0;
    List<SourceFile> all = new ArrayList<>(sources);
    umbrella.ifPresent(all::add);
    for (SourceFile source : all) {
      String text = source.content();
      int end = text.indexOf("\n---", 4);
      String yaml = text.startsWith("---") && end > 0 ? text.substring(4, end) : "";
      String body = end > 0 ? text.substring(end + 4) : text;
      new Compose(settings).composeString(yaml);
      int[] found = {0};
      MARKDOWN.parse(body).accept(new AbstractVisitor() {
        @Override
        public void visit(FencedCodeBlock block) {
          new Compose(settings).composeString(block.getLiteral());
          found[0]++;
        }
      });
      blocks += found[0];
    }
    return blocks;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

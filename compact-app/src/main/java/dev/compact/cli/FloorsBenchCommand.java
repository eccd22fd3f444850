package dev.compact.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench floors}: every hot path against its own floor in one run, as the closing
 * notes of issue #17 report them. Each benchmark runs as it does on its own ({@code bench
 * agreements}, {@code engine}, {@code screening}, {@code screening-http}, {@code writers}), in a
 * fresh JVM, and its printed figures are read back into one table. With {@code --baseline}, the
 * same benchmarks of another jar (the previous commit's) run alternately with this one's, so that
 * both sets of figures share the machine's load.
 */
@Command(name = "floors", mixinStandardHelpOptions = true,
    description = {"Run each hot path's benchmark against its floor (agreements, decode and fold, screening at scale,",
        "HTTP and batch CLI screening, appends) and print one table of rate, floor and ratio against each target;",
        "quick sizes unless --full. With --baseline JAR, the other jar's benchmarks run alternately in the same run."})
final class FloorsBenchCommand implements Callable<Integer> {

  @Option(names = "--full", description = "The issue's sizes (1,000 agreements, 1M events, 10k/100k/1M entities, 10 s figures);"
      + " about half an hour per jar. Default: quick sizes, a few minutes per jar.")
  boolean full;

  @Option(names = "--baseline", paramLabel = "JAR", description = "A second compact jar (e.g. the previous commit's) measured alternately with this one.")
  Path baseline;

  @Option(names = "--jar", paramLabel = "JAR", description = "The jar measured (default: the jar this runs from).")
  Path jar;

  @Option(names = "--only", split = ",", paramLabel = "BENCH",
      description = "Only these benchmarks: agreements, engine, screening, screening-http, writers (default: all).")
  List<String> only = new ArrayList<>();

  @Option(names = "--postgres", paramLabel = "URL", description = "An empty PostgreSQL database: writers are measured there too.")
  String postgres;

  @Option(names = "--logs", paramLabel = "DIR", description = "Where each benchmark's full output is kept (default: a new temporary folder).")
  Path logs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** What a ratio must reach: at least {@code ratio} of the floor, or at least {@code ratio} times the baseline's rate. */
  record Target(double ratio, boolean againstBaseline) {
    String describe() {
      return againstBaseline ? String.format(Locale.ROOT, ">= %.1fx base", ratio) : String.format(Locale.ROOT, ">= %.2f", ratio);
    }
  }

  /** One path against its floor: rates in {@code unit} (higher is faster); ratio = rate / floor. */
  record Figure(String path, double rate, double floor, String unit, Optional<Target> target, String note) {
    double ratio() {
      return rate / floor;
    }
  }

  /** One benchmark: its arguments in quick and full mode, and how its figures are read from what it prints. */
  private record Bench(String name, List<String> quick, List<String> full, Function<String, List<Figure>> read) {}

  private List<Bench> benches() {
    List<Bench> all = new ArrayList<>();
    all.add(new Bench("agreements", List.of("--count", "300", "--runs", "5"), List.of(), FloorsBenchCommand::agreements));
    all.add(new Bench("engine", List.of("--events", "200000", "--scenarios", "10", "--rounds", "6"), List.of("--scenarios", "100"),
        FloorsBenchCommand::decode));
    all.add(new Bench("screening", List.of("--synthetic", "10000,100000", "--no-quality", "--seconds", "3"),
        List.of("--synthetic", "10000,100000,1000000", "--no-quality"), FloorsBenchCommand::scale));
    all.add(new Bench("screening-http", List.of("--clients", "2,8", "--seconds", "3", "--warmup", "5"), List.of("--clients", "2,8"),
        FloorsBenchCommand::http));
    all.add(new Bench("writers", List.of("--seconds", "3"), List.of(), FloorsBenchCommand::writers));
    if (postgres != null) {
      all.add(new Bench("writers", List.of("--seconds", "3", "--db", postgres), List.of("--db", postgres), FloorsBenchCommand::writers));
    }
    return all.stream().filter(b -> only.isEmpty() || only.contains(b.name())).toList();
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Path> measured = Optional.ofNullable(jar).or(FloorsBenchCommand::thisJar);
    if (measured.isEmpty()) {
      err.println("compact bench floors: not running from a jar; give --jar compact-app/target/compact.jar");
      return 2;
    }
    for (Path j : baseline == null ? List.of(measured.get()) : List.of(measured.get(), baseline)) {
      if (!Files.isRegularFile(j)) {
        err.println("compact bench floors: no jar " + j);
        return 2;
      }
    }
    List<String> unknown = only.stream().filter(n -> !List.of("agreements", "engine", "screening", "screening-http", "writers").contains(n))
        .toList();
    if (!unknown.isEmpty()) {
      err.println("compact bench floors: unknown benchmark " + unknown + "; choose among agreements, engine, screening, screening-http, writers");
      return 2;
    }
    Path folder = logs != null ? Files.createDirectories(logs) : Files.createTempDirectory("compact-floors");
    out.printf(Locale.ROOT, "compact bench floors (%s sizes): %s%s; %d processors, load average %.1f; full outputs in %s%n",
        full ? "full" : "quick", measured.get(), baseline == null ? "" : " against baseline " + baseline,
        Runtime.getRuntime().availableProcessors(), ClosedLoop.loadAverage(), folder);
    out.flush();
    Map<String, Figure> mine = new LinkedHashMap<>();
    Map<String, Figure> theirs = new LinkedHashMap<>();
    int step = 0;
    for (Bench bench : benches()) {
      step++;
      List<String> args = new ArrayList<>(full ? bench.full() : bench.quick());
      if (bench.name().equals("screening-http")) {
        args.add("--jar");
        args.add(measured.get().toString());
      }
      // The baseline first, then this jar: neither always gets the quieter second half of a step.
      if (baseline != null) {
        List<String> theirArgs = new ArrayList<>(args);
        theirArgs.replaceAll(a -> a.equals(measured.get().toString()) ? baseline.toString() : a);
        run(out, baseline, bench, theirArgs, folder.resolve(step + "-" + bench.name() + "-baseline.log"), theirs);
      }
      run(out, measured.get(), bench, args, folder.resolve(step + "-" + bench.name() + ".log"), mine);
    }
    table(out, mine, theirs);
    out.flush();
    return 0;
  }

  private void run(PrintWriter out, Path jarFile, Bench bench, List<String> args, Path log, Map<String, Figure> into)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The same JVM options as this run, but no AOT or CDS cache: each belongs to one jar.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-XX:AOTCache") && !a.startsWith("-XX:SharedArchiveFile") && !a.startsWith("-XX:AOTMode"))
        .forEach(command::add);
    command.addAll(List.of("-jar", jarFile.toString(), "bench", bench.name()));
    command.addAll(args);
    out.printf(Locale.ROOT, "  running %s (load average %.1f) ...", String.join(" ", command.subList(command.indexOf("bench"), command.size())),
        ClosedLoop.loadAverage());
    out.flush();
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(2, TimeUnit.HOURS);
    if (!done) {
      process.destroyForcibly();
    }
    List<Figure> figures = bench.read().apply(Files.readString(log, StandardCharsets.UTF_8));
    out.printf(Locale.ROOT, " %.0f s, %s%n", (System.nanoTime() - start) / 1e9,
        !done ? "stopped after two hours" : process.exitValue() != 0 ? "exit " + process.exitValue() + ", see " + log
            : figures.size() + " figures");
    out.flush();
    for (Figure figure : figures) {
      into.put(figure.path(), figure);
    }
  }

  private static void table(PrintWriter out, Map<String, Figure> mine, Map<String, Figure> theirs) {
    out.println();
    out.printf(Locale.ROOT, "== Against the floors (ratio = rate / floor; load average now %.1f)%n", ClosedLoop.loadAverage());
    boolean withBase = !theirs.isEmpty();
    out.printf(Locale.ROOT, "  %-54s %12s %12s %-18s %6s%s %-12s %s%n", "path", "rate", "floor", "unit", "ratio",
        withBase ? String.format(Locale.ROOT, " %6s %7s", "base", "x base") : "", "target", "met");
    for (Figure f : mine.values()) {
      Figure base = theirs.get(f.path());
      double speedup = base == null ? Double.NaN : f.rate() / base.rate();
      String met = f.target().map(t -> t.againstBaseline()
          ? (Double.isNaN(speedup) ? "needs --baseline" : speedup >= t.ratio() ? "yes" : "no")
          : f.ratio() >= t.ratio() ? "yes" : "no").orElse("");
      out.printf(Locale.ROOT, "  %-54s %12s %12s %-18s %6.2f%s %-12s %s%s%n", f.path(), rate(f.rate()), rate(f.floor()), f.unit(), f.ratio(),
          withBase ? String.format(Locale.ROOT, " %6s %7s", base == null ? "-" : String.format(Locale.ROOT, "%.2f", base.ratio()),
              Double.isNaN(speedup) ? "-" : String.format(Locale.ROOT, "%.2fx", speedup)) : "",
          f.target().map(Target::describe).orElse("-"), met, f.note().isEmpty() ? "" : "  (" + f.note() + ")");
    }
    for (String missing : theirs.keySet()) {
      if (!mine.containsKey(missing)) {
        out.printf("  %-54s measured on the baseline only%n", missing);
      }
    }
    out.println("  rate: per CPU second of the measuring thread where the benchmark reports CPU time (agreements, decode,");
    out.println("  screening at scale), else per wall second; x base: this jar's rate over the baseline's, same run.");
  }

  private static String rate(double value) {
    return Double.isNaN(value) ? "-" : value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
        : value >= 1 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.3f", value);
  }

  private static Optional<Path> thisJar() {
    String classPath = System.getProperty("java.class.path", "");
    return classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator) ? Optional.of(Path.of(classPath)) : Optional.empty();
  }

  private static double number(String text) {
    return Double.parseDouble(text.replace(",", ""));
  }

  // What each benchmark prints, read back. A line that is missing (an older jar, absent data) leaves its figure out.

  private static final Pattern AGREEMENTS = Pattern.compile(
      "(?m)^\\s+(YAML \\+ Markdown parse alone|agreements, conditions repeated \\(cache reused\\)|agreements, every condition distinct)"
          + "\\s+([\\d.]+) \\S+ CPU");

  static List<Figure> agreements(String output) {
    Map<String, Double> micros = new LinkedHashMap<>();
    Matcher m = AGREEMENTS.matcher(output);
    while (m.find()) {
      micros.put(m.group(1), number(m.group(2)));
    }
    Double floor = micros.get("YAML + Markdown parse alone");
    List<Figure> figures = new ArrayList<>();
    if (floor == null) {
      return figures;
    }
    Double distinct = micros.get("agreements, every condition distinct");
    if (distinct != null) {
      figures.add(new Figure("agreements, distinct conditions vs YAML+MD", 1e6 / distinct, 1e6 / floor, "agreements/CPU s",
          Optional.of(new Target(0.4, false)), ""));
    }
    Double repeated = micros.get("agreements, conditions repeated (cache reused)");
    if (repeated != null) {
      figures.add(new Figure("agreements, repeated conditions vs YAML+MD", 1e6 / repeated, 1e6 / floor, "agreements/CPU s",
          Optional.empty(), "the condition cache reused"));
    }
    return figures;
  }

  private static final Pattern DECODE = Pattern.compile(
      "Jackson readTree ([\\d,]+) events/s; EventCodec.decode into records ([\\d,]+) events/s = [\\d.]+ of readTree; fold ([\\d,]+) events/s");

  private static final Pattern DECODE_EXAMPLES = Pattern.compile(
      "decode of the examples' events \\(.*?\\): Jackson readTree ([\\d,]+) events/s; EventCodec.decode into records ([\\d,]+) events/s");

  static List<Figure> decode(String output) {
    Matcher m = DECODE.matcher(output);
    if (!m.find()) {
      return List.of();
    }
    double tree = number(m.group(1));
    double decode = number(m.group(2));
    double fold = number(m.group(3));
    List<Figure> figures = new ArrayList<>(List.of(
        new Figure("decode vs Jackson readTree", decode, tree, "events/CPU s", Optional.of(new Target(0.5, false)), "generated record"),
        new Figure("fold vs decode", fold, decode, "events/CPU s", Optional.empty(), "above 1: replay is limited by decoding")));
    Matcher examples = DECODE_EXAMPLES.matcher(output);
    if (examples.find()) {
      figures.add(new Figure("decode vs Jackson readTree, examples' events", number(examples.group(2)), number(examples.group(1)),
          "events/CPU s", Optional.of(new Target(0.5, false)), "every kind the examples record"));
    }
    return figures;
  }

  private static final Pattern SCALE_FLOOR = Pattern.compile(
      "== Against the floor: CPU per query at scale against the real lists \\(([\\d,]+) entities, ([\\d.]+) ms");
  private static final Pattern SCALE = Pattern.compile(
      "(?m)^\\s+([\\d,]+) entities: CPU ([\\d.]+) ms per query = [\\d.]+x the real lists.*?p99 ([\\d.]+) ms at (\\d+) threads");

  static List<Figure> scale(String output) {
    Matcher floor = SCALE_FLOOR.matcher(output);
    if (!floor.find()) {
      return List.of();
    }
    double real = number(floor.group(2));
    List<Figure> figures = new ArrayList<>();
    Matcher m = SCALE.matcher(output);
    while (m.find()) {
      // At most 2x the CPU per query of the real lists: a rate at least half theirs.
      figures.add(new Figure("screening at " + m.group(1) + " entities vs real lists", 1000 / number(m.group(2)), 1000 / real,
          "queries/CPU s", Optional.of(new Target(0.5, false)), "p99 " + m.group(3) + " ms at " + m.group(4) + " threads, target < 50"));
    }
    return figures;
  }

  private static final Pattern HTTP_ROW = Pattern.compile(
      "(?m)^  (\\S.*?)\\s+(\\d+)\\s+(\\d+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+([\\d.]+)\\s+[\\d.]+$");

  static List<Figure> http(String output) {
    int table = output.indexOf("== Side by side");
    if (table < 0) {
      return List.of();
    }
    List<Figure> figures = new ArrayList<>();
    Matcher m = HTTP_ROW.matcher(output.substring(table));
    while (m.find()) {
      String path = m.group(1);
      if (path.startsWith("in-process")) {
        continue; // the floor itself
      }
      int clients = Integer.parseInt(m.group(2));
      double rate = number(m.group(3));
      double ratio = number(m.group(4));
      boolean cli = path.contains("CLI");
      boolean single = path.equals("HTTP /api/screen");
      figures.add(new Figure((cli ? path : path + ", " + clients + " clients") + " vs in-process", rate, rate / ratio, "names/s",
          cli ? Optional.of(new Target(0.5, false)) : single ? Optional.of(new Target(0.7, false)) : Optional.empty(),
          cli ? "start-up included" : ""));
    }
    return figures;
  }

  private static final Pattern WRITERS_DB = Pattern.compile("compact bench writers: (\\S+),");
  static List<Figure> writers(String output) {
    Matcher db = WRITERS_DB.matcher(output);
    String dialect = db.find() ? db.group(1) : "database";
    List<Figure> figures = new ArrayList<>();
    // The wording is the writers bench's own (WritersBenchCommand.ROW), older jars' included.
    for (WritersBenchCommand.Row row : WritersBenchCommand.rows(output)) {
      int writers = row.writers();
      figures.add(new Figure("appends, " + writers + " writer" + (writers == 1 ? "" : "s") + ", " + dialect + " vs JDBC", row.appendsPerSecond(),
          row.floor(), "appends/s", writers >= 8 ? Optional.of(new Target(2, true)) : Optional.empty(), ""));
    }
    return figures;
  }
}

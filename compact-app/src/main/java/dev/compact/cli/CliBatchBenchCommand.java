package dev.compact.cli;

import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Algorithm;
import dev.compact.screening.NameKind;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.evaluation.PersonRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench cli-batch}: the batch CLI, start-up included, against the matcher in-process
 * on the same names in the same run, for one launcher or several side by side (this build and an
 * earlier one), each first with an empty cache folder and then warm.
 */
@Command(name = "cli-batch", mixinStandardHelpOptions = true,
    description = {"Names/s of 'compact screen --batch' in a fresh process, start-up included, against the",
        "matcher in-process on as many threads as cores, on the same names in one run.",
        "Each launcher (--cli, repeatable; default this repository's ./compact) runs first with an empty cache folder",
        "(cold: no list or index snapshot, no JVM cache), then --runs times warm, launchers alternating, in-process between.",
        "A launcher whose 'screen' has --server also runs 'screen --batch --server' against a service this bench starts",
        "in its own JVM with the bundled lists and warms for --warmup seconds, as the matcher in-process: that figure",
        "includes the client's start-up, not the service's (it is long-running).",
        "The results and logs stay in the work folder it names; the cache folders are removed at the end.",
        "Names: the labelled UN positives and negatives from ../shared/data/sanctions (or --data), else listed names."})
final class CliBatchBenchCommand implements Callable<Integer> {

  @Option(names = "--cli", paramLabel = "LAUNCHER", description = "A compact launcher script to run (repeatable; default: this repository's ./compact).")
  List<Path> launchers = new ArrayList<>();

  @Option(names = "--runs", defaultValue = "3", description = "Warm runs of each launcher after the cold one (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seconds", defaultValue = "5", description = "Seconds of each in-process measurement (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--warmup", defaultValue = "20", description = "Seconds of in-process warm-up first (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--data", paramLabel = "DIR", description = "The sanctions data folder (default: $COMPACT_SANCTIONS_DATA or ../shared/data/sanctions).")
  Path data;

  @Option(names = "--compact", paramLabel = "DIR", description = "The compact folder the service serves (default: examples/kyiv-compact of this repository).")
  Path compact;

  @Option(names = "--no-server", description = "Leave out the --server runs (and the service).")
  boolean noServer;

  @Option(names = "--server-only", description = "Only the --server runs: leave out the stand-alone ones (minutes each on a loaded"
      + " machine), so that more rounds of the client fit in the same time.")
  boolean serverOnly;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The CLI's default number of hits per name, so that both sides do the same matching. */
  private static final int LIMIT = 5;

  /** How a run screened: the stand-alone CLI, or the thin client of the bench's service. */
  private enum Mode {
    STAND_ALONE("stand-alone"), SERVER("--server");

    final String label;

    Mode(String label) {
      this.label = label;
    }
  }

  /**
   * One timed run of a launcher; {@code serviceCpuSeconds} is the CPU this JVM (where the service
   * runs) spent during a --server run, NaN for a stand-alone one.
   */
  private record Run(String launcher, Mode mode, boolean cold, double seconds, double cpuSeconds, double serviceCpuSeconds,
      double namesPerSecond, double inProcess, double load) {
    double ratio() {
      return namesPerSecond / inProcess;
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (runs < 0 || seconds <= 0 || warmup < 0) {
      err.println("compact bench cli-batch: --runs must be 0 or more, --seconds positive, --warmup 0 or more");
      return 1;
    }
    if (serverOnly && noServer) {
      err.println("compact bench cli-batch: --server-only and --no-server leave nothing to run");
      return 1;
    }
    if (launchers.isEmpty()) {
      String home = System.getProperty("compact.home");
      Path own = home == null ? Path.of("compact") : Path.of(home, "compact");
      launchers = List.of(own);
    }
    for (Path launcher : launchers) {
      if (!Files.isExecutable(launcher)) {
        err.println("compact bench cli-batch: " + launcher + " is not an executable launcher (give --cli PATH/compact)");
        return 1;
      }
    }
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf("compact bench cli-batch: algorithm %s; JVM %s, %d processors; load average %.1f%n", Algorithm.ID,
        System.getProperty("java.version"), cores, ClosedLoop.loadAverage());
    List<SanctionsList> lists = ListLoader.bundled();
    Screener screener = new Screener(ScreeningIndex.build(lists));
    List<ScreeningQuery> mix = mix(lists, out);
    Path dir = Files.createTempDirectory("compact-bench-cli");
    Path names = dir.resolve("names.csv");
    writeNames(names, mix);
    out.printf("%d names; launchers: %s; work folder %s%n", mix.size(), launchers, dir);

    out.printf("warming the matcher up in-process: %.0f s on %d threads%n", warmup, cores);
    ClosedLoop.run(cores, warmup, (w, i) -> screener.screen(mix.get(index(w, i, cores, mix.size())), LIMIT));

    Map<Path, Path> caches = new LinkedHashMap<>();
    Map<Path, Boolean> clients = new LinkedHashMap<>();
    for (Path launcher : launchers) {
      Path cache = Files.createDirectory(dir.resolve("cache-" + caches.size()));
      caches.put(launcher, cache);
      clients.put(launcher, !noServer && hasServerOption(launcher, dir));
    }
    out.printf("launchers with 'screen --server': %s%n", clients.entrySet().stream().filter(Map.Entry::getValue).map(e -> e.getKey().toString()).toList());
    if (serverOnly && !clients.containsValue(true)) {
      err.println("compact bench cli-batch: --server-only, but no launcher's 'screen' takes --server");
      removeCaches(out, caches.values());
      return 1;
    }
    Optional<Service> service = Optional.empty();
    try {
      if (clients.containsValue(true)) {
        service = Optional.of(Service.start(compactFolder(), dir, out));
        // The service is warmed as the matcher in-process is: the same names, for --warmup seconds, through the
        // route and requests the client uses (the client itself, run in this JVM).
        out.printf("warming the service up: %.0f s of 'screen --batch --server' in this JVM%n", warmup);
        long until = System.nanoTime() + (long) (warmup * 1e9);
        do {
          String[] args = {"screen", "--batch", names.toString(), "--out", dir.resolve("warm.csv").toString(),
              "--server", service.get().url()};
          java.io.StringWriter said = new java.io.StringWriter();
          CommandLine client = CompactCommandLine.of(args);
          client.setOut(new PrintWriter(Writer.nullWriter()));
          client.setErr(new PrintWriter(said, true));
          if (client.execute(args) != 0) {
            out.println("  the client in this JVM failed: " + said.toString().strip());
            return 1;
          }
        } while (System.nanoTime() < until);
      }
      List<Run> all = new ArrayList<>();
      List<Double> inProcessRates = new ArrayList<>();
      for (int round = 0; round <= runs; round++) {
        for (Path launcher : launchers) {
          for (Mode mode : Mode.values()) {
            if (mode == Mode.SERVER && !clients.get(launcher) || mode == Mode.STAND_ALONE && serverOnly) {
              continue;
            }
            ClosedLoop.Result local = ClosedLoop.run(cores, seconds,
                (w, i) -> screener.screen(mix.get(index(w, i, cores, mix.size())), LIMIT));
            inProcessRates.add(local.perSecond());
            out.printf(Locale.ROOT, "  in-process, %d threads: %.0f names/s (CPU %.3f ms/name), load %.1f%n", cores,
                local.perSecond(), local.cpuMillisPerCall(), ClosedLoop.loadAverage());
            Optional<Run> run = cli(out, launcher, mode, service.map(Service::url), caches.get(launcher), names,
                dir.resolve("out-" + all.size() + ".csv"), round == 0, mix.size(), local.perSecond());
            if (run.isEmpty()) {
              return 1;
            }
            all.add(run.get());
          }
        }
      }
      report(out, all, inProcessRates, mix.size(), cores);
      sameOutputs(out, dir, all.size());
      return 0;
    } finally {
      service.ifPresent(Service::close);
      removeCaches(out, caches.values());
    }
  }

  private void report(PrintWriter out, List<Run> all, List<Double> inProcessRates, int names, int cores) {

    out.println();
    out.printf("== Side by side (%d names; in-process on %d threads, limit %d; load average now %.1f)%n", names,
        cores, LIMIT, ClosedLoop.loadAverage());
    out.printf("  %-40s %-11s %-5s %8s %8s %10s %9s %6s %5s%n", "launcher", "mode", "cache", "wall s", "CPU s", "service s",
        "names/s", "ratio", "load");
    for (Run r : all) {
      out.printf(Locale.ROOT, "  %-40s %-11s %-5s %8.2f %8s %10s %9.0f %6.2f %5.1f%n", r.launcher(), r.mode().label,
          r.cold() ? "cold" : "warm", r.seconds(), seconds(r.cpuSeconds()), seconds(r.serviceCpuSeconds()),
          r.namesPerSecond(), r.ratio(), r.load());
    }
    out.println("  ratio: the run's names/s against the in-process rate measured just before it. CPU s: the CLI's process.");
    out.println("  --server: the client's start-up included, not the service's (long-running, warmed first); service s is the");
    out.println("  CPU this JVM, where the service runs, spent meanwhile (its screening, and anything else of this JVM).");
    out.printf(Locale.ROOT, "  in-process median %.0f names/s over %d measurements%n", median(inProcessRates), inProcessRates.size());
    for (Path launcher : launchers) {
      for (Mode mode : Mode.values()) {
        double[] warm = all.stream().filter(r -> r.launcher().equals(launcher.toString()) && r.mode() == mode && !r.cold())
            .mapToDouble(Run::ratio).sorted().toArray();
        if (warm.length > 0) {
          out.printf(Locale.ROOT, "  %s %s: warm ratio median %.2f (min %.2f, max %.2f)%n", launcher, mode.label,
              warm[warm.length / 2], warm[0], warm[warm.length - 1]);
        }
      }
    }
  }

  private static String seconds(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** The compact folder the service serves: --compact, else this repository's example. */
  private Path compactFolder() {
    if (compact != null) {
      return compact;
    }
    String home = System.getProperty("compact.home");
    return (home == null ? Path.of("") : Path.of(home)).resolve("examples/kyiv-compact").toAbsolutePath();
  }

  /** Whether the launcher's {@code screen} takes {@code --server} (earlier builds do not). */
  private static boolean hasServerOption(Path launcher, Path dir) throws IOException, InterruptedException {
    Path help = dir.resolve("screen-help-" + Math.abs(launcher.toString().hashCode()) + ".txt");
    ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "screen", "--help").redirectErrorStream(true)
        .redirectOutput(help.toFile());
    // Its own cache folder: the launchers' cold runs must find theirs empty.
    builder.environment().put("COMPACT_CACHE", "off");
    Process p = builder.start();
    return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.readString(help).contains("--server");
  }

  /** The service the --server runs screen on: in this JVM, on a free loopback port, with its own database. */
  private record Service(org.springframework.context.ConfigurableApplicationContext context, String url) implements AutoCloseable {
    static Service start(Path compact, Path dir, PrintWriter out) throws IOException {
      long start = System.nanoTime();
      var context = dev.compact.ServiceApplication.start("--server.port=0", "--compact.db=" + Files.createDirectory(dir.resolve("service"))
          .resolve("bench.db"), "--compact.compact-dir=" + compact.toAbsolutePath(), "--logging.level.root=WARN",
          "--spring.main.banner-mode=off");
      Service service = new Service(context, "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
      out.printf(Locale.ROOT, "service started in %.1f s at %s (%s), with the bundled lists unless its record holds versions%n",
          (System.nanoTime() - start) / 1e9, service.url(), compact);
      return service;
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /**
   * The launchers' cache folders hold a JVM cache and an extracted jar each (about 250 MB); the
   * outputs and logs stay for inspection, the caches go.
   */
  private static void removeCaches(PrintWriter out, Collection<Path> caches) {
    for (Path cache : caches) {
      try (Stream<Path> walk = Files.walk(cache)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException | UncheckedIOException e) {
        out.println("  could not remove " + cache + ": " + e.getMessage());
      }
    }
  }

  private Optional<Run> cli(PrintWriter out, Path launcher, Mode mode, Optional<String> server, Path cache, Path names, Path result,
      boolean cold, int count, double inProcess) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    // The child runs in an empty folder of its own, so every path it is given must not depend on the bench's folder.
    launcher = launcher.toAbsolutePath();
    names = names.toAbsolutePath();
    result = result.toAbsolutePath();
    cache = cache.toAbsolutePath();
    Path cpuFile = result.resolveSibling(result.getFileName() + ".cpu");
    boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
    if (timed) {
      command.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpuFile.toString()));
    }
    command.addAll(List.of(launcher.toString(), "screen", "--batch", names.toString(), "--out", result.toString()));
    if (mode == Mode.SERVER) {
      command.addAll(List.of("--server", server.orElseThrow()));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(emptyFolder(result).toFile())
        .redirectOutput(result.resolveSibling(result.getFileName() + ".log").toFile());
    builder.environment().put("COMPACT_CACHE_DIR", cache.toString());
    double load = ClosedLoop.loadAverage();
    long ownCpu = PhaseTimings.processCpuNanos().orElse(-1L);
    long start = System.nanoTime();
    Process p = builder.start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroy();
      out.println("  " + launcher + " failed; its output is in " + result.resolveSibling(result.getFileName() + ".log"));
      return Optional.empty();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long ownCpuAfter = PhaseTimings.processCpuNanos().orElse(-1L);
    double serviceCpu = mode == Mode.SERVER && ownCpu >= 0 && ownCpuAfter >= 0 ? (ownCpuAfter - ownCpu) / 1e9 : Double.NaN;
    double cpu = Double.NaN;
    if (timed && Files.isReadable(cpuFile)) {
      String[] parts = Files.readString(cpuFile).strip().split("\\s+");
      cpu = parts.length == 2 ? Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]) : Double.NaN;
    }
    Run run = new Run(launcher.toString(), mode, cold, elapsed, cpu, serviceCpu, count / elapsed, inProcess, load);
    out.printf(Locale.ROOT, "  %s %s (%s): %.2f s wall, %s s CPU%s, %.0f names/s, ratio %.2f, load %.1f%n", launcher, mode.label,
        cold ? "cold: empty cache folder" : "warm", elapsed, seconds(cpu),
        mode == Mode.SERVER ? ", service " + seconds(serviceCpu) + " s CPU" : "", run.namesPerSecond(), run.ratio(), load);
    out.flush();
    return Optional.of(run);
  }

  /**
   * A new empty folder for one child {@code screen --batch} to run in: the stand-alone CLI screens
   * the record {@code compact-data/compact.db} of the folder it runs in when there is one, so a
   * child run in the bench's own folder (or the work folder, which holds the service's files)
   * could screen other lists than the bundled ones the in-process side uses.
   */
  static Path emptyFolder(Path result) throws IOException {
    return Files.createDirectory(result.resolveSibling(result.getFileName() + ".cwd"));
  }

  /** Every launcher must have written the same hits with the same scores. */
  private static void sameOutputs(PrintWriter out, Path dir, int count) throws IOException {
    byte[] first = Files.readAllBytes(dir.resolve("out-0.csv"));
    for (int i = 1; i < count; i++) {
      if (!Arrays.equals(first, Files.readAllBytes(dir.resolve("out-" + i + ".csv")))) {
        out.println("  OUTPUTS DIFFER: out-0.csv and out-" + i + ".csv in " + dir);
        return;
      }
    }
    out.printf("  all %d runs wrote the same results, byte for byte%n", count);
  }

  /**
   * The launcher of the checkout a jar was built in ({@code ROOT/compact} for {@code
   * ROOT/compact-app/target/compact.jar}), when there is one.
   */
  static Optional<Path> launcherOf(Path jar) {
    Path absolute = jar.toAbsolutePath().normalize();
    if (!absolute.endsWith(Path.of("compact-app", "target", "compact.jar"))) {
      return Optional.empty();
    }
    Path script = absolute.getParent().getParent().getParent().resolve("compact");
    return Files.isExecutable(script) ? Optional.of(script) : Optional.empty();
  }

  static void writeNames(Path file, List<ScreeningQuery> mix) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("name,type\n");
      for (ScreeningQuery q : mix) {
        w.write(ScreenCommand.csvLine(List.of(q.name(), q.kind() == NameKind.UNKNOWN ? "" : q.kind().name().toLowerCase(Locale.ROOT))));
      }
    }
  }

  private List<ScreeningQuery> mix(List<SanctionsList> lists, PrintWriter out) throws IOException {
    Optional<Path> folder = ScreeningBenchCommand.resolveData(data);
    if (folder.isEmpty()) {
      out.println("LABELLED DATA ABSENT: screening 2,000 listed names per list instead");
      return ScreeningBenchCommand.queryMix(List.of(), List.of(), List.of(), lists);
    }
    List<PersonRecord> positives = ScreeningBenchCommand.people(folder.get().resolve("eval/yente/positives_un_untreated.csv"), out);
    List<PersonRecord> us = ScreeningBenchCommand.people(folder.get().resolve("eval/yente/negatives_us_1k.csv"), out);
    List<PersonRecord> global = ScreeningBenchCommand.people(folder.get().resolve("eval/yente/negatives_global_1k.csv"), out);
    return ScreeningBenchCommand.queryMix(positives, us, global, lists);
  }

  private static int index(int worker, long call, int workers, int size) {
    return (int) ((worker * (long) size / workers + call) % size);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }
}

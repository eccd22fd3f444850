package dev.compact.cli;

import dev.compact.ServiceApplication;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Algorithm;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.evaluation.PersonRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench screening-http}: the same queries screened in-process, over HTTP one per
 * request and in batches, and by the batch CLI in a fresh JVM, side by side in one run, so that
 * what the HTTP path and the CLI's start-up cost is a ratio against the matcher itself.
 */
@Command(name = "screening-http", mixinStandardHelpOptions = true,
    description = {"Screening throughput in-process, over HTTP (POST /api/screen and /api/screen/batch) and",
        "through the batch CLI (names/s including JVM start-up), on the same queries in one run.",
        "Queries: the labelled UN positives and negatives from ../shared/data/sanctions (or --data) when present,",
        "else listed names from the bundled lists."})
final class ScreeningHttpBenchCommand implements Callable<Integer> {

  @Option(names = "--data", paramLabel = "DIR", description = "The sanctions data folder (default: $COMPACT_SANCTIONS_DATA or ../shared/data/sanctions).")
  Path data;

  @Option(names = "--clients", split = ",", defaultValue = "1,2,8", description = "Concurrent clients (and in-process threads) to measure (default: ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per figure (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--warmup", defaultValue = "20", description = "Seconds of warm-up in-process and again over HTTP before anything is measured (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--warmup-max", defaultValue = "300", description = "After --warmup, HTTP warm-up goes on in rounds of 5 s"
      + " until the server's CPU per request changes by less than 5%% between two rounds and the JIT compiled for less than"
      + " 5%% of the round, for at most this many seconds (default: ${DEFAULT-VALUE}).")
  double warmupMax;

  @Option(names = "--batch-size", defaultValue = "100", description = "Queries per POST /api/screen/batch request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--compact", defaultValue = "examples/kyiv-compact", description = "The compact folder the service serves (default: ${DEFAULT-VALUE}).")
  Path compact;

  @Option(names = "--jar", paramLabel = "JAR", description = "The compact jar the batch CLI runs from (default: the jar this runs from).")
  Path jar;

  @Option(names = "--no-cli", description = "Skip the batch CLI figure.")
  boolean noCli;

  @Option(names = "--client", defaultValue = "socket", description = "The HTTP client the measuring threads use, on the"
      + " same cores as the server: socket (requests written and answers read on keep-alive sockets, as light as a load"
      + " generator such as wrk), url-connection (the JDK's blocking HttpURLConnection) or java-net-http"
      + " (java.net.http.HttpClient, whose selector thread costs more CPU per request than the server's own work around the"
      + " matcher; the client of the runs before 2026-12-07) (default: ${DEFAULT-VALUE}).")
  BenchClients.Client client;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1) || batchSize < 1 || batchSize > 1_000 || seconds <= 0) {
      spec.commandLine().getErr().println("compact bench screening-http: --clients must be at least 1, --batch-size 1 to 1000, --seconds positive");
      return 1;
    }
    if (!Files.isDirectory(compact)) {
      spec.commandLine().getErr().println("compact bench screening-http: no compact folder " + compact + " (give --compact DIR)");
      return 1;
    }
    out.printf("compact bench screening-http: algorithm %s; JVM %s, %d processors, max heap %d MB; load average %.1f%n",
        Algorithm.ID, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, ClosedLoop.loadAverage());

    long t0 = System.nanoTime();
    List<SanctionsList> lists = ListLoader.bundled();
    long t1 = System.nanoTime();
    Screener screener = new Screener(ScreeningIndex.build(lists));
    long t2 = System.nanoTime();
    List<ScreeningQuery> all = mix(lists, out);
    // A name the matcher rejects (nothing left after normalisation) is a 422 over HTTP and a cheap refusal in-process:
    // both paths screen only the names the matcher screens, so that each figure counts the same work.
    List<ScreeningQuery> mix = all.stream().filter(q -> screener.screen(q, 10) instanceof ScreeningOutcome.Screened).toList();
    out.printf("lists parsed in %d ms, index built in %d ms (%d entities); %d queries (%d more the matcher rejects are left out)%n",
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, screener.index().entityCount(), mix.size(), all.size() - mix.size());

    List<Row> rows = new ArrayList<>();
    List<ClosedLoop.Result> inProcess = new ArrayList<>();
    int maxClients = clients.stream().max(Integer::compare).orElseThrow();
    Path dbDir = Files.createTempDirectory("compact-bench");
    long s0 = System.nanoTime();
    ConfigurableApplicationContext context = ServiceApplication.start("--server.port=0",
        "--compact.db=" + dbDir.resolve("bench.db"), "--compact.compact-dir=" + compact.toAbsolutePath(),
        "--logging.level.root=WARN", "--spring.main.banner-mode=off");
    try {
      long s1 = System.nanoTime();
      String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
      BenchClients.Poster http = BenchClients.poster(client, base);
      List<byte[]> bodies = mix.stream().map(q -> BenchClients.json(q).getBytes(StandardCharsets.UTF_8)).toList();
      long f0 = System.nanoTime();
      http.post("/api/screen", bodies.getFirst());
      long f1 = System.nanoTime();
      out.printf("service (clients in this JVM, on the same cores: %s, HTTP/1.1 keep-alive) started in %d ms;"
          + " first POST /api/screen %d ms%n", client, (s1 - s0) / 1_000_000, (f1 - f0) / 1_000_000);
      // The JIT needs tens of thousands of queries before the matcher runs at its steady speed: warm
      // both paths first, then measure each concurrency in-process and over HTTP back to back.
      // The HTTP path (Tomcat, Spring MVC, Jackson, the client) has far more code for the JIT to compile than the matcher.
      out.printf("warming up: %.0f s in-process, %.0f s over HTTP, on %d threads%n", warmup, warmup, maxClients);
      ClosedLoop.run(maxClients, warmup, (w, i) -> screener.screen(mix.get(index(w, i, maxClients, mix.size())), 10));
      ClosedLoop.run(maxClients, warmup, (w, i) -> http.post("/api/screen", bodies.get(index(w, i, maxClients, bodies.size()))));
      warmUntilSteady(out, http, bodies, maxClients);
      out.println();
      out.println("== In-process Screener.screen(query, 10), the call the service makes, then POST /api/screen");
      for (int c : clients) {
        ClosedLoop.Result local = measured(c, () -> ClosedLoop.run(c, seconds,
            (w, i) -> screener.screen(mix.get(index(w, i, c, mix.size())), 10)));
        inProcess.add(local);
        rows.add(row("in-process", c, local, 1, null));
        print(out, rows.getLast());
        ClosedLoop.Result remote = measured(c, () -> ClosedLoop.run(c, seconds,
            (w, i) -> http.post("/api/screen", bodies.get(index(w, i, c, bodies.size())))));
        rows.add(row("HTTP /api/screen", c, remote, 1, local));
        print(out, rows.getLast());
      }
      List<byte[]> batches = new ArrayList<>();
      for (int from = 0; from < mix.size(); from += batchSize) {
        batches.add(("[" + String.join(",", mix.subList(from, Math.min(mix.size(), from + batchSize)).stream()
            .map(BenchClients::json).toList()) + "]").getBytes(StandardCharsets.UTF_8));
      }
      int c = Math.min(2, maxClients);
      ClosedLoop.run(c, seconds, (w, i) -> http.post("/api/screen/batch", batches.get(index(w, i, c, batches.size()))));
      ClosedLoop.Result r = measured(c, () -> ClosedLoop.run(c, seconds,
          (w, i) -> http.post("/api/screen/batch", batches.get(index(w, i, c, batches.size())))));
      ClosedLoop.Result same = inProcess.get(clients.indexOf(c) >= 0 ? clients.indexOf(c) : 0);
      rows.add(row("HTTP /api/screen/batch x" + batchSize, c, r, batchSize, same));
      print(out, rows.getLast());
    } finally {
      context.close();
    }

    if (!noCli) {
      out.println();
      out.println("== Batch CLI: compact screen --batch in a fresh JVM, start-up included");
      Optional<Path> cliJar = jar != null ? Optional.of(jar) : thisJar();
      if (cliJar.isEmpty()) {
        out.println("  skipped: not running from a jar (give --jar compact-app/target/compact.jar)");
      } else {
        // The CLI screens on every core, so it is compared with the matcher on as many threads.
        int cores = Runtime.getRuntime().availableProcessors();
        int at = clients.indexOf(cores);
        cli(out, cliJar.get(), mix, rows, at >= 0 ? inProcess.get(at) : inProcess.getLast());
      }
    }

    out.println();
    out.printf("== Side by side (%d queries; %s s per figure after the warm-up; load average now %.1f)%n", mix.size(),
        seconds, ClosedLoop.loadAverage());
    out.printf("  %-30s %7s %9s %8s %8s %9s %8s %8s %6s %5s%n", "path", "clients", "names/s", "p50 ms", "p99 ms",
        "CPU ms/n", "server", "caller", "ratio", "load");
    for (Row row : rows) {
      out.printf(Locale.ROOT, "  %-30s %7d %9.0f %8s %8s %9.3f %8.3f %8.3f %6s %5.1f%n", row.path, row.clients,
          row.namesPerSecond, row.p50, row.p99, row.cpuPerName, row.serverCpuPerName, row.callerCpuPerName, row.ratio,
          row.load);
    }
    out.println("  ratio: names/s against in-process at the same concurrency (batch CLI: against in-process on as many threads as cores).");
    out.println("  CPU ms/n: process CPU time per screened name (server, clients, matcher, GC and JIT together);");
    out.println("  server: of which the server's threads (Tomcat's request and I/O threads, the batch workers); caller: the measuring threads");
    out.println("  (in-process: the matcher itself; HTTP: the client, but for java-net-http's selector thread, under 'client I/O').");
    out.println();
    // The rates above share two cores between client and server; CPU time per name is what load does not move.
    out.println("== By CPU time per name (in-process CPU ms/name over HTTP CPU ms/name, at the same concurrency)");
    out.printf("  %-30s %7s %10s %8s %9s %9s %10s %12s%n", "path", "clients", "in-process", "matcher", "HTTP all", "server",
        "ratio all", "ratio server");
    for (Row row : rows) {
      if (!Double.isNaN(row.referenceCpuPerName) && !Double.isNaN(row.cpuPerName)) {
        out.printf(Locale.ROOT, "  %-30s %7d %10.3f %8.3f %9.3f %9.3f %10.2f %12.2f%n", row.path, row.clients,
            row.referenceCpuPerName, row.referenceMatcherCpuPerName, row.cpuPerName, row.serverCpuPerName,
            row.referenceCpuPerName / row.cpuPerName, row.referenceMatcherCpuPerName / row.serverCpuPerName);
      }
    }
    out.println("  ratio all: in-process over HTTP for the whole process (client, GC and JIT on the same cores, as the rates above);");
    out.println("  ratio server: the matcher's threads in-process over the server's threads (request and I/O), GC and JIT left out of");
    out.println("  both: the rate a client on another machine would get once the server's cores are the limit.");
    return 0;
  }

  /** Seconds of each warm-up round after the fixed warm-up. */
  static final double WARM_ROUND = 5;

  /**
   * The JIT compiles the HTTP path (Tomcat, Spring MVC, Jackson, the client) long after the matcher: warms it in rounds
   * until the server's CPU per request (its request and I/O threads) moves by less than 5% from one round to the next,
   * so that no figure below includes compilation. Prints each round, so the reader sees where it settled.
   */
  private void warmUntilSteady(PrintWriter out, BenchClients.Poster http, List<byte[]> bodies, int clients)
      throws Exception {
    double previous = Double.NaN;
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (double spent = 0; spent < warmupMax; spent += WARM_ROUND) {
      long compiled = jit.getTotalCompilationTime();
      ClosedLoop.Result r = measured(clients, () -> ClosedLoop.run(clients, WARM_ROUND,
          (w, i) -> http.post("/api/screen", bodies.get(index(w, i, clients, bodies.size())))));
      double perRequest = serverCpuNanos(measurements.remove(r)) / 1e6 / Math.max(1, r.calls());
      // Under load a round may serve few requests while the JIT is still busy: the JIT's own clock says so.
      double compiling = (jit.getTotalCompilationTime() - compiled) / (WARM_ROUND * 1000);
      out.printf(Locale.ROOT, "  warm-up round %.0f s: %.0f requests/s, server CPU %.3f ms per request, JIT busy %.0f%% of the round%n",
          spent + WARM_ROUND, r.perSecond(), perRequest, 100 * compiling);
      out.flush();
      if (Math.abs(perRequest - previous) < 0.05 * previous && compiling < 0.05) {
        return;
      }
      previous = perRequest;
    }
    out.printf("  (still moving after --warmup-max %.0f s: the figures below may include JIT compilation)%n", warmupMax);
  }

  /** CPU time of the server side: Tomcat's request threads, the batch workers and Tomcat's I/O threads. */
  private static long serverCpuNanos(Measured m) {
    return m.serverCpuNanos() + m.cpuByRole().getOrDefault(TOMCAT_IO, 0L);
  }

  /** One line of the side-by-side table. */
  private record Row(String path, int clients, double namesPerSecond, String p50, String p99, double referenceCpuPerName,
      double referenceMatcherCpuPerName, double cpuPerName,
      double serverCpuPerName, double callerCpuPerName, String ratio, double load, String cpuBreakdown) {}

  /** A closed-loop result with the process CPU time and load average taken around it. */
  private record Measured(ClosedLoop.Result result, long processCpuNanos, java.util.Map<String, Long> cpuByRole, double load) {

    long serverCpuNanos() {
      return cpuByRole.getOrDefault(SERVER, 0L);
    }
  }

  @FunctionalInterface
  private interface Measurement {
    ClosedLoop.Result run() throws Exception;
  }

  private final java.util.Map<ClosedLoop.Result, Measured> measurements = new java.util.IdentityHashMap<>();

  private ClosedLoop.Result measured(int clients, Measurement m) throws Exception {
    long cpu0 = processCpu();
    java.util.Map<String, Long> before = cpuByRole();
    ClosedLoop.Result r = m.run();
    long cpu1 = processCpu();
    java.util.Map<String, Long> byRole = cpuByRole();
    before.forEach((role, nanos) -> byRole.merge(role, -nanos, Long::sum));
    // The measuring threads were born and died inside the run; their CPU time comes from the loop itself.
    byRole.put("callers", r.cpuNanos());
    long javaThreads = byRole.values().stream().mapToLong(Long::longValue).sum();
    byRole.put("JVM (GC, JIT)", Math.max(0, cpu1 - cpu0 - javaThreads));
    if (r.failures() > 0) {
      throw new IllegalStateException(r.failures() + " failed calls at " + clients + " clients, first: " + r.firstFailure());
    }
    measurements.put(r, new Measured(r, cpu1 - cpu0, byRole, ClosedLoop.loadAverage()));
    return r;
  }

  private Row row(String path, int clients, ClosedLoop.Result r, int namesPerCall, ClosedLoop.Result reference) {
    Measured m = measurements.get(r);
    double names = r.perSecond() * namesPerCall;
    String ratio = reference == null ? "1.00" : String.format(Locale.ROOT, "%.2f", names / reference.perSecond());
    double perName = Math.max(1, r.calls() * namesPerCall);
    double referenceCpu = reference == null ? Double.NaN
        : measurements.get(reference).processCpuNanos() / 1e6 / Math.max(1, reference.calls());
    double referenceMatcherCpu = reference == null ? Double.NaN : reference.cpuNanos() / 1e6 / Math.max(1, reference.calls());
    return new Row(path, clients, names, String.format(Locale.ROOT, "%.2f", r.percentileMillis(0.50)),
        String.format(Locale.ROOT, "%.2f", r.percentileMillis(0.99)), referenceCpu, referenceMatcherCpu,
        m.processCpuNanos() / 1e6 / perName,
        serverCpuNanos(m) / 1e6 / perName, r.cpuNanos() / 1e6 / perName, ratio, m.load(),
        String.join(", ", m.cpuByRole().entrySet().stream().filter(e -> e.getValue() > 0)
            .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue() / 1e6 / perName)).toList()));
  }

  private static void print(PrintWriter out, Row row) {
    out.printf(Locale.ROOT, "  %-30s %d clients: %.0f names/s, p50 %s ms, p99 %s ms, CPU ms/name %.3f (server %.3f,"
        + " calling threads %.3f), ratio %s, load %.1f%n", row.path, row.clients, row.namesPerSecond, row.p50, row.p99,
        row.cpuPerName, row.serverCpuPerName, row.callerCpuPerName, row.ratio, row.load);
    out.println("      CPU ms/name by thread role: " + row.cpuBreakdown);
    out.flush();
  }

  private void cli(PrintWriter out, Path jarFile, List<ScreeningQuery> mix, List<Row> rows, ClosedLoop.Result reference)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("compact-bench-cli");
    Path in = dir.resolve("names.csv");
    CliBatchBenchCommand.writeNames(in, mix);
    List<String> command = new ArrayList<>();
    // A jar built in a checkout runs through that checkout's launcher, as a user runs it (with its JVM cache).
    Optional<Path> launcher = CliBatchBenchCommand.launcherOf(jarFile);
    // The child runs in an empty folder of its own: relative paths given to the bench would not resolve there.
    if (launcher.isPresent()) {
      command.add(launcher.get().toAbsolutePath().toString());
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(List.of("-jar", jarFile.toAbsolutePath().toString()));
    }
    command.addAll(List.of("screen", "--batch", in.toString(), "--out", dir.resolve("out.csv").toString()));
    out.println("  " + String.join(" ", command));
    // In an empty folder of its own: a compact-data/compact.db in the folder the bench runs in would be screened.
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile())
        .directory(CliBatchBenchCommand.emptyFolder(dir.resolve("out.csv")).toFile());
    builder.environment().put("COMPACT_JAR", jarFile.toAbsolutePath().toString());
    double load = ClosedLoop.loadAverage();
    long start = System.nanoTime();
    Process p = builder.start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroy();
      out.println("  the batch CLI failed; its output is in " + dir.resolve("cli.log"));
      return;
    }
    long elapsed = System.nanoTime() - start;
    double rate = mix.size() / (elapsed / 1e9);
    out.printf(Locale.ROOT, "  %d names in %.1f s including JVM start-up, list parsing and index build: %.0f names/s%n",
        mix.size(), elapsed / 1e9, rate);
    rows.add(new Row("batch CLI (fresh JVM)", Runtime.getRuntime().availableProcessors(), rate, "-", "-", Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, String.format(Locale.ROOT, "%.2f", rate / reference.perSecond()), load, ""));
  }

  /** The labelled UN positives and both negative sets, or listed names when the data is absent. */
  private List<ScreeningQuery> mix(List<SanctionsList> lists, PrintWriter out) throws IOException {
    Optional<Path> dir = ScreeningBenchCommand.resolveData(data);
    List<PersonRecord> positives = List.of();
    List<PersonRecord> us = List.of();
    List<PersonRecord> global = List.of();
    if (dir.isPresent()) {
      positives = ScreeningBenchCommand.people(dir.get().resolve("eval/yente/positives_un_untreated.csv"), out);
      us = ScreeningBenchCommand.people(dir.get().resolve("eval/yente/negatives_us_1k.csv"), out);
      global = ScreeningBenchCommand.people(dir.get().resolve("eval/yente/negatives_global_1k.csv"), out);
    } else {
      out.println("LABELLED DATA ABSENT: screening 2,000 listed names per list instead");
    }
    return ScreeningBenchCommand.queryMix(positives, us, global, lists);
  }

  /** Worker {@code w} of {@code workers} walks the mix from its own offset. */
  private static int index(int worker, long call, int workers, int size) {
    return (int) ((worker * (long) size / workers + call) % size);
  }

  private static Optional<Path> thisJar() {
    String classPath = System.getProperty("java.class.path", "");
    return classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)
        ? Optional.of(Path.of(classPath)) : Optional.empty();
  }

  /** CPU time so far of this JVM's live threads, by role (thread-name prefix). */
  private static java.util.Map<String, Long> cpuByRole() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> byRole = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        byRole.merge(role(info.getThreadName()), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
      }
    }
    return byRole;
  }

  private static String role(String thread) {
    if (thread.startsWith("http-nio-") && thread.contains("-exec-") || thread.startsWith("screening-batch-")) {
      return SERVER;
    }
    if (thread.startsWith("http-nio-")) {
      return TOMCAT_IO;
    }
    if (thread.startsWith("HttpClient-")) {
      return "client I/O";
    }
    return thread.startsWith("bench-") ? "callers" : "other";
  }

  private static final String SERVER = "server";
  private static final String TOMCAT_IO = "Tomcat I/O";

  private static long processCpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }
}

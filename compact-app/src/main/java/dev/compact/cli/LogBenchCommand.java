package dev.compact.cli;

import dev.compact.store.Database;
import dev.compact.store.EventStore;
import dev.compact.store.NewEvent;
import dev.compact.transparency.NoteKey;
import dev.compact.transparency.NoteSigner;
import dev.compact.transparency.Proofs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench log}: what the transparency log costs and how it scales. Appends with the
 * tree and without it, side by side in one run on two fresh databases of the same kind: after a
 * warm-up, rounds of several seconds in which the two append in turn, transaction by transaction;
 * then a record of a million events, the time of an inclusion proof read from it, and the time to
 * export it publicly and verify the export offline.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = {"Measure the transparency log: append rate with and without the tree (side by side), inclusion-proof time at"
        + " --events events, and export + offline verification of them."})
final class LogBenchCommand implements Callable<Integer> {

  @Option(names = "--seconds", defaultValue = "3", description = "Length of each measured round, in seconds: both variants append in"
      + " turn, transaction by transaction, until it has passed (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds; medians and each round's ratio are reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--appends", defaultValue = "300", description = "At least this many single-event appends per variant and round,"
      + " however long it takes (default ${DEFAULT-VALUE}).")
  int appends;

  @Option(names = "--batches", defaultValue = "20", description = "At least this many transactions of 1,000 events per variant and round"
      + " (default ${DEFAULT-VALUE}).")
  int batches;

  @Option(names = "--warmup", defaultValue = "30", description = "At most this many seconds of warm-up before each measure's rounds;"
      + " it ends sooner once the CPU time per event of both variants holds steady (default ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--events", defaultValue = "1000000", description = "Events in the large record (default ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--proofs", defaultValue = "2000", description = "Inclusion proofs to time (default ${DEFAULT-VALUE}).")
  int proofs;

  @Option(names = "--postgres", paramLabel = "URL", description = "A PostgreSQL server, as jdbc:postgresql://HOST[:PORT]/DATABASE?user=...&password=...,"
      + " whose user may create databases: the append rates are measured there, on two databases made for the run and dropped after,"
      + " instead of SQLite files. The record of --events stays on SQLite.")
  String postgres;

  @Option(names = "--dir", description = "Where to put the bench databases (default: a temporary folder, deleted after).")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (postgres != null && !postgres.startsWith("jdbc:postgresql://")) {
      spec.commandLine().getErr().println("compact bench log: --postgres takes jdbc:postgresql://HOST[:PORT]/DATABASE?user=...&password=...");
      return 2;
    }
    if (rounds < 1 || !(seconds > 0) || appends < 1 || batches < 1 || warmup < 0) {
      spec.commandLine().getErr().println("compact bench log: --rounds, --seconds, --appends and --batches must be positive, --warmup not negative");
      return 2;
    }
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("compact-bench-log");
    try {
      out.printf("compact bench log: SQLite in %s, %d cores, load average %.2f%n", work, Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      appendRates(out, work);
      large(out, work);
      return 0;
    } finally {
      if (dir == null) {
        try (var files = Files.walk(work)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** One of the two stores under comparison, and what its appends of the current round took. */
  private static final class Variant {
    final EventStore store;
    /** The number of the next event this variant appends: both write the same events in the same order. */
    int next;
    /** Transactions so far, over the whole run: each names its stream from it. */
    int transactions;
    long events;
    long wallNanos;
    long appenderNanos;
    long hashingNanos;

    Variant(EventStore store, int first) {
      this.store = store;
      this.next = first;
    }

    void reset() {
      events = 0;
      wallNanos = 0;
      appenderNanos = 0;
      hashingNanos = 0;
    }

    /** Appends one transaction of {@code size} events and adds its wall-clock and CPU time to the round's. */
    void append(int size, String streamPrefix) {
      List<NewEvent> chunk = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        chunk.add(event(next + i));
      }
      next += size;
      String stream = streamPrefix + (transactions++ % 50);
      long hashing0 = hashingCpu();
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      store.append(stream, java.util.OptionalLong.empty(), connection -> chunk, Optional.empty());
      long t1 = System.nanoTime();
      long cpu1 = THREADS.getCurrentThreadCpuTime();
      long hashing1 = hashingCpu();
      events += size;
      wallNanos += t1 - t0;
      appenderNanos += cpu1 - cpu0;
      hashingNanos += hashing1 - hashing0;
    }

    /** The round's figures: events per second of its own transactions' time, and CPU per event. */
    Run run() {
      return new Run(events / (wallNanos / 1e9), (appenderNanos + hashingNanos) / 1e3 / events, appenderNanos / 1e3 / events);
    }
  }

  /**
   * One variant's round: its rate (events over the time of its own transactions), and the CPU time per
   * event of the appending thread (SQLite works in that thread) and of the log's hashing thread (a large
   * insert's leaves are hashed there, beside the rows), which the machine's other load disturbs far
   * less than the wall clock.
   */
  record Run(double rate, double cpuMicros, double appenderMicros) {}

  /** One round of both variants, run in the same seconds, and the load average at its end. */
  record Round(Run with, Run without, double load) {
    double rateRatio() {
      return with.rate() / without.rate();
    }

    /** Rate per CPU second with the tree against without: all threads counted. */
    double cpuRatio() {
      return without.cpuMicros() / with.cpuMicros();
    }

    /** The same, counting only the appending thread with the tree. */
    double appenderRatio() {
      return without.cpuMicros() / with.appenderMicros();
    }
  }

  private void appendRates(PrintWriter out, Path work) throws java.sql.SQLException {
    if (postgres == null) {
      try (Database with = Database.open(work.resolve("with-tree.db").toString());
          Database without = Database.open(work.resolve("without-tree.db").toString())) {
        appendRates(out, with, without);
      }
      return;
    }
    // Two databases made for the run on the given server, dropped after it whatever happens.
    String name = "compact_bench_log_" + ProcessHandle.current().pid();
    List<String> made = new ArrayList<>();
    try (Connection admin = java.sql.DriverManager.getConnection(postgres); java.sql.Statement s = admin.createStatement()) {
      try {
        for (String variant : List.of("_with", "_without")) {
          s.executeUpdate("CREATE DATABASE " + name + variant);
          made.add(name + variant);
        }
        out.printf("appends on PostgreSQL: %s%n", Database.redacted(onDatabase(postgres, name + "_with")));
        try (Database with = Database.open(onDatabase(postgres, name + "_with"));
            Database without = Database.open(onDatabase(postgres, name + "_without"))) {
          appendRates(out, with, without);
        }
      } finally {
        for (String database : made) {
          s.executeUpdate("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
      }
    }
  }

  /** The same server's URL with another database in it. */
  static String onDatabase(String url, String database) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/?]+/)[^?]*(\\?.*)?$").matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("--postgres takes jdbc:postgresql://HOST[:PORT]/DATABASE[?user=...&password=...]");
    }
    return m.group(1) + database + (m.group(2) == null ? "" : m.group(2));
  }

  private void appendRates(PrintWriter out, Database with, Database without) {
    Variant withTree = new Variant(new EventStore(with, Clock.systemUTC(), List.of(), true), 0);
    Variant withoutTree = new Variant(new EventStore(without, Clock.systemUTC(), List.of(), false), 0);
    measure(out, "append (one event per transaction)", "appends", "append", withTree, withoutTree, 1, appends, "stream-");
    // One event per transaction is bound by the disk's sync; batches show what the tree itself costs.
    measure(out, "append (1,000 events per transaction)", "events", "event", withTree, withoutTree, 1000, batches, "batch-");
  }

  /**
   * Warms both variants up, then runs the measured rounds and prints each and their medians. Within a
   * round the two append in turn, transaction by transaction (with, without, without, with, ...), each
   * transaction timed on its own, so that whatever else the machine does in those seconds falls on both
   * alike; a round lasts {@code --seconds} and holds at least {@code minimum} transactions of each.
   */
  private void measure(PrintWriter out, String what, String unit, String per, Variant withTree, Variant withoutTree, int size,
      int minimum, String streamPrefix) {
    long warmStart = System.nanoTime();
    Round last = null;
    int warmRounds = 0;
    boolean steady = false;
    while (!steady && (System.nanoTime() - warmStart) / 1e9 < warmup) {
      Round round = round(withTree, withoutTree, size, Math.min(1.0, seconds), 1, streamPrefix);
      warmRounds++;
      // Steady: two rounds in a row whose CPU per event, of each variant, agree within 5%.
      steady = last != null && warmRounds >= 3 && near(round.with().cpuMicros(), last.with().cpuMicros())
          && near(round.without().cpuMicros(), last.without().cpuMicros());
      last = round;
    }
    out.printf("%s: warm-up of %d rounds, %.1f s, %s%n", what, warmRounds, (System.nanoTime() - warmStart) / 1e9,
        steady ? "until the CPU per " + per + " of both variants held within 5% of the round before"
            : "stopped at --warmup before the CPU per " + per + " held steady");
    Round[] measured = new Round[rounds];
    for (int r = 0; r < rounds; r++) {
      measured[r] = round(withTree, withoutTree, size, seconds, minimum, streamPrefix);
      Round round = measured[r];
      out.printf("  round %d: %,.0f %s/s with the tree, %,.0f without: %.0f%%; CPU per %s %.1f against %.1f us (%.0f%%; appending thread"
          + " %.1f us, %.0f%%); load average %.2f%n", r + 1, round.with().rate(), unit, round.without().rate(), 100 * round.rateRatio(),
          per, round.with().cpuMicros(), round.without().cpuMicros(), 100 * round.cpuRatio(), round.with().appenderMicros(),
          100 * round.appenderRatio(), round.load());
    }
    out.printf("%s, %d rounds of %.1f s: %,.0f %s/s with the tree, %,.0f/s without (medians); rate with against without: median %.0f%%"
        + " (rounds %s); per CPU second, all threads: median %.0f%% (%s); appending thread only: median %.0f%% (%s); CPU per %s"
        + " %.1f us with, %.1f us without%n", what, rounds, seconds, median(measured, round -> round.with().rate()), unit,
        median(measured, round -> round.without().rate()), 100 * median(measured, Round::rateRatio), spread(measured, Round::rateRatio),
        100 * median(measured, Round::cpuRatio), spread(measured, Round::cpuRatio), 100 * median(measured, Round::appenderRatio),
        spread(measured, Round::appenderRatio), per, median(measured, round -> round.with().cpuMicros()),
        median(measured, round -> round.without().cpuMicros()));
  }

  private static boolean near(double a, double b) {
    return Math.abs(a - b) <= 0.05 * Math.max(a, b);
  }

  /** Both variants append in turn, with first then without first, until {@code seconds} have passed and each made {@code minimum} transactions. */
  private static Round round(Variant withTree, Variant withoutTree, int size, double seconds, int minimum, String streamPrefix) {
    withTree.reset();
    withoutTree.reset();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    for (int pair = 0; pair < minimum || System.nanoTime() < end; pair++) {
      Variant first = pair % 2 == 0 ? withTree : withoutTree;
      Variant second = first == withTree ? withoutTree : withTree;
      first.append(size, streamPrefix);
      second.append(size, streamPrefix);
    }
    return new Round(withTree.run(), withoutTree.run(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double median(Round[] rounds, java.util.function.ToDoubleFunction<Round> value) {
    double[] sorted = Arrays.stream(rounds).mapToDouble(value).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Every round's ratio, as percentages in round order. */
  private static String spread(Round[] rounds, java.util.function.ToDoubleFunction<Round> value) {
    return String.join(", ", Arrays.stream(rounds).map(round -> String.format("%.0f", 100 * value.applyAsDouble(round))).toList());
  }

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /** The store's leaf-hashing thread, once it was started (it lives as long as the process). */
  private static long hashingThread = -1;
  private static long lastLookup;

  /** CPU time so far of the store's leaf-hashing thread, 0 while it was not started. */
  private static long hashingCpu() {
    if (hashingThread < 0 && System.nanoTime() - lastLookup > 100_000_000L) {
      // Looked for at most ten times a second, so that single appends (which never start it) are not slowed by the search.
      lastLookup = System.nanoTime();
      for (java.lang.management.ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
        if (thread != null && thread.getThreadName().equals(EventStore.HASHING_THREAD)) {
          hashingThread = thread.getThreadId();
        }
      }
    }
    return hashingThread < 0 ? 0 : Math.max(0, THREADS.getThreadCpuTime(hashingThread));
  }

  static NewEvent event(int n) {
    return new NewEvent("delivery-recorded", "{\"guarantor\":\"GBR\",\"category\":\"military\",\"items\":[{\"item\":\"shells\",\"quantity\":" + n
        + "}],\"n\":" + n + "}", START.plusSeconds(n), "bench", n % 7 == 0 ? "restricted" : "public");
  }

  private void large(PrintWriter out, Path work) throws Exception {
    String db = work.resolve("large.db").toString();
    long t0 = System.nanoTime();
    try (Database database = Database.open(db)) {
      EventStore store = new EventStore(database, Clock.systemUTC(), List.of(), true);
      List<NewEvent> batch = new ArrayList<>();
      for (int n = 0; n < events; n++) {
        batch.add(event(n));
        if (batch.size() == 1000 || n == events - 1) {
          List<NewEvent> chunk = List.copyOf(batch);
          store.append("stream-" + (n / 1000 % 50), java.util.OptionalLong.empty(), connection -> chunk, Optional.empty());
          batch.clear();
        }
      }
      double build = (System.nanoTime() - t0) / 1e9;
      out.printf("record of %,d events (1,000 per transaction, with the tree) written in %.1f s (%,.0f events/s)%n", events, build,
          events / build);
      NoteSigner signer = NoteSigner.of("bench.compact.example/log", NoteKey.ED25519, new byte[32]);
      var log = new dev.compact.log.TransparencyLog(store, signer, List.of(), 0, Clock.systemUTC());
      byte[] root = dev.compact.transparency.Checkpoint.parse(log.latest().text()).root();
      SplittableRandom random = new SplittableRandom(11);
      // Warm-up, then each proof timed on its own, from the database as the API reads it.
      for (int i = 0; i < 200; i++) {
        log.inclusion(random.nextLong(events), events);
      }
      long[] indices = new long[proofs];
      byte[][] leaves = new byte[proofs][];
      try (Connection connection = database.dataSource().getConnection();
          PreparedStatement leaf = connection.prepareStatement("SELECT leaf_hash FROM events WHERE seq = ?")) {
        for (int i = 0; i < proofs; i++) {
          indices[i] = random.nextLong(events);
          leaf.setLong(1, indices[i] + 1);
          try (ResultSet rs = leaf.executeQuery()) {
            rs.next();
            leaves[i] = rs.getBytes(1);
          }
        }
      }
      long[] nanos = new long[proofs];
      int verified = 0;
      for (int i = 0; i < proofs; i++) {
        long start = System.nanoTime();
        List<byte[]> proof = log.inclusion(indices[i], events);
        nanos[i] = System.nanoTime() - start;
        verified += Proofs.inclusion(indices[i], events, leaves[i], proof, root) ? 1 : 0;
      }
      Arrays.sort(nanos);
      out.printf("inclusion proof at %,d events (%d random leaves, one query of O(log n) stored nodes each): median %.2f ms, p99 %.2f ms,"
          + " max %.2f ms; %d of %d verify%n", events, proofs, nanos[proofs / 2] / 1e6, nanos[proofs * 99 / 100] / 1e6,
          nanos[proofs - 1] / 1e6, verified, proofs);
      Files.writeString(work.resolve("trust.txt"), signer.key().text() + "\n");
    }
    Path export = work.resolve("export");
    long e0 = System.nanoTime();
    CliRun exported = run("export", "--public", export.toString(), "--db", db);
    double exportSeconds = (System.nanoTime() - e0) / 1e9;
    long v0 = System.nanoTime();
    CliRun verified = run("verify", "--export", export.toString(), "--trust", work.resolve("trust.txt").toString());
    double verifySeconds = (System.nanoTime() - v0) / 1e9;
    if (exported.code() != 0 || verified.code() != 0) {
      spec.commandLine().getErr().println("compact bench log: export or verify failed: " + exported.err() + verified.err());
      return;
    }
    out.printf("public export of %,d events: %.1f s (%,d MB); offline verification: %.1f s (%s)%n", events, exportSeconds,
        Files.size(export.resolve("leaves.jsonl")) / 1_000_000, verifySeconds, verified.out().strip());
  }

  record CliRun(int code, String out, String err) {}

  private static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CompactCommandLine.all();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}

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
 * tree and without it, side by side in one run on two fresh databases of the same kind, in
 * alternating rounds; then a record of a million events, the time of an inclusion proof read from
 * it, and the time to export it publicly and verify the export offline.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = {"Measure the transparency log: append rate with and without the tree (side by side), inclusion-proof time at"
        + " --events events, and export + offline verification of them."})
final class LogBenchCommand implements Callable<Integer> {

  @Option(names = "--appends", defaultValue = "2000", description = "Single-event appends per variant and round (default ${DEFAULT-VALUE}).")
  int appends;

  @Option(names = "--rounds", defaultValue = "3", description = "Alternating rounds; the median rate is reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--events", defaultValue = "1000000", description = "Events in the large record (default ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--proofs", defaultValue = "2000", description = "Inclusion proofs to time (default ${DEFAULT-VALUE}).")
  int proofs;

  @Option(names = "--dir", description = "Where to put the bench databases (default: a temporary folder, deleted after).")
  Path dir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
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

  /**
   * One variant's run: its rate, and the CPU time per event of the appending thread (SQLite works in
   * that thread) and of the log's hashing thread (a large insert's leaves are hashed there, beside the
   * rows), which the machine's other load disturbs far less than the wall clock.
   */
  record Run(double rate, double cpuMicros, double appenderMicros) {}

  private void appendRates(PrintWriter out, Path work) {
    try (Database with = Database.open(work.resolve("with-tree.db").toString());
        Database without = Database.open(work.resolve("without-tree.db").toString())) {
      EventStore withTree = new EventStore(with, Clock.systemUTC(), List.of(), true);
      EventStore withoutTree = new EventStore(without, Clock.systemUTC(), List.of(), false);
      // Warm-up: the JIT and both files.
      appendSingles(withTree, 300, 0);
      appendSingles(withoutTree, 300, 0);
      appendBatches(withTree, 5, 1_000_000);
      appendBatches(withoutTree, 5, 1_000_000);
      Run[] with1 = new Run[rounds];
      Run[] without1 = new Run[rounds];
      for (int round = 0; round < rounds; round++) {
        int at = 300 + round * appends;
        // Alternating which goes first, so that neither always runs on a warmer or a busier machine.
        if (round % 2 == 0) {
          without1[round] = appendSingles(withoutTree, appends, at);
          with1[round] = appendSingles(withTree, appends, at);
        } else {
          with1[round] = appendSingles(withTree, appends, at);
          without1[round] = appendSingles(withoutTree, appends, at);
        }
        out.printf("  round %d: %,.0f appends/s with the tree, %,.0f without; CPU %.0f against %.0f us per append%n", round + 1,
            with1[round].rate(), without1[round].rate(), with1[round].cpuMicros(), without1[round].cpuMicros());
      }
      report(out, "append (one event per transaction, " + appends + " per round, median of " + rounds + " rounds)", "appends", with1,
          without1, "append");
      // One event per transaction is bound by the disk's sync; batches show what the tree itself costs.
      int offset = 1_100_000;
      Run[] withBatch = new Run[rounds];
      Run[] withoutBatch = new Run[rounds];
      for (int round = 0; round < rounds; round++) {
        int at = offset + round * 20_000;
        if (round % 2 == 0) {
          withoutBatch[round] = appendBatches(withoutTree, 20, at);
          withBatch[round] = appendBatches(withTree, 20, at);
        } else {
          withBatch[round] = appendBatches(withTree, 20, at);
          withoutBatch[round] = appendBatches(withoutTree, 20, at);
        }
        out.printf("  round %d: %,.0f events/s with the tree, %,.0f without (1,000 per transaction); CPU %.1f against %.1f us per event%n",
            round + 1, withBatch[round].rate(), withoutBatch[round].rate(), withBatch[round].cpuMicros(), withoutBatch[round].cpuMicros());
      }
      report(out, "append (1,000 events per transaction, 20,000 per round, median of " + rounds + " rounds)", "events", withBatch,
          withoutBatch, "event");
    }
  }

  /** The medians of both variants: rate with against rate without, and the same for CPU time (as events per CPU second). */
  private static void report(PrintWriter out, String what, String unit, Run[] with, Run[] without, String per) {
    double rateWith = median(Arrays.stream(with).mapToDouble(Run::rate).toArray());
    double rateWithout = median(Arrays.stream(without).mapToDouble(Run::rate).toArray());
    double cpuWith = median(Arrays.stream(with).mapToDouble(Run::cpuMicros).toArray());
    double cpuWithout = median(Arrays.stream(without).mapToDouble(Run::cpuMicros).toArray());
    double appenderWith = median(Arrays.stream(with).mapToDouble(Run::appenderMicros).toArray());
    out.printf("%s: %,.0f %s/s with the tree, %,.0f/s without: %.0f%%; CPU per %s %.1f us with, %.1f us without: %.0f%% of the rate per"
        + " CPU second; of it in the appending thread %.1f us with (%.0f%%)%n", what, rateWith, unit, rateWithout, 100 * rateWith / rateWithout,
        per, cpuWith, cpuWithout, 100 * cpuWithout / cpuWith, appenderWith, 100 * cpuWithout / appenderWith);
  }

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /** CPU time so far of the store's leaf-hashing thread, if it was started. */
  private static long hashingCpu() {
    long cpu = 0;
    for (java.lang.management.ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null && thread.getThreadName().equals(EventStore.HASHING_THREAD)) {
        cpu += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
      }
    }
    return cpu;
  }

  /** Appends {@code count} single-event transactions; returns appends per second and CPU per append. */
  private static Run appendSingles(EventStore store, int count, int offset) {
    long hashing0 = hashingCpu();
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      int n = offset + i;
      store.append("stream-" + (n % 50), java.util.OptionalLong.empty(), connection -> List.of(event(n)), Optional.empty());
    }
    double rate = count / ((System.nanoTime() - t0) / 1e9);
    double appender = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / count;
    return new Run(rate, appender + (hashingCpu() - hashing0) / 1e3 / count, appender);
  }

  /** Appends {@code batches} transactions of 1,000 events; returns events per second and CPU per event. */
  private static Run appendBatches(EventStore store, int batches, int offset) {
    long hashing0 = hashingCpu();
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      List<NewEvent> chunk = new ArrayList<>(1000);
      for (int i = 0; i < 1000; i++) {
        chunk.add(event(offset + b * 1000 + i));
      }
      store.append("batch-" + (b % 50), java.util.OptionalLong.empty(), connection -> chunk, Optional.empty());
    }
    double rate = batches * 1000 / ((System.nanoTime() - t0) / 1e9);
    double appender = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / (batches * 1000);
    return new Run(rate, appender + (hashingCpu() - hashing0) / 1e3 / (batches * 1000), appender);
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
    CommandLine cli = CompactCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}

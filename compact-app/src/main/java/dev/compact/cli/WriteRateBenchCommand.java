package dev.compact.cli;

import dev.compact.access.Actor;
import dev.compact.access.WriteRate;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.Domain;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.service.RecordService;
import dev.compact.store.Database;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench write-rate}: what counting an account's writes in the database costs, beside
 * the write it guards. On each database (SQLite in a temporary folder, and PostgreSQL with
 * {@code --db}), times the shared bucket's check (one upsert) and an append through the record
 * service (one delivery), one after the other on one thread, and the in-memory bucket for reference.
 */
@Command(name = "write-rate", mixinStandardHelpOptions = true,
    description = {"Measure the shared write-rate check (one upsert) beside an append, on SQLite and on PostgreSQL (--db)."})
final class WriteRateBenchCommand implements Callable<Integer> {

  @Option(names = "--db", description = "A PostgreSQL database to measure as well (it gets the service's tables).")
  List<String> databases = new ArrayList<>();

  @Option(names = "--checks", defaultValue = "2000", description = "Measured checks and appends per database (default ${DEFAULT-VALUE}).")
  int checks;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "compact bench write-rate: %d cores, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    WriteRate memory = WriteRate.inMemory(1e9, 1e9);
    double[] inMemory = time(checks * 10, i -> memory.admit("bench"));
    out.printf(Locale.ROOT, "  in memory (one JVM): p50 %.2f us, p99 %.2f us per check%n", percentile(inMemory, 50), percentile(inMemory, 99));
    Path work = Files.createTempDirectory("compact-bench-write-rate");
    try {
      List<String> targets = new ArrayList<>();
      targets.add(work.resolve("rate.db").toString());
      targets.addAll(databases);
      for (String target : targets) {
        measure(out, target);
      }
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    out.printf(Locale.ROOT, "load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return 0;
  }

  private void measure(PrintWriter out, String target) throws Exception {
    EngineBenchCommand generator = new EngineBenchCommand();
    generator.agreements = 5;
    generator.norms = 10;
    List<PartyCode> guarantors = EngineBenchCommand.guarantors(5);
    Engine engine = Engine.of(CompactParser.parse(generator.sources(guarantors)).value().orElseThrow());
    try (Database database = Database.open(target); RecordService service = new RecordService(database, engine, Clock.systemUTC())) {
      WriteRate shared = new WriteRate(1e9, 1e9, database, Clock.systemUTC());
      Actor actor = Actor.system("bench");
      Instant start = Instant.now().minusSeconds(3600);
      // Warm-up of both: the JIT, the statement caches, the files.
      time(200, i -> shared.admit("bench"));
      time(200, i -> deliver(service, actor, guarantors.get(i % guarantors.size()), start.plusMillis(i)));
      double[] check = time(checks, i -> shared.admit("bench-" + (i % 20)));
      double[] append = time(checks, i -> deliver(service, actor, guarantors.get(i % guarantors.size()), start.plusMillis(1000 + i)));
      out.printf(Locale.ROOT, "  %s: shared check p50 %.0f us, p99 %.0f us; append through the service p50 %.0f us, p99 %.0f us;"
          + " the check adds %.0f%% to a write at the median (%d of each)%n", database.dialect().name().toLowerCase(Locale.ROOT),
          percentile(check, 50), percentile(check, 99), percentile(append, 50), percentile(append, 99),
          100 * percentile(check, 50) / percentile(append, 50), checks);
    }
  }

  private static void deliver(RecordService service, Actor actor, PartyCode guarantor, Instant at) {
    service.record("support-" + guarantor.value(), Optional.empty(), List.of(new Event.DeliveryRecorded(at, at, guarantor, Domain.MILITARY,
        Optional.empty(), Optional.empty(), List.of(new ItemLine("shells", 1)), Optional.empty())), Optional.empty(), actor,
        dev.compact.agreements.Classification.PUBLIC);
  }

  /** Microseconds each of {@code count} calls took. */
  private static double[] time(int count, java.util.function.IntConsumer call) {
    double[] micros = new double[count];
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      call.accept(i);
      micros[i] = (System.nanoTime() - t0) / 1e3;
    }
    return micros;
  }

  private static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}

package dev.compact.cli;

import dev.compact.access.Actor;
import dev.compact.agreements.AgreementId;
import dev.compact.agreements.ClauseId;
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
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench append}: appends through the record service (permissions, classification,
 * the engine's fold, read models, chain and tree, one transaction each) on a record that holds
 * {@code --instances} live norm instances. Each measured append is one delivery, which changes one
 * instance: what an append costs beside the size of the record it joins. Uses only the service's
 * public entry points, so that the same file builds against an earlier commit for a side-by-side run.
 */
@Command(name = "append", mixinStandardHelpOptions = true,
    description = {"Measure appends through the record service on a record with --instances live norm instances (SQLite)."})
final class AppendBenchCommand implements Callable<Integer> {

  @Option(names = "--instances", defaultValue = "10000", description = "Live norm instances to build first (default ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = "--appends", defaultValue = "300", description = "Measured appends per round (default ${DEFAULT-VALUE}).")
  int appends;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds; the median is reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--dir", description = "Where to put the bench database (default: a temporary folder, deleted after).")
  Path dir;

  @Option(names = "--outbox", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Write each transition to the notifications outbox in the append's transaction, as the service does (default ${DEFAULT-VALUE});"
          + " --no-outbox measures appends without it.")
  boolean outbox;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final int AGREEMENTS = 50;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("compact-bench-append");
    try {
      EngineBenchCommand generator = new EngineBenchCommand();
      generator.agreements = AGREEMENTS;
      generator.norms = 40;
      List<PartyCode> guarantors = EngineBenchCommand.guarantors(AGREEMENTS);
      Engine engine = Engine.of(CompactParser.parse(generator.sources(guarantors)).value().orElseThrow());
      Actor actor = Actor.system("bench");
      PartyCode ukr = new PartyCode("UKR");
      try (Database database = Database.open(work.resolve("append.db").toString());
          RecordService service = new RecordService(database, engine, Clock.systemUTC())) {
        if (outbox) {
          new dev.compact.notify.Outbox(service);
        }
        // Verified incidents create the incident-scoped duties (about 550 each on the generated compact).
        Instant at = START;
        int incident = 0;
        long t0 = System.nanoTime();
        while (live(database) < instances) {
          Event.IncidentId id = new Event.IncidentId("i" + incident++);
          at = at.plusSeconds(1);
          service.record("incident-" + id.value(), Optional.empty(), List.of(new Event.IncidentReported(at, at, id,
              Event.IncidentKind.ARMED_ATTACK, "UA-30", 5, ukr, List.of())), Optional.empty(), actor, dev.compact.agreements.Classification.PUBLIC);
          at = at.plusSeconds(1);
          service.record("incident-" + id.value(), Optional.empty(), List.of(new Event.IncidentVerified(at, at, id, ukr)), Optional.empty(),
              actor, dev.compact.agreements.Classification.PUBLIC);
        }
        long live = live(database);
        out.printf(Locale.ROOT, "compact bench append: %d cores, load average %.2f; %,d live norm instances (%d incidents) built in %.1f s"
            + " (outbox %s: %,d entries)%n", Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            live, incident, (System.nanoTime() - t0) / 1e9, outbox ? "on" : "off", outboxEntries(database));
        SplittableRandom random = new SplittableRandom(5);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Warm-up: the JIT, the statement caches and the file.
        at = deliveries(service, actor, guarantors, random, at, Math.min(200, appends));
        double[] wallMs = new double[rounds];
        double[] cpuMs = new double[rounds];
        for (int round = 0; round < rounds; round++) {
          long w0 = System.nanoTime();
          long c0 = threads.getCurrentThreadCpuTime();
          at = deliveries(service, actor, guarantors, random, at, appends);
          wallMs[round] = (System.nanoTime() - w0) / 1e6 / appends;
          cpuMs[round] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / appends;
          out.printf(Locale.ROOT, "  round %d: %.3f ms per append wall (%,.0f appends/s), %.3f ms on the thread's CPU%n", round + 1,
              wallMs[round], 1000 / wallMs[round], cpuMs[round]);
        }
        out.printf(Locale.ROOT, "append through the service, one delivery per transaction, %,d live instances, outbox %s: median %.3f ms wall"
            + " (%,.0f appends/s), %.3f ms CPU per append (%d rounds of %d); %,d outbox entries in all; load average %.2f%n", live,
            outbox ? "on" : "off", median(wallMs), 1000 / median(wallMs), median(cpuMs), rounds, appends, outboxEntries(database),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
      return 0;
    } finally {
      if (dir == null) {
        try (var files = Files.walk(work)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** Records {@code count} deliveries of shells, each against one guarantor's items commitment: one instance changes. */
  private static Instant deliveries(RecordService service, Actor actor, List<PartyCode> guarantors, SplittableRandom random, Instant at,
      int count) {
    for (int i = 0; i < count; i++) {
      int g = random.nextInt(guarantors.size());
      at = at.plusMillis(10);
      service.record("support-" + guarantors.get(g).value(), Optional.empty(), List.of(new Event.DeliveryRecorded(at, at, guarantors.get(g),
          Domain.MILITARY, Optional.empty(), Optional.empty(), List.of(new ItemLine("shells", 1 + random.nextInt(100))),
          Optional.of(new Event.Target.Clause(new AgreementId("a" + g), new ClauseId("b0-items"))))), Optional.empty(), actor,
          dev.compact.agreements.Classification.PUBLIC);
    }
    return at;
  }

  private static long live(Database database) throws Exception {
    try (Connection connection = database.dataSource().getConnection(); Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM norm_instances WHERE state IN ('pending', 'active')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long outboxEntries(Database database) throws Exception {
    try (Connection connection = database.dataSource().getConnection(); Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM notify_outbox")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}

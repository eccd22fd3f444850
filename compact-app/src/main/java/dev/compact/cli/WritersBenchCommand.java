package dev.compact.cli;

import dev.compact.access.Actor;
import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Classification;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench writers}: durable appends through the record service with 1 and with 8
 * concurrent writers, each beside a plain JDBC loop on the same database and pool settings (one
 * single-row insert per transaction), the floor an append could reach, and how many writes the
 * service's group commit put in each commit. Afterwards it checks that
 * the log holds every acknowledged append once: none lost, none twice.
 */
@Command(name = "writers", mixinStandardHelpOptions = true,
    description = {"Measure appends through the service with 1 and 8 writers, each beside a plain JDBC loop with the same settings."})
final class WritersBenchCommand implements Callable<Integer> {

  @Option(names = "--db", description = "An empty database (SQLite path or PostgreSQL URL); default: a fresh SQLite file in a temporary folder.")
  String db;

  @Option(names = "--seconds", defaultValue = "10", description = "Seconds per measurement (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--writers", split = ",", defaultValue = "1,8", description = "Writer counts to measure (default ${DEFAULT-VALUE}).")
  List<Integer> writerCounts;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final int AGREEMENTS = 8;
  /** Makes each append's payload unique, so that the log can be checked for duplicates. */
  private static final AtomicLong SEQUENCE = new AtomicLong();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = db == null ? Files.createTempDirectory("compact-bench-writers") : null;
    String url = db != null ? db : work.resolve("writers.db").toString();
    EngineBenchCommand generator = new EngineBenchCommand();
    generator.agreements = AGREEMENTS;
    generator.norms = 8;
    List<PartyCode> guarantors = EngineBenchCommand.guarantors(AGREEMENTS);
    Engine engine = Engine.of(CompactParser.parse(generator.sources(guarantors)).value().orElseThrow());
    try (Database database = Database.open(url); RecordService service = new RecordService(database, engine, Clock.systemUTC())) {
      if (!service.isEmpty()) {
        spec.commandLine().getErr().println("compact bench writers: --db must name an empty database");
        return 2;
      }
      try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("CREATE TABLE bench_plain (id BIGINT NOT NULL PRIMARY KEY, stream_id VARCHAR(200) NOT NULL, payload TEXT NOT NULL,"
            + " at VARCHAR(40) NOT NULL)");
      }
      out.printf(Locale.ROOT, "compact bench writers: %s, %d cores, load average %.2f, %d s per measurement%n", database.dialect(),
          Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), seconds);
      AtomicLong acknowledged = new AtomicLong();
      AtomicLong plainId = new AtomicLong();
      // Warm-up of both paths.
      run(1, Math.min(3, seconds), w -> serviceAppend(service, guarantors, w, acknowledged));
      run(1, Math.min(3, seconds), w -> plainInsert(database, plainId.incrementAndGet()));
      for (int writers : writerCounts) {
        double plain = run(writers, seconds, w -> plainInsert(database, plainId.incrementAndGet()));
        RecordService.CommitStats before = service.commitStats();
        double appends = run(writers, seconds, w -> serviceAppend(service, guarantors, w, acknowledged));
        RecordService.CommitStats after = service.commitStats();
        out.printf(Locale.ROOT, "%d writer%s: %,.0f appends/s through the service (%.1f writes per commit), floor %,.0f/s plain JDBC (one row"
            + " per transaction): %.2f of the floor; load average %.2f%n", writers, writers == 1 ? "" : "s", appends,
            (after.writes() - before.writes()) / (double) Math.max(1, after.commits() - before.commits()), plain, appends / plain,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
      try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT payload) FROM events WHERE event_type = 'delivery-recorded'")) {
        rs.next();
        out.printf(Locale.ROOT, "acknowledged appends: %,d; in the log: %,d (%,d distinct): %d lost, %d duplicated%n", acknowledged.get(),
            rs.getLong(1), rs.getLong(2), Math.max(0, acknowledged.get() - rs.getLong(2)), rs.getLong(1) - rs.getLong(2));
      }
      return 0;
    } finally {
      if (work != null) {
        try (var files = Files.walk(work)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  interface Work {
    void run(int writer) throws Exception;
  }

  /** Runs {@code writers} threads doing {@code work} for {@code seconds}; returns completed operations per second. */
  private static double run(int writers, int seconds, Work work) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads.add(Thread.ofPlatform().start(() -> {
        while (System.nanoTime() < deadline) {
          try {
            work.run(writer);
            done.incrementAndGet();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return done.get() / ((System.nanoTime() - t0) / 1e9);
  }

  /** One delivery by writer {@code w}'s guarantor, stamped by the service; its quantity makes the payload unique. */
  private static void serviceAppend(RecordService service, List<PartyCode> guarantors, int w, AtomicLong acknowledged) {
    PartyCode guarantor = guarantors.get(w % guarantors.size());
    long n = SEQUENCE.incrementAndGet();
    service.record("support-" + guarantor.value(), Optional.empty(), now -> List.of(new Event.DeliveryRecorded(now, now, guarantor,
        Domain.MILITARY, Optional.empty(), Optional.empty(), List.of(new ItemLine("shells", n)),
        Optional.of(new Event.Target.Clause(new AgreementId("a" + (w % guarantors.size())), new ClauseId("b0-items"))))), Optional.empty(),
        Actor.system("bench"), Classification.PUBLIC);
    acknowledged.incrementAndGet();
  }

  private static void plainInsert(Database database, long id) throws Exception {
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_plain (id, stream_id, payload, at) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, "support-bench");
        ps.setString(3, "{\"category\":\"military\",\"guarantor\":\"GBR\",\"items\":[{\"item\":\"shells\",\"quantity\":" + id + "}]}");
        ps.setString(4, Instant.now().toString());
        ps.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }
}

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
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench writers}: durable appends through the record service with 1 and with 8
 * concurrent writers, each beside a plain JDBC loop on the same database and pool settings (one
 * single-row insert per transaction), the floor an append could reach, and how many writes the
 * service's group commit put in each commit and the CPU time this JVM spent per append. Afterwards it checks that
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

  /**
   * One measurement as printed: writers, "s" unless one, appends/s, writes per commit, CPU per
   * append in this JVM (a PostgreSQL server's own CPU is not in it), the floor, the ratio, the load
   * average. {@code bench floors} reads it back with {@link #rows}, so the wording lives here only.
   */
  static final String ROW = "%d writer%s: %,.0f appends/s through the service (%.1f writes per commit, %,.0f us CPU per append in"
      + " this JVM), floor %,.0f/s plain JDBC (one row per transaction): %.2f of the floor; load average %.2f%n";
  private static final Pattern ROW_PATTERN = patternOf(ROW);
  /** The wording before group commit (no writes per commit, no CPU), so that an older jar's output is read too. */
  private static final Pattern ROW_BEFORE_GROUP_COMMIT = Pattern.compile(
      "(\\d+) writers?: ([\\d,]+) appends/s through the service, ([\\d,]+)/s plain JDBC");
  /** The wording of group commit's first version: writes per commit, no CPU. */
  private static final Pattern ROW_WITHOUT_CPU = Pattern.compile(
      "(\\d+) writers?: ([\\d,]+) appends/s through the service \\(([\\d.]+) writes per commit\\), floor ([\\d,]+)/s plain JDBC");

  /** One measurement read back from {@link #ROW}'s wording (or an older jar's): empty where that wording has none. */
  record Row(int writers, double appendsPerSecond, OptionalDouble writesPerCommit, OptionalDouble cpuMicrosPerAppend, double floor) {}

  /** Every measurement in a run's output, in order. */
  static List<Row> rows(String output) {
    List<Row> rows = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m;
      if ((m = ROW_PATTERN.matcher(line)).find()) {
        rows.add(new Row(Integer.parseInt(m.group(1)), number(m.group(3)), OptionalDouble.of(number(m.group(4))),
            OptionalDouble.of(number(m.group(5))), number(m.group(6))));
      } else if ((m = ROW_WITHOUT_CPU.matcher(line)).find()) {
        rows.add(new Row(Integer.parseInt(m.group(1)), number(m.group(2)), OptionalDouble.of(number(m.group(3))), OptionalDouble.empty(),
            number(m.group(4))));
      } else if ((m = ROW_BEFORE_GROUP_COMMIT.matcher(line)).find()) {
        rows.add(new Row(Integer.parseInt(m.group(1)), number(m.group(2)), OptionalDouble.empty(), OptionalDouble.empty(), number(m.group(3))));
      }
    }
    return rows;
  }

  /** The regular expression that reads back what {@code format} prints: one group per conversion, in order. */
  static Pattern patternOf(String format) {
    StringBuilder regex = new StringBuilder();
    Matcher conversion = Pattern.compile("%[,.\\d]*([dsfn])").matcher(format);
    int literal = 0;
    while (conversion.find()) {
      regex.append(Pattern.quote(format.substring(literal, conversion.start())));
      regex.append(switch (conversion.group(1)) {
        case "d" -> "(\\d+)";
        case "s" -> "(\\S*?)";
        case "f" -> "(-?[\\d,.]+)";
        default -> "$"; // %n
      });
      literal = conversion.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(format.substring(literal))).toString(), Pattern.MULTILINE);
  }

  private static double number(String text) {
    return Double.parseDouble(text.replace(",", ""));
  }

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
        long cpuBefore = processCpuNanos();
        long acknowledgedBefore = acknowledged.get();
        double appends = run(writers, seconds, w -> serviceAppend(service, guarantors, w, acknowledged));
        double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / Math.max(1, acknowledged.get() - acknowledgedBefore);
        RecordService.CommitStats after = service.commitStats();
        out.printf(Locale.ROOT, ROW, writers, writers == 1 ? "" : "s", appends,
            (after.writes() - before.writes()) / (double) Math.max(1, after.commits() - before.commits()), cpuMicros, plain, appends / plain,
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

  /** CPU time of this whole JVM (every thread, the JIT and the collector included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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

package dev.compact.cli;

import dev.compact.access.Actor;
import dev.compact.access.Role;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.Schema;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.service.RecordService;
import dev.compact.watchlist.GeneratedBook;
import dev.compact.watchlist.Watchlists;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench watchlist}: a generated book of counterparties (plus a few real names listed
 * only in the newer version) re-screened when a list version lands, incrementally and in full, side
 * by side on the same data in the same run.
 */
@Command(name = "watchlist", mixinStandardHelpOptions = true,
    description = {"Time the incremental re-screen of a watchlist against a full re-screen when a list version lands.",
        "The older version is the bundled OFAC SDN 2021 without --removed individuals; the newer one is the whole release."})
final class WatchlistBenchCommand implements Callable<Integer> {

  @Option(names = "--counterparties", defaultValue = "100000", description = "Generated counterparties (default ${DEFAULT-VALUE}).")
  int counterparties;

  @Option(names = "--removed", defaultValue = "60", description = "Entries the newer version adds (default ${DEFAULT-VALUE}, under 1%% of 8976).")
  int removed;

  @Option(names = "--no-full", description = "Skip the full re-screen (every counterparty against every designation), the slowest part.")
  boolean noFull;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("compact-bench-watchlist");
    RecordOptions options = new RecordOptions();
    options.db = dir.resolve("bench.db").toString();
    options.compact = Path.of("examples/kyiv-compact");
    Optional<RecordService> opened = options.open("compact bench watchlist", spec.commandLine().getErr(), false);
    if (opened.isEmpty()) {
      return 1;
    }
    Actor secretariat = new Actor("secretariat", Set.of(new Role.Secretariat()), false);
    Actor bank = new Actor("bank", Set.of(new Role.Compliance()), false);
    try (RecordService record = opened.get()) {
      List<ListFile> newer = ListLoader.bundledOfacSdnFiles();
      List<SanctionedEntity> people = ListFormat.OFAC.read(newer, n -> {}).entities().stream().filter(e -> e.schema() == Schema.PERSON).toList();
      List<SanctionedEntity> added = people.subList(people.size() / 2, people.size() / 2 + removed);
      Set<String> ids = added.stream().map(e -> e.id().value()).collect(Collectors.toSet());
      String sdn = new String(newer.getFirst().bytes(), StandardCharsets.ISO_8859_1);
      List<ListFile> older = new ArrayList<>(newer);
      older.set(0, new ListFile("sdn.csv", sdn.lines().filter(l -> !ids.contains(l.split(",", 2)[0]))
          .collect(Collectors.joining("\r\n", "", "\r\n")).getBytes(StandardCharsets.ISO_8859_1)));

      ListVersions versions = new ListVersions(record);
      Watchlists watchlists = new Watchlists(record.database(), record.clock(), versions, () -> new dev.compact.screening.Screener(
          dev.compact.screening.ScreeningIndex.build(versions.inForce(LocalDate.of(2100, 1, 1)).stream().map(versions::list).toList())));
      versions.importVersion(new ListVersions.Request(ListFormat.OFAC, older, Optional.of(LocalDate.parse("2021-01-01")), false),
          secretariat, n -> {});
      List<Watchlists.Counterparty> book = new ArrayList<>(GeneratedBook.of(counterparties, 17));
      added.subList(0, Math.min(5, added.size())).forEach(e -> book.add(new Watchlists.Counterparty("real-" + e.id().value(),
          e.primaryName().full(), "person", null, null)));
      long start = System.nanoTime();
      Watchlists.Registered registered = watchlists.register(bank, book);
      out.printf("registered %d counterparties (%d generated + %d real names listed only in the newer version) in %.1f s, %d alerts%n",
          book.size(), counterparties, book.size() - counterparties, (System.nanoTime() - start) / 1e9, registered.alerts().size());
      ListVersion v2 = versions.importVersion(new ListVersions.Request(ListFormat.OFAC, newer, Optional.of(LocalDate.parse("2021-07-07")),
          false), secretariat, n -> {}).version();
      out.printf("newer version: %d of %d entries added (%.2f%%)%n", v2.event().added(), v2.event().entities(),
          100.0 * (v2.event().added() + v2.event().changed()) / v2.event().entities());

      Watchlists.Rescreen incremental = watchlists.rescreen(v2);
      out.printf("incremental re-screen, counterparty index: %7d ms  (%d of %d counterparties x %d new or changed designations), %d new"
          + " alerts: %s%n", incremental.millis(), incremental.counterparties(), incremental.book(), incremental.designations(),
          incremental.alerts().size(), incremental.alerts().stream().map(Watchlists.Alert::counterpartyId).distinct().sorted().toList());
      Watchlists.Rescreen every = watchlists.rescreenEveryCounterparty(v2);
      out.printf("incremental re-screen, every counterparty: %7d ms  (%d counterparties x %d new or changed designations), %d further"
          + " alerts%n", every.millis(), every.counterparties(), every.designations(), every.alerts().size());
      out.printf("counterparty index: %.1fx faster than screening every counterparty%n", every.millis() / (double) Math.max(1,
          incremental.millis()));
      if (!noFull) {
        Watchlists.Rescreen full = watchlists.fullRescreen(v2);
        out.printf("full re-screen:                            %7d ms  (%d counterparties x %d designations), %d further alerts%n",
            full.millis(), full.counterparties(), full.designations(), full.alerts().size());
        out.printf("speed-up against the full re-screen: %.1fx%n", full.millis() / (double) Math.max(1, incremental.millis()));
      }
      out.printf("java %s, %d processors, system load average %.2f%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      return 0;
    }
  }
}

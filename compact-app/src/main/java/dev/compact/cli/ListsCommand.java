package dev.compact.cli;

import dev.compact.sanctions.ListDiff;
import dev.compact.sanctions.ListFormatException;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.ListSource;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.Schema;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compact lists show|diff}: loads sanctions lists and prints what they hold or how two versions differ. */
@Command(name = "lists", mixinStandardHelpOptions = true,
    description = "Load sanctions lists and show their contents or the changes between two versions.",
    subcommands = {ListsCommand.Show.class, ListsCommand.Diff.class, ListsImportCommand.class})
public final class ListsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code compact lists show}: counts per schema, version hash and load time of each list. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Load lists and print, per list, its entries per schema and its version hash.",
          "Without options, shows the bundled demo lists (OFAC SDN 2021 and UN). Exit code 1 on a malformed file."})
  static final class Show implements Callable<Integer> {

    @Option(names = "--ofac", paramLabel = "DIR", description = "A directory of OFAC legacy CSV files (sdn.csv, alt.csv, add.csv, sdn_comments.csv, or cons_*.csv).")
    List<Path> ofac = new ArrayList<>();

    @Option(names = "--un", paramLabel = "FILE", description = "A UN Security Council Consolidated List XML file.")
    List<Path> un = new ArrayList<>();

    @Option(names = "--ftm", paramLabel = "FILE", description = "A FollowTheMoney JSON-lines file.")
    List<Path> ftm = new ArrayList<>();

    @Option(names = "--eu", paramLabel = "FILE", description = "An EU financial sanctions file (FSF) in CSV form.")
    List<Path> eu = new ArrayList<>();

    @Option(names = "--uk", paramLabel = "FILE", description = "A UK consolidated list CSV file (ConList.csv).")
    List<Path> uk = new ArrayList<>();

    @Option(names = "--bundled", description = "Also load the bundled demo lists (old snapshots, never for real screening).")
    boolean bundled;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<ListSource> sources = new ArrayList<>();
      ofac.forEach(d -> sources.add(new ListSource.OfacDirectory(d)));
      un.forEach(f -> sources.add(new ListSource.UnXml(f)));
      ftm.forEach(f -> sources.add(new ListSource.FtmJson(f)));
      eu.forEach(f -> sources.add(new ListSource.EuCsv(f)));
      uk.forEach(f -> sources.add(new ListSource.UkCsv(f)));
      boolean withBundled = bundled || sources.isEmpty();
      return guarded(err, () -> {
        long start = System.nanoTime();
        List<SanctionsList> lists = new ArrayList<>();
        if (withBundled) {
          lists.addAll(ListLoader.bundled());
        }
        lists.addAll(ListLoader.load(sources, note -> err.println("compact: note: " + note)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        int total = 0;
        for (SanctionsList list : lists) {
          print(out, list);
          total += list.size();
        }
        out.printf("%d list%s, %d entities, loaded in %d ms%n", lists.size(), lists.size() == 1 ? "" : "s", total, millis);
        return 0;
      });
    }

    private static void print(PrintWriter out, SanctionsList list) {
      out.printf("%s%n", list.name());
      out.printf("  source   %s%n", list.source());
      out.printf("  version  sha256:%s%n", list.versionHash());
      list.issued().ifPresent(d -> out.printf("  issued   %s%n", d));
      out.printf("  entities %d%n", list.size());
      Map<Schema, Integer> bySchema = list.countBySchema();
      for (Schema schema : Schema.values()) {
        if (bySchema.containsKey(schema)) {
          out.printf("    %-13s %6d%n", schema.name().toLowerCase(Locale.ROOT), bySchema.get(schema));
        }
      }
      long names = list.entities().stream().mapToLong(e -> e.names().size()).sum();
      long identifiers = list.entities().stream().mapToLong(e -> e.identifiers().size()).sum();
      long birthDates = list.entities().stream().filter(e -> !e.birthDates().isEmpty()).count();
      out.printf("  names %d, identifiers %d, entities with a date of birth %d%n", names, identifiers, birthDates);
    }
  }

  /** {@code compact lists diff --ofac OLD NEW}: entries added, removed and changed between two versions. */
  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = {"Compare two versions of the same list: entries added, removed and changed (with the fields that changed).",
          "Example: compact lists diff --ofac ../shared/data/sanctions/ofac_sdn_2019 ../shared/data/sanctions/ofac_sdn_2021"})
  static final class Diff implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Versions versions;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "5", description = "How many entries of each kind to print (default ${DEFAULT-VALUE}).")
    int sample;

    static final class Versions {
      @Option(names = "--ofac", arity = "2", paramLabel = "DIR", description = "The older and the newer OFAC CSV directory.")
      List<Path> ofac;

      @Option(names = "--un", arity = "2", paramLabel = "FILE", description = "The older and the newer UN XML file.")
      List<Path> un;

      @Option(names = "--ftm", arity = "2", paramLabel = "FILE", description = "The older and the newer FollowTheMoney JSON-lines file.")
      List<Path> ftm;

      @Option(names = "--eu", arity = "2", paramLabel = "FILE", description = "The older and the newer EU FSF CSV file.")
      List<Path> eu;

      @Option(names = "--uk", arity = "2", paramLabel = "FILE", description = "The older and the newer UK consolidated list CSV file.")
      List<Path> uk;

      List<ListSource> sources() {
        if (ofac != null) {
          return ofac.stream().<ListSource>map(ListSource.OfacDirectory::new).toList();
        }
        if (un != null) {
          return un.stream().<ListSource>map(ListSource.UnXml::new).toList();
        }
        if (ftm != null) {
          return ftm.stream().<ListSource>map(ListSource.FtmJson::new).toList();
        }
        if (eu != null) {
          return eu.stream().<ListSource>map(ListSource.EuCsv::new).toList();
        }
        return uk.stream().<ListSource>map(ListSource.UkCsv::new).toList();
      }
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<ListSource> sources = versions.sources();
      if (sources.size() != 2) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "give exactly two versions of one list, the older first, e.g. --ofac OLD_DIR NEW_DIR");
      }
      return guarded(err, () -> {
        List<SanctionsList> lists = ListLoader.load(sources, note -> err.println("compact: note: " + note));
        ListDiff diff = ListDiff.between(lists.get(0), lists.get(1));
        print(out, diff, Math.max(0, sample));
        return 0;
      });
    }

    private static void print(PrintWriter out, ListDiff diff, int sample) {
      out.printf("%s: %s -> %s%n", diff.to().name(), diff.from().source(), diff.to().source());
      out.printf("  from sha256:%s (%d entities)%n", diff.from().versionHash(), diff.from().size());
      out.printf("  to   sha256:%s (%d entities)%n", diff.to().versionHash(), diff.to().size());
      out.printf("added %d, removed %d, changed %d%n", diff.added().size(), diff.removed().size(), diff.changed().size());
      if (!diff.changed().isEmpty()) {
        List<String> counts = new ArrayList<>();
        diff.changesByField().forEach((f, n) -> counts.add(f.name().toLowerCase(Locale.ROOT) + " " + n));
        out.printf("changed fields: %s%n", String.join(", ", counts));
      }
      section(out, "added", diff.added(), sample, ListsCommand::describe);
      section(out, "removed", diff.removed(), sample, ListsCommand::describe);
      section(out, "changed", diff.changed(), sample, c -> {
        StringBuilder sb = new StringBuilder(describe(c.after()));
        c.fields().values().forEach(f -> sb.append(String.format("%n      %s: -%s +%s",
            f.field().name().toLowerCase(Locale.ROOT), abbreviate(f.removed()), abbreviate(f.added()))));
        return sb.toString();
      });
    }
  }

  /**
   * {@code compact bench lists}: how long loading the bundled lists takes, on the first (cold) run
   * in this JVM and then warm, which is what the matcher's index build waits for.
   */
  @Command(name = "lists", mixinStandardHelpOptions = true,
      description = "Time loading the bundled OFAC SDN 2021 and UN lists: the first (cold) load and warm loads.")
  public static final class Bench implements Callable<Integer> {

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Warm loads to time after the cold one (default ${DEFAULT-VALUE}).")
    int runs;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      // CPU time of this thread as well as wall time: on a shared machine the wall time mostly
      // measures the neighbours, and the JIT compiles on other threads.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      List<SanctionsList> lists = ListLoader.bundled();
      double cold = (System.nanoTime() - start) / 1e6;
      double coldCpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      int entities = lists.stream().mapToInt(SanctionsList::size).sum();
      double[] warm = new double[Math.max(1, runs)];
      double[] warmCpu = new double[warm.length];
      for (int i = 0; i < warm.length; i++) {
        long t = System.nanoTime();
        long c = threads.getCurrentThreadCpuTime();
        entities = ListLoader.bundled().stream().mapToInt(SanctionsList::size).sum();
        warm[i] = (System.nanoTime() - t) / 1e6;
        warmCpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
      }
      Arrays.sort(warm);
      Arrays.sort(warmCpu);
      out.printf("bundled lists (OFAC SDN 2021 + UN): %d entities%n", entities);
      out.printf("cold load   %8.1f ms wall, %8.1f ms cpu (loading thread)%n", cold, coldCpu);
      out.printf("warm load   %8.1f ms wall, %8.1f ms cpu (medians of %d; best wall %.1f ms)%n",
          warm[warm.length / 2], warmCpu[warm.length / 2], warm.length, warm[0]);
      out.printf("java %s, %d processors, system load average %.2f%n", Runtime.version(),
          Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      return 0;
    }
  }

  private static <T> void section(PrintWriter out, String title, List<T> items, int sample, Function<T, String> describe) {
    if (items.isEmpty() || sample == 0) {
      return;
    }
    out.printf("%s (first %d of %d):%n", title, Math.min(sample, items.size()), items.size());
    items.stream().limit(sample).forEach(item -> out.printf("  %s%n", describe.apply(item)));
  }

  private static String describe(SanctionedEntity e) {
    return String.format("%-7s %-12s %s [%s]", e.id(), e.schema().name().toLowerCase(Locale.ROOT),
        e.primaryName().full(), String.join(", ", e.programmes()));
  }

  private static String abbreviate(List<String> values) {
    String joined = values.toString();
    return joined.length() > 160 ? joined.substring(0, 157) + "...]" : joined;
  }

  /** Runs a command body and turns a malformed list into one line on stderr and exit code 1. */
  private static int guarded(PrintWriter err, Supplier<Integer> body) {
    try {
      return body.get();
    } catch (ListFormatException e) {
      err.println("compact: " + e.getMessage());
      err.println("compact: nothing was loaded.");
      return 1;
    }
  }
}

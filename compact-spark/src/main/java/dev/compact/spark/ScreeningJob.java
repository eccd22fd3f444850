package dev.compact.spark;

import dev.compact.sanctions.ListFormatException;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Algorithm;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark screening job: reads customers from Parquet or CSV, screens every partition with the
 * same matcher as {@code compact screen --batch}, and writes one row per hit (and per refused
 * customer) with its score and explanation as Parquet or CSV. With {@code --previous-*} lists it
 * re-screens every customer against only the designations added or changed since those lists.
 */
@Command(name = "compact-spark-screen", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Screen a customer file (Parquet or CSV) against sanctions lists on Apache Spark.",
        "Columns: customer_id (or --key), name; optional type, dob, country, id (TYPE:VALUE;...).",
        "Writes one row per hit (and per refused customer): customer_id, name, decision, score, list, list_version,",
        "entity_id, listed_name, matched_name, explanation, algorithm. Exit code 0 when done, 1 on bad input."})
public final class ScreeningJob implements Callable<Integer> {

  @Option(names = "--customers", required = true, paramLabel = "PATH", description = "The customer file or folder (local path or any URI Spark reads).")
  String customers;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv or parquet (default: csv for a .csv path, else parquet).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "PATH", description = "Where to write the hits (a folder, as Spark writes).")
  String out;

  @Option(names = "--out-format", defaultValue = "parquet", paramLabel = "FORMAT", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
  String outFormat;

  @Option(names = "--overwrite", description = "Replace --out if it exists (default: refuse).")
  boolean overwrite;

  @Option(names = "--key", defaultValue = "customer_id", paramLabel = "COLUMN", description = "The column that identifies a customer (default: ${DEFAULT-VALUE}).")
  String key;

  @Option(names = "--limit", defaultValue = "5", description = "Hits kept per customer (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--partitions", description = "Repartition the customers into this many partitions first (default: as Spark splits the input, at least four per core).")
  Integer partitions;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master when spark-submit gives none (default: local[*]).")
  String master;

  @Option(names = "--ofac", paramLabel = "DIR", description = "OFAC legacy CSV folder; repeatable. Without any list option: the bundled demo lists.")
  List<String> ofac = new ArrayList<>();

  @Option(names = "--un", paramLabel = "FILE", description = "UN consolidated XML file; repeatable.")
  List<String> un = new ArrayList<>();

  @Option(names = "--ftm", paramLabel = "FILE", description = "FollowTheMoney JSON-lines file; repeatable.")
  List<String> ftm = new ArrayList<>();

  @Option(names = "--eu", paramLabel = "FILE", description = "EU financial sanctions CSV file; repeatable.")
  List<String> eu = new ArrayList<>();

  @Option(names = "--uk", paramLabel = "FILE", description = "UK consolidated list CSV file; repeatable.")
  List<String> uk = new ArrayList<>();

  @Option(names = "--previous-ofac", paramLabel = "DIR", description = "Re-screen only what changed since this OFAC folder; repeatable.")
  List<String> previousOfac = new ArrayList<>();

  @Option(names = "--previous-un", paramLabel = "FILE", description = "Re-screen only what changed since this UN file; repeatable.")
  List<String> previousUn = new ArrayList<>();

  @Option(names = "--previous-ftm", paramLabel = "FILE", description = "Re-screen only what changed since this FtM file; repeatable.")
  List<String> previousFtm = new ArrayList<>();

  @Option(names = "--previous-eu", paramLabel = "FILE", description = "Re-screen only what changed since this EU file; repeatable.")
  List<String> previousEu = new ArrayList<>();

  @Option(names = "--previous-uk", paramLabel = "FILE", description = "Re-screen only what changed since this UK file; repeatable.")
  List<String> previousUk = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Spark's own logging is kept to warnings unless the user configures log4j2 himself. */
  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "compact-spark-log4j2.properties");
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ScreeningJob());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("compact-spark-screen: failed: " + rootMessage(e));
      return 2;
    });
    return cli;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter o = spec.commandLine().getOut();
    String inFormat = format != null ? format.toLowerCase(Locale.ROOT)
        : customers.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet";
    if (!List.of("csv", "parquet").contains(inFormat) || !List.of("csv", "parquet").contains(outFormat)) {
      err.println("compact-spark-screen: --format and --out-format take csv or parquet");
      return 1;
    }
    if (limit < 1) {
      err.println("compact-spark-screen: --limit must be at least 1");
      return 1;
    }
    if (partitions != null && partitions < 1) {
      err.println("compact-spark-screen: --partitions must be at least 1");
      return 1;
    }
    if (isLocal(customers) && !Files.exists(Path.of(customers))) {
      err.println("compact-spark-screen: no such customer file: " + customers);
      return 1;
    }
    if (isLocal(out) && Files.exists(Path.of(out)) && !overwrite) {
      err.println("compact-spark-screen: " + out + " exists; give --overwrite to replace it");
      return 1;
    }
    ListSet lists = new ListSet(ofac, un, ftm, eu, uk);
    ListSet previous = new ListSet(previousOfac, previousUn, previousFtm, previousEu, previousUk);
    JobSpec unchecked = new JobSpec(lists, previous.isBundled() ? null : previous, List.of(),
        new JobSpec.Columns(key, "name", "type", "dob", "country", "id"), limit);

    // The driver loads the lists first: a bad file is reported here, before any executor starts.
    long start = System.nanoTime();
    Designations designations;
    JobSpec job;
    try {
      ExecutorScreeners.Loaded loaded = ExecutorScreeners.loadOnDriver(unchecked);
      designations = loaded.designations();
      // Tasks carry the versions loaded here, so that no executor screens against other files.
      job = unchecked.withVersions(loaded.versions());
    } catch (ListFormatException e) {
      err.println("compact-spark-screen: " + e.getMessage());
      err.println("compact-spark-screen: nothing was screened.");
      return 1;
    }
    for (SanctionsList l : designations.lists()) {
      o.printf("%s %s (%s): %,d designations%s%n", job.rescreen() ? "changed in" : "list", l.name(), l.shortVersion(),
          l.entities().size(), job.rescreen() ? " added or changed, " + designations.removed().getOrDefault(l.name(), 0) + " removed" : "");
    }
    o.flush();

    SparkConf conf = new SparkConf().setAppName("compact-screen");
    if (!conf.contains("spark.master")) {
      conf.setMaster(master != null ? master : "local[*]");
    }
    conf.setIfMissing("spark.ui.enabled", "false");
    if (conf.get("spark.master").startsWith("local")) {
      // One machine: keep the driver on the loopback interface rather than whatever the host name resolves to.
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    // A session that is already running (a notebook, a test) is used and left running; one started here is stopped here.
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      Dataset<Row> input = inFormat.equals("csv")
          ? spark.read().option("header", true).option("mode", "FAILFAST").csv(customers)
          : spark.read().parquet(customers);
      List<String> columns = Arrays.asList(input.columns());
      for (String required : job.columns().required()) {
        if (!columns.contains(required)) {
          err.println("compact-spark-screen: " + customers + " has no column '" + required + "' (columns: "
              + String.join(", ", columns) + ")" + (required.equals(key) ? "; name the key column with --key" : ""));
          return 1;
        }
      }
      // Spark splits a file into about one partition per core; a partition whose names happen to be slow
      // then keeps one core busy after the others are idle. Four per core (unless given) evens that out.
      int read = input.rdd().getNumPartitions();
      int target = partitions != null ? partitions : Math.max(read, 4 * spark.sparkContext().defaultParallelism());
      if (target != read) {
        input = input.repartition(target);
      }
      LongAccumulator screened = spark.sparkContext().longAccumulator("customers screened");
      LongAccumulator rejected = spark.sparkContext().longAccumulator("customers refused");
      Dataset<Row> hits = input.mapPartitions(new ScreenPartition(job, screened, rejected), Encoders.row(ScreenPartition.HITS));
      long jobStart = System.nanoTime();
      var writer = hits.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
      if (outFormat.equals("csv")) {
        writer.option("header", true).csv(out);
      } else {
        writer.parquet(out);
      }
      long done = System.nanoTime();
      // Names and explanations may hold line breaks, which the CSV writer quotes: read them back as written.
      Dataset<Row> written = outFormat.equals("csv")
          ? spark.read().option("header", true).option("multiLine", true).csv(out) : spark.read().parquet(out);
      Map<String, Long> byDecision = new java.util.HashMap<>();
      for (Row r : written.groupBy("decision").agg(functions.countDistinct("customer_id").as("customers")).collectAsList()) {
        byDecision.put(String.valueOf(r.get(0)), r.getLong(1));
      }
      double seconds = (done - jobStart) / 1e9;
      o.printf(Locale.ROOT, "Screened %,d customers in %.1f s (%,.0f rows/s; %.1f s in all, with list loading and Spark start-up)"
          + " on %s with %d partitions: %,d with an alert, %,d with a review hit, %,d refused; algorithm %s; wrote %s%n",
          screened.value(), seconds, screened.value() / Math.max(seconds, 1e-9), (done - start) / 1e9,
          spark.sparkContext().master(), input.rdd().getNumPartitions(), byDecision.getOrDefault("ALERT", 0L),
          byDecision.getOrDefault("REVIEW", 0L), rejected.value(), Algorithm.ID, out);
      return 0;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

  private static boolean isLocal(String path) {
    try {
      URI uri = new URI(path);
      return uri.getScheme() == null || uri.getScheme().equals("file") || uri.getScheme().length() == 1;
    } catch (java.net.URISyntaxException e) {
      return true;
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}

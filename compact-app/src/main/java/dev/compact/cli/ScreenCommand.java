package dev.compact.cli;

import dev.compact.sanctions.ListFormatException;
import dev.compact.sanctions.ListSnapshots;
import dev.compact.sanctions.ListSource;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.BatchAnswer;
import dev.compact.screening.Hit;
import dev.compact.screening.QueryText;
import dev.compact.screening.ResultsFile;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.Thresholds;
import dev.compact.screening.evaluation.CsvTable;
import dev.compact.screening.evaluation.EvaluationDataException;
import dev.compact.snapshots.IndexSnapshots;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compact screen}: screens one name, or a CSV of names, against sanctions lists (by default
 * the bundled OFAC SDN 2021 and UN lists) and prints every hit with its explanation.
 */
@Command(name = "screen", mixinStandardHelpOptions = true,
    description = {"Screen a name (or a CSV of names with --batch) against sanctions lists.",
        "Without --ofac/--un, screens against the list versions in force in the record (--db, else compact-data/compact.db when it is there),"
            + " and against the bundled demo lists (OFAC SDN 2021 and UN; old snapshots, never for real screening) while there is no record"
            + " or it holds no version in force; the error stream says which.",
        "Exit code 0 when screened (with or without hits), 1 on bad input (a name, date, type or file the command cannot use),"
            + " 2 on a command line it cannot read (an unknown option, a value of the wrong kind, a missing one)."})
final class ScreenCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The name to screen.")
  String name;

  @Option(names = "--type", paramLabel = "TYPE", description = "person, company or vessel (default: any).")
  String type;

  @Option(names = "--dob", paramLabel = "DATE", description = "Date of birth: 1965, 1965-03 or 1965-03-24.")
  String dob;

  @Option(names = "--country", paramLabel = "CC", description = "Country: ISO code (RU) or English name.")
  String country;

  @Option(names = "--id", paramLabel = "TYPE:VALUE", description = "An identifier, e.g. imo:9187629 or passport:AB123456; repeatable.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--limit", defaultValue = ServerBatchArgs.DEFAULT_LIMIT, description = "Hits to show per name (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--batch", paramLabel = "IN.csv", description = "Screen every row of a CSV with a 'name' column (optional: type, dob, country, id).")
  Path batch;

  @Option(names = "--out", paramLabel = "OUT.csv", description = "Where --batch writes its results (one row per hit, or per name without hits).")
  Path out;

  @Option(names = "--ofac", paramLabel = "DIR", description = "Screen against this directory of OFAC legacy CSV files instead of the bundled lists; repeatable.")
  List<Path> ofac = new ArrayList<>();

  @Option(names = "--un", paramLabel = "FILE", description = "Screen against this UN consolidated XML file instead of the bundled lists; repeatable.")
  List<Path> un = new ArrayList<>();

  @Option(names = "--allow-stale-side-rows", description = "With --ofac: read a release whose alias or address file names entries"
      + " after the main file's last, ignoring those rows, instead of refusing it as cut short (a main file that was cut short is"
      + " then read without its last entries, and without an error).")
  boolean allowStaleSideRows;

  @Option(names = "--timings", description = "Print where the time went (start-up, lists, index, screening, output) on the error stream.")
  boolean timings;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
      description = "Screen against the list versions the record (--db) holds in force on this date, each hit naming its version."
          + " Without it: today (UTC).")
  java.time.LocalDate asOf;

  @Option(names = "--server", paramLabel = "URL", description = "Screen the --batch on a running Compact service (POST /api/screen/batch/rows),"
      + " against its lists, e.g. https://compact.example.org: nothing is loaded here, the same results file is written.")
  String server;

  @Option(names = "--token-file", paramLabel = "FILE", description = "With --server: a file holding an API token to send"
      + " (else $COMPACT_TOKEN, if set); checked once, never printed. Screening itself needs no account.")
  Path tokenFile;

  @Option(names = "--db", defaultValue = ServerBatchArgs.DEFAULT_DB, description = "The record whose list versions in force are"
      + " screened against (as for serve), opened read-only: never migrated or changed. Default: ${DEFAULT-VALUE}, when it is there.")
  String db;

  /**
   * Refuses {@code --compact DIR}. Screening reads the list versions and the sanctions packages from
   * the record alone, so a compact folder can choose nothing here; the option was once accepted and
   * ignored (opening the record then needed its compact), which let a user believe it had chosen
   * the lists or the packages. Kept, hidden, only to say so in place of picocli's bare "Unknown option".
   */
  @Option(names = "--compact", hidden = true, paramLabel = "DIR")
  void refuseCompact(String ignored) {
    throw CompactCommandLine.usageError(spec, "compact screen: --compact is not an option of screen:"
        + " no compact folder takes part in screening (the list versions and the sanctions packages a hit names come from the"
        + " record, --db, or from --ofac/--un files); drop it");
  }

  /** When screening the record's versions: those screened against, by version hash. */
  private java.util.Map<String, dev.compact.sanctionsregister.ListVersion> recorded = java.util.Map.of();
  /** When screening the record's versions: the sanctions packages the record holds, read before it is closed, so that a hit names its package. */
  private List<dev.compact.packages.Register.Entry> packages = List.of();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private PhaseTimings phases = PhaseTimings.OFF;

  /** Where the summary goes and which options were given: picocli's, or those of {@link ServerBatchArgs}' fast path. */
  private PrintWriter stdout;
  private Predicate<String> given;

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    return run(commandLine.getOut(), commandLine.getErr(), commandLine.getParseResult()::hasMatchedOption);
  }

  /**
   * Runs the command with its options set, by picocli or, for {@code --server} batches, by {@link
   * ServerBatchArgs} without picocli; {@code given} says whether an option was on the command line.
   */
  int run(PrintWriter stdout, PrintWriter err, Predicate<String> given) {
    this.stdout = stdout;
    this.given = given;
    if (timings) {
      phases = PhaseTimings.start();
    }
    try {
      return screen(err);
    } finally {
      phases.print(err);
    }
  }

  private int screen(PrintWriter err) {
    if ((batch == null) == (name == null)) {
      err.println("compact screen: give either a NAME or --batch IN.csv (see compact screen --help)");
      return 1;
    }
    if (batch != null && out == null) {
      err.println("compact screen: --batch needs --out OUT.csv");
      return 1;
    }
    if (limit < 1) {
      err.println("compact screen: --limit must be at least 1");
      return 1;
    }
    if (batch != null && !Files.isReadable(batch)) {
      err.println("compact screen: cannot read " + batch);
      return 1;
    }
    if (batch != null) {
      // Said before the lists are loaded and the names screened, not after minutes of work.
      Optional<String> unwritable = OutputFile.problem(out);
      if (unwritable.isEmpty() && Files.exists(out) && sameFile(batch, out)) {
        unwritable = Optional.of("--out " + out + " is the --batch file itself; it is not overwritten");
      }
      if (unwritable.isPresent()) {
        err.println("compact screen: cannot write " + out + ": " + unwritable.get() + "; nothing was screened");
        return 1;
      }
    }
    if (server != null || tokenFile != null) {
      return remote(err);
    }
    ScreeningQuery query = null;
    if (name != null) {
      List<String> problems = new ArrayList<>();
      query = query(name, type, dob, country, ids, problems);
      problems.addAll(query.problems());
      if (!problems.isEmpty()) {
        problems.forEach(p -> err.println("compact screen: " + p));
        return 1;
      }
    }
    List<CsvTable.Row> rows = List.of();
    if (batch != null) {
      Optional<List<CsvTable.Row>> read = readBatch(batch, err);
      if (read.isEmpty()) {
        return 1;
      }
      rows = read.get();
      phases.mark("read the batch file");
    }
    Prenormaliser warmUp = Prenormaliser.start(rows);
    try {
      return screen(query, rows, warmUp, err);
    } finally {
      warmUp.stop();
    }
  }

  private int screen(ScreeningQuery query, List<CsvTable.Row> rows, Prenormaliser warmUp, PrintWriter err) {
    List<SanctionsList> lists = List.of();
    boolean recordNamed = spec.commandLine().getParseResult().hasMatchedOption("--db");
    boolean filesNamed = !ofac.isEmpty() || !un.isEmpty();
    if (filesNamed && (recordNamed || asOf != null)) {
      err.println("compact screen: --as-of and --db screen against the record's list versions; they cannot be combined with --ofac or --un");
      return 1;
    }
    // The lists the service would screen against: the record's versions in force (today unless a date
    // is given), from the record named or, without --db, the default one when it is there; the bundled
    // demo lists only while the record holds none in force. Which lists answer is always said.
    if (!filesNamed && (recordNamed || asOf != null || !DatabaseCommand.missing(db))) {
      Optional<List<SanctionsList>> inForce = inForce(recordNamed, err);
      if (inForce.isEmpty()) {
        return 1;
      }
      lists = inForce.get();
      phases.mark("lists (from the record)");
    } else if (!filesNamed) {
      err.println("compact screen: no record at " + db + " (--db names one); screening against " + BUNDLED);
    }
    if (lists.isEmpty()) {
      try {
        List<ListSource> sources = new ArrayList<>();
        ofac.forEach(d -> sources.add(new ListSource.OfacDirectory(d)));
        un.forEach(f -> sources.add(new ListSource.UnXml(f)));
        // Each list is parsed once and read back from its snapshot in the cache folder afterwards.
        ListSnapshots snapshots = ListSnapshots.fromEnvironment(System.getenv(), System.getProperty("user.home"));
        lists = sources.isEmpty() ? snapshots.bundled()
            : snapshots.load(sources, allowStaleSideRows, note -> err.println("compact: note: " + note));
      } catch (ListFormatException e) {
        err.println("compact screen: " + e.getMessage());
        err.println("compact screen: nothing was loaded.");
        return 1;
      }
      phases.mark("lists");
    }
    // The index too is built once and read back from its snapshot, beside the lists' ones.
    Screener screener = new Screener(indexes().index(lists));
    phases.mark("index");
    warmUp.indexReady();
    phases.mark("waiting for the warm-up");
    return query != null ? screenOne(screener, query) : screenBatch(screener, rows, err);
  }

  /** What the bundled lists are, wherever a message says they answer. */
  private static final String BUNDLED = "the bundled demo lists (OFAC SDN 2021 and UN: old snapshots, never for real screening)";

  private static IndexSnapshots indexes() {
    return IndexSnapshots.fromEnvironment(System.getenv(), System.getProperty("user.home"));
  }

  /**
   * The lists of the versions the record holds in force on {@link #asOf} (today when none is given),
   * saying on {@code err} which record and versions answer. Without a date, a record holding no version
   * in force today gives an empty list (the caller screens the bundled lists, as the service does) after
   * saying so; with a date it is an error, as for the API. Empty after saying why the record cannot be read.
   */
  private Optional<List<SanctionsList>> inForce(boolean recordNamed, PrintWriter err) {
    boolean dated = asOf != null;
    java.time.LocalDate date = dated ? asOf : java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    String which = "the record " + db + (recordNamed ? "" : " (the default; --db names another)");
    if (DatabaseCommand.missing(db)) {
      err.println("compact screen: no database at " + db);
      return Optional.empty();
    }
    // Screening only reads: the record is opened read-only, neither migrated nor rebuilt, and needs no compact.
    dev.compact.service.ReadOnlyRecord opened;
    try {
      opened = dev.compact.service.ReadOnlyRecord.open(db, java.time.Clock.systemUTC());
    } catch (RuntimeException e) {
      err.println("compact screen: " + ServeCommand.rootMessage(e));
      if (!recordNamed) {
        err.println("compact screen: " + which + " is there but could not be read, so no list answered; give --db for another record,"
            + " or --ofac/--un for list files");
      }
      return Optional.empty();
    }
    try (dev.compact.service.ReadOnlyRecord service = opened) {
      dev.compact.sanctionsregister.ListVersions versions = new dev.compact.sanctionsregister.ListVersions(service);
      List<dev.compact.sanctionsregister.ListVersion> inForce = versions.inForce(date);
      if (inForce.isEmpty()) {
        String none = which + " holds no list version in force on " + date
            + (versions.all().isEmpty() ? "; import one with compact lists import" : "; the earliest is in force from "
                + versions.all().stream().map(dev.compact.sanctionsregister.ListVersion::inForceFrom).min(java.time.LocalDate::compareTo).orElseThrow());
        if (dated) {
          err.println("compact screen: " + none);
          return Optional.empty();
        }
        err.println("compact screen: " + none + "; screening against " + BUNDLED + ", as the service does");
        // As the API does, a hit on a bundled list still names the record's packages designating its entry.
        packages = new dev.compact.sanctionsregister.PackageRegister(service).packages();
        return Optional.of(List.of());
      }
      packages = new dev.compact.sanctionsregister.PackageRegister(service).packages();
      recorded = new java.util.HashMap<>();
      List<SanctionsList> lists = new ArrayList<>();
      for (dev.compact.sanctionsregister.ListVersion v : inForce) {
        recorded.put(v.versionHash(), v);
        lists.add(versions.list(v));
      }
      asOf = date;
      err.println("compact screen: screening against the list versions in force on " + date + " in " + which + ": "
          + String.join(", ", inForce.stream().map(v -> v.source() + " " + v.shortHash()).toList()));
      return Optional.of(lists);
    } catch (RuntimeException e) {
      err.println("compact screen: " + ServeCommand.rootMessage(e));
      return Optional.empty();
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private int screenOne(Screener screener, ScreeningQuery query) {
    PrintWriter o = spec.commandLine().getOut();
    ScreeningOutcome outcome = screener.screen(query, limit);
    phases.mark("screening");
    switch (outcome) {
      case ScreeningOutcome.Rejected rejected -> {
        rejected.problems().forEach(p -> spec.commandLine().getErr().println("compact screen: " + p));
        return 1;
      }
      case ScreeningOutcome.Screened screened -> {
        if (asOf != null) {
          o.printf("As of %s, the record's list versions in force: %s%n", asOf, String.join(", ", recorded.values().stream()
              .sorted(java.util.Comparator.comparing(dev.compact.sanctionsregister.ListVersion::source))
              .map(v -> v.source() + " " + v.shortHash() + " (in force from " + v.event().inForceFrom() + ")").toList()));
        }
        o.printf("Screened '%s' (%s, normalised '%s') against %s: %d entities, %d candidates scored.%n",
            query.name(), query.kind().name().toLowerCase(Locale.ROOT), screened.query().key(),
            describe(screener.index().lists()), screener.index().entityCount(), screened.candidates());
        if (screened.hits().isEmpty()) {
          o.printf("No hit at or above the review threshold %.2f.%n", Thresholds.REVIEW);
          return 0;
        }
        int rank = 1;
        for (Hit hit : screened.hits()) {
          o.printf("%d. %-6s %.3f  %s %s  %s [%s]%n", rank++, hit.decision(), hit.score(),
              hit.entity().listName(), hit.entity().id(), hit.entity().primaryName().full(),
              hit.entity().schema().name().toLowerCase(Locale.ROOT));
          dev.compact.sanctionsregister.ListVersion version = recorded.get(hit.explanation().listVersion());
          if (version != null) {
            o.printf("     list version %s sha256:%s, in force from %s%n", version.source(), version.shortHash(),
                version.event().inForceFrom());
          }
          // The link is by the list's source and the entry's id, whichever version the hit came from (a bundled one too).
          Optional<String> source = version != null ? Optional.of(version.source())
              : dev.compact.sanctionsregister.PackageRegister.sourceOf(hit.explanation().listName());
          for (dev.compact.packages.Register.Link link : source.map(s -> dev.compact.packages.Register.designating(packages, s,
              hit.entity().id().value())).orElse(List.of())) {
            // For whom it is in force, as the API's inForceFor and liftedBy: the issuer's state alone read "lifted" while an
            // adopter still applied the designation. Judged today, as the service judges it, also on an answer as of a date.
            o.printf("     designated by sanctions package %s (%s%s; designation %s, %s; in force for %s)%n", link.entry().id(),
                link.entry().title(), link.entry().issuer().map(p -> ", " + p.value()).orElse(""), link.designation().id(),
                link.designation().state().keyword(),
                link.entry().inForceForInWords(link.designation(), java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
          }
          for (String line : hit.explanation().describe()) {
            o.println("     " + line);
          }
        }
        o.printf("Thresholds: alert %.2f, review %.2f.%n", Thresholds.ALERT, Thresholds.REVIEW);
        return 0;
      }
    }
  }

  private static String describe(List<SanctionsList> lists) {
    return String.join(", ", lists.stream()
        .map(l -> l.name() + " (" + l.shortVersion() + ")").toList());
  }

  /** Builds a query from the CLI's (or a batch row's) text fields, collecting problems. */
  static ScreeningQuery query(String name, String type, String dob, String country,
      List<String> ids, List<String> problems) {
    return QueryText.query(name, type, dob, country, ids, problems);
  }

  /** With --server: the batch screened by the service (RemoteBatch), after refusing what only the local command does. */
  private int remote(PrintWriter err) {
    List<String> local = java.util.stream.Stream.of("--ofac", "--un", "--db", "--type", "--dob", "--country", "--id")
        .filter(given).toList();
    if (server == null || batch == null || !local.isEmpty()) {
      err.println("compact screen: --server screens a --batch IN.csv --out OUT.csv on the service, against its lists"
          + (local.isEmpty() ? "" : "; it cannot be combined with " + String.join(", ", local)));
      return 1;
    }
    if (limit > RemoteBatch.MAX_LIMIT) {
      err.println("compact screen: with --server, --limit must be from 1 to " + RemoteBatch.MAX_LIMIT + " (the service's range)");
      return 1;
    }
    Optional<List<CsvTable.Row>> rows = readBatch(batch, err);
    phases.mark("read the batch file");
    return rows.isEmpty() ? 1 : RemoteBatch.screen(server, tokenFile, System.getenv(), limit, asOf, rows.get(), out,
        stdout, err, phases);
  }

  /** The longest line a batch file may have: a row is a name of at most 300 characters and a few short columns. */
  static final int MAX_BATCH_LINE = 64 * 1024;

  /**
   * The rows of the batch file, or empty after saying why it cannot be read; before any list is
   * loaded. A device or a pipe (/dev/zero, a stream without line breaks) is refused at its first
   * over-long line, and a file too large for the memory in one line, never by the JVM's own error.
   */
  private static Optional<List<CsvTable.Row>> readBatch(Path batch, PrintWriter err) {
    try (Reader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
        new LineCap(Files.newInputStream(batch), MAX_BATCH_LINE), StandardCharsets.UTF_8.newDecoder()))) {
      return Optional.of(CsvTable.read(batch.toString(), reader, List.of("name")).rows());
    } catch (EvaluationDataException e) {
      err.println("compact screen: " + e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      err.println("compact screen: " + (e.getCause() instanceof LineTooLong ? e.getMessage() : "cannot read " + batch + ": " + e.getMessage()));
    } catch (IOException e) {
      err.println("compact screen: cannot read " + batch + ": " + e.getMessage());
    } catch (OutOfMemoryError e) {
      err.println("compact screen: " + batch + " is too large to hold in memory; split it, or give the JVM more with"
          + " COMPACT_JAVA_OPTS=-Xmx...; nothing was screened");
    }
    return Optional.empty();
  }

  /** A batch line longer than any row needs. */
  private static final class LineTooLong extends IOException {
    LineTooLong(String message) {
      super(message);
    }
  }

  /** Refuses, as a {@link LineTooLong}, a line of more than {@code max} bytes. */
  private static final class LineCap extends java.io.FilterInputStream {
    private final int max;
    private int line;

    LineCap(java.io.InputStream in, int max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = 0; i < n; i++) {
        count(buffer[offset + i]);
      }
      return n;
    }

    private void count(byte b) throws IOException {
      line = b == '\n' ? 0 : line + 1;
      if (line > max) {
        throw new LineTooLong(String.format(Locale.ROOT, "a line longer than %,d bytes, which no batch row needs (is it a CSV"
            + " of names?); nothing was screened", max));
      }
    }
  }

  /** Screens every row on all cores, writes the results in row order, all or nothing. */
  private int screenBatch(Screener screener, List<CsvTable.Row> rows, PrintWriter err) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    List<ResultLine> results = new ArrayList<>(rows.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<ResultLine>>> futures = new ArrayList<>(rows.size());
      for (CsvTable.Row row : rows) {
        futures.add(pool.submit(() -> screenRow(screener, row)));
      }
      ProgressBar progress = new ProgressBar(err, rows.size());
      for (Future<List<ResultLine>> future : futures) {
        results.addAll(future.get());
        progress.step();
      }
      progress.done();
      phases.mark("screening (" + threads + " threads)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("compact screen: interrupted; nothing was written.");
      return 1;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return writeResults(out, rows.size(), results, spec.commandLine().getOut(), err, phases);
  }

  /**
   * One line of a results file: its row number and decision, which the summary counts, and its text
   * (CSV, with its line break), made by the thread that screened the row.
   */
  record ResultLine(String row, String decision, String text) {
    /** The line of these cells (row, line, name, decision, and the hit's columns). */
    static ResultLine of(List<String> cells) {
      return new ResultLine(cells.get(0), cells.get(3), ResultsFile.line(cells));
    }
  }

  /**
   * Writes a batch's results file (all or nothing: a temporary file moved into place) and says what
   * it holds; the local batch and the one screened on a service (RemoteBatch) write it through here.
   */
  static int writeResults(Path out, int names, List<ResultLine> results, PrintWriter stdout, PrintWriter err,
      PhaseTimings phases) {
    try {
      OutputFile.writePrivate(out, w -> {
        w.write(ResultsFile.line(ResultsFile.HEADER));
        for (ResultLine r : results) {
          w.write(r.text());
        }
      });
    } catch (IOException e) {
      err.println("compact screen: cannot write " + out + ": " + OutputFile.reason(e) + "; nothing was written");
      return 1;
    }
    phases.mark("write the results");
    long alerts = results.stream().filter(r -> r.decision().equals("ALERT")).map(ResultLine::row).distinct().count();
    long reviews = results.stream().filter(r -> r.decision().equals("REVIEW")).map(ResultLine::row).distinct().count();
    long rejected = results.stream().filter(r -> r.decision().equals("REJECTED")).count();
    stdout.printf("Screened %d names: %d with an alert, %d with a review hit, %d rejected; wrote %s%n",
        names, alerts, reviews, rejected, out);
    return 0;
  }

  /** A score as the results file writes it (ResultsFile.score). */
  static String score(double score) {
    return ResultsFile.score(score);
  }

  private List<ResultLine> screenRow(Screener screener, CsvTable.Row row) {
    String rowNumber = String.valueOf(row.line() - 1);
    String line = String.valueOf(row.line());
    String rowName = row.get("name");
    BatchAnswer answer = BatchAnswer.screen(screener, rowName, optional(row, "type"), optional(row, "dob"),
        optional(row, "country"), BatchAnswer.identifiers(optional(row, "id")), limit);
    if (answer.rejected()) {
      return List.of(ResultLine.of(List.of(rowNumber, line, rowName, "REJECTED", "", "", "", "", "", String.join("; ", answer.problems()))));
    }
    if (answer.hits().isEmpty()) {
      return List.of(ResultLine.of(List.of(rowNumber, line, rowName, "NONE", "", "", "", "", "", "")));
    }
    String head = ResultsFile.cells(List.of(rowNumber, line, rowName)) + ",";
    List<ResultLine> lines = new ArrayList<>();
    for (Hit hit : answer.hits()) {
      // The hit's columns through the code the service's rows are written with (POST /api/screen/batch/rows).
      lines.add(new ResultLine(rowNumber, hit.decision().name(), head + ResultsFile.hitColumns(hit) + "\n"));
    }
    return lines;
  }

  static String optional(CsvTable.Row row, String column) {
    return row.columns().containsKey(column) ? row.get(column) : null;
  }

  static String csvLine(List<String> cells) {
    return ResultsFile.line(cells);
  }

}

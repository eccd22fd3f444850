package dev.compact.cli;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Algorithm;
import dev.compact.screening.MatchWeights;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.Thresholds;
import dev.compact.screening.evaluation.Baseline;
import dev.compact.screening.evaluation.BinaryCounts;
import dev.compact.screening.evaluation.CrossValidation;
import dev.compact.screening.evaluation.ListedPositivesBench;
import dev.compact.screening.evaluation.NamePairBench;
import dev.compact.screening.evaluation.NegativesBench;
import dev.compact.screening.evaluation.PersonRecord;
import dev.compact.screening.evaluation.PlantedVariants;
import dev.compact.screening.evaluation.SyntheticLists;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench screening}: every quality and speed figure of the matcher in one run, each
 * quality figure beside a plain whole-string Jaro-Winkler baseline. The clock is read here, in the
 * shell, never in the matcher.
 */
@Command(name = "screening", mixinStandardHelpOptions = true,
    description = {"Measure the screening matcher: quality on labelled data, then throughput, latency, build time and heap.",
        "The labelled data (OpenSanctions-derived, not in the repository) is read from ../shared/data/sanctions,",
        "--data or COMPACT_SANCTIONS_DATA. Set the heap with COMPACT_JAVA_OPTS, e.g. -Xmx4g for --synthetic 1000000."})
final class ScreeningBenchCommand implements Callable<Integer> {

  @Option(names = "--data", paramLabel = "DIR", description = "The sanctions data folder (default: $COMPACT_SANCTIONS_DATA or ../shared/data/sanctions from the repository root).")
  Path data;

  @Option(names = "--synthetic", split = ",", defaultValue = "200000",
      description = "Synthetic entities for the scale runs, comma-separated (e.g. 100000,1000000), 0 to skip (default: ${DEFAULT-VALUE}).")
  List<Integer> synthetic;

  @Option(names = "--quality", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Measure the quality figures first (default: ${DEFAULT-VALUE}; --no-quality for the speed figures alone).")
  boolean quality;

  @Option(names = "--threads", defaultValue = "2", description = "Query threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per throughput run, after as many for warm-up (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--planted", defaultValue = "1000",
      description = "Planted variants of listed names per kind (typo, word order, spelling, Cyrillic, word left out),"
          + " screened on the real lists and at every scale to show the recall a larger index costs; 0 to skip (default: ${DEFAULT-VALUE}).")
  int planted;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("compact bench screening: algorithm %s, thresholds alert %.2f / review %.2f%n", Algorithm.ID,
        Thresholds.ALERT, Thresholds.REVIEW);
    out.printf("JVM %s (%s), %d processors, max heap %d MB, GC %s%n", System.getProperty("java.version"),
        System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
    Optional<Path> dataDir = resolveData();
    if (dataDir.isEmpty()) {
      out.println("LABELLED DATA ABSENT: no ../shared/data/sanctions (set --data or COMPACT_SANCTIONS_DATA);"
          + " quality figures are skipped, speed figures follow.");
    } else {
      out.println("Labelled data: " + dataDir.get());
    }

    out.println();
    out.println("== Name pairs (nomenklatura name_bench_cases.csv)");
    if (dataDir.isPresent() && quality) {
      namePairs(out, dataDir.get().resolve("eval/nomenklatura/name_bench_cases.csv"));
    }

    long start = System.nanoTime();
    List<SanctionsList> lists = ListLoader.bundled();
    long loaded = System.nanoTime();
    long heapBefore = heapAfterGc();
    long buildStart = System.nanoTime();
    ScreeningIndex index = ScreeningIndex.build(lists);
    long built = System.nanoTime();
    long heapIndex = heapAfterGc() - heapBefore;
    long rebuildStart = System.nanoTime();
    ScreeningIndex.build(lists);
    long rebuilt = System.nanoTime();
    Screener screener = new Screener(index);

    List<PersonRecord> positives = List.of();
    List<PersonRecord> negativesUs = List.of();
    List<PersonRecord> negativesGlobal = List.of();
    if (dataDir.isPresent()) {
      positives = people(dataDir.get().resolve("eval/yente/positives_un_untreated.csv"), out);
      negativesUs = people(dataDir.get().resolve("eval/yente/negatives_us_1k.csv"), out);
      negativesGlobal = people(dataDir.get().resolve("eval/yente/negatives_global_1k.csv"), out);
    }

    out.println();
    out.printf("== UN positives: recall@k against UN + OFAC 2021 (%d entities, %d names)%n",
        index.entityCount(), index.nameCount());
    if (!positives.isEmpty() && quality) {
      Map<PersonRecord, Set<String>> truth = ListedPositivesBench.groundTruth(positives, lists);
      ListedPositivesBench.Result byName = ListedPositivesBench.run(screener, positives, truth, PersonRecord::nameQuery);
      ListedPositivesBench.Result full = ListedPositivesBench.run(screener, positives, truth, PersonRecord::fullQuery);
      out.printf("positives %d, resolved to a listed entry by name + year of birth: %d%n", byName.positives(), byName.resolved());
      out.printf("  ours, name only:        recall@1 %.4f  recall@5 %.4f  candidate recall (top %d) %.4f%n",
          byName.recallAtOne(), byName.recallAtFive(), Screener.MAX_CANDIDATES, byName.candidateRecall());
      out.printf("  ours, with DOB+country: recall@1 %.4f  recall@5 %.4f%n", full.recallAtOne(), full.recallAtFive());
      byName.misses().stream().limit(5).forEach(m -> out.println("    missed at 5: " + m));
      baselineRecall(out, index, positives, truth);
    }

    out.println();
    out.printf("== False positives: people on no list, hit at or above alert %.2f%n", Thresholds.ALERT);
    for (var set : List.of(Map.entry("negatives_us_1k", negativesUs), Map.entry("negatives_global_1k", negativesGlobal))) {
      if (set.getValue().isEmpty() || !quality) {
        continue;
      }
      NegativesBench.Result byName = NegativesBench.run(screener, set.getValue(), PersonRecord::nameQuery);
      NegativesBench.Result full = NegativesBench.run(screener, set.getValue(), PersonRecord::fullQuery);
      out.printf("  %-20s ours name only: alert %.2f%% review %.2f%% | with DOB+country: alert %.2f%% review %.2f%% | %s%n",
          set.getKey(), 100 * byName.alertRate(), 100 * byName.reviewRate(), 100 * full.alertRate(),
          100 * full.reviewRate(), baselineFalsePositives(index, set.getValue()));
      byName.examples().stream().limit(3).forEach(e -> out.println("    e.g. " + e));
    }

    out.println();
    out.println("== Speed on the real lists (OFAC SDN 2021 + UN)");
    out.printf("  lists loaded in %d ms; index build %d ms (first, cold) / %d ms (second); index heap %d MB after GC%n",
        ms(loaded - start), ms(built - buildStart), ms(rebuilt - rebuildStart), heapIndex >> 20);
    List<ScreeningQuery> mix = measuredOrder(queryMix(positives, negativesUs, negativesGlobal, lists));
    double[] real = throughput(out, screener, mix);
    List<PlantedVariants.Planted> plantedQueries = PlantedVariants.plant(lists, Math.max(0, planted), 17);
    PlantedVariants.Result plantedReal = plantedQueries.isEmpty() ? null
        : planted(out, "the real lists", screener, plantedQueries, null);
    answers(out, screener, mix, plantedQueries);
    List<double[]> scale = new ArrayList<>();
    for (int size : synthetic) {
      if (size <= 0) {
        continue;
      }
      out.println();
      out.printf("== Scale: %,d synthetic entities (seeded, drawn from the real lists' name parts) + the real lists%n", size);
      SanctionsList generated = SyntheticLists.generate(lists, size, 42);
      List<SanctionsList> all = new ArrayList<>(lists);
      all.add(generated);
      long before = heapAfterGc();
      long t0 = System.nanoTime();
      ScreeningIndex big = ScreeningIndex.build(all);
      long t1 = System.nanoTime();
      long heap = heapAfterGc();
      out.printf("  index build %d ms; %,d entities, %,d names; index heap %d MB after GC (total heap in use %d MB)%n",
          ms(t1 - t0), big.entityCount(), big.nameCount(), (heap - before) >> 20, heap >> 20);
      Screener atScale = new Screener(big);
      double[] figures = throughput(out, atScale, mix);
      if (plantedReal != null) {
        planted(out, String.format(Locale.ROOT, "%,d entities", big.entityCount()), atScale, plantedQueries,
            plantedReal);
      }
      answers(out, atScale, mix, plantedQueries);
      scale.add(new double[] {big.entityCount(), figures[0], figures[1], figures[2]});
    }
    if (!scale.isEmpty()) {
      // The first real-list run is also the JIT's warm-up for every later one: measured again
      // after the larger indexes, so that the floor is not flattered (or burdened) by compilation.
      out.println();
      out.println("== Real lists again, after the scale runs (the floor below)");
      real = throughput(out, screener, mix);
      out.println();
      out.printf("== Against the floor: CPU per query at scale against the real lists (%,d entities, %.3f ms; p99 %.1f ms; %.1f candidates per query)%n",
          index.entityCount(), real[0], real[1], real[2]);
      for (double[] f : scale) {
        out.printf(Locale.ROOT, "  %,d entities: CPU %.3f ms per query = %.2fx the real lists (target <= 2); p99 %.1f ms at %d threads (target < 50); %.1f candidates per query%n",
            (long) f[0], f[1], f[1] / real[0], f[2], threads, f[3]);
      }
    }
    return 0;
  }

  /**
   * Prints a digest of every answer to the mix and the planted variants: each query's candidate
   * count and first {@link PlantedVariants#LIMIT} hits with entity, score (every digit) and full
   * explanation. A change meant to make the matcher faster without changing a result must print
   * the same digest as the build before it, at every size.
   */
  static void answers(PrintWriter out, Screener screener, List<ScreeningQuery> mix,
      List<PlantedVariants.Planted> planted) {
    List<ScreeningQuery> queries = new ArrayList<>(mix);
    planted.forEach(p -> queries.add(p.query()));
    out.printf("  answers digest %s (%d queries: the mix and the planted variants; candidate counts, first %d hits"
        + " with scores and explanations)%n", answersDigest(screener, queries), queries.size(), PlantedVariants.LIMIT);
  }

  static String answersDigest(Screener screener, List<ScreeningQuery> queries) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    for (ScreeningQuery query : queries) {
      StringBuilder line = new StringBuilder();
      if (screener.screen(query, PlantedVariants.LIMIT) instanceof ScreeningOutcome.Screened screened) {
        line.append(screened.candidates());
        screened.hits().forEach(h -> line.append('|').append(h.entity().listName()).append('/')
            .append(h.entity().id()).append('=').append(h.score()).append(' ').append(h.explanation()));
      } else {
        line.append("refused");
      }
      digest.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 12);
  }

  /**
   * Screens the planted variants and prints the share found at review (among the first
   * {@link PlantedVariants#LIMIT} hits) and at alert per kind, and, at scale, how many the real
   * lists found that this index does not.
   */
  private static PlantedVariants.Result planted(PrintWriter out, String where, Screener screener,
      List<PlantedVariants.Planted> queries, PlantedVariants.Result onReal) {
    PlantedVariants.Result r = PlantedVariants.run(screener, queries);
    out.printf(Locale.ROOT, "  planted variants of listed names on %s, found at review %.2f (top %d) / at alert %.2f:%n",
        where, Thresholds.REVIEW, PlantedVariants.LIMIT, Thresholds.ALERT);
    StringBuilder line = new StringBuilder("   ");
    for (PlantedVariants.Kind kind : PlantedVariants.Kind.values()) {
      if (r.planted(kind) > 0) {
        line.append(String.format(Locale.ROOT, " %s %.1f%% / %.1f%%;", kind.name().toLowerCase(Locale.ROOT),
            100.0 * r.foundAtReview(kind) / r.planted(kind), 100.0 * r.foundAtAlert(kind) / r.planted(kind)));
      }
    }
    line.append(String.format(Locale.ROOT, " all %d of %d (%.2f%%) / %d (%.2f%%)", r.foundAtReview(null),
        r.planted(null), 100.0 * r.foundAtReview(null) / r.planted(null), r.foundAtAlert(null),
        100.0 * r.foundAtAlert(null) / r.planted(null)));
    out.println(line);
    out.printf("    missed: %d not among the candidates, %d at review but below %d other hits%n", r.notCandidates(),
        r.outranked(), PlantedVariants.LIMIT);
    if (onReal != null) {
      out.printf("    found on the real lists but not here: %d of %d%n", r.lostAgainst(onReal), onReal.foundAtReview(null));
    }
    return r;
  }

  private void namePairs(PrintWriter out, Path file) throws IOException {
    List<NamePairBench.NamePair> pairs;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      pairs = NamePairBench.read(file.toString(), r);
    }
    double[] ours = NamePairBench.score(pairs, NamePairBench::alignmentScore);
    double[] jw = NamePairBench.score(pairs, NamePairBench::jaroWinklerScore);
    int[] all = java.util.stream.IntStream.range(0, pairs.size()).toArray();
    NamePairBench.Calibration calibration = NamePairBench.calibrate(pairs, ours);
    NamePairBench.Calibration jwCalibration = NamePairBench.calibrate(pairs, jw);
    NamePairBench.TierCounts atAlert = NamePairBench.count(pairs, ours, Thresholds.ALERT, all);
    NamePairBench.TierCounts atReview = NamePairBench.count(pairs, ours, Thresholds.REVIEW, all);
    NamePairBench.TierCounts jwAt90 = NamePairBench.count(pairs, jw, BASELINE_ALERT, all);
    out.printf("%d pairs. Ours at alert %.2f; baseline Jaro-Winkler at %.2f.%n", pairs.size(), Thresholds.ALERT, BASELINE_ALERT);
    out.printf("  %-8s %5s | %-26s | %-26s%n", "tier", "pairs", "ours P / R / F1", "baseline JW P / R / F1");
    for (String tier : atAlert.byTier().keySet()) {
      BinaryCounts o = atAlert.byTier().get(tier);
      BinaryCounts b = jwAt90.byTier().get(tier);
      if (o.total() == 0) {
        continue;
      }
      out.printf("  %-8s %5d | %.3f / %.3f / %.3f      | %.3f / %.3f / %.3f%n", tier, o.total(), o.precision(),
          o.recall(), o.f1(), b.precision(), b.recall(), b.f1());
    }
    BinaryCounts review = atReview.all();
    out.printf("  ours at review %.2f: P %.3f R %.3f F1 %.3f%n", Thresholds.REVIEW, review.precision(), review.recall(), review.f1());
    out.printf("  two-fold cross-validation (threshold only, fitted on one half, measured on the other):%n");
    out.printf("    ours:     thresholds %.3f / %.3f, held-out F1 %.3f (P %.3f R %.3f); in-sample best %.3f at %.3f%n",
        calibration.thresholdOnFirstHalf(), calibration.thresholdOnSecondHalf(), calibration.heldOut().all().f1(),
        calibration.heldOut().all().precision(), calibration.heldOut().all().recall(),
        calibration.inSample().all().f1(), calibration.inSample().threshold());
    out.printf("    baseline: thresholds %.3f / %.3f, held-out F1 %.3f; in-sample best %.3f at %.3f%n",
        jwCalibration.thresholdOnFirstHalf(), jwCalibration.thresholdOnSecondHalf(), jwCalibration.heldOut().all().f1(),
        jwCalibration.inSample().all().f1(), jwCalibration.inSample().threshold());
    CrossValidation.Result cv = CrossValidation.run(pairs, KFOLD);
    out.printf("  %d-fold cross-validation, weights AND threshold fitted on k-1 folds, scored on the held-out fold:%n", cv.k());
    for (CrossValidation.Fold f : cv.folds()) {
      out.printf("    fold %d (%d pairs): threshold %.3f, training F1 %.3f, held-out F1 %.3f; %s%n", f.index(), f.pairs(),
          f.threshold(), f.trainingF1(), f.heldOut().f1(), f.weights());
    }
    BinaryCounts h = cv.heldOut();
    out.printf("    held out: F1 %.3f P %.3f R %.3f | confusion TP %d FP %d FN %d TN %d%n", h.f1(), h.precision(),
        h.recall(), h.truePositives(), h.falsePositives(), h.falseNegatives(), h.trueNegatives());
    out.printf("    fitted on all pairs: %s, threshold %.3f, in-sample F1 %.3f (shipped: %s, alert %.2f)%n", cv.onAll(),
        cv.thresholdOnAll(), cv.inSample().f1(), MatchWeights.FITTED, Thresholds.ALERT);
    out.printf("  reference: OpenSanctions logic-v2 F1 0.79 at 0.70 (full 826-pair set); target: 5-fold held-out F1 >= 0.90%n");
    out.print("  sweep (ours): ");
    for (double t = 0.60; t < 0.985; t += 0.04) {
      BinaryCounts c = NamePairBench.count(pairs, ours, t, all).all();
      out.printf(Locale.ROOT, "%.2f:F1 %.3f  ", t, c.f1());
    }
    out.println();
  }

  /** Folds of the name-pair cross-validation. */
  static final int KFOLD = 5;

  /** Jaro-Winkler's customary alert cut, used for the baseline's precision and false positives. */
  static final double BASELINE_ALERT = 0.90;

  /** Baseline recall@k: whole-string Jaro-Winkler against every listed name, on every 4th positive. */
  private static void baselineRecall(PrintWriter out, ScreeningIndex index, List<PersonRecord> positives,
      Map<PersonRecord, Set<String>> truth) {
    List<String[]> names = allNames(index);
    int resolved = 0;
    int atOne = 0;
    int atFive = 0;
    for (int i = 0; i < positives.size(); i += 4) {
      PersonRecord p = positives.get(i);
      Set<String> expected = truth.get(p);
      if (expected == null) {
        continue;
      }
      resolved++;
      List<String> top = topByJaroWinkler(names, p.fullName(), 5);
      int rank = -1;
      for (int k = 0; k < top.size(); k++) {
        if (expected.contains(top.get(k))) {
          rank = k;
          break;
        }
      }
      atOne += rank == 0 ? 1 : 0;
      atFive += rank >= 0 ? 1 : 0;
    }
    out.printf("  baseline JW (every 4th positive, %d): recall@1 %.4f  recall@5 %.4f%n", resolved,
        resolved == 0 ? 0 : (double) atOne / resolved, resolved == 0 ? 0 : (double) atFive / resolved);
  }

  private static String baselineFalsePositives(ScreeningIndex index, List<PersonRecord> negatives) {
    List<String[]> names = allNames(index);
    int queries = 0;
    int alerts = 0;
    for (int i = 0; i < negatives.size(); i += 10) {
      queries++;
      String q = negatives.get(i).fullName();
      for (String[] n : names) {
        if (Baseline.jaroWinkler(q, n[1]) >= BASELINE_ALERT) {
          alerts++;
          break;
        }
      }
    }
    return String.format(Locale.ROOT, "baseline JW >= %.2f (every 10th, %d): %.2f%%", BASELINE_ALERT, queries,
        100.0 * alerts / Math.max(1, queries));
  }

  /** (entity key, name) for every listed name. */
  private static List<String[]> allNames(ScreeningIndex index) {
    List<String[]> names = new ArrayList<>();
    for (int e = 0; e < index.entityCount(); e++) {
      SanctionedEntity entity = index.entityAt(e);
      for (EntityName n : entity.names()) {
        names.add(new String[] {entity.listName() + "/" + entity.id().value(), n.full()});
      }
    }
    return names;
  }

  private static List<String> topByJaroWinkler(List<String[]> names, String query, int k) {
    Map<String, Double> best = new java.util.HashMap<>();
    for (String[] n : names) {
      best.merge(n[0], Baseline.jaroWinkler(query, n[1]), Math::max);
    }
    return best.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(k).map(Map.Entry::getKey).toList();
  }

  /** Listed positives and unlisted negatives, or (without the labelled data) the listed names themselves. */
  static List<ScreeningQuery> queryMix(List<PersonRecord> positives, List<PersonRecord> us,
      List<PersonRecord> global, List<SanctionsList> lists) {
    List<ScreeningQuery> mix = new ArrayList<>();
    for (List<PersonRecord> set : List.of(positives, us, global)) {
      set.forEach(p -> mix.add(p.nameQuery()));
    }
    if (mix.isEmpty()) {
      lists.forEach(l -> l.entities().stream().limit(2000).forEach(e -> mix.add(ScreeningQuery.of(e.primaryName().full()))));
    }
    return mix;
  }

  /** Seed of {@link #measuredOrder}: every run and every size screens the mix in one order. */
  static final long MIX_SEED = 17;

  /**
   * The mix in the order it is screened: shuffled with a fixed seed, because a run too slow to
   * cover the whole mix in its seconds (a million entities on a loaded machine) measures only its
   * first queries, and in the order the sets were read those are one set's alone, so that the CPU
   * per query at scale would average other queries than the floor's.
   */
  static <T> List<T> measuredOrder(List<T> mix) {
    List<T> order = new ArrayList<>(mix);
    Collections.shuffle(order, new Random(MIX_SEED));
    return order;
  }

  /**
   * The mix position of a worker's {@code call}-th query: the workers take turns through the one
   * order, so that any number of calls, whatever each worker managed, is a prefix of it.
   */
  static int mixIndex(int worker, long call, int threads, int size) {
    return (int) ((call * threads + worker) % size);
  }

  /** Prints the speed figures and returns the CPU milliseconds per query and the p99 latency. */
  private double[] throughput(PrintWriter out, Screener screener, List<ScreeningQuery> mix) throws InterruptedException {
    LongAdder candidates = new LongAdder();
    ClosedLoop.Task task = (worker, call) -> {
      if (screener.screen(mix.get(mixIndex(worker, call, threads, mix.size())), 5)
          instanceof ScreeningOutcome.Screened screened) {
        candidates.add(screened.candidates());
      }
    };
    ClosedLoop.run(threads, seconds, task);
    candidates.reset();
    ClosedLoop.Result r = ClosedLoop.run(threads, seconds, task);
    out.printf("  %d threads, %d-query mix (UN positives and both negative sets), %d s after %d s warm-up:%n",
        threads, mix.size(), seconds, seconds);
    out.printf("  %.0f queries/s, latency p50 %.3f ms, p99 %.3f ms, max %.3f ms; %.1f candidate entities per query%n",
        r.perSecond(), r.percentileMillis(0.50), r.percentileMillis(0.99), r.maxMillis(),
        candidates.sum() / (double) Math.max(1, r.calls()));
    double cpuPerQuery = r.cpuMillisPerCall();
    out.printf("  CPU time %.3f ms per query (thread CPU clock): %.0f queries/s per fully available core;"
        + " system load average %.1f on %d processors during the run%n", cpuPerQuery, 1e3 / cpuPerQuery,
        ClosedLoop.loadAverage(), Runtime.getRuntime().availableProcessors());
    return new double[] {cpuPerQuery, r.percentileMillis(0.99),
        candidates.sum() / (double) Math.max(1, r.calls())};
  }

  static List<PersonRecord> people(Path file, PrintWriter out) throws IOException {
    if (!Files.isReadable(file)) {
      out.println("ABSENT: " + file + " (figures that need it are skipped)");
      return List.of();
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return PersonRecord.read(file.toString(), r);
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** --data, then $COMPACT_SANCTIONS_DATA, then ../shared/data/sanctions from the repository root. */
  private Optional<Path> resolveData() {
    return resolveData(data);
  }

  static Optional<Path> resolveData(Path data) {
    if (data != null) {
      return Files.isDirectory(data) ? Optional.of(data) : Optional.empty();
    }
    String env = System.getenv("COMPACT_SANCTIONS_DATA");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
    return SanctionsData.locate();
  }
}

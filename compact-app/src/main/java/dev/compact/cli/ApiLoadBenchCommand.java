package dev.compact.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code compact bench api-load}: an open-loop load on running services, side by side. Requests
 * are sent at a fixed rate whether or not earlier ones have been answered, and each latency is
 * counted from the moment its request was due, so a server that falls behind shows it in the
 * percentiles instead of slowing the load down (no coordinated omission). Each path of each service
 * is measured in turn, after a warm-up, in alternating rounds; each row gives the machine's load
 * average over its run, since on a shared machine the tail follows the load.
 */
@Command(name = "api-load", mixinStandardHelpOptions = true,
    description = {"Load running services at a fixed request rate, one after the other, and print p50/p99/max latency per service."})
final class ApiLoadBenchCommand implements Callable<Integer> {

  @Option(names = "--url", required = true, description = "A service's base URL, e.g. http://localhost:18210 (repeat to compare).")
  List<String> urls;

  @Option(names = "--path", defaultValue = "/api/obligations", split = ",",
      description = "The path(s) to load, each on its own (repeat or separate with commas; default ${DEFAULT-VALUE}).")
  List<String> paths;

  @Option(names = "--rate", defaultValue = "200", description = "Requests per second (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seconds", defaultValue = "60", description = "Length of each measured run (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "10", description = "Seconds of load before each measured run (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--rounds", defaultValue = "1", description = "Alternating rounds over the services (default ${DEFAULT-VALUE}).")
  int rounds;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** What one run measured. */
  record Run(String url, String path, long sent, long ok, long failed, double p50, double p99, double max, long bytes, double load) {}

  /** One row of the output: round, path, service, counts, latencies, answer size and the load average over the run. */
  static final String ROW = "round %d  %-20s %-26s sent %6d  ok %6d  failed %4d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  %,7d bytes  load %5.2f%n";

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    List<Run> runs = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      for (String path : paths) {
        for (String url : urls) {
          load(client, url, path, warmup);
          Run run = load(client, url, path, seconds);
          runs.add(run);
          out.printf(ROW, round + 1, run.path(), run.url(), run.sent(), run.ok(), run.failed(), run.p50(), run.p99(), run.max(), run.bytes(),
              run.load());
          out.flush();
        }
      }
    }
    out.printf("GET at %d requests/s for %d s per run (after %d s warm-up); %d cores; load average %.2f (1 min, at the end)%n", rate, seconds,
        warmup, Runtime.getRuntime().availableProcessors(), ClosedLoop.loadAverage());
    return runs.stream().allMatch(r -> r.failed() == 0) ? 0 : 1;
  }

  private Run load(HttpClient client, String base, String path, int duration) throws InterruptedException {
    double loadBefore = ClosedLoop.loadAverage();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong failed = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    long total = (long) rate * duration;
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime() + 50_000_000L;
    for (long i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
        long took = System.nanoTime() - due;
        if (error != null || response.statusCode() != 200) {
          failed.incrementAndGet();
        } else {
          latencies.add(took);
          bytes.set(response.body().length);
        }
      }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Run(base, path, total, sorted.length, failed.get(), millis(sorted, 0.50), millis(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, bytes.get(), (loadBefore + ClosedLoop.loadAverage()) / 2);
  }

  private static double millis(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}

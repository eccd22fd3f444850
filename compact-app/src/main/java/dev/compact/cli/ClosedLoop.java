package dev.compact.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop load generator for the benchmarks: each of {@code threads} workers calls the task
 * again as soon as it returns, until the time is up, and records every call's latency and its own
 * CPU time. The clock is read here, in the shell, never in the code under measurement.
 */
final class ClosedLoop {

  /** One unit of work; {@code worker} and {@code call} let each worker walk its own part of a mix. */
  @FunctionalInterface
  interface Task {
    void run(int worker, long call) throws Exception;
  }

  /** What a run measured: calls, wall time, sorted latencies (ns), CPU time of the workers (ns), failures. */
  record Result(int threads, long calls, long elapsedNanos, long[] sortedLatencies, long cpuNanos, long failures,
      String firstFailure) {

    double perSecond() {
      return calls / (elapsedNanos / 1e9);
    }

    double percentileMillis(double p) {
      if (sortedLatencies.length == 0) {
        return 0;
      }
      return sortedLatencies[Math.min(sortedLatencies.length - 1, (int) Math.ceil(p * sortedLatencies.length) - 1)] / 1e6;
    }

    double maxMillis() {
      return sortedLatencies.length == 0 ? 0 : sortedLatencies[sortedLatencies.length - 1] / 1e6;
    }

    double cpuMillisPerCall() {
      return calls == 0 ? 0 : cpuNanos / 1e6 / calls;
    }
  }

  private ClosedLoop() {}

  /** Runs the task on {@code threads} workers for {@code seconds}. */
  static Result run(int threads, double seconds, Task task) throws InterruptedException {
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    AtomicBoolean stop = new AtomicBoolean();
    long[][] latencies = new long[threads][];
    int[] counts = new int[threads];
    long[] cpu = new long[threads];
    long[] failures = new long[threads];
    String[] firstFailure = new String[threads];
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      latencies[t] = new long[1 << 14];
      workers[t] = new Thread(() -> {
        long cpuStart = threadBean.getCurrentThreadCpuTime();
        long call = 0;
        while (!stop.get()) {
          long s = System.nanoTime();
          try {
            task.run(id, call++);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          } catch (Exception e) {
            if (failures[id]++ == 0) {
              firstFailure[id] = e.toString();
            }
            continue;
          }
          long d = System.nanoTime() - s;
          if (counts[id] == latencies[id].length) {
            latencies[id] = Arrays.copyOf(latencies[id], latencies[id].length * 2);
          }
          latencies[id][counts[id]++] = d;
        }
        cpu[id] = threadBean.getCurrentThreadCpuTime() - cpuStart;
      }, "bench-" + t);
    }
    long start = System.nanoTime();
    for (Thread w : workers) {
      w.start();
    }
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread w : workers) {
      w.join();
    }
    long elapsed = System.nanoTime() - start;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    String first = Arrays.stream(firstFailure).filter(f -> f != null).findFirst().orElse(null);
    return new Result(threads, total, elapsed, all, Arrays.stream(cpu).sum(), Arrays.stream(failures).sum(), first);
  }

  /** The one-minute system load average, for the record beside every speed figure. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}

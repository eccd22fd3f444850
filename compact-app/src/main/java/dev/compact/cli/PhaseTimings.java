package dev.compact.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a short command's time went, phase by phase: wall time since the previous mark and the
 * process's CPU time (all threads, the JIT and the collector included) over the same span. For
 * {@code compact screen --timings}: a batch of a few thousand names is over in seconds, and which
 * of start-up, lists, index, matching and output dominates decides what to make faster.
 */
final class PhaseTimings {

  private record Phase(String name, long wallNanos, long cpuNanos) {}

  /** Timings that record nothing, for runs without {@code --timings}. */
  static final PhaseTimings OFF = new PhaseTimings(false);

  private final boolean on;
  private final List<Phase> phases = new ArrayList<>();
  private long lastWall;
  private long lastCpu;
  private final long startCpu;

  private PhaseTimings(boolean on) {
    this.on = on;
    if (!on) {
      startCpu = -1;
      return;
    }
    lastWall = System.nanoTime();
    startCpu = processCpuNanos().orElse(-1L);
    lastCpu = startCpu;
    // Up to here the CPU time is counted as one: the JVM's start, class loading, the command line.
    phases.add(new Phase("main to the command (command line)", lastWall - CompactCli.MAIN_NANOS, -1));
  }

  /** Timings from now on; the span since {@code main} becomes the first phase. */
  static PhaseTimings start() {
    return new PhaseTimings(true);
  }

  /** Ends the current phase under {@code name}. */
  void mark(String name) {
    if (!on) {
      return;
    }
    long wall = System.nanoTime();
    long cpu = processCpuNanos().orElse(-1L);
    phases.add(new Phase(name, wall - lastWall, cpu < 0 || lastCpu < 0 ? -1 : cpu - lastCpu));
    lastWall = wall;
    lastCpu = cpu;
  }

  /** Prints the JVM's start (process start to {@code main}), each phase and the totals. */
  void print(PrintWriter err) {
    if (!on) {
      return;
    }
    err.println("compact: timings (wall ms, process CPU ms):");
    long before = startToMainMillis();
    long total = 0;
    if (before >= 0) {
      // The kernel counts a process's start and its uptime in hundredths of a second, so this span is that coarse.
      err.printf(Locale.ROOT, "  %-34s %7d %9s%n", "JVM start to main (+-20 ms)", before, "-");
      total += before;
    }
    for (Phase p : phases) {
      err.printf(Locale.ROOT, "  %-34s %7d %9s%n", p.name(), p.wallNanos() / 1_000_000,
          p.cpuNanos() < 0 ? "-" : String.valueOf(p.cpuNanos() / 1_000_000));
      total += p.wallNanos() / 1_000_000;
    }
    long cpuAll = processCpuNanos().orElse(-1L);
    err.printf(Locale.ROOT, "  %-34s %7d %9s%n", "total", total,
        cpuAll < 0 ? "-" : String.valueOf(cpuAll / 1_000_000));
    err.printf(Locale.ROOT, "  (CPU up to the command, JVM start included: %s ms; the JVM's exit is not counted)%n",
        startCpu < 0 ? "-" : String.valueOf(startCpu / 1_000_000));
    err.flush();
  }

  /** Milliseconds from the process's start (the launcher's, which execs the JVM) to {@code main}; -1 where there is no /proc. */
  private static long startToMainMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String uptime = Files.readString(Path.of("/proc/uptime"));
      return startToMainMillis(stat, uptime, System.nanoTime() - CompactCli.MAIN_NANOS);
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * The span from the process's start to {@code main}: the machine's uptime now less the uptime at
   * which the process started ({@code /proc/self/stat}'s field 22, in clock ticks of 10 ms), less
   * the time since {@code main}. Both clocks count from the boot, so nothing else is needed. (Until
   * 2026-12-08 this was {@code ProcessHandle}'s start instant against the wall clock; that instant is
   * the boot time, which {@code /proc/stat} gives in whole seconds, plus the ticks, so every figure
   * was too long by the fraction of a second the boot time was cut by: 0.9 s on the machine of the
   * figures in docs/screening.md.)
   */
  static long startToMainMillis(String stat, String uptime, long nanosSinceMain) {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long startedAtMillis = Long.parseLong(f[19]) * 10;
    // /proc/uptime: seconds with two decimals ("33851.62 65342.10").
    String seconds = uptime.strip().split(" ")[0];
    int dot = seconds.indexOf('.');
    long uptimeMillis = Long.parseLong(seconds.substring(0, dot)) * 1000 + Long.parseLong(seconds.substring(dot + 1)) * 10;
    return Math.max(0, uptimeMillis - startedAtMillis - nanosSinceMain / 1_000_000);
  }

  /**
   * The CPU time of the whole process from {@code /proc/self/stat} (user and system, in clock ticks
   * of 10 ms); empty where there is no such file.
   */
  static Optional<Long> processCpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return Optional.of(ticks * 10_000_000L);
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}

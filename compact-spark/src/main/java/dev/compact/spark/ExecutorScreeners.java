package dev.compact.spark;

import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One screener per JVM and set of lists: the first task on an executor parses the lists and builds
 * the index, every later task (and every concurrent one, which waits) reuses it. The lists are read
 * from the files themselves, not shipped from the driver, so a task carries only their paths. In
 * local mode the driver and the executors share one JVM, so the driver's own check builds the one
 * index they all use.
 */
final class ExecutorScreeners {
  /** The designations a job screens against and the screener over them. */
  record Loaded(Designations designations, Screener screener) {}

  private record Key(ListSet lists, ListSet previous) {}

  private static final ConcurrentHashMap<Key, Loaded> LOADED = new ConcurrentHashMap<>();

  private ExecutorScreeners() {}

  static Loaded forJob(JobSpec spec) {
    return LOADED.computeIfAbsent(new Key(spec.lists(), spec.previous()), key -> {
      var current = spec.lists().load(note -> {});
      Designations designations = spec.rescreen()
          ? Designations.changedSince(spec.previous().load(note -> {}), current) : Designations.all(current);
      return new Loaded(designations, new Screener(ScreeningIndex.build(designations.lists())));
    });
  }
}

package dev.compact.spark;

import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One screener per JVM and set of lists: the first task on an executor parses the lists and builds
 * the index, every later task (and every concurrent one, which waits) reuses it. The lists are read
 * from the files themselves, not shipped from the driver, so a task carries only their paths and
 * the versions the driver loaded; an executor that finds other versions at those paths reloads
 * them, and fails the task if they still differ, rather than screen against lists the job never
 * reported. In local mode the driver and the executors share one JVM, so the driver's own load
 * builds the one index they all use.
 */
final class ExecutorScreeners {
  /** The designations a job screens against, the screener over them and the versions loaded (current, then previous). */
  record Loaded(Designations designations, Screener screener, List<String> versions) {}

  private record Key(ListSet lists, ListSet previous) {}

  private static final ConcurrentHashMap<Key, Loaded> LOADED = new ConcurrentHashMap<>();

  private ExecutorScreeners() {}

  /** The driver's load: always from the files as they are now, then shared with the tasks in this JVM. */
  static Loaded loadOnDriver(JobSpec spec) {
    Loaded loaded = load(spec);
    LOADED.put(new Key(spec.lists(), spec.previous()), loaded);
    return loaded;
  }

  /** A task's screener: the one this JVM holds if it has the driver's versions, else loaded anew and checked. */
  static Loaded forJob(JobSpec spec) {
    boolean check = !spec.versions().isEmpty();
    Loaded loaded = LOADED.compute(new Key(spec.lists(), spec.previous()),
        (key, cached) -> cached != null && (!check || cached.versions().equals(spec.versions())) ? cached : load(spec));
    if (check && !loaded.versions().equals(spec.versions())) {
      throw new IllegalStateException("the list files here have versions " + loaded.versions() + ", not the "
          + spec.versions() + " the driver loaded: every node must read the same list files at the same paths");
    }
    return loaded;
  }

  private static Loaded load(JobSpec spec) {
    List<SanctionsList> current = spec.lists().load(note -> {});
    List<String> versions = new ArrayList<>(current.stream().map(SanctionsList::versionHash).toList());
    Designations designations;
    if (spec.rescreen()) {
      List<SanctionsList> previous = spec.previous().load(note -> {});
      previous.forEach(l -> versions.add(l.versionHash()));
      designations = Designations.changedSince(previous, current);
    } else {
      designations = Designations.all(current);
    }
    return new Loaded(designations, new Screener(ScreeningIndex.build(designations.lists())), List.copyOf(versions));
  }
}

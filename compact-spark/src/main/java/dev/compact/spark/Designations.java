package dev.compact.spark;

import dev.compact.sanctions.ListDiff;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job screens against: the lists in full, or after a list change only the designations
 * that were added or changed since the previous versions ({@link ListDiff}), so that re-screening
 * every customer costs a fraction of a full run. A removed designation needs no screening: its
 * earlier hits simply no longer stand.
 *
 * @param lists the lists (or their changed parts) to index
 * @param removed designations present before and gone now, per list name, for the report
 */
record Designations(List<SanctionsList> lists, Map<String, Integer> removed) {

  static Designations all(List<SanctionsList> lists) {
    return new Designations(lists, Map.of());
  }

  /**
   * Each current list reduced to its entries added or changed since the previous list of the same
   * name; a list with no previous version is screened whole.
   */
  static Designations changedSince(List<SanctionsList> previous, List<SanctionsList> current) {
    Map<String, SanctionsList> before = new LinkedHashMap<>();
    previous.forEach(l -> before.put(l.name(), l));
    List<SanctionsList> changed = new ArrayList<>();
    Map<String, Integer> removed = new LinkedHashMap<>();
    for (SanctionsList now : current) {
      Optional<SanctionsList> then = Optional.ofNullable(before.get(now.name()));
      if (then.isEmpty()) {
        changed.add(now);
        continue;
      }
      ListDiff diff = ListDiff.between(then.get(), now);
      List<SanctionedEntity> entities = new ArrayList<>(diff.added());
      diff.changed().forEach(c -> entities.add(c.after()));
      changed.add(new SanctionsList(now.name(), now.source(), now.versionHash(), now.issued(), entities));
      removed.put(now.name(), diff.removed().size());
    }
    return new Designations(List.copyOf(changed), removed);
  }

  int entityCount() {
    return lists.stream().mapToInt(l -> l.entities().size()).sum();
  }
}

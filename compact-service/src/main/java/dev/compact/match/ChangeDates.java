package dev.compact.match;

import dev.compact.sanctions.ListDiff;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each entry of a list version last changed, as the record knows it: the in-force date of the
 * version from which the entry has read as it reads now (it was added then, or a field of it changed
 * then). Found by walking the source's versions back along their {@code previous} links and diffing
 * each with the one before; kept per version, since the versions never change.
 *
 * <p>This is what {@code changed_since} filters on, as yente filters on its {@code last_change}.
 */
final class ChangeDates {
  private final ListVersions versions;
  private final Map<String, Map<String, LocalDate>> byVersion = Collections.synchronizedMap(new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Map<String, LocalDate>> eldest) {
      return size() > 6;
    }
  });

  ChangeDates(ListVersions versions) {
    this.versions = versions;
  }

  /** Every version the record holds. */
  List<ListVersion> versions() {
    return versions.all();
  }

  /** The date each entry of the version last changed, by entry id. */
  Map<String, LocalDate> of(ListVersion version) {
    Map<String, LocalDate> known = byVersion.get(version.versionHash());
    if (known != null) {
      return known;
    }
    Map<String, ListVersion> byHash = new HashMap<>();
    versions.all().forEach(v -> byHash.put(v.versionHash(), v));
    List<ListVersion> chain = new ArrayList<>();
    for (ListVersion v = version; v != null; v = v.event().previous() == null ? null : byHash.get(v.event().previous())) {
      chain.addFirst(v);
    }
    Map<String, LocalDate> dates = new HashMap<>();
    for (SanctionedEntity e : versions.list(chain.getFirst()).entities()) {
      dates.put(e.id().value(), chain.getFirst().inForceFrom());
    }
    for (int i = 1; i < chain.size(); i++) {
      ListVersion now = chain.get(i);
      ListDiff diff = versions.diff(chain.get(i - 1), now);
      diff.removed().forEach(e -> dates.remove(e.id().value()));
      diff.added().forEach(e -> dates.put(e.id().value(), now.inForceFrom()));
      diff.changed().forEach(c -> dates.put(c.after().id().value(), now.inForceFrom()));
    }
    Map<String, LocalDate> result = Map.copyOf(dates);
    byVersion.put(version.versionHash(), result);
    return result;
  }
}

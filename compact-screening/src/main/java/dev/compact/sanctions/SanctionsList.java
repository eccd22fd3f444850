package dev.compact.sanctions;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of a published sanctions list, immutable.
 *
 * @param name the list ("OFAC SDN", "UN Security Council Consolidated List")
 * @param source where it was read from (file or directory names), for reports
 * @param versionHash SHA-256 (lower-case hex) of the source bytes; two loads of the same files have
 *     the same hash, so it identifies the version an entity came from
 * @param issued the date the publisher gives for this version, when the file states one
 * @param entities every entity, in source order, ids unique
 */
public record SanctionsList(
    String name,
    String source,
    String versionHash,
    Optional<LocalDate> issued,
    List<SanctionedEntity> entities) {

  public SanctionsList {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a list needs a name");
    }
    source = source == null ? "" : source;
    versionHash = versionHash == null ? "" : versionHash;
    issued = issued == null ? Optional.empty() : issued;
    entities = List.copyOf(entities);
    Set<EntityId> seen = new HashSet<>();
    for (SanctionedEntity e : entities) {
      if (!seen.add(e.id())) {
        throw new IllegalArgumentException("list " + name + " has entity " + e.id() + " twice");
      }
    }
  }

  public int size() {
    return entities.size();
  }

  /** How many entities there are of each schema. */
  public Map<Schema, Integer> countBySchema() {
    Map<Schema, Integer> counts = new EnumMap<>(Schema.class);
    for (SanctionedEntity e : entities) {
      counts.merge(e.schema(), 1, Integer::sum);
    }
    return counts;
  }

  /** The first 12 hex digits of the version hash, enough to tell versions apart in a report. */
  public String shortVersion() {
    return versionHash.length() > 12 ? versionHash.substring(0, 12) : versionHash;
  }
}

package dev.compact.match;

import dev.compact.sanctions.CountryLink;
import dev.compact.sanctions.CountryRole;
import dev.compact.sanctions.NameStrength;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Hit;
import dev.compact.screening.Screener;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A listed entity as yente writes one: OpenSanctions' dataset names and ids, FollowTheMoney schemata
 * and properties, and a scored result with, beyond yente, the explanation, list version and decision.
 */
final class YenteEntities {

  private YenteEntities() {}

  /** One scored result of a query, in yente's shape (field order included). */
  static Map<String, Object> result(Hit hit, double threshold, Optional<LocalDate> lastChange) {
    SanctionedEntity e = hit.entity();
    double score = Math.round(hit.score() * 1000) / 1000.0;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", id(e));
    result.put("caption", e.primaryName().full());
    result.put("schema", schema(e));
    Map<String, List<String>> properties = new LinkedHashMap<>();
    put(properties, "name", e.names().stream().filter(n -> n.strength() == NameStrength.PRIMARY).map(n -> n.full()).toList());
    put(properties, "alias", e.names().stream().filter(n -> n.strength() == NameStrength.ALIAS).map(n -> n.full()).toList());
    put(properties, "weakAlias", e.names().stream().filter(n -> n.strength() == NameStrength.WEAK_ALIAS)
        .map(n -> n.full()).toList());
    put(properties, "birthDate", e.birthDates().stream().map(Object::toString).toList());
    put(properties, "birthPlace", e.birthPlaces());
    put(properties, "nationality", e.countries().stream().filter(c -> c.role() == CountryRole.NATIONALITY)
        .map(YenteEntities::code).toList());
    put(properties, "country", e.countries().stream().map(YenteEntities::code).distinct().toList());
    put(properties, "program", e.programmes());
    put(properties, "position", e.titles());
    put(properties, "topics", MatchFilters.TOPICS);
    result.put("properties", properties);
    result.put("datasets", List.of(dataset(e.listName())));
    result.put("referents", List.of());
    result.put("target", true);
    result.put("score", score);
    result.put("features", Map.of("name_score", score));
    result.put("match", score >= threshold);
    lastChange.ifPresent(d -> result.put("last_change", d.toString()));
    // Beyond yente: why, and against which list version.
    result.put("explanation", hit.explanation().describe());
    result.put("listVersion", e.listVersion());
    result.put("decision", hit.decision().name().toLowerCase(Locale.ROOT));
    return result;
  }

  /** The entity's id as yente gives it: the dataset, then the entry's id within its list. */
  static String id(SanctionedEntity e) {
    return dataset(e.listName()) + "-" + e.id().value();
  }

  /** The FollowTheMoney schema of the entity. */
  static String schema(SanctionedEntity e) {
    return switch (e.schema()) {
      case PERSON -> "Person";
      case ORGANIZATION -> "Organization";
      case COMPANY -> "Company";
      case VESSEL -> "Vessel";
      case AIRCRAFT -> "Airplane";
    };
  }

  /** The dataset name yente gives a list (OpenSanctions' names for the same publications). */
  static String dataset(String listName) {
    String lower = listName.toLowerCase(Locale.ROOT);
    if (lower.startsWith("ofac sdn")) {
      return "us_ofac_sdn";
    }
    if (lower.startsWith("ofac consolidated")) {
      return "us_ofac_cons";
    }
    if (lower.startsWith("un security council")) {
      return "un_sc_sanctions";
    }
    if (lower.startsWith("eu financial")) {
      return "eu_fsf";
    }
    if (lower.startsWith("uk consolidated")) {
      return "gb_hmt_sanctions";
    }
    return lower.replaceFirst("^followthemoney ", "").replaceAll("[^a-z0-9]+", "_");
  }

  /** The datasets of the lists screened. */
  static Set<String> datasets(Screener screener) {
    Set<String> known = new LinkedHashSet<>();
    for (SanctionsList list : screener.index().lists()) {
      known.add(dataset(list.name()));
    }
    return known;
  }

  private static String code(CountryLink link) {
    return link.country().toString().toLowerCase(Locale.ROOT);
  }

  private static void put(Map<String, List<String>> properties, String name, List<String> values) {
    if (!values.isEmpty()) {
      properties.put(name, values);
    }
  }
}

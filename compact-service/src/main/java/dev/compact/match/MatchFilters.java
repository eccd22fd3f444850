package dev.compact.match;

import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.screening.Screener;
import dev.compact.service.InvalidInput;
import dev.compact.service.NotFound;
import dev.compact.text.Shown;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What narrows the results, as yente's {@code /match} takes it: the datasets in scope (the path's,
 * then {@code include_dataset} and {@code exclude_dataset}), schemata excluded, topics wanted, entries
 * changed since a date, and entity ids excluded. Applied to every entity the matcher scores (at most
 * {@link Screener#MAX_CANDIDATES} per name), before the limit.
 */
record MatchFilters(Set<String> datasets, Set<String> excludeSchema, Set<String> topics, Optional<LocalDateTime> changedSince,
    Set<String> excludeIds, Map<String, Map<String, LocalDate>> changeDates) {

  /** At most this many entity ids may be excluded in one request (yente allows 50). */
  static final int MAX_EXCLUDED = 1_000;
  /** The pattern yente gives {@code changed_since}: a date, optionally with hours, minutes and seconds. */
  static final String CHANGED_SINCE = "\\d{4}-\\d{2}-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2})?)?)?";
  /** Every entry of every list Compact holds is a sanctions list entry: FollowTheMoney's topic for that. */
  static final List<String> TOPICS = List.of("sanction");

  /** The query parameters that filter, as yente names them; each may also come as a body field. */
  record Params(List<String> includeDataset, List<String> excludeDataset, List<String> excludeSchema, List<String> topics,
      String changedSince, List<String> excludeEntityIds) {}

  /**
   * The filters of one request: query parameters first, then the body's fields of the same names.
   * {@code changed_since} needs each entry's change date, which only the record's list versions give.
   */
  static MatchFilters of(String dataset, Set<String> all, Params params, JsonNode body, Screener screener, ChangeDates changes) {
    MatchFilters filters = new MatchFilters(scope(dataset, all, param(params.includeDataset(), body, "include_dataset"),
        param(params.excludeDataset(), body, "exclude_dataset")), new LinkedHashSet<>(param(params.excludeSchema(), body, "exclude_schema")),
        new LinkedHashSet<>(param(params.topics(), body, "topics")), changedSince(params.changedSince() != null ? params.changedSince()
            : body.path("changed_since").isString() ? body.get("changed_since").asString() : null),
        excluded(param(params.excludeEntityIds(), body, "exclude_entity_ids"), "exclude_entity_ids"), Map.of());
    if (filters.changedSince().isPresent()) {
      filters = new MatchFilters(filters.datasets(), filters.excludeSchema(), filters.topics(), filters.changedSince(),
          filters.excludeIds(), changeDates(screener, changes));
    }
    return filters;
  }

  boolean narrows(Set<String> all) {
    return !datasets.equals(all) || !excludeSchema.isEmpty() || !topics.isEmpty() || changedSince.isPresent() || !excludeIds.isEmpty();
  }

  /** Whether an entity passes the request's filters, with {@code excludedIds} the request's and the query's own. */
  boolean keeps(SanctionedEntity e, Set<String> excludedIds) {
    String dataset = YenteEntities.dataset(e.listName());
    if (!datasets.contains(dataset) || excludeSchema.contains(YenteEntities.schema(e)) || excludedIds.contains(YenteEntities.id(e))) {
      return false;
    }
    if (!topics.isEmpty() && TOPICS.stream().noneMatch(topics::contains)) {
      return false;
    }
    // As yente's range filter "last_change > changed_since": an entry that changed on the day given is not newer than it.
    return changedSince.isEmpty() || changeDate(e).map(d -> d.atStartOfDay().isAfter(changedSince.get())).orElse(false);
  }

  /** When the entry last changed, if the request asked about changes (changed_since). */
  Optional<LocalDate> changeDate(SanctionedEntity e) {
    return Optional.ofNullable(changeDates.get(e.listVersion())).map(dates -> dates.get(e.id().value()));
  }

  /** Entity ids to leave out, at most {@link #MAX_EXCLUDED}. */
  static Set<String> excluded(List<String> ids, String field) {
    if (ids.size() > MAX_EXCLUDED) {
      throw new InvalidInput("at most " + MAX_EXCLUDED + " " + field + " per request, not " + ids.size(), List.of());
    }
    return new LinkedHashSet<>(ids);
  }

  /** A filter given as a repeated query parameter, as yente takes it, or as a body field (a list or one string). */
  private static List<String> param(List<String> fromQuery, JsonNode body, String field) {
    List<String> values = new ArrayList<>();
    if (fromQuery != null) {
      fromQuery.stream().filter(v -> !v.isBlank()).map(String::strip).forEach(values::add);
    }
    values.addAll(ExampleValues.of(body, field));
    return values;
  }

  /** The datasets in scope: the path's, narrowed as yente narrows them (an empty scope matches nothing). */
  private static Set<String> scope(String dataset, Set<String> all, List<String> include, List<String> exclude) {
    Set<String> scope;
    if (dataset.equals("default") || dataset.equals("sanctions")) {
      scope = new LinkedHashSet<>(all);
    } else if (all.contains(dataset)) {
      scope = new LinkedHashSet<>(List.of(dataset));
    } else {
      throw new NotFound("no dataset '" + Shown.value(dataset) + "'; this service has default, sanctions, " + String.join(", ", all));
    }
    if (!include.isEmpty()) {
      scope.retainAll(include);
    }
    exclude.forEach(scope::remove);
    return scope;
  }

  private static Optional<LocalDateTime> changedSince(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    if (!text.strip().matches(CHANGED_SINCE)) {
      throw new InvalidInput("changed_since must be a date or a time, as yente takes it: 2024-01-31, 2024-01-31T12 or"
          + " 2024-01-31T12:30:00; not '" + Shown.value(text) + "'", List.of());
    }
    String t = text.strip();
    try {
      return Optional.of(t.length() == 10 ? LocalDate.parse(t).atStartOfDay()
          : LocalDateTime.parse(t.length() == 13 ? t + ":00" : t));
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInput("changed_since '" + Shown.value(text) + "' is not a real date or time", List.of());
    }
  }

  /**
   * When each entry of each list screened last changed, by list version hash. changed_since needs
   * that, and only the record's list versions tell it.
   */
  private static Map<String, Map<String, LocalDate>> changeDates(Screener screener, ChangeDates changes) {
    Map<String, ListVersion> recorded = new LinkedHashMap<>();
    changes.versions().forEach(v -> recorded.put(v.versionHash(), v));
    Map<String, Map<String, LocalDate>> dates = new LinkedHashMap<>();
    for (SanctionsList list : screener.index().lists()) {
      ListVersion version = recorded.get(list.versionHash());
      if (version == null) {
        throw new InvalidInput("changed_since needs the record's list versions, which date each entry's changes; "
            + list.name() + " is screened from the bundled demo lists, whose entries' change dates are unknown", List.of());
      }
      dates.put(list.versionHash(), changes.of(version));
    }
    return dates;
  }
}

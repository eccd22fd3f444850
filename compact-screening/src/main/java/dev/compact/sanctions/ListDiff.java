package dev.compact.sanctions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed between two versions of the same list: entries added, removed and changed, with
 * the fields that changed and their old and new values.
 *
 * <p>Entries are matched by id. Fields are compared as sets of values, so a mere reordering of
 * aliases or addresses is not a change; the list version every entity carries is ignored.
 *
 * @param from the older version
 * @param to the newer version
 * @param added entries only in {@code to}, in id order
 * @param removed entries only in {@code from}, in id order
 * @param changed entries in both whose fields differ, in id order
 */
public record ListDiff(
    SanctionsList from,
    SanctionsList to,
    List<SanctionedEntity> added,
    List<SanctionedEntity> removed,
    List<Change> changed) {

  /** A field of an entity that a diff compares. */
  public enum Field {
    SCHEMA(e -> List.of(e.schema())),
    NAMES(e -> e.names().stream().map(n -> n.full() + " (" + n.strength().name().toLowerCase(Locale.ROOT)
        + (n.originalScript() ? ", original script" : "") + ")").toList()),
    BIRTH_DATES(SanctionedEntity::birthDates),
    BIRTH_PLACES(SanctionedEntity::birthPlaces),
    COUNTRIES(e -> e.countries().stream().map(c -> c.country() + " (" + c.role().name().toLowerCase(Locale.ROOT) + ")").toList()),
    IDENTIFIERS(e -> e.identifiers().stream().map(i -> i.type() + " " + i.value()
        + i.country().map(c -> " (" + c + ")").orElse("")).toList()),
    GENDER(e -> e.gender().stream().toList()),
    ADDRESSES(e -> e.addresses().stream().map(a -> a.text() + a.country().map(c -> " [" + c + "]").orElse("")).toList()),
    PROGRAMMES(SanctionedEntity::programmes),
    TITLES(SanctionedEntity::titles),
    LINKED_TO(SanctionedEntity::linkedTo),
    VESSEL(e -> e.vessel().stream().toList()),
    LISTED_ON(e -> e.listedOn().stream().toList()),
    REMARKS(SanctionedEntity::remarks);

    private final Function<SanctionedEntity, Collection<?>> values;

    Field(Function<SanctionedEntity, Collection<?>> values) {
      this.values = values;
    }

    /** The field's values in an entity, rendered as text for comparison and reports. */
    public Set<String> valuesOf(SanctionedEntity entity) {
      Set<String> rendered = new LinkedHashSet<>();
      for (Object value : values.apply(entity)) {
        rendered.add(String.valueOf(value));
      }
      return rendered;
    }
  }

  /** How one field changed: the values that went away and the values that came. */
  public record FieldChange(Field field, List<String> removed, List<String> added) {
    public FieldChange {
      removed = List.copyOf(removed);
      added = List.copyOf(added);
    }
  }

  /** One entry present in both versions with at least one changed field. */
  public record Change(SanctionedEntity before, SanctionedEntity after, Map<Field, FieldChange> fields) {
    public Change {
      fields = Collections.unmodifiableMap(new EnumMap<>(fields));
    }

    public EntityId id() {
      return after.id();
    }
  }

  public ListDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  /** Compares two versions of a list. */
  public static ListDiff between(SanctionsList from, SanctionsList to) {
    Map<EntityId, SanctionedEntity> before = byId(from);
    Map<EntityId, SanctionedEntity> after = byId(to);
    List<SanctionedEntity> added = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    for (SanctionedEntity now : after.values()) {
      SanctionedEntity then = before.get(now.id());
      if (then == null) {
        added.add(now);
      } else {
        compare(then, now).ifPresent(changed::add);
      }
    }
    List<SanctionedEntity> removed =
        before.values().stream().filter(e -> !after.containsKey(e.id())).toList();
    Comparator<SanctionedEntity> byId = Comparator.comparing(SanctionedEntity::id);
    added.sort(byId);
    changed.sort(Comparator.comparing(Change::id));
    return new ListDiff(from, to, added, removed.stream().sorted(byId).toList(), changed);
  }

  /** How many changed entries changed each field. */
  public Map<Field, Integer> changesByField() {
    Map<Field, Integer> counts = new EnumMap<>(Field.class);
    for (Change c : changed) {
      c.fields().keySet().forEach(f -> counts.merge(f, 1, Integer::sum));
    }
    return counts;
  }

  /** Whether the two versions hold the same entries with the same fields. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  private static Optional<Change> compare(SanctionedEntity then, SanctionedEntity now) {
    Map<Field, FieldChange> fields = new LinkedHashMap<>();
    for (Field field : Field.values()) {
      Set<String> old = field.valuesOf(then);
      Set<String> current = field.valuesOf(now);
      if (!old.equals(current)) {
        Set<String> gone = new LinkedHashSet<>(old);
        gone.removeAll(current);
        Set<String> come = new LinkedHashSet<>(current);
        come.removeAll(old);
        fields.put(field, new FieldChange(field, List.copyOf(gone), List.copyOf(come)));
      }
    }
    return fields.isEmpty() ? Optional.empty() : Optional.of(new Change(then, now, fields));
  }

  private static Map<EntityId, SanctionedEntity> byId(SanctionsList list) {
    Map<EntityId, SanctionedEntity> map = new LinkedHashMap<>();
    list.entities().forEach(e -> map.put(e.id(), e));
    return map;
  }
}

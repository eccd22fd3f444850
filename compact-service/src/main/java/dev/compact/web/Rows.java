package dev.compact.web;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-model view as a mutable map for a template: the dashboard adds display fields (the time
 * written for people, a countdown) beside the view's own, which the view records themselves do not
 * carry.
 */
final class Rows {
  private Rows() {}

  static Map<String, Object> of(Record view) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (RecordComponent component : view.getClass().getRecordComponents()) {
      try {
        row.put(component.getName(), component.getAccessor().invoke(view));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName() + " of " + view.getClass().getSimpleName(), e);
      }
    }
    return row;
  }
}

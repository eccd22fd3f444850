package dev.compact.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The values of a FollowTheMoney property as yente's clients send them: a list of strings, or one
 * string; blanks and nulls are no value.
 */
final class ExampleValues {

  private ExampleValues() {}

  /** The non-blank values of {@code properties.name}, in order. */
  static List<String> of(JsonNode properties, String name) {
    JsonNode node = properties.path(name);
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> {
        if (v.isValueNode() && !v.asString("").isBlank()) {
          values.add(v.asString());
        }
      });
    } else if (node.isValueNode() && !node.isNull() && !node.asString("").isBlank()) {
      values.add(node.asString());
    }
    return values;
  }

  /** The first value of the first of {@code names} that has one. */
  static Optional<String> first(JsonNode properties, String... names) {
    for (String name : names) {
      List<String> v = of(properties, name);
      if (!v.isEmpty()) {
        return Optional.of(v.getFirst());
      }
    }
    return Optional.empty();
  }
}

package dev.compact.match;

import dev.compact.service.InvalidInput;
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
      node.forEach(v -> add(values, v, name));
    } else if (!node.isMissingNode()) {
      add(values, node, name);
    }
    return values;
  }

  /**
   * Adds a value if it is a non-blank string. A number, true or an object is refused rather than read
   * as its text or skipped: a name sent as 5 would otherwise be screened as "5", or be no name at all,
   * and either way answer "no hit" for a query the client never meant.
   */
  private static void add(List<String> values, JsonNode value, String name) {
    if (value.isNull()) {
      return;
    }
    if (!value.isString()) {
      String got = switch (value.getNodeType()) {
        case NUMBER -> "a number";
        case BOOLEAN -> "true or false";
        case OBJECT -> "an object";
        case ARRAY -> "a list inside the list";
        default -> "another kind of value";
      };
      throw new InvalidInput("'" + name + "' holds strings (one, or a list of them), not " + got, List.of());
    }
    if (!value.asString().isBlank()) {
      values.add(value.asString());
    }
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

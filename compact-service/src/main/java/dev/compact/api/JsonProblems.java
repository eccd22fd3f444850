package dev.compact.api;

import dev.compact.text.Shown;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What to tell a client whose JSON body could not be read: which field (its JSON path) and what it
 * must be, or where the text stops being JSON. Never the value itself, which may be megabytes, and
 * never the parser's message, which quotes it and names Java classes.
 */
final class JsonProblems {
  private JsonProblems() {}

  static String detail(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause == null) {
      return "the request has no body";
    }
    if (cause instanceof StreamReadException read && !(cause instanceof InputCoercionException)) {
      var at = read.getLocation();
      // Jackson names the key in its message, with the value's neighbourhood; the client gets the line and column alone.
      String what = read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate ") ? ": a key is given twice" : "";
      return "the body is not valid JSON" + what + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
    if (cause instanceof ControlCharacters.Refused refused) {
      String path = path(refused);
      return (path.isEmpty() ? "the body " : "'" + path + "' ") + refused.reason();
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return unknownField(unknown, "this request");
    }
    if (cause instanceof JacksonException json) {
      String path = path(json);
      Class<?> target = switch (json) {
        case MismatchedInputException mismatch -> mismatch.getTargetType();
        case InputCoercionException coercion -> coercion.getTargetType();
        default -> null;
      };
      if (path.isEmpty()) {
        return "the body must be " + (target == null ? "a JSON object" : expected(target));
      }
      return "'" + path + "' must be " + (target == null ? "a valid value" : expected(target));
    }
    return "the body could not be read as JSON";
  }

  /**
   * A field the request's type does not have, by its JSON path, with the nearest field it does have
   * when one is close (a misspelling) and the list of its fields otherwise.
   */
  static String unknownField(UnrecognizedPropertyException e, String of) {
    List<String> known = e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds().stream().map(String::valueOf).toList();
    return unknownField(path(e), e.getPropertyName(), known, of);
  }

  /**
   * The same sentence for a field found by hand ({@code path} ends with {@code name}). The name is the client's own
   * text, up to Jackson's 50,000 characters: it comes back shortened, as every submitted value does.
   */
  static String unknownField(String path, String name, Collection<String> fields, String of) {
    List<String> known = fields.stream().sorted().toList();
    String nearest = null;
    int best = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = LevenshteinDistance.getDefaultInstance().apply(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < best) {
        best = distance;
        nearest = candidate;
      }
    }
    String hint = nearest != null && best <= Math.max(2, name.length() / 4) ? "; did you mean '" + nearest + "'?"
        : known.isEmpty() ? "" : "; its fields are " + String.join(", ", known);
    return "'" + Shown.value(path) + "' is not a field of " + of + hint;
  }

  /** The JSON path of the failing value: {@code evidence[0].time}. */
  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** A JSON type as a client reads it, for the Java type a field has. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of the listed keywords";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a valid value";
  }
}

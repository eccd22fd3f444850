package dev.compact.api;

import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * One rule for control characters in the text a request sends, the same on both databases: PostgreSQL cannot store NUL
 * (it was a 400 only once the insert failed) while SQLite stored it, and the other C0 controls (bell, escape, ...) are
 * not text anyone reads: in JSON they can only arrive escaped, that is on purpose. A string holding any of them but tab,
 * line feed and carriage return is refused with a 400 that names the field, before anything is recorded.
 */
final class ControlCharacters {
  private ControlCharacters() {}

  /** The index of the first control character the rule refuses, or -1. */
  static int first(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return i;
      }
    }
    return -1;
  }

  /** What is wrong, after the field's name: "holds the control character U+0000 at character 2: ...". */
  static String reason(String text, int at) {
    return "holds the control character U+" + HexFormat.of().withUpperCase().toHexDigits((short) text.charAt(at)) + " at character "
        + (at + 1) + ": text may hold tab, line feed and carriage return, no other control character (NUL included);"
        + " nothing was recorded";
  }

  /** A refused string, as Jackson reports a value it cannot take, so that it carries the field's JSON path. */
  static final class Refused extends MismatchedInputException {
    private final String reason;

    Refused(@Nullable JsonParser parser, String reason) {
      super(parser, reason, String.class);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  /** Jackson's own string reading (coercions included), then the rule. */
  static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      String value = super.deserialize(p, ctxt);
      int at = value == null ? -1 : first(value);
      if (at >= 0) {
        throw new Refused(p, reason(value, at));
      }
      return value;
    }
  }
}

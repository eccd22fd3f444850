package dev.compact.api;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * A JSON string field that takes only a string: Jackson would read {@code 5} as "5" and {@code [5]}
 * as "5" too, so a client's mistake is answered as if it had meant that text. One token check, no
 * more, on the screening hot path.
 */
final class StrictString extends StdDeserializer<String> {
  StrictString() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return parser.getString();
    }
    return (String) context.handleUnexpectedToken(String.class, parser);
  }
}

package dev.compact.service;

import dev.compact.engine.Event;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads logged payloads straight into event records with Jackson's streaming parser: a plan per
 * record type, made once from its components, fills the canonical constructor's arguments as the
 * tokens arrive. Replaying a log is mostly this, and databind's general machinery (a reader and a
 * context per call, creator properties buffered) cost more than the parsing itself.
 *
 * <p>The plan covers the shapes the encoder writes. Whatever it does not expect (an unknown,
 * repeated or missing field, a number where a word belongs, a constructor that refuses its
 * arguments) raises {@link PayloadPlan.OffPlan}, and the codec reads that payload again with databind, so that
 * results and errors stay exactly what databind gives. Types the plan has no rule for (an
 * {@link Instant} in evidence, say) are handed to databind in the middle of the stream. The plans
 * are {@link PayloadPlanner}'s, made once when the reader is; reading is {@link PayloadPlan}'s.
 */
final class EventPayloadReader {
  private final JsonMapper databind;
  private final Map<String, PayloadPlan> events = new HashMap<>();

  /**
   * @param databind the mapper the payloads are otherwise read with (for the types handed over)
   * @param fromString value types written as one string, with how to read them back
   * @param types the event types by the name the log gives them
   * @param ignored a top-level field the records do not have (the classification mark)
   */
  EventPayloadReader(JsonMapper databind, Map<Class<?>, Function<String, ?>> fromString, Map<String, Class<? extends Event>> types,
      String ignored) {
    this.databind = databind;
    PayloadPlanner planner = new PayloadPlanner(databind, fromString, ignored);
    types.forEach((name, type) -> {
      PayloadPlan plan = planner.plan(type);
      if (plan != null) {
        events.put(name, plan);
      }
    });
  }

  /** The event of this type in this payload, with its two times; {@link PayloadPlan.OffPlan} when the payload is not as the encoder writes it. */
  Event read(String type, String payload, Instant occurredAt, Instant recordedAt) {
    PayloadPlan plan = events.get(type);
    if (plan == null) {
      throw PayloadPlan.OFF_PLAN;
    }
    // An empty read context: ObjectMapper.createParser would build a deserialization context per payload.
    try (JsonParser parser = databind.tokenStreamFactory().createParser(ObjectReadContext.empty(), payload)) {
      parser.nextToken();
      Event event = (Event) plan.read(parser, occurredAt, recordedAt);
      if (parser.nextToken() != null) {
        throw PayloadPlan.OFF_PLAN;
      }
      return event;
    } catch (PayloadPlan.OffPlan e) {
      throw e;
    } catch (RuntimeException e) {
      // Malformed JSON or a refused value: databind reads it again and reports it in its own words.
      throw PayloadPlan.OFF_PLAN;
    }
  }
}

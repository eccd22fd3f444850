package dev.compact.service;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.sym.PropertyNameMatcher;

/**
 * How {@link EventPayloadReader} builds one record type from the token stream: its canonical
 * constructor, its components' names as Jackson matches them ({@code slots} gives the component of
 * each name, -1 for the ignored mark), the rule for each component and what an absent component
 * means. Made once per type by {@link PayloadPlanner}; reading with it allocates only the arguments.
 */
record PayloadPlan(Constructor<?> constructor, PropertyNameMatcher names, int[] slots, PayloadPlan.ValueRule[] rules, Object[] absent,
    int occurredAt, int recordedAt) {

  /** The payload left the plan; the caller reads it with databind instead. Stackless: it is a signal, not an error. */
  static final class OffPlan extends RuntimeException {
    private OffPlan() {
      super("off plan", null, false, false);
    }
  }

  static final OffPlan OFF_PLAN = new OffPlan();

  /** Marks a component that must be present: without it the payload is off plan. */
  static final Object REQUIRED = new Object();

  /** Reads one value; the parser stands on its first token and is left on its last. */
  @FunctionalInterface
  interface ValueRule {
    Object read(JsonParser parser);
  }

  /** Throws {@link #OFF_PLAN}; typed to sit where a value is expected. */
  static Object offPlan() {
    throw OFF_PLAN;
  }

  /**
   * Reads the object the parser stands on into the record; an event's times, which the payload does
   * not hold, are the ones given (null for a record inside an event).
   */
  Object read(JsonParser parser, Instant occurredAt, Instant recordedAt) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw OFF_PLAN;
    }
    Object[] args = new Object[rules.length];
    long seen = 0;
    int match;
    while ((match = parser.nextNameMatch(names)) >= 0) {
      int i = slots[match];
      parser.nextToken();
      if (i < 0) {
        parser.skipChildren();
        continue;
      }
      long bit = 1L << i;
      if ((seen & bit) != 0) {
        throw OFF_PLAN;
      }
      seen |= bit;
      args[i] = rules[i].read(parser);
    }
    if (match != PropertyNameMatcher.MATCH_END_OBJECT) {
      throw OFF_PLAN;
    }
    for (int i = 0; i < args.length; i++) {
      if ((seen & (1L << i)) == 0) {
        if (i == this.occurredAt) {
          args[i] = occurredAt;
        } else if (i == this.recordedAt) {
          args[i] = recordedAt;
        } else if (absent[i] == REQUIRED) {
          throw OFF_PLAN;
        } else {
          args[i] = absent[i];
        }
      }
    }
    return construct(args);
  }

  /** The record from its constructor's arguments; a constructor that refuses them puts the payload off plan. */
  Object construct(Object[] args) {
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException | InstantiationException | IllegalAccessException | IllegalArgumentException e) {
      throw OFF_PLAN;
    }
  }
}

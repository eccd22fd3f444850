package dev.compact.service;

import static dev.compact.service.PayloadPlan.OFF_PLAN;
import static dev.compact.service.PayloadPlan.REQUIRED;
import static dev.compact.service.PayloadPlan.offPlan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.compact.engine.Event;
import dev.compact.service.PayloadPlan.ValueRule;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the {@link PayloadPlan}s {@link EventPayloadReader} reads with, once per record type, from
 * the types' components and the mapper's configuration: a rule per component type (words, numbers,
 * enums by the word databind reads, lists, optionals, nested records, types named by a kind
 * property), and databind for any type it has no rule for. Not thread-safe: used while the reader is
 * made.
 */
final class PayloadPlanner {
  private final JsonMapper databind;
  private final Map<Class<?>, Function<String, ?>> fromString;
  private final String ignored;
  private final Map<Class<?>, PayloadPlan> plans = new HashMap<>();
  /** Record types whose plan is being made: one that contains itself is left to databind. */
  private final Set<Class<?>> planning = new HashSet<>();

  /**
   * @param databind the mapper the payloads are otherwise read with (for the types handed over)
   * @param fromString value types written as one string, with how to read them back
   * @param ignored a top-level field of events that the records do not have (the classification mark)
   */
  PayloadPlanner(JsonMapper databind, Map<Class<?>, Function<String, ?>> fromString, String ignored) {
    this.databind = databind;
    this.fromString = fromString;
    this.ignored = ignored;
  }

  /** The plan for a record type, or null when it has none (databind reads it). */
  PayloadPlan plan(Class<?> type) {
    PayloadPlan known = plans.get(type);
    if (known != null) {
      return known;
    }
    RecordComponent[] components = type.getRecordComponents();
    if (components.length > 64 || !planning.add(type)) {
      return null;
    }
    Class<?>[] parameterTypes = new Class<?>[components.length];
    List<String> names = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    ValueRule[] rules = new ValueRule[components.length];
    Object[] absent = new Object[components.length];
    int occurredAt = -1;
    int recordedAt = -1;
    boolean event = Event.class.isAssignableFrom(type);
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      parameterTypes[i] = component.getType();
      if (event && component.getName().equals("occurredAt")) {
        occurredAt = i;
        continue;
      }
      if (event && component.getName().equals("recordedAt")) {
        recordedAt = i;
        continue;
      }
      names.add(component.getName());
      slots.add(i);
      rules[i] = rule(component.getGenericType());
      absent[i] = component.getType() == Optional.class ? Optional.empty() : REQUIRED;
    }
    if (event) {
      names.add(ignored);
      slots.add(-1);
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
      planning.remove(type);
      PayloadPlan plan = new PayloadPlan(constructor, matcher(names), slots.stream().mapToInt(Integer::intValue).toArray(), rules, absent,
          occurredAt, recordedAt);
      plans.put(type, plan);
      return plan;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record without its canonical constructor: " + type, e);
    }
  }

  private ValueRule rule(Type type) {
    if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
      Type argument = generic.getActualTypeArguments()[0];
      if (raw == Optional.class) {
        ValueRule inner = rule(argument);
        return parser -> parser.currentToken() == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(inner.read(parser));
      }
      if (raw == List.class) {
        ValueRule inner = rule(argument);
        return parser -> {
          if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
          }
          if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw OFF_PLAN;
          }
          List<Object> list = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(inner.read(parser));
          }
          return list;
        };
      }
      return handedOver(type);
    }
    if (!(type instanceof Class<?> raw)) {
      return handedOver(type);
    }
    if (raw == String.class) {
      return nullable(parser -> parser.currentToken() == JsonToken.VALUE_STRING ? parser.getString() : offPlan());
    }
    Function<String, ?> parse = fromString.get(raw);
    if (parse != null) {
      return nullable(parser -> parser.currentToken() == JsonToken.VALUE_STRING ? parse.apply(parser.getString()) : offPlan());
    }
    if (raw == int.class || raw == Integer.class) {
      ValueRule number = parser -> parser.currentToken() == JsonToken.VALUE_NUMBER_INT
          && parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : offPlan();
      return raw.isPrimitive() ? number : nullable(number);
    }
    if (raw == long.class || raw == Long.class) {
      ValueRule number = parser -> parser.currentToken() == JsonToken.VALUE_NUMBER_INT
          && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? parser.getLongValue() : offPlan();
      return raw.isPrimitive() ? number : nullable(number);
    }
    if (raw == boolean.class || raw == Boolean.class) {
      ValueRule truth = parser -> switch (parser.currentToken()) {
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> offPlan();
      };
      return raw.isPrimitive() ? truth : nullable(truth);
    }
    if (raw == BigDecimal.class) {
      return nullable(parser -> parser.currentToken() == JsonToken.VALUE_NUMBER_INT || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
          ? parser.getDecimalValue() : offPlan());
    }
    if (raw.isEnum()) {
      return enumRule(raw);
    }
    Class<?> typeInfo = typeInfo(raw);
    if (typeInfo != null) {
      ValueRule byKind = kindRule(raw, typeInfo);
      return byKind != null ? byKind : handedOver(type);
    }
    if (raw.isRecord()) {
      PayloadPlan plan = plan(raw);
      return plan == null ? handedOver(type) : nullable(parser -> plan.read(parser, null, null));
    }
    return handedOver(type);
  }

  /** A JSON null is the component's null, as databind reads it. */
  private static ValueRule nullable(ValueRule rule) {
    return parser -> parser.currentToken() == JsonToken.VALUE_NULL ? null : rule.read(parser);
  }

  /** Constants by the word databind reads them from; a word it would read otherwise is left to it. */
  private ValueRule enumRule(Class<?> type) {
    ObjectReader reader = databind.readerFor(type);
    Map<String, Object> byWord = new HashMap<>();
    for (Object constant : type.getEnumConstants()) {
      String json = databind.writeValueAsString(constant);
      if (json.startsWith("\"") && reader.readValue(json) == constant) {
        byWord.put(databind.readValue(json, String.class), constant);
      }
    }
    return nullable(parser -> {
      Object constant = parser.currentToken() == JsonToken.VALUE_STRING ? byWord.get(parser.getString()) : null;
      return constant != null ? constant : offPlan();
    });
  }

  /** The mix-in declaring how this type or one it extends names its subtypes, or null. */
  private Class<?> typeInfo(Class<?> type) {
    Class<?> mixin = databind.deserializationConfig().findMixInClassFor(type);
    if (mixin != null && mixin.isAnnotationPresent(JsonTypeInfo.class)) {
      return mixin;
    }
    for (Class<?> parent : type.getInterfaces()) {
      Class<?> found = typeInfo(parent);
      if (found != null) {
        return found;
      }
    }
    return type.getSuperclass() == null ? null : typeInfo(type.getSuperclass());
  }

  /**
   * A type written with its subtype's name in a property ({@code "kind": "clause"}), whose
   * subtypes (those it admits) hold only words: the object's words are gathered first (the name
   * comes last in sorted keys), then the subtype is built from them. Null when the type is not of
   * that shape.
   */
  private ValueRule kindRule(Class<?> type, Class<?> mixin) {
    JsonTypeInfo info = mixin.getAnnotation(JsonTypeInfo.class);
    JsonSubTypes subtypes = mixin.getAnnotation(JsonSubTypes.class);
    if (info == null || subtypes == null || info.use() != JsonTypeInfo.Id.NAME
        || info.include() != JsonTypeInfo.As.PROPERTY) {
      return null;
    }
    // The words of every admitted subtype in one list; the subtype's name is word 0.
    List<String> words = new ArrayList<>(List.of(info.property()));
    Map<String, Subtype> byName = new HashMap<>();
    for (JsonSubTypes.Type subtype : subtypes.value()) {
      Class<?> sub = subtype.value();
      if (!type.isAssignableFrom(sub)) {
        continue;
      }
      if (!sub.isRecord()) {
        return null;
      }
      RecordComponent[] components = sub.getRecordComponents();
      int[] at = new int[components.length];
      List<Function<String, ?>> parse = new ArrayList<>();
      for (int i = 0; i < components.length; i++) {
        if (components[i].getType() != String.class && !fromString.containsKey(components[i].getType())) {
          return null;
        }
        if (!words.contains(components[i].getName())) {
          words.add(components[i].getName());
        }
        at[i] = words.indexOf(components[i].getName());
        parse.add(fromString.getOrDefault(components[i].getType(), word -> word));
      }
      PayloadPlan plan = plan(sub);
      if (plan == null) {
        return null;
      }
      byName.put(subtype.name(), new Subtype(plan, at, parse));
    }
    PropertyNameMatcher matcher = matcher(words);
    int count = words.size();
    return nullable(parser -> {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw OFF_PLAN;
      }
      String[] found = new String[count];
      int match;
      while ((match = parser.nextNameMatch(matcher)) >= 0) {
        if (parser.nextToken() != JsonToken.VALUE_STRING || found[match] != null) {
          throw OFF_PLAN;
        }
        found[match] = parser.getString();
      }
      Subtype sub = match == PropertyNameMatcher.MATCH_END_OBJECT && found[0] != null ? byName.get(found[0]) : null;
      if (sub == null) {
        throw OFF_PLAN;
      }
      int[] at = sub.at();
      Object[] args = new Object[at.length];
      int used = 1;
      for (int i = 0; i < at.length; i++) {
        String word = found[at[i]];
        if (word == null) {
          throw OFF_PLAN;
        }
        args[i] = sub.parse().get(i).apply(word);
        used++;
      }
      for (String word : found) {
        used -= word == null ? 0 : 1;
      }
      if (used != 0) {
        // A word of another subtype: databind decides what that means.
        throw OFF_PLAN;
      }
      return sub.plan().construct(args);
    });
  }

  /** One subtype of a type named by kind: its plan, where its words are among all the type's words, how to read each. */
  private record Subtype(PayloadPlan plan, int[] at, List<Function<String, ?>> parse) {}

  private PropertyNameMatcher matcher(List<String> names) {
    return databind.tokenStreamFactory().constructNameMatcher(names.stream().map(Named::fromString).toList(), false);
  }

  /** A type without a rule of its own: databind reads this one value from the stream. */
  private ValueRule handedOver(Type type) {
    // The value is followed by the rest of the payload: the trailing check is the plan's, at the end.
    ObjectReader reader = databind.readerFor(databind.constructType(type))
        .without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return parser -> reader.readValue(parser);
  }
}

package dev.compact.service;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Classification;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes engine events to the log and reads them back. The type is the record's name in kebab case
 * ({@code incident-reported}); the payload is JSON with sorted keys, without the two times, which the
 * log keeps in its own columns. Sorted keys make the bytes, and so the chain hash, reproducible.
 */
public final class EventCodec {
  private static final String CLASSIFICATION = "classification";
  /** Fields added to an event after it was first logged: left out when empty, so that such events keep their earlier bytes. */
  private static final java.util.Set<String> OMITTED_WHEN_ABSENT = java.util.Set.of("level", "location");
  private final JsonMapper mapper = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(tools.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED)
      // Amounts and rates are read back exactly, never through a double (12345678901234567.89 is not ...68).
      .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .addMixIn(Event.Target.class, TargetMixin.class)
      .addModule(valueTypes())
      .build();

  /** A value type written as the one string it stands for, and read back from it. */
  private record ValueType<T>(Class<T> type, java.util.function.Function<T, String> text, java.util.function.Function<String, T> parse) {}

  private static final List<ValueType<?>> VALUE_TYPES = List.of(
      new ValueType<>(IsoDuration.class, IsoDuration::text,
          text -> IsoDuration.parse(text).orElseThrow(() -> new IllegalArgumentException("not an ISO-8601 duration: " + text))),
      new ValueType<>(PartyCode.class, PartyCode::value, PartyCode::new),
      new ValueType<>(AgreementId.class, AgreementId::value, AgreementId::new),
      new ValueType<>(ClauseId.class, ClauseId::value, ClauseId::new),
      new ValueType<>(Event.IncidentId.class, Event.IncidentId::value, Event.IncidentId::new),
      new ValueType<>(Event.ConsultationId.class, Event.ConsultationId::value, Event.ConsultationId::new));

  private static tools.jackson.databind.module.SimpleModule valueTypes() {
    tools.jackson.databind.module.SimpleModule module = new tools.jackson.databind.module.SimpleModule("compact-values");
    for (ValueType<?> value : VALUE_TYPES) {
      add(module, value);
    }
    return module;
  }

  private static <T> void add(tools.jackson.databind.module.SimpleModule module, ValueType<T> value) {
    module.addSerializer(value.type(), new ToStringSerializer<>(value.type(), value.text()));
    module.addDeserializer(value.type(), new FromStringDeserializer<>(value.type(), value.parse()));
  }

  /** Writes a value type as the one string it stands for: "GBR", not {"value":"GBR"}. */
  private static final class ToStringSerializer<T> extends tools.jackson.databind.ValueSerializer<T> {
    private final Class<T> type;
    private final java.util.function.Function<T, String> text;

    ToStringSerializer(Class<T> type, java.util.function.Function<T, String> text) {
      this.type = type;
      this.text = text;
    }

    @Override
    public Class<T> handledType() {
      return type;
    }

    @Override
    public void serialize(T value, tools.jackson.core.JsonGenerator generator, tools.jackson.databind.SerializationContext context) {
      generator.writeString(text.apply(value));
    }
  }

  private static final class FromStringDeserializer<T> extends tools.jackson.databind.ValueDeserializer<T> {
    private final Class<T> type;
    private final java.util.function.Function<String, T> parse;

    FromStringDeserializer(Class<T> type, java.util.function.Function<String, T> parse) {
      this.type = type;
      this.parse = parse;
    }

    @Override
    public Class<?> handledType() {
      return type;
    }

    @Override
    public T deserialize(tools.jackson.core.JsonParser parser, tools.jackson.databind.DeserializationContext context) {
      return parse.apply(parser.getValueAsString());
    }
  }
  private final Map<String, Class<? extends Event>> types = new HashMap<>();
  private final Map<Class<?>, String> names = new HashMap<>();

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = Event.Target.Clause.class, name = "clause"),
      @JsonSubTypes.Type(value = Event.Target.Measure.class, name = "measure")})
  private interface TargetMixin {}

  /**
   * One databind reader per event type, on a mapper that injects the times (see {@link
   * LoggedEvents}): what a payload off the streaming reader's plan is read with.
   */
  private final Map<String, tools.jackson.databind.ObjectReader> readers = new HashMap<>();
  private final EventPayloadReader streaming;

  public EventCodec() {
    register(Event.class);
    JsonMapper decoder = mapper.rebuild().annotationIntrospector(new LoggedEvents()).build();
    types.forEach((name, type) -> readers.put(name, decoder.readerFor(type)));
    Map<Class<?>, java.util.function.Function<String, ?>> fromString = new HashMap<>();
    VALUE_TYPES.forEach(value -> fromString.put(value.type(), value.parse()));
    streaming = new EventPayloadReader(decoder, fromString, types, CLASSIFICATION);
  }

  @SuppressWarnings("unchecked")
  private void register(Class<?> type) {
    if (type.isRecord()) {
      String name = kebab(type.getSimpleName());
      types.put(name, (Class<? extends Event>) type);
      names.put(type, name);
      return;
    }
    for (Class<?> sub : type.getPermittedSubclasses()) {
      register(sub);
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /** The event's type name and its canonical payload. */
  public record Encoded(String type, String payload) {}

  public Encoded encode(Event event) {
    return encode(event, Classification.PUBLIC);
  }

  /**
   * The same, marked with the record's classification when it is not public. The mark is part of
   * the payload, so the chain covers it: nobody can quietly declassify a record. Public payloads
   * carry no mark, so their bytes (and the hashes of older logs) stay as they were.
   */
  public Encoded encode(Event event, Classification classification) {
    ObjectNode tree = mapper.valueToTree(event);
    tree.remove("occurredAt");
    tree.remove("recordedAt");
    for (String field : OMITTED_WHEN_ABSENT) {
      if (tree.has(field) && tree.get(field).isNull()) {
        tree.remove(field);
      }
    }
    if (classification != Classification.PUBLIC) {
      tree.put(CLASSIFICATION, Keywords.of(classification));
    }
    return new Encoded(names.get(event.getClass()), mapper.writeValueAsString(tree));
  }

  /** The classification a payload was recorded with: public when it carries no mark. */
  public Classification classification(String payload) {
    JsonNode mark = mapper.readTree(payload).get(CLASSIFICATION);
    if (mark == null) {
      return Classification.PUBLIC;
    }
    return Keywords.parse(Classification.class, mark.asString())
        .orElseThrow(() -> new IllegalArgumentException("unknown classification '" + mark.asString() + "' in the log"));
  }

  /**
   * Reads a logged event straight into its record: the two times, which the log keeps in its own
   * columns, are injected into the record's constructor, and the classification mark is skipped.
   * No tree is built; replaying a log is mostly this. A payload the streaming reader does not
   * expect is read by databind, which gives the same record, or the same error, as before.
   */
  public Event decode(String type, String payload, Instant occurredAt, Instant recordedAt) {
    try {
      return streaming.read(type, payload, occurredAt, recordedAt);
    } catch (PayloadPlan.OffPlan offPlan) {
      return decodeWithDatabind(type, payload, occurredAt, recordedAt);
    }
  }

  /**
   * The same for an event of the log, named by its place in the record when it cannot be read (a payload changed
   * after it was written, or a type a newer version wrote): {@link UnreadableEvent}, not the parser's exception.
   */
  public Event decode(dev.compact.store.StoredEvent stored) {
    try {
      return decode(stored.type(), stored.payload(), stored.occurredAt(), stored.recordedAt());
    } catch (RuntimeException e) {
      throw new UnreadableEvent(stored, e);
    }
  }

  EventPayloadReader streaming() {
    return streaming;
  }

  /** The same with databind alone: the reference the streaming reader is tested against. */
  Event decodeWithDatabind(String type, String payload, Instant occurredAt, Instant recordedAt) {
    tools.jackson.databind.ObjectReader reader = readers.get(type);
    if (reader == null) {
      throw new IllegalArgumentException("unknown event type '" + type + "'");
    }
    return reader.with(new Times(occurredAt, recordedAt)).readValue(payload);
  }

  private static final String OCCURRED_AT = "occurredAt";
  private static final String RECORDED_AT = "recordedAt";

  /** The times of one decoded event, handed to its constructor by name. */
  private static final class Times extends tools.jackson.databind.InjectableValues {
    private final Instant occurredAt;
    private final Instant recordedAt;

    Times(Instant occurredAt, Instant recordedAt) {
      this.occurredAt = occurredAt;
      this.recordedAt = recordedAt;
    }

    @Override
    public Object findInjectableValue(tools.jackson.databind.DeserializationContext context, Object id,
        tools.jackson.databind.BeanProperty property, Object bean, Boolean optional, Boolean useInput) {
      return switch ((String) id) {
        case OCCURRED_AT -> occurredAt;
        case RECORDED_AT -> recordedAt;
        default -> throw new IllegalStateException("no value to inject as " + id);
      };
    }

    @Override
    public tools.jackson.databind.InjectableValues snapshot() {
      return this;
    }
  }

  /**
   * Reads events as the encoder wrote them: an event record's {@code occurredAt} and {@code
   * recordedAt} are injected rather than read (the payload never has them), and a payload's
   * classification mark is not one of the record's fields.
   */
  private static final class LoggedEvents extends tools.jackson.databind.introspect.JacksonAnnotationIntrospector {
    @Override
    public com.fasterxml.jackson.annotation.JacksonInject.Value findInjectableValue(
        tools.jackson.databind.cfg.MapperConfig<?> config, tools.jackson.databind.introspect.AnnotatedMember member) {
      if (member instanceof tools.jackson.databind.introspect.AnnotatedParameter parameter
          && parameter.getDeclaringClass().isRecord() && Event.class.isAssignableFrom(parameter.getDeclaringClass())) {
        var components = parameter.getDeclaringClass().getRecordComponents();
        if (parameter.getIndex() < components.length) {
          String name = components[parameter.getIndex()].getName();
          if (name.equals(OCCURRED_AT) || name.equals(RECORDED_AT)) {
            return com.fasterxml.jackson.annotation.JacksonInject.Value.forId(name);
          }
        }
      }
      return super.findInjectableValue(config, member);
    }

    @Override
    public com.fasterxml.jackson.annotation.JsonIgnoreProperties.Value findPropertyIgnoralByName(
        tools.jackson.databind.cfg.MapperConfig<?> config, tools.jackson.databind.introspect.Annotated annotated) {
      com.fasterxml.jackson.annotation.JsonIgnoreProperties.Value declared = super.findPropertyIgnoralByName(config, annotated);
      if (annotated instanceof tools.jackson.databind.introspect.AnnotatedClass type && Event.class.isAssignableFrom(type.getRawType())) {
        return com.fasterxml.jackson.annotation.JsonIgnoreProperties.Value.merge(declared,
            com.fasterxml.jackson.annotation.JsonIgnoreProperties.Value.forIgnoredProperties(CLASSIFICATION));
      }
      return declared;
    }
  }

  /** Every type name, for documentation and checks. */
  public List<String> typeNames() {
    List<String> list = new ArrayList<>(types.keySet());
    java.util.Collections.sort(list);
    return list;
  }

  public <T> T read(String payload, Class<T> type) {
    return mapper.readValue(payload, type);
  }

  JsonNode tree(Object value) {
    return mapper.valueToTree(value);
  }

  String json(Object value) {
    return mapper.writeValueAsString(value);
  }

  static String keyword(Enum<?> value) {
    return Keywords.of(value);
  }
}

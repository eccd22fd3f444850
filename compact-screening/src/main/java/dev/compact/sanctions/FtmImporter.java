package dev.compact.sanctions;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads FollowTheMoney entities, one JSON object per line ({@code {id, schema, properties, ...}}),
 * as OpenSanctions and yente publish them.
 *
 * <p>Person, Organization, Company, LegalEntity, Vessel and Airplane entities become listed
 * entities, unless marked {@code "target": false} (related parties, not sanctioned). Address
 * entities fill in {@code addressEntity} references and Sanction entities contribute their
 * programme and listing date to the entity they name; other schemata (ownership, family...) are
 * skipped and counted in a note.
 */
public final class FtmImporter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Map<String, Schema> SCHEMATA = Map.of(
      "Person", Schema.PERSON,
      "Organization", Schema.ORGANIZATION,
      "LegalEntity", Schema.ORGANIZATION,
      "PublicBody", Schema.ORGANIZATION,
      "Company", Schema.COMPANY,
      "Vessel", Schema.VESSEL,
      "Airplane", Schema.AIRCRAFT);

  private static final Map<String, IdentifierType> IDENTIFIER_PROPERTIES = orderedMap(
      "passportNumber", IdentifierType.PASSPORT,
      "idNumber", IdentifierType.NATIONAL_ID,
      "innCode", IdentifierType.INN,
      "ogrnCode", IdentifierType.OGRN,
      "taxNumber", IdentifierType.TAX_ID,
      "vatCode", IdentifierType.TAX_ID,
      "registrationNumber", IdentifierType.REGISTRATION,
      "okpoCode", IdentifierType.REGISTRATION,
      "leiCode", IdentifierType.LEI,
      "swiftBic", IdentifierType.BIC,
      "bicCode", IdentifierType.BIC,
      "imoNumber", IdentifierType.IMO,
      "mmsi", IdentifierType.MMSI,
      "serialNumber", IdentifierType.OTHER,
      "kppCode", IdentifierType.OTHER,
      "uniqueEntityId", IdentifierType.OTHER,
      "permId", IdentifierType.OTHER);

  private static final Map<String, NamePartType> NAME_PARTS = orderedMap(
      "title", NamePartType.TITLE,
      "firstName", NamePartType.GIVEN,
      "secondName", NamePartType.MIDDLE,
      "middleName", NamePartType.MIDDLE,
      "fatherName", NamePartType.PATRONYMIC,
      "lastName", NamePartType.FAMILY);

  private FtmImporter() {}

  public static SanctionsList load(Path file) {
    return load(file, note -> {});
  }

  public static SanctionsList load(Path file, Consumer<String> notes) {
    return read(SourceBytes.read(file), file.toString(), notes);
  }

  public static SanctionsList read(String fileName, InputStream in, Consumer<String> notes) {
    return read(SourceBytes.read(fileName, in), fileName, notes);
  }

  /** One parsed line: the entity's JSON and the line it was on. */
  private record Line(long number, JsonNode entity) {}

  static SanctionsList read(SourceBytes source, String origin, Consumer<String> notes) {
    String text = source.utf8Text();
    List<Line> lines = new ArrayList<>();
    long number = 0;
    for (String raw : text.split("\n", -1)) {
      number++;
      if (raw.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(raw);
      } catch (JacksonException e) {
        throw new ListFormatException(source.name(), number, "not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (!node.isObject() || !node.path("id").isString() || !node.path("schema").isString()
          || !(node.path("properties").isObject() || node.path("properties").isMissingNode())) {
        throw new ListFormatException(source.name(), number,
            "expected a FollowTheMoney entity: an object with string \"id\" and \"schema\" and object \"properties\"");
      }
      lines.add(new Line(number, node));
    }

    Map<String, JsonNode> addresses = new HashMap<>();
    Map<String, List<JsonNode>> sanctions = new HashMap<>();
    Set<String> datasets = new LinkedHashSet<>();
    for (Line line : lines) {
      JsonNode e = line.entity();
      switch (e.path("schema").asString()) {
        case "Address" -> {
          // Merged entities are referred to by any of their former ids ("referents").
          addresses.put(e.path("id").asString(), e.path("properties"));
          e.path("referents").forEach(r -> addresses.put(r.asString(), e.path("properties")));
        }
        case "Sanction" -> values(e.path("properties"), "entity")
            .forEach(target -> sanctions.computeIfAbsent(target, k -> new ArrayList<>()).add(e.path("properties")));
        default -> { }
      }
    }

    String version = source.sha256();
    Map<String, SanctionedEntity> entities = new LinkedHashMap<>();
    Map<String, Integer> skipped = new TreeMap<>();
    int nonTargets = 0;
    for (Line line : lines) {
      JsonNode e = line.entity();
      String schemaName = e.path("schema").asString();
      Schema schema = SCHEMATA.get(schemaName);
      if (schema == null) {
        if (!schemaName.equals("Address") && !schemaName.equals("Sanction")) {
          skipped.merge(schemaName, 1, Integer::sum);
        }
        continue;
      }
      if (e.path("target").isBoolean() && !e.path("target").asBoolean()) {
        nonTargets++;
        continue;
      }
      String id = e.path("id").asString();
      if (entities.containsKey(id)) {
        throw new ListFormatException(source.name(), line.number(), "entity " + id + " appears twice");
      }
      e.path("datasets").forEach(d -> datasets.add(d.asString()));
      List<JsonNode> linked = new ArrayList<>(sanctions.getOrDefault(id, List.of()));
      e.path("referents").forEach(r -> linked.addAll(sanctions.getOrDefault(r.asString(), List.of())));
      SanctionedEntity.Builder b = entity(source.name(), line, schema, addresses, linked);
      entities.put(id, b.build());
    }
    if (nonTargets > 0) {
      notes.accept(nonTargets + " entities marked \"target\": false (related parties, not listed) were skipped");
    }
    if (!skipped.isEmpty()) {
      notes.accept("entities of other schemata were skipped: " + skipped);
    }
    // Merged exports name dozens of datasets; three are enough to tell lists apart in a report.
    List<String> shown = datasets.stream().limit(3).toList();
    String name = "FollowTheMoney" + (datasets.isEmpty() ? "" : " " + String.join(", ", shown))
        + (datasets.size() > 3 ? " and " + (datasets.size() - 3) + " more datasets" : "");
    List<SanctionedEntity> listed = entities.values().stream().map(en -> en.withList(name, version)).toList();
    return new SanctionsList(name, origin, version, Optional.empty(), listed);
  }

  private static SanctionedEntity.Builder entity(
      String file, Line line, Schema schema, Map<String, JsonNode> addresses, List<JsonNode> sanctions) {
    JsonNode entity = line.entity();
    JsonNode p = entity.path("properties");
    SanctionedEntity.Builder b = SanctionedEntity.builder(entity.path("id").asString(), schema);

    List<String> names = new ArrayList<>(values(p, "name"));
    String caption = entity.path("caption").asString("");
    if (names.remove(caption)) {
      names.addFirst(caption);
    }
    if (names.isEmpty()) {
      if (caption.isBlank()) {
        throw new ListFormatException(file, line.number(), "entity " + entity.path("id").asString() + " has no name");
      }
      names.add(caption);
    }
    for (String name : names) {
      b.name(new EntityName(name, NameStrength.PRIMARY, schema == Schema.PERSON ? parts(p, name) : List.of(), false));
    }
    values(p, "alias").forEach(a -> b.name(a, NameStrength.ALIAS));
    values(p, "previousName").forEach(a -> b.name(a, NameStrength.ALIAS));
    values(p, "weakAlias").forEach(a -> b.name(a, NameStrength.WEAK_ALIAS));
    values(p, "abbreviation").forEach(a -> b.name(a, NameStrength.WEAK_ALIAS));

    values(p, "birthDate").forEach(d -> PartialDate.parse(d).ifPresent(b::birthDate));
    values(p, "birthPlace").forEach(b::birthPlace);
    countries(b, p, "nationality", CountryRole.NATIONALITY);
    countries(b, p, "citizenship", CountryRole.CITIZENSHIP);
    countries(b, p, "birthCountry", CountryRole.BIRTH);
    countries(b, p, "jurisdiction", CountryRole.JURISDICTION);
    countries(b, p, "flag", CountryRole.FLAG);
    countries(b, p, "country", CountryRole.OTHER);
    countries(b, p, "mainCountry", CountryRole.OTHER);
    countries(b, p, "pastFlags", CountryRole.OTHER);
    for (String gender : values(p, "gender")) {
      switch (gender.toLowerCase(Locale.ROOT)) {
        case "male" -> b.gender(Gender.MALE);
        case "female" -> b.gender(Gender.FEMALE);
        default -> { }
      }
    }
    IDENTIFIER_PROPERTIES.forEach((property, type) ->
        values(p, property).forEach(v -> b.identifier(new Identifier(type, v, Optional.empty(), property))));
    values(p, "address").forEach(a -> b.address(new Address(a, Optional.empty())));
    for (String ref : values(p, "addressEntity")) {
      JsonNode address = addresses.get(ref);
      if (address != null) {
        Optional<Country> country = values(address, "country").stream().findFirst().flatMap(Country::fromCode);
        String full = values(address, "full").stream().findFirst().orElse(String.join(", ",
            values(address, "street").stream().findFirst().orElse(""), values(address, "city").stream().findFirst().orElse("")));
        if (!full.isBlank() || country.isPresent()) {
          b.address(new Address(full.replaceAll("^[, ]+|[, ]+$", ""), country));
        }
        country.ifPresent(c -> b.country(c, CountryRole.RESIDENCE));
      }
    }
    values(p, "position").forEach(b::title);
    values(p, "title").forEach(b::title);
    values(p, "programId").forEach(b::programme);
    values(p, "program").forEach(b::programme);
    values(p, "notes").forEach(b::remark);
    values(p, "summary").forEach(b::remark);

    Optional<LocalDate> listed = Optional.empty();
    for (JsonNode sanction : sanctions) {
      List<String> ids = values(sanction, "programId");
      (ids.isEmpty() ? values(sanction, "program") : ids).forEach(b::programme);
      for (String property : List.of("listingDate", "startDate")) {
        for (String d : values(sanction, property)) {
          Optional<LocalDate> date = date(d);
          if (date.isPresent() && (listed.isEmpty() || date.get().isBefore(listed.get()))) {
            listed = date;
          }
        }
      }
    }
    if (listed.isEmpty()) {
      listed = values(p, "createdAt").stream().map(FtmImporter::date).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }
    listed.ifPresent(b::listedOn);

    if (schema == Schema.VESSEL) {
      b.vessel(new VesselDetails(first(p, "callSign"), first(p, "type"),
          values(p, "flag").stream().findFirst().flatMap(Country::fromCode), first(p, "tonnage"),
          first(p, "grossRegisteredTonnage"), first(p, "owner")));
    }
    return b;
  }

  /**
   * The parts of one of several names: FtM gives parts per entity, not per name, so a part
   * belongs to a name when its value occurs in it (the longest such value of each kind).
   */
  private static List<NamePart> parts(JsonNode properties, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    List<NamePart> parts = new ArrayList<>();
    NAME_PARTS.forEach((property, type) -> values(properties, property).stream()
        .filter(v -> !v.isBlank() && lower.contains(v.toLowerCase(Locale.ROOT)))
        .max(Comparator.comparingInt(String::length))
        .ifPresent(v -> parts.add(new NamePart(type, v))));
    return parts;
  }

  private static void countries(SanctionedEntity.Builder b, JsonNode properties, String property, CountryRole role) {
    values(properties, property).forEach(code -> Country.fromCode(code).ifPresent(c -> b.country(c, role)));
  }

  private static String first(JsonNode properties, String property) {
    return values(properties, property).stream().findFirst().orElse("");
  }

  /** The non-blank string values of a multi-valued FtM property. */
  private static List<String> values(JsonNode properties, String property) {
    JsonNode node = properties.path(property);
    if (!node.isArray()) {
      return node.isString() && !node.asString().isBlank() ? List.of(node.asString()) : List.of();
    }
    List<String> values = new ArrayList<>(node.size());
    node.forEach(v -> {
      if (v.isString() && !v.asString().isBlank()) {
        values.add(v.asString().strip());
      }
    });
    return values;
  }

  private static Optional<LocalDate> date(String text) {
    if (text.length() < 10) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.substring(0, 10)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}

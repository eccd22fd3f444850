package dev.compact.sanctions;

import dev.compact.sanctions.CsvRecords.CsvRecord;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the UK consolidated list of financial sanctions targets (OFSI, now published by the FCDO)
 * in its CSV form ({@code ConList.csv}, "2022 format"): a {@code Last Updated,DD/MM/YYYY} line, a
 * header row ({@code Name 6, Name 1, ..., Group Type, Alias Type, Alias Quality, Regime, Listed On,
 * ..., Group ID}) and one row per name of each target, grouped by {@code Group ID}.
 *
 * <p>Name 6 is the surname (or an entity's whole name) and Names 1 to 5 the forenames; dates are
 * DD/MM/YYYY with 00 for an unknown day or month; fields with several values number them, "(1)
 * Russia (2) Ukraine".
 */
public final class UkConsolidatedImporter {

  public static final String LIST = "UK Consolidated List of Financial Sanctions Targets";

  private static final List<String> REQUIRED = List.of("Name 6", "Group Type", "Group ID");
  private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/uuuu");
  private static final Pattern NUMBERED = Pattern.compile("\\(\\d+\\)\\s*");
  private static final Pattern UK_DATE = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");
  private static final Pattern IMO = Pattern.compile("(?i)\\bIMO(?:\\s+number)?\\s*:?\\s*(\\d{7})\\b");

  private UkConsolidatedImporter() {}

  public static SanctionsList load(Path file) {
    return read(SourceBytes.read(file), file.toString());
  }

  public static SanctionsList read(String fileName, InputStream in) {
    return read(SourceBytes.read(fileName, in), fileName);
  }

  /** The names of one group, gathered before choosing the primary one. */
  private static final class Pending {
    final SanctionedEntity.Builder builder;
    final long line;
    final List<EntityName> names = new ArrayList<>();
    final Set<String> seen = new LinkedHashSet<>();

    Pending(SanctionedEntity.Builder builder, long line) {
      this.builder = builder;
      this.line = line;
    }
  }

  static SanctionsList read(SourceBytes source, String origin) {
    List<CsvRecord> rows = CsvRecords.parse(source.name(), source.utf8Text(), ',');
    int headerAt = 0;
    Optional<LocalDate> issued = Optional.empty();
    if (!rows.isEmpty() && rows.getFirst().get(0).strip().equalsIgnoreCase("Last Updated")) {
      issued = rows.getFirst().size() > 1 ? date(rows.getFirst().get(1).strip()) : Optional.empty();
      headerAt = 1;
    }
    if (rows.size() <= headerAt) {
      throw new ListFormatException(source.name(), 0, "has no header row; expected Name 6, Name 1, ..., Group ID");
    }
    HeaderedCsv csv = HeaderedCsv.of(source.name(), rows.get(headerAt), REQUIRED);
    Map<String, Pending> groups = new LinkedHashMap<>();
    for (CsvRecord row : rows.subList(headerAt + 1, rows.size())) {
      csv.checkWidth(row);
      String id = csv.get(row, "Group ID");
      if (id.isEmpty()) {
        throw new ListFormatException(source.name(), row.line(), "the row has no Group ID");
      }
      Pending group = groups.get(id);
      if (group == null) {
        group = new Pending(SanctionedEntity.builder(id, schema(source.name(), row, csv)), row.line());
        groups.put(id, group);
      } else if (group.builder.schema() != schema(source.name(), row, csv)) {
        throw new ListFormatException(source.name(), row.line(),
            "Group ID " + id + " has another Group Type than on line " + group.line);
      }
      row(group, row, csv);
    }
    String version = source.sha256();
    List<SanctionedEntity> built = new ArrayList<>(groups.size());
    for (Pending group : groups.values()) {
      List<EntityName> names = new ArrayList<>(group.names);
      if (names.stream().noneMatch(n -> n.strength() == NameStrength.PRIMARY)) {
        // A group listed only under aliases: its first name stands in as the primary one.
        EntityName first = names.removeFirst();
        names.addFirst(new EntityName(first.full(), NameStrength.PRIMARY, first.parts(), first.originalScript()));
      }
      names.forEach(group.builder::name);
      built.add(group.builder.list(LIST, version).build());
    }
    return new SanctionsList(LIST, origin, version, issued, built);
  }

  private static Schema schema(String file, CsvRecord row, HeaderedCsv csv) {
    return switch (csv.get(row, "Group Type").toLowerCase(Locale.ROOT)) {
      case "individual" -> Schema.PERSON;
      case "entity" -> Schema.ORGANIZATION;
      case "ship" -> Schema.VESSEL;
      default -> throw new ListFormatException(file, row.line(),
          "Group Type must be Individual, Entity or Ship, not '" + csv.get(row, "Group Type") + "'");
    };
  }

  private static void row(Pending group, CsvRecord row, HeaderedCsv csv) {
    SanctionedEntity.Builder b = group.builder;
    boolean person = b.schema() == Schema.PERSON;
    List<NamePart> parts = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String given = csv.get(row, "Name " + i);
      if (!given.isEmpty()) {
        words.add(given);
        parts.add(new NamePart(i == 1 ? NamePartType.GIVEN : NamePartType.MIDDLE, given));
      }
    }
    String family = csv.get(row, "Name 6");
    if (!family.isEmpty()) {
      words.add(family);
      parts.add(new NamePart(NamePartType.FAMILY, family));
    }
    if (!words.isEmpty()) {
      String aliasType = csv.get(row, "Alias Type").toLowerCase(Locale.ROOT);
      NameStrength strength = aliasType.equals("primary name") ? NameStrength.PRIMARY
          : csv.get(row, "Alias Quality").equalsIgnoreCase("Low") ? NameStrength.WEAK_ALIAS : NameStrength.ALIAS;
      String full = String.join(" ", words);
      if (group.seen.add("name:" + full)) {
        group.names.add(new EntityName(full, strength, person ? parts : List.of(), false));
      }
    }
    String original = csv.get(row, "Name Non-Latin Script");
    if (!original.isEmpty() && group.seen.add("name:" + original)) {
      group.names.add(new EntityName(original, NameStrength.PRIMARY, List.of(), true));
    }
    b.title(csv.get(row, "Title"));
    values(csv.get(row, "Position")).forEach(b::title);
    for (String dob : values(csv.get(row, "DOB"))) {
      dateOfBirth(dob).ifPresent(b::birthDate);
    }
    String town = csv.get(row, "Town of Birth");
    String birthCountry = csv.get(row, "Country of Birth");
    b.birthPlace(String.join(", ", List.of(town, birthCountry).stream().filter(s -> !s.isEmpty()).toList()));
    values(birthCountry).forEach(c -> Country.fromName(c).ifPresent(x -> b.country(x, CountryRole.BIRTH)));
    values(csv.get(row, "Nationality")).forEach(c -> Country.fromName(c).ifPresent(x -> b.country(x, CountryRole.NATIONALITY)));
    identifiers(b, IdentifierType.PASSPORT, csv.get(row, "Passport Number"), csv.get(row, "Passport Details"));
    identifiers(b, IdentifierType.NATIONAL_ID, csv.get(row, "National Identification Number"),
        csv.get(row, "National Identification Details"));
    address(group, row, csv);
    b.programme(csv.get(row, "Regime"));
    date(csv.get(row, "Listed On")).ifPresent(b::listedOn);
    String other = csv.get(row, "Other Information");
    if (group.seen.add("remark:" + other)) {
      b.remark(other);
      Matcher imo = IMO.matcher(other);
      while (imo.find()) {
        b.identifier(new Identifier(IdentifierType.IMO, imo.group(1), Optional.empty(), "IMO number"));
      }
    }
  }

  private static void identifiers(SanctionedEntity.Builder b, IdentifierType type, String numbers, String details) {
    List<String> detail = values(details);
    List<String> values = values(numbers);
    for (int i = 0; i < values.size(); i++) {
      String d = i < detail.size() ? detail.get(i) : "";
      Optional<Country> country = Country.fromName(d.replaceFirst("(?i)^(issued by|issued in)\\s+", "").replaceFirst("\\..*$", ""));
      b.identifier(new Identifier(type, values.get(i), country, d));
    }
  }

  private static void address(Pending group, CsvRecord row, HeaderedCsv csv) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      String line = csv.get(row, "Address " + i);
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    String zip = csv.get(row, "Post/Zip Code");
    if (!zip.isEmpty()) {
      lines.add(zip);
    }
    String countryText = csv.get(row, "Country");
    Optional<Country> country = Country.fromName(countryText);
    if (country.isEmpty() && !countryText.isEmpty()) {
      lines.add(countryText);
    }
    String text = String.join(", ", lines);
    if ((!text.isEmpty() || country.isPresent()) && group.seen.add("address:" + text + country)) {
      group.builder.address(new Address(text, country));
      country.ifPresent(c -> group.builder.country(c, CountryRole.RESIDENCE));
    }
  }

  /** "00/00/1962" is a year, "00/06/1962" a month, "23/06/1962" a day. */
  static Optional<PartialDate> dateOfBirth(String text) {
    Matcher m = UK_DATE.matcher(text.strip());
    if (!m.matches()) {
      return PartialDate.parse(text);
    }
    try {
      int day = Integer.parseInt(m.group(1));
      int month = Integer.parseInt(m.group(2));
      return Optional.of(new PartialDate(Integer.parseInt(m.group(3)), month, month == 0 ? 0 : day, false));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The values of a field that may number several, "(1) Russia (2) Ukraine". */
  static List<String> values(String field) {
    if (field.isBlank()) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String part : NUMBERED.split(field)) {
      if (!part.isBlank()) {
        values.add(part.strip());
      }
    }
    return values;
  }

  private static Optional<LocalDate> date(String text) {
    try {
      return text.isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(text, DAY_MONTH_YEAR));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

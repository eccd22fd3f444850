package dev.compact.sanctions;

import dev.compact.sanctions.CsvRecords.CsvRecord;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the EU financial sanctions file (FSF) in its CSV form, version 1.1: semicolon-separated,
 * UTF-8 with a byte-order mark, one header row, and one row per name, address, birth date,
 * identification or citizenship of an entity, repeating the entity's own columns
 * ({@code Entity_LogicalId}, {@code Entity_SubjectType}, {@code Entity_Regulation_Programme}...).
 *
 * <p>The file does not mark a primary name: the first Latin-script name is taken as primary, the
 * others as aliases, and names in another script as primary names in original script.
 */
public final class EuFsfImporter {

  public static final String LIST = "EU Financial Sanctions Files (FSF)";

  private static final List<String> REQUIRED =
      List.of("Entity_LogicalId", "Entity_SubjectType", "NameAlias_WholeName");
  private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/uuuu");

  private EuFsfImporter() {}

  public static SanctionsList load(Path file) {
    return read(SourceBytes.read(file), file.toString());
  }

  public static SanctionsList read(String fileName, InputStream in) {
    return read(SourceBytes.read(fileName, in), fileName);
  }

  /** What has been read of one entity so far, with the sub-records already seen. */
  private static final class Pending {
    final SanctionedEntity.Builder builder;
    final long line;
    final List<EntityName> latin = new ArrayList<>();
    final List<EntityName> original = new ArrayList<>();
    final Set<String> seen = new HashSet<>();

    Pending(SanctionedEntity.Builder builder, long line) {
      this.builder = builder;
      this.line = line;
    }
  }

  static SanctionsList read(SourceBytes source, String origin) {
    List<CsvRecord> rows = CsvRecords.parse(source.name(), source.utf8Text(), ';');
    if (rows.isEmpty()) {
      throw new ListFormatException(source.name(), 0, "is empty; expected a header row and entries");
    }
    HeaderedCsv csv = HeaderedCsv.of(source.name(), rows.getFirst(), REQUIRED);
    Map<String, Pending> entities = new LinkedHashMap<>();
    Optional<LocalDate> issued = Optional.empty();
    for (CsvRecord row : rows.subList(1, rows.size())) {
      csv.checkWidth(row);
      String id = csv.get(row, "Entity_LogicalId");
      if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
        throw new ListFormatException(source.name(), row.line(), "Entity_LogicalId must be a number, not '" + id + "'");
      }
      if (issued.isEmpty()) {
        issued = date(csv.get(row, "fileGenerationDate"));
      }
      Pending entity = entities.get(id);
      if (entity == null) {
        entity = new Pending(SanctionedEntity.builder(id, schema(source.name(), row, csv)), row.line());
        entityFields(entity.builder, row, csv);
        entities.put(id, entity);
      }
      subRecords(entity, row, csv);
    }
    String version = source.sha256();
    List<SanctionedEntity> built = new ArrayList<>(entities.size());
    for (Pending p : entities.values()) {
      if (p.latin.isEmpty() && p.original.isEmpty()) {
        throw new ListFormatException(source.name(), p.line, "entity " + p.builder.id() + " has no NameAlias_WholeName");
      }
      // The first Latin-script name is primary; without one, the first name in original script.
      List<EntityName> names = new ArrayList<>(p.latin);
      if (!names.isEmpty()) {
        EntityName first = names.removeFirst();
        p.builder.name(new EntityName(first.full(), NameStrength.PRIMARY, first.parts(), false));
      }
      names.forEach(p.builder::name);
      p.original.forEach(p.builder::name);
      built.add(p.builder.list(LIST, version).build());
    }
    return new SanctionsList(LIST, origin, version, issued, built);
  }

  private static Schema schema(String file, CsvRecord row, HeaderedCsv csv) {
    String type = csv.get(row, "Entity_SubjectType").toLowerCase(Locale.ROOT);
    return switch (type) {
      case "person", "p" -> Schema.PERSON;
      case "enterprise", "e" -> Schema.ORGANIZATION;
      default -> throw new ListFormatException(file, row.line(),
          "Entity_SubjectType must be person or enterprise, not '" + csv.get(row, "Entity_SubjectType") + "'");
    };
  }

  private static void entityFields(SanctionedEntity.Builder b, CsvRecord row, HeaderedCsv csv) {
    b.programme(csv.get(row, "Entity_Regulation_Programme"));
    date(csv.get(row, "Entity_DesignationDate")).or(() -> date(csv.get(row, "Entity_Regulation_EntryIntoForceDate")))
        .ifPresent(b::listedOn);
    b.remark(csv.get(row, "Entity_Remark"));
    String reference = csv.get(row, "Entity_EU_ReferenceNumber");
    if (!reference.isEmpty()) {
      b.identifier(new Identifier(IdentifierType.OTHER, reference, Optional.empty(), "EU reference number"));
    }
    String un = csv.get(row, "Entity_UnitedNationId");
    if (!un.isEmpty()) {
      b.identifier(new Identifier(IdentifierType.OTHER, un, Optional.empty(), "UN reference number"));
    }
  }

  private static void subRecords(Pending p, CsvRecord row, HeaderedCsv csv) {
    SanctionedEntity.Builder b = p.builder;
    String whole = csv.get(row, "NameAlias_WholeName");
    if (!whole.isEmpty() && p.seen.add("name:" + whole)) {
      List<NamePart> parts = new ArrayList<>();
      addPart(parts, NamePartType.TITLE, csv.get(row, "NameAlias_Title"));
      addPart(parts, NamePartType.GIVEN, csv.get(row, "NameAlias_FirstName"));
      addPart(parts, NamePartType.MIDDLE, csv.get(row, "NameAlias_MiddleName"));
      addPart(parts, NamePartType.FAMILY, csv.get(row, "NameAlias_LastName"));
      boolean latin = isLatin(whole);
      EntityName name = new EntityName(whole, latin ? NameStrength.ALIAS : NameStrength.PRIMARY, parts, !latin);
      (latin ? p.latin : p.original).add(name);
      switch (csv.get(row, "NameAlias_Gender").toUpperCase(Locale.ROOT)) {
        case "M" -> b.gender(Gender.MALE);
        case "F" -> b.gender(Gender.FEMALE);
        default -> { }
      }
      b.title(csv.get(row, "NameAlias_Function"));
    }
    String addressId = csv.get(row, "Address_LogicalId");
    String street = join(csv.get(row, "Address_Street"), csv.get(row, "Address_PoBox"), csv.get(row, "Address_City"),
        csv.get(row, "Address_ZipCode"), csv.get(row, "Address_Region"), csv.get(row, "Address_Place"));
    Optional<Country> addressCountry = country(csv.get(row, "Address_CountryIso2Code"), csv.get(row, "Address_CountryDescription"));
    if ((!street.isEmpty() || addressCountry.isPresent()) && p.seen.add("address:" + addressId + street)) {
      b.address(new Address(street, addressCountry));
      addressCountry.ifPresent(c -> b.country(c, CountryRole.RESIDENCE));
    }
    String birthId = csv.get(row, "BirthDate_LogicalId");
    List<PartialDate> dates = birthDates(row, csv);
    if ((!dates.isEmpty() || !csv.get(row, "BirthDate_City").isEmpty()) && p.seen.add("birth:" + birthId + dates)) {
      dates.forEach(b::birthDate);
      b.birthPlace(join(csv.get(row, "BirthDate_Place"), csv.get(row, "BirthDate_City"), csv.get(row, "BirthDate_CountryDescription")));
      country(csv.get(row, "BirthDate_CountryIso2Code"), csv.get(row, "BirthDate_CountryDescription"))
          .ifPresent(c -> b.country(c, CountryRole.BIRTH));
    }
    String number = csv.get(row, "Identification_Number");
    if (!number.isEmpty()) {
      Optional<Country> issuer = country(csv.get(row, "Identification_CountryIso2Code"), csv.get(row, "Identification_CountryDescription"));
      String label = csv.get(row, "Identification_TypeDescription");
      b.identifier(new Identifier(identifierType(csv.get(row, "Identification_TypeCode"), number, issuer), number, issuer,
          label.isEmpty() ? csv.get(row, "Identification_TypeCode") : label));
    }
    country(csv.get(row, "Citizenship_CountryIso2Code"), csv.get(row, "Citizenship_CountryDescription"))
        .ifPresent(c -> b.country(c, CountryRole.CITIZENSHIP));
  }

  private static List<PartialDate> birthDates(CsvRecord row, HeaderedCsv csv) {
    boolean circa = csv.get(row, "BirthDate_Circa").equals("1") || csv.get(row, "BirthDate_Circa").equalsIgnoreCase("true");
    Optional<PartialDate> date = PartialDate.parse(csv.get(row, "BirthDate_BirthDate"));
    if (date.isEmpty()) {
      try {
        int year = Integer.parseInt(csv.get(row, "BirthDate_Year"));
        String month = csv.get(row, "BirthDate_Month");
        String day = csv.get(row, "BirthDate_Day");
        date = Optional.of(new PartialDate(year, month.isEmpty() ? 0 : Integer.parseInt(month),
            day.isEmpty() || month.isEmpty() ? 0 : Integer.parseInt(day), false));
      } catch (IllegalArgumentException e) {
        date = Optional.empty();
      }
    }
    if (date.isPresent()) {
      return List.of(circa ? date.get().asApproximate() : date.get());
    }
    try {
      int from = Integer.parseInt(csv.get(row, "BirthDate_YearRangeFrom"));
      int to = Integer.parseInt(csv.get(row, "BirthDate_YearRangeTo"));
      return from <= to ? PartialDate.yearsBetween(from, to) : List.of();
    } catch (NumberFormatException e) {
      return List.of();
    }
  }

  private static IdentifierType identifierType(String code, String number, Optional<Country> country) {
    boolean russian = country.map(c -> c.code().equals("RU")).orElse(false);
    return switch (code.toLowerCase(Locale.ROOT)) {
      case "passport", "traveldoc" -> IdentifierType.PASSPORT;
      case "id", "ssn", "nationalid" -> IdentifierType.NATIONAL_ID;
      case "regnumber" -> russian && (number.length() == 13 || number.length() == 15) ? IdentifierType.OGRN
          : IdentifierType.REGISTRATION;
      case "tax", "fiscalcode" -> russian ? IdentifierType.INN : IdentifierType.TAX_ID;
      case "swiftbic" -> IdentifierType.BIC;
      case "imo" -> IdentifierType.IMO;
      default -> IdentifierType.OTHER;
    };
  }

  private static Optional<Country> country(String iso2, String description) {
    // "00" is the file's code for an unknown country.
    return Country.fromCode(iso2).or(() -> Country.fromName(description));
  }

  static boolean isLatin(String text) {
    return text.codePoints().filter(Character::isLetter)
        .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
  }

  private static void addPart(List<NamePart> parts, NamePartType type, String value) {
    if (!value.isBlank()) {
      parts.add(new NamePart(type, value));
    }
  }

  private static String join(String... parts) {
    return String.join(", ", Arrays.stream(parts).filter(s -> !s.isBlank()).toList());
  }

  private static Optional<LocalDate> date(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(text.contains("/") ? LocalDate.parse(text, DAY_MONTH_YEAR) : LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

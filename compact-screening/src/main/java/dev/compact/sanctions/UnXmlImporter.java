package dev.compact.sanctions;

import dev.compact.sanctions.XmlTree.Element;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the UN Security Council Consolidated List in its XML form ({@code CONSOLIDATED_LIST} with
 * {@code INDIVIDUALS} and {@code ENTITIES}).
 *
 * <p>Names in original script ({@code NAME_ORIGINAL_SCRIPT}) are kept as primary names of their
 * own, flagged {@link EntityName#originalScript()}; alias quality "Good" becomes {@link
 * NameStrength#ALIAS} and "Low" {@link NameStrength#WEAK_ALIAS}.
 */
public final class UnXmlImporter {

  /** The list name, which is also the attribution the UN asks for. */
  public static final String LIST = "UN Security Council Consolidated List";

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private UnXmlImporter() {}

  public static SanctionsList load(Path file) {
    return read(SourceBytes.read(file), file.toString());
  }

  public static SanctionsList read(String fileName, InputStream in) {
    return read(SourceBytes.read(fileName, in), fileName);
  }

  static SanctionsList read(SourceBytes source, String origin) {
    Element root = XmlTree.parse(source);
    if (!root.name().equals("CONSOLIDATED_LIST")) {
      throw new ListFormatException(source.name(), root.line(),
          "expected a CONSOLIDATED_LIST root element, found " + root.name());
    }
    String version = source.sha256();
    List<SanctionedEntity> entities = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Element group : root.children()) {
      boolean individuals = group.name().equals("INDIVIDUALS");
      if (!individuals && !group.name().equals("ENTITIES")) {
        continue;
      }
      for (Element e : group.children()) {
        String expected = individuals ? "INDIVIDUAL" : "ENTITY";
        if (!e.name().equals(expected)) {
          throw new ListFormatException(source.name(), e.line(),
              "expected " + expected + " inside " + group.name() + ", found " + e.name());
        }
        SanctionedEntity entity = entity(source.name(), e, individuals).list(LIST, version).build();
        if (!seen.add(entity.id().value())) {
          throw new ListFormatException(source.name(), e.line(), "DATAID " + entity.id() + " appears twice");
        }
        entities.add(entity);
      }
    }
    Optional<LocalDate> issued = date(root.attributes().getOrDefault("dateGenerated", ""));
    return new SanctionsList(LIST, origin, version, issued, entities);
  }

  private static SanctionedEntity.Builder entity(String file, Element e, boolean individual) {
    String id = e.text("DATAID");
    if (id.isEmpty() || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ListFormatException(file, e.line(), "entry without a numeric DATAID");
    }
    Schema schema = individual ? Schema.PERSON : Schema.ORGANIZATION;
    SanctionedEntity.Builder b = SanctionedEntity.builder(id, schema);

    List<NamePart> parts = new ArrayList<>();
    String[] fields = {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"};
    long present = Arrays.stream(fields).filter(f -> !e.text(f).isEmpty()).count();
    for (int i = 0; i < fields.length; i++) {
      String value = e.text(fields[i]);
      if (!value.isEmpty() && individual) {
        // Only a two-part name reliably reads as given name and family name; in longer (often
        // Arabic) names the later parts are fathers' and grandfathers' names.
        NamePartType type = i == 0 ? NamePartType.GIVEN
            : (i == 1 && present == 2) ? NamePartType.FAMILY : NamePartType.OTHER;
        parts.add(new NamePart(type, value));
      }
    }
    String full = String.join(" ", Arrays.stream(fields).map(e::text).filter(s -> !s.isEmpty()).toList());
    if (full.isEmpty()) {
      throw new ListFormatException(file, e.line(), "entry " + id + " has no name");
    }
    b.name(new EntityName(full, NameStrength.PRIMARY, individual ? parts : List.of(), false));
    String original = e.text("NAME_ORIGINAL_SCRIPT");
    if (!original.isEmpty()) {
      b.name(new EntityName(original, NameStrength.PRIMARY, List.of(), true));
    }
    for (Element alias : e.all(individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")) {
      String name = alias.text("ALIAS_NAME");
      if (name.isEmpty()) {
        continue;
      }
      NameStrength strength = alias.text("QUALITY").equalsIgnoreCase("Low")
          ? NameStrength.WEAK_ALIAS : NameStrength.ALIAS;
      b.name(EntityName.of(name, strength));
      PartialDate.parseDateOrRange(alias.text("DATE_OF_BIRTH")).forEach(b::birthDate);
      Country.fromName(alias.text("COUNTRY_OF_BIRTH")).ifPresent(c -> b.country(c, CountryRole.BIRTH));
      b.birthPlace(join(alias.text("CITY_OF_BIRTH"), alias.text("COUNTRY_OF_BIRTH")));
    }

    b.programme(e.text("UN_LIST_TYPE"));
    String reference = e.text("REFERENCE_NUMBER");
    if (!reference.isEmpty()) {
      b.identifier(new Identifier(IdentifierType.OTHER, reference, Optional.empty(), "UN reference number"));
    }
    date(e.text("LISTED_ON")).ifPresent(b::listedOn);
    switch (e.text("GENDER").toLowerCase(Locale.ROOT)) {
      case "male" -> b.gender(Gender.MALE);
      case "female" -> b.gender(Gender.FEMALE);
      default -> { }
    }
    e.first("TITLE").ifPresent(t -> t.all("VALUE").forEach(v -> b.title(v.text())));
    e.first("DESIGNATION").ifPresent(t -> t.all("VALUE").forEach(v -> b.title(v.text())));
    e.first("NATIONALITY").ifPresent(n -> n.all("VALUE").forEach(v -> country(b, v.text(), CountryRole.NATIONALITY)));

    for (Element dob : e.all("INDIVIDUAL_DATE_OF_BIRTH")) {
      birthDates(dob).forEach(b::birthDate);
    }
    for (Element pob : e.all("INDIVIDUAL_PLACE_OF_BIRTH")) {
      b.birthPlace(join(pob.text("STREET"), pob.text("CITY"), pob.text("STATE_PROVINCE"), pob.text("COUNTRY")));
      Country.fromName(pob.text("COUNTRY")).ifPresent(c -> b.country(c, CountryRole.BIRTH));
    }
    for (Element address : e.all(individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")) {
      String countryText = address.text("COUNTRY");
      Optional<Country> country = Country.fromName(countryText);
      String text = join(address.text("STREET"), address.text("CITY"), address.text("STATE_PROVINCE"),
          address.text("ZIP_CODE"), country.isPresent() ? "" : countryText);
      if (!text.isEmpty() || country.isPresent()) {
        b.address(new Address(text, country));
      }
      country.ifPresent(c -> b.country(c, CountryRole.RESIDENCE));
    }
    for (Element document : e.all("INDIVIDUAL_DOCUMENT")) {
      document(document).ifPresent(b::identifier);
    }
    b.remark(e.text("COMMENTS1"));
    return b;
  }

  private static List<PartialDate> birthDates(Element dob) {
    String type = dob.text("TYPE_OF_DATE").toUpperCase(Locale.ROOT);
    List<PartialDate> dates = new ArrayList<>();
    if (type.equals("BETWEEN")) {
      try {
        int from = Integer.parseInt(dob.text("FROM_YEAR"));
        int to = Integer.parseInt(dob.text("TO_YEAR"));
        if (from <= to) {
          dates.addAll(PartialDate.yearsBetween(from, to));
        }
      } catch (NumberFormatException ignored) {
        // A BETWEEN without both years says nothing usable.
      }
      return dates;
    }
    PartialDate.parse(dob.text("DATE")).or(() -> PartialDate.parse(dob.text("YEAR"))).ifPresent(dates::add);
    if (type.equals("APPROXIMATELY")) {
      dates.replaceAll(PartialDate::asApproximate);
    }
    return dates;
  }

  private static Optional<Identifier> document(Element document) {
    String number = document.text("NUMBER");
    if (number.isEmpty()) {
      return Optional.empty();
    }
    String label = WHITESPACE.matcher(document.text("TYPE_OF_DOCUMENT")).replaceAll(" ").strip();
    String lower = label.toLowerCase(Locale.ROOT);
    IdentifierType type = lower.contains("passport") || lower.contains("passeport") || lower.contains("pasaporte")
        ? IdentifierType.PASSPORT
        : lower.contains("national identification") ? IdentifierType.NATIONAL_ID : IdentifierType.OTHER;
    Optional<Country> country = Country.fromName(document.text("ISSUING_COUNTRY"))
        .or(() -> Country.fromName(document.text("COUNTRY_OF_ISSUE")));
    return Optional.of(new Identifier(type, number, country, label));
  }

  private static void country(SanctionedEntity.Builder b, String name, CountryRole role) {
    Country.fromName(name).ifPresent(c -> b.country(c, role));
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

  private static String join(String... parts) {
    return String.join(", ", Arrays.stream(parts).filter(p -> !p.isBlank()).toList());
  }
}

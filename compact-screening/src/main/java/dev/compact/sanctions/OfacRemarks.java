package dev.compact.sanctions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fields OFAC packs into the free-text Remarks column of its legacy CSV files.
 *
 * <p>Remarks are "; "-separated statements such as {@code DOB 23 Nov 1962}, {@code POB Caracas,
 * Venezuela}, {@code Passport 1084010 (Egypt)}, {@code Vessel Registration Identification IMO
 * 9187629} or {@code Digital Currency Address - XBT 1Ab...}; "alt." in front of one marks an
 * alternative value. Statements this does not understand are kept, verbatim, in {@link #other}.
 *
 * @param birthDates dates of birth, ranges expanded as {@link PartialDate#parseDateOrRange} does
 * @param birthPlaces places of birth as written
 * @param countries nationality, citizenship, country of birth (from the last part of a place of
 *     birth), vessel flags
 * @param gender the gender when stated
 * @param identifiers typed identifiers
 * @param weakAliases the names OFAC gives as "a.k.a. 'X'" in the remarks, which are its weak aliases
 * @param linkedTo the names after "Linked To:"
 * @param other every statement not turned into a field
 */
record OfacRemarks(
    List<PartialDate> birthDates,
    List<String> birthPlaces,
    List<CountryLink> countries,
    Optional<Gender> gender,
    List<Identifier> identifiers,
    List<String> weakAliases,
    List<String> linkedTo,
    List<String> other) {

  private static final Pattern WEAK_ALIAS =
      Pattern.compile("(?i)^[afn]\\.k\\.a\\.,?\\s+'(.+)'$");
  private static final Pattern CRYPTO =
      Pattern.compile("^(Digital Currency Address - ([A-Z0-9]+))\\s+(\\S+)$");
  private static final Pattern LEI = Pattern.compile("^[A-Z0-9]{18}[0-9]{2}$");
  private static final Pattern OGRN = Pattern.compile("^\\d{13}(\\d{2})?$");
  private static final Pattern PARENTHESISED_TAIL = Pattern.compile("^(.*?)\\s*\\(([^()]*)\\)$");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[,.]$");
  private static final Pattern HAS_DIGIT = Pattern.compile("\\d");
  private static final Pattern VALIDITY = Pattern.compile("\\s+(?:issued|expires)\\b.*$");

  /** Identifier labels as OFAC writes them, longest first so "Company Number IMO" beats "Company Number". */
  private static final List<Map.Entry<String, IdentifierType>> LABELS =
      Map.ofEntries(
              Map.entry("Passport", IdentifierType.PASSPORT),
              Map.entry("Diplomatic Passport", IdentifierType.PASSPORT),
              Map.entry("Passport Booklet", IdentifierType.PASSPORT),
              Map.entry("Passport Booklet:", IdentifierType.PASSPORT),
              Map.entry("Stateless Person Passport", IdentifierType.PASSPORT),
              Map.entry("Travel Document Number", IdentifierType.PASSPORT),
              Map.entry("National ID No.", IdentifierType.NATIONAL_ID),
              Map.entry("Cedula No.", IdentifierType.NATIONAL_ID),
              Map.entry("C.U.R.P.", IdentifierType.NATIONAL_ID),
              Map.entry("C.U.R.P. #", IdentifierType.NATIONAL_ID),
              Map.entry("D.N.I.", IdentifierType.NATIONAL_ID),
              Map.entry("Identification Number", IdentifierType.NATIONAL_ID),
              Map.entry("Personal ID Card", IdentifierType.NATIONAL_ID),
              Map.entry("SSN", IdentifierType.NATIONAL_ID),
              Map.entry("National Foreign ID Number", IdentifierType.NATIONAL_ID),
              Map.entry("Electoral Registry No.", IdentifierType.NATIONAL_ID),
              Map.entry("Credencial electoral", IdentifierType.NATIONAL_ID),
              Map.entry("I.F.E.", IdentifierType.NATIONAL_ID),
              Map.entry("Citizen's Card Number", IdentifierType.NATIONAL_ID),
              Map.entry("Kenyan ID No.", IdentifierType.NATIONAL_ID),
              Map.entry("Turkish Identification Number", IdentifierType.NATIONAL_ID),
              Map.entry("Turkish Identificiation Number", IdentifierType.NATIONAL_ID),
              Map.entry("Tazkira National ID Card", IdentifierType.NATIONAL_ID),
              Map.entry("Numero de Identidad", IdentifierType.NATIONAL_ID),
              Map.entry("Moroccan Personal ID No.", IdentifierType.NATIONAL_ID),
              Map.entry("Residency Number", IdentifierType.NATIONAL_ID),
              Map.entry("C.U.I.P.", IdentifierType.NATIONAL_ID),
              Map.entry("C.U.I.", IdentifierType.NATIONAL_ID),
              Map.entry("Tax ID No.", IdentifierType.TAX_ID),
              Map.entry("NIT #", IdentifierType.TAX_ID),
              Map.entry("R.F.C.", IdentifierType.TAX_ID),
              Map.entry("R.F.C. #", IdentifierType.TAX_ID),
              Map.entry("RFC", IdentifierType.TAX_ID),
              Map.entry("RUC #", IdentifierType.TAX_ID),
              Map.entry("RIF #", IdentifierType.TAX_ID),
              Map.entry("V.A.T. Number", IdentifierType.TAX_ID),
              Map.entry("US FEIN", IdentifierType.TAX_ID),
              Map.entry("Italian Fiscal Code", IdentifierType.TAX_ID),
              Map.entry("Italian Fiscal Code:", IdentifierType.TAX_ID),
              Map.entry("C.U.I.T.", IdentifierType.TAX_ID),
              Map.entry("C.I.F.", IdentifierType.TAX_ID),
              Map.entry("RTN", IdentifierType.TAX_ID),
              Map.entry("Numero Unico de Identificacao Tributaria (NUIT)", IdentifierType.TAX_ID),
              Map.entry("Registration ID", IdentifierType.REGISTRATION),
              Map.entry("Registration Number", IdentifierType.REGISTRATION),
              Map.entry("Company Number", IdentifierType.REGISTRATION),
              Map.entry("UK Company Number", IdentifierType.REGISTRATION),
              Map.entry("Business Registration Number", IdentifierType.REGISTRATION),
              Map.entry("Business Registration Document #", IdentifierType.REGISTRATION),
              Map.entry("Commercial Registry Number", IdentifierType.REGISTRATION),
              Map.entry("Folio Mercantil No.", IdentifierType.REGISTRATION),
              Map.entry("Matricula Mercantil No", IdentifierType.REGISTRATION),
              Map.entry("Government Gazette Number", IdentifierType.REGISTRATION),
              Map.entry("Chamber of Commerce Number", IdentifierType.REGISTRATION),
              Map.entry("Trade License No.", IdentifierType.REGISTRATION),
              Map.entry("C.R. No.", IdentifierType.REGISTRATION),
              Map.entry("Public Registration Number", IdentifierType.REGISTRATION),
              Map.entry("Certificate of Incorporation Number", IdentifierType.REGISTRATION),
              Map.entry("Unified Social Credit Code (USCC)", IdentifierType.REGISTRATION),
              Map.entry("United Social Credit Code Certificate (USCCC)", IdentifierType.REGISTRATION),
              Map.entry("Registered Charity No.", IdentifierType.REGISTRATION),
              Map.entry("Enterprise Number", IdentifierType.REGISTRATION),
              Map.entry("Business Number", IdentifierType.REGISTRATION),
              Map.entry("Branch Unit Number", IdentifierType.REGISTRATION),
              Map.entry("LE Number", IdentifierType.REGISTRATION),
              Map.entry("Dubai Chamber of Commerce Membership No.", IdentifierType.REGISTRATION),
              Map.entry("D-U-N-S Number", IdentifierType.REGISTRATION),
              Map.entry("Aircraft Tail Number", IdentifierType.REGISTRATION),
              Map.entry("Legal Entity Number", IdentifierType.LEI),
              Map.entry("SWIFT/BIC", IdentifierType.BIC),
              Map.entry("Vessel Registration Identification IMO", IdentifierType.IMO),
              Map.entry("Company Number IMO", IdentifierType.IMO),
              Map.entry("Identification Number IMO", IdentifierType.IMO),
              Map.entry("IMO", IdentifierType.IMO),
              Map.entry("MMSI", IdentifierType.MMSI),
              Map.entry("Aircraft Manufacturer's Serial Number (MSN)", IdentifierType.OTHER),
              Map.entry("Aircraft Construction Number (also called L/N or S/N or F/N)", IdentifierType.OTHER),
              Map.entry("Aircraft Serial Identification", IdentifierType.OTHER),
              Map.entry("Aircraft Mode S Transponder Code", IdentifierType.OTHER),
              Map.entry("BIK (RU)", IdentifierType.OTHER),
              Map.entry("ISIN", IdentifierType.OTHER),
              Map.entry("Driver's License No.", IdentifierType.OTHER),
              Map.entry("Birth Certificate Number", IdentifierType.OTHER),
              Map.entry("Cartilla de Servicio Militar Nacional", IdentifierType.OTHER),
              Map.entry("Pilot License Number", IdentifierType.OTHER),
              Map.entry("Immigration No.", IdentifierType.OTHER),
              Map.entry("VisaNumberID", IdentifierType.OTHER))
          .entrySet()
          .stream()
          .map(e -> Map.entry(e.getKey() + " ", e.getValue()))
          .sorted(Comparator.comparingInt((Map.Entry<String, IdentifierType> e) -> -e.getKey().length())
              .thenComparing(Map.Entry::getKey))
          .toList();

  /** The labels grouped by their first word, so a statement is only tried against a few. */
  private static final Map<String, List<Map.Entry<String, IdentifierType>>> LABELS_BY_FIRST_WORD =
      LABELS.stream().collect(Collectors.groupingBy(
          e -> e.getKey().substring(0, e.getKey().indexOf(' ')),
          Collectors.toList()));

  OfacRemarks {
    birthDates = List.copyOf(birthDates);
    birthPlaces = List.copyOf(birthPlaces);
    countries = List.copyOf(countries);
    identifiers = List.copyOf(identifiers);
    weakAliases = List.copyOf(weakAliases);
    linkedTo = List.copyOf(linkedTo);
    other = List.copyOf(other);
  }

  /** Parses a whole Remarks text (with any sdn_comments overflow already appended). */
  static OfacRemarks parse(String remarks) {
    List<PartialDate> birthDates = new ArrayList<>();
    List<String> birthPlaces = new ArrayList<>();
    List<CountryLink> countries = new ArrayList<>();
    Gender gender = null;
    List<Identifier> identifiers = new ArrayList<>();
    List<String> weakAliases = new ArrayList<>();
    List<String> linkedTo = new ArrayList<>();
    List<String> other = new ArrayList<>();

    for (String statement : statements(remarks)) {
      String s = statement.regionMatches(true, 0, "alt. ", 0, 5) ? statement.substring(5).strip() : statement;
      if (s.startsWith("DOB ")) {
        List<PartialDate> dates = PartialDate.parseDateOrRange(s.substring(4));
        if (dates.isEmpty()) {
          other.add(statement);
        }
        birthDates.addAll(dates);
      } else if (s.startsWith("POB ")) {
        String place = s.substring(4).strip();
        birthPlaces.add(place);
        countryAtEnd(place).ifPresent(c -> countries.add(new CountryLink(c, CountryRole.BIRTH)));
      } else if (s.startsWith("nationality ")) {
        addCountry(countries, other, statement, s.substring(12), CountryRole.NATIONALITY);
      } else if (s.startsWith("citizen ")) {
        addCountry(countries, other, statement, s.substring(8), CountryRole.CITIZENSHIP);
      } else if (s.equals("Gender Male")) {
        gender = Gender.MALE;
      } else if (s.equals("Gender Female")) {
        gender = Gender.FEMALE;
      } else if (s.startsWith("Linked To: ")) {
        linkedTo.add(s.substring(11).strip());
      } else if (s.startsWith("Other Vessel Flag ")) {
        addCountry(countries, other, statement, s.substring(18), CountryRole.FLAG);
      } else if (s.startsWith("Former Vessel Flag ")) {
        // Kept as a plain association: a former flag says where the ship traded, not what it flies.
        addCountry(countries, other, statement, s.substring(19), CountryRole.OTHER);
      } else {
        // Checked by hand first: this runs for every statement and regexes are comparatively slow.
        Matcher alias = s.startsWith(".k.a.", 1) ? WEAK_ALIAS.matcher(s) : null;
        if (alias != null && alias.matches()) {
          weakAliases.add(alias.group(1).strip());
          continue;
        }
        Optional<Identifier> id = identifier(s);
        if (id.isPresent()) {
          identifiers.add(id.get());
        } else {
          other.add(statement);
        }
      }
    }
    return new OfacRemarks(birthDates, birthPlaces, countries, Optional.ofNullable(gender),
        identifiers, weakAliases, linkedTo, other);
  }

  /** Splits remarks into statements and drops the full stop that ends the last one. */
  static List<String> statements(String remarks) {
    if (remarks == null || remarks.isBlank()) {
      return List.of();
    }
    String text = remarks.strip();
    if (text.endsWith(".") && !text.endsWith("..")) {
      text = text.substring(0, text.length() - 1);
    }
    List<String> statements = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int semicolon = text.indexOf(';', start);
      int end = semicolon < 0 ? text.length() : semicolon;
      String part = text.substring(start, end).strip();
      if (!part.isEmpty()) {
        statements.add(part);
      }
      start = end + 1;
    }
    return statements;
  }

  /** Recognises an identifier statement ("Passport 1084010 (Egypt) issued 2003"). */
  static Optional<Identifier> identifier(String statement) {
    Matcher crypto = statement.startsWith("Digital Currency Address") ? CRYPTO.matcher(statement) : null;
    if (crypto != null && crypto.matches()) {
      return Optional.of(
          new Identifier(IdentifierType.CRYPTO, crypto.group(3), Optional.empty(), crypto.group(1)));
    }
    int space = statement.indexOf(' ');
    List<Map.Entry<String, IdentifierType>> candidates =
        space < 0 ? List.of() : LABELS_BY_FIRST_WORD.getOrDefault(statement.substring(0, space), List.of());
    for (Map.Entry<String, IdentifierType> label : candidates) {
      // Labels are stored with their trailing space: "Passport " must not match "PassportX".
      String prefix = label.getKey();
      if (!statement.startsWith(prefix)) {
        continue;
      }
      String rest = VALIDITY.matcher(statement.substring(prefix.length())).replaceFirst("").strip();
      Optional<Country> country = Optional.empty();
      Matcher tail = PARENTHESISED_TAIL.matcher(rest);
      if (tail.matches()) {
        country = Country.fromName(tail.group(2));
        if (country.isPresent()) {
          rest = tail.group(1).strip();
        }
      }
      rest = TRAILING_PUNCTUATION.matcher(rest).replaceFirst("").strip();
      if (rest.isEmpty() || !HAS_DIGIT.matcher(rest).find()) {
        return Optional.empty();
      }
      IdentifierType type = refine(label.getValue(), rest, country);
      return Optional.of(new Identifier(type, rest, country, prefix.strip()));
    }
    return Optional.empty();
  }

  /** Russian tax and registration numbers have their own types, as do real 20-character LEIs. */
  private static IdentifierType refine(IdentifierType type, String value, Optional<Country> country) {
    boolean russian = country.map(c -> c.code().equals("RU")).orElse(false);
    return switch (type) {
      case TAX_ID -> russian ? IdentifierType.INN : type;
      case REGISTRATION -> russian && OGRN.matcher(value).matches() ? IdentifierType.OGRN : type;
      case LEI -> LEI.matcher(value.toUpperCase(Locale.ROOT)).matches() ? type : IdentifierType.REGISTRATION;
      default -> type;
    };
  }

  private static void addCountry(
      List<CountryLink> countries, List<String> other, String statement, String name, CountryRole role) {
    Optional<Country> country = Country.fromName(name.strip());
    if (country.isPresent()) {
      countries.add(new CountryLink(country.get(), role));
    } else {
      other.add(statement);
    }
  }

  /**
   * The country a place ends with: its last comma-separated part ("Culiacan, Sinaloa, Mexico"), or
   * the last two for countries written with a comma ("Kinshasa, Congo, Democratic Republic of the").
   */
  private static Optional<Country> countryAtEnd(String place) {
    String[] parts = place.split(",");
    Optional<Country> last = Country.fromName(parts[parts.length - 1]);
    if (last.isPresent() || parts.length < 2) {
      return last;
    }
    return Country.fromName(parts[parts.length - 2] + "," + parts[parts.length - 1]);
  }
}

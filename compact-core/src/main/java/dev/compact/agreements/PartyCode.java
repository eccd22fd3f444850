package dev.compact.agreements;

import java.util.Locale;
import java.util.Set;

/** A party to a compact: an ISO 3166-1 alpha-3 country code, or one of a few listed organisations. */
public record PartyCode(String value) implements Comparable<PartyCode> {

  /** Organisations that may be parties or guarantors besides states. */
  public static final Set<String> ORGANISATIONS = Set.of("EU", "NATO", "UN", "OSCE", "G7", "CE");

  private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3);

  /** Every code a party may have, for "did you mean" hints. */
  public static java.util.Collection<String> allCodes() {
    java.util.Set<String> all = new java.util.TreeSet<>(COUNTRIES);
    all.addAll(ORGANISATIONS);
    return all;
  }

  public static boolean isKnown(String code) {
    return COUNTRIES.contains(code) || ORGANISATIONS.contains(code);
  }

  /** The English name of the party, for rendered text; the code itself when the JDK has no name. */
  public String displayName() {
    if (ORGANISATIONS.contains(value)) {
      return switch (value) {
        case "EU" -> "the European Union";
        case "NATO" -> "NATO";
        case "UN" -> "the United Nations";
        case "OSCE" -> "the OSCE";
        case "G7" -> "the G7";
        default -> "the Council of Europe";
      };
    }
    return switch (value) {
      case "GBR" -> "the United Kingdom";
      case "USA" -> "the United States";
      default -> CountryNames.ENGLISH.getOrDefault(value, value);
    };
  }

  /**
   * The JDK's English name of every alpha-3 code, looked up once: finding one by walking every
   * country's locale cost more than the rest of checking a clause's quoted fields (issue #17).
   */
  private static final class CountryNames {
    static final java.util.Map<String, String> ENGLISH = names();

    private static java.util.Map<String, String> names() {
      java.util.Map<String, String> names = new java.util.HashMap<>();
      for (String alpha2 : Locale.getISOCountries()) {
        Locale locale = Locale.of("", alpha2);
        // The first country with the code names it, as the walk this replaces did.
        names.putIfAbsent(locale.getISO3Country(), locale.getDisplayCountry(Locale.ENGLISH));
      }
      return java.util.Map.copyOf(names);
    }
  }

  @Override
  public int compareTo(PartyCode other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

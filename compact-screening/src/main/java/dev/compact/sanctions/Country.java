package dev.compact.sanctions;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A country as an upper-case ISO 3166-1 alpha-2 code ("RU", "KP").
 *
 * <p>Alpha-2 is what FollowTheMoney uses, so FtM data needs no mapping; alpha-3 codes and the
 * English names the lists print ("Korea, North", "Russian Federation", "Burma") are normalised to it
 * by {@link #fromCode} and {@link #fromName}. A few codes outside ISO 3166-1 that lists do use are
 * accepted: XK (Kosovo) and the withdrawn SU (Soviet Union), YU (Yugoslavia) and CS (Serbia and
 * Montenegro, 2003-2006).
 */
public record Country(String code) implements Comparable<Country> {

  private static final Set<String> EXTRA_CODES = Set.of("XK", "SU", "YU", "CS");
  private static final Set<String> ALPHA2 = Set.of(Locale.getISOCountries());
  private static final Map<String, String> ALPHA3_TO_ALPHA2 = new HashMap<>();
  private static final Map<String, String> NAME_TO_ALPHA2 = new HashMap<>();
  // Lists repeat the same few hundred country spellings thousands of times.
  private static final Map<String, Optional<Country>> BY_NAME = new ConcurrentHashMap<>();

  static {
    for (String a2 : ALPHA2) {
      Locale locale = Locale.of("", a2);
      try {
        ALPHA3_TO_ALPHA2.put(locale.getISO3Country(), a2);
      } catch (MissingResourceException e) {
        // A code without an alpha-3 twin is still a valid alpha-2 code.
      }
      NAME_TO_ALPHA2.put(key(locale.getDisplayCountry(Locale.ENGLISH)), a2);
    }
    ALPHA3_TO_ALPHA2.put("XKX", "XK");
    ALPHA3_TO_ALPHA2.put("SUN", "SU");
    ALPHA3_TO_ALPHA2.put("YUG", "YU");
    ALPHA3_TO_ALPHA2.put("SCG", "CS");
    // The spellings the lists print that differ from the JDK's English (CLDR) names.
    String[][] aliases = {
      {"XK", "Kosovo"},
      {"SU", "Soviet Union", "USSR", "Former Soviet Union", "Union of Soviet Socialist Republics"},
      {"CS", "Serbia and Montenegro"},
      {"YU", "Yugoslavia", "Former Yugoslavia", "Federal Republic of Yugoslavia"},
      {"KP", "Korea, North", "North Korea", "Democratic People's Republic of Korea",
        "Korea, Democratic People's Republic of", "DPRK"},
      {"KR", "Korea, South", "South Korea", "Republic of Korea", "Korea, Republic of"},
      {"MM", "Burma", "Myanmar"},
      {"CD", "Congo, Democratic Republic of the", "Democratic Republic of the Congo",
        "Congo, Dem. Rep.", "DRC", "Congo (Kinshasa)"},
      {"CG", "Congo, Republic of the", "Republic of the Congo", "Congo", "Congo (Brazzaville)"},
      {"RU", "Russian Federation", "Russia"},
      {"IR", "Iran (Islamic Republic of)", "Iran, Islamic Republic of", "Iran"},
      {"SY", "Syrian Arab Republic", "Syria"},
      {"VE", "Venezuela (Bolivarian Republic of)", "Venezuela"},
      {"BO", "Bolivia (Plurinational State of)", "Bolivia"},
      {"TZ", "United Republic of Tanzania", "Tanzania"},
      {"MD", "Republic of Moldova", "Moldova"},
      {"LA", "Lao People's Democratic Republic", "Laos"},
      {"VN", "Viet Nam", "Vietnam"},
      {"GB", "United Kingdom of Great Britain and Northern Ireland", "United Kingdom", "UK",
        "Great Britain"},
      {"US", "United States of America", "United States", "USA"},
      {"GB", "England", "Scotland", "Wales", "Northern Ireland"},
      {"HK", "Hong Kong Special Administrative Region"},
      {"BA", "Bosnia"},
      {"PS", "State of Palestine", "Palestinian", "Gaza Strip", "Palestinian Authority", "Palestinian Territories", "West Bank", "Gaza", "Palestine",
        "Occupied Palestinian Territory"},
      {"MK", "The former Yugoslav Republic of Macedonia", "North Macedonia", "Macedonia"},
      {"TR", "Turkiye", "Turkey"},
      {"CI", "Cote d'Ivoire", "Ivory Coast"},
      {"CZ", "Czech Republic", "Czechia"},
      {"BA", "Bosnia and Herzegovina", "Bosnia-Herzegovina"},
      {"VA", "Holy See", "Vatican City"},
      {"HK", "Hong Kong", "Hong Kong SAR China"},
      {"MO", "Macau", "Macao"},
      {"TW", "Taiwan", "Taiwan, Province of China"},
      {"SZ", "Eswatini", "Swaziland"},
      {"CV", "Cabo Verde", "Cape Verde"},
      {"TL", "Timor-Leste", "East Timor"},
      {"BN", "Brunei Darussalam", "Brunei"},
      {"GM", "Gambia", "The Gambia", "Gambia, The"},
      {"BS", "Bahamas", "The Bahamas", "Bahamas, The"},
      {"FM", "Micronesia, Federated States of", "Micronesia"},
      {"KN", "Saint Kitts and Nevis", "St. Kitts and Nevis"},
      {"VC", "Saint Vincent and the Grenadines", "St. Vincent and the Grenadines"},
      {"LC", "Saint Lucia", "St. Lucia"},
      {"AE", "United Arab Emirates", "UAE"},
      {"SS", "South Sudan"},
      {"VG", "British Virgin Islands", "Virgin Islands, British"},
    };
    for (String[] row : aliases) {
      for (int i = 1; i < row.length; i++) {
        NAME_TO_ALPHA2.put(key(row[i]), row[0]);
      }
    }
  }

  public Country {
    if (code == null || !isKnownAlpha2(code)) {
      throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code: " + code);
    }
  }

  /** The country for an alpha-2 or alpha-3 code in any case ("ru", "RUS"). */
  public static Optional<Country> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String upper = code.strip().toUpperCase(Locale.ROOT);
    if (upper.length() == 2 && isKnownAlpha2(upper)) {
      return Optional.of(new Country(upper));
    }
    if (upper.length() == 3 && ALPHA3_TO_ALPHA2.containsKey(upper)) {
      return Optional.of(new Country(ALPHA3_TO_ALPHA2.get(upper)));
    }
    return Optional.empty();
  }

  /**
   * The country for an English name as lists print it ("Korea, North", "Iran"), ignoring case,
   * accents and punctuation. Codes are not names: use {@link #fromCode} for them.
   */
  public static Optional<Country> fromName(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    Optional<Country> cached = BY_NAME.get(name);
    if (cached != null) {
      return cached;
    }
    Optional<Country> country = lookUpName(name);
    // Bounded, so that a long-running service fed odd spellings does not grow it without end.
    if (BY_NAME.size() < 10_000) {
      BY_NAME.put(name, country);
    }
    return country;
  }

  private static Optional<Country> lookUpName(String name) {
    String a2 = NAME_TO_ALPHA2.get(key(name));
    if (a2 != null) {
      return Optional.of(new Country(a2));
    }
    // No fallback to codes: a name field holding "na" means "not available", not Namibia.
    return Optional.empty();
  }

  /** The English name of the country ("Russia"). */
  public String displayName() {
    return switch (code) {
      case "XK" -> "Kosovo";
      case "SU" -> "Soviet Union";
      case "YU" -> "Yugoslavia";
      case "CS" -> "Serbia and Montenegro";
      default -> Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
    };
  }

  private static boolean isKnownAlpha2(String code) {
    return ALPHA2.contains(code) || EXTRA_CODES.contains(code);
  }

  private static String key(String name) {
    // The JDK writes "Trinidad & Tobago", the lists "Trinidad and Tobago"; "the Philippines" is
    // the Philippines.
    String folded = Normalizer.normalize(name.replace("&", " and "), Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "");
    String key = folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip();
    return key.startsWith("the ") ? key.substring(4) : key;
  }

  @Override
  public int compareTo(Country other) {
    return code.compareTo(other.code);
  }

  @Override
  public String toString() {
    return code;
  }
}

package dev.compact.screening;

import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words that say which of several related organisations a name denotes, and words that say
 * nothing about which organisation it is.
 *
 * <p>Qualifiers: country names (ICU's display names of every ISO 3166 region in English, German,
 * French, Spanish and Italian), city names (ICU's exemplar cities of the time zones), continents
 * and regions, and branch or subsidiary words. "Sberbank Europe AG" is not "Sberbank": an extra
 * qualifier on one side only makes a related entity, worth a review, not the same entity. Only
 * one-word names are used; "Hong Kong" and "New York" are not qualifiers here.
 *
 * <p>Generic words: our own list of words common in company names ("trading", "company",
 * "international", "bank", "services"). A name made only of them ("Trading Company", "National
 * Bank") does not identify anyone, so it never matches a longer, distinctive name that contains it.
 */
final class EntityWords {

  private static final Set<String> QUALIFIERS = qualifiers();

  private static final Set<String> GENERIC = Set.of(
      "trading", "trade", "traders", "general", "company", "international", "holding", "holdings",
      "group", "investment", "investments", "bank", "banking", "national", "oil", "gas",
      "petroleum", "products", "services", "service", "engineering", "logistics", "global",
      "export", "import", "exports", "imports", "industrial", "industries", "industry",
      "construction", "capital", "partners", "marine", "maritime", "shipping", "agency",
      "enterprise", "enterprises", "development", "management", "consulting", "consultants",
      "technologies", "technology", "systems", "solutions", "commercial", "financial", "finance",
      "insurance", "energy", "resources", "manufacturing", "transport", "transportation",
      "airlines", "air", "lines", "center", "centre", "foundation", "association", "society",
      "organization", "organisation", "institute", "ministry", "department", "office", "factory",
      "works", "mining", "metals", "chemical", "chemicals", "electric", "electronics",
      "communications", "media", "power", "supply", "supplies", "equipment", "materials",
      "machinery", "business", "commerce", "economic", "fund", "estate", "properties", "real",
      "united", "new", "establishment", "exchange", "network", "security", "import-export",
      "navigation", "line", "project", "projects", "contracting", "contractors", "agro",
      "food", "foods", "textile", "textiles", "steel", "auto", "motors", "pharmaceutical",
      "pharmaceuticals", "medical", "research", "university", "trust", "credit", "money",
      "union", "brothers", "sons", "associates", "corporation");

  private EntityWords() {}

  /** Whether a word names a country, a city, a region or a branch. */
  static boolean isQualifier(String text) {
    return QUALIFIERS.contains(text);
  }

  /** Whether a word is common in company names and identifies nothing on its own. */
  static boolean isGeneric(String text) {
    return GENERIC.contains(text);
  }

  private static Set<String> qualifiers() {
    Transliterator toLatin = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    Set<String> words = new HashSet<>();
    for (String region : ULocale.getISOCountries()) {
      for (String language : List.of("en", "de", "fr", "es", "it")) {
        addIfOneWord(words, toLatin,
            new ULocale("", region).getDisplayCountry(new ULocale(language)));
      }
    }
    TimeZoneNames zones = TimeZoneNames.getInstance(ULocale.ENGLISH);
    for (String zone : TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.CANONICAL_LOCATION,
        null, null)) {
      String city = zones.getExemplarLocationName(zone);
      if (city != null) {
        addIfOneWord(words, toLatin, city);
      }
    }
    words.addAll(List.of("europe", "european", "asia", "asian", "africa", "african", "america",
        "americas", "american", "arabia", "arab", "eurasia", "pacific", "atlantic", "caribbean",
        "mideast", "gulf", "nordic", "baltic", "balkan", "latin", "uk", "usa", "uae", "ksa", "emea",
        "apac", "branch", "subsidiary", "filial", "filiale", "affiliate", "representative",
        "representation", "deutschland", "russia", "rossii", "rossiya", "suisse", "schweiz",
        "nederland", "britain", "british", "london", "moscow", "moskva", "dubai", "hongkong",
        "shanghai", "beijing", "tehran", "istanbul", "geneva", "zurich", "vienna", "wien",
        "frankfurt", "luxembourg", "cyprus", "limassol", "nicosia", "riga", "minsk", "kiev", "kyiv",
        "middle", "east", "west", "north", "south", "eastern", "western", "northern", "southern"));
    return Set.copyOf(words);
  }

  private static void addIfOneWord(Set<String> words, Transliterator toLatin, String name) {
    String latin = toLatin.transliterate(name).toLowerCase(Locale.ROOT);
    if (latin.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      words.add(latin);
    }
  }
}

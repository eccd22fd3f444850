package dev.compact.agreements;

import java.util.List;

/**
 * Where an agreement applies. Places are ISO 3166-1 alpha-3 or ISO 3166-2 codes (UKR, UA-43);
 * an exclusion covers a place and everything under it (UA-43 covers UA-43-SIM).
 */
public record Territory(String description, List<String> includes, List<String> excludes) {
  public Territory {
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /** True when the place lies inside the scope: not excluded, and included if inclusions are listed. */
  public boolean covers(String place) {
    for (String excluded : excludes) {
      if (within(place, excluded)) {
        return false;
      }
    }
    return includes.isEmpty() || includes.stream().anyMatch(included -> within(place, included) || isCountryOf(included, place));
  }

  private static boolean within(String place, String area) {
    return place.equals(area) || place.startsWith(area + "-");
  }

  /** UKR includes UA-43: the first two letters of an alpha-3 code do not say that, so ask the JDK. */
  private static boolean isCountryOf(String alpha3, String subdivision) {
    if (subdivision.length() < 3 || subdivision.charAt(2) != '-') {
      return false;
    }
    try {
      return java.util.Locale.of("", subdivision.substring(0, 2)).getISO3Country().equals(alpha3);
    } catch (java.util.MissingResourceException e) {
      return false;
    }
  }
}

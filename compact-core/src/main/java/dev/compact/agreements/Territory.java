package dev.compact.agreements;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an agreement or a clause applies. Places are ISO 3166-1 alpha-3 or ISO 3166-2 codes (UKR,
 * UA-43), maritime zones (UKR-EEZ, see {@link Places}) or the ids of named areas declared in the
 * compact ({@link Area}); an exclusion covers a place and everything under it (UA-43 covers UA-43-SIM).
 */
public record Territory(String description, List<String> includes, List<String> excludes) {
  public Territory {
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /** Whether an incident's place is covered, and why not when it is not ("UA-43 is excluded"). */
  public record Coverage(boolean covered, String reason) {}

  /** True when the place lies inside the scope: not excluded, and included if inclusions are listed (no named areas). */
  public boolean covers(String place) {
    return check(place, Optional.empty(), Map.of()).covered();
  }

  /**
   * Checks a place, with the location the report gives, against the scope. A place that a line of
   * control cuts, reported without a location, is not taken as covered where an excluded area may hold
   * it, nor as covered by an included area: the reason asks for the location.
   */
  public Coverage check(String place, Optional<Area.Point> location, Map<String, Area> areas) {
    for (String excluded : excludes) {
      Area area = areas.get(excluded);
      if (area != null) {
        switch (area.contains(place, location)) {
          case IN -> {
            return new Coverage(false, "at " + location.map(Object::toString).orElse(place) + " it lies in " + area.display()
                + ", which is excluded");
          }
          case UNKNOWN -> {
            return new Coverage(false, "the line of " + area.display() + " cuts " + place
                + " and the report gives no location, so it is not taken as in scope; record the incident's location");
          }
          case OUT -> { }
        }
      } else if (within(place, excluded)) {
        return new Coverage(false, excluded + " is excluded");
      }
    }
    if (includes.isEmpty()) {
      return new Coverage(true, "");
    }
    for (String included : includes) {
      Area area = areas.get(included);
      if (area != null ? area.contains(place, location) == Area.Membership.IN : within(place, included) || isCountryOf(included, place)) {
        return new Coverage(true, "");
      }
    }
    Optional<String> coast = Places.zoneState(place);
    if (coast.isPresent() && includes.contains(coast.get())) {
      return new Coverage(false, place + " is a maritime zone where " + coast.get() + " has sovereign rights, not sovereignty; "
          + "the territory includes " + coast.get() + " (its land and territorial sea), not " + place);
    }
    return new Coverage(false, "it includes only " + String.join(", ", includes));
  }

  /** True when {@code place} is {@code area} or lies under it. A state's code covers its territorial sea, not its other zones. */
  static boolean within(String place, String area) {
    if (place.equals(area)) {
      return true;
    }
    Optional<String> coast = Places.zoneState(place);
    if (coast.isPresent()) {
      return coast.get().equals(area) && place.endsWith("-TS");
    }
    return place.startsWith(area + "-");
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

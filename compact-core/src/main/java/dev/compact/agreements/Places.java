package dev.compact.agreements;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The place codes a territory or a condition may name: ISO 3166-1 alpha-3 codes for whole states,
 * and the ISO 3166-2 codes of Ukraine's subdivisions (24 oblasts, the Autonomous Republic of Crimea
 * and the cities of Kyiv and Sevastopol). The JDK knows no subdivision codes, so the list is kept
 * here from the ISO 3166-2:UA standard; a subdivision code of another state is refused, since a
 * code that is merely well formed (UA-99) would silently match nothing.
 *
 * <p>Maritime zones are named after the coastal state: {@code UKR-TS} (territorial sea, 12 nautical
 * miles), {@code UKR-CZ} (contiguous zone, 24) and {@code UKR-EEZ} (exclusive economic zone, 200).
 * The state's code covers its territorial sea, where it is sovereign (UNCLOS art. 2), and not the
 * other two, where it holds only rights: a territory that means them must name them.
 */
public final class Places {
  private Places() {}

  /** ISO 3166-2:UA. */
  public static final List<String> UKRAINE = List.of(
      "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30", "UA-32", "UA-35", "UA-40",
      "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74",
      "UA-77");

  private static final Set<String> SUBDIVISIONS = Set.copyOf(UKRAINE);

  /** The maritime zones a coastal state's code may be suffixed with. */
  public static final List<String> ZONES = List.of("TS", "CZ", "EEZ");

  /** True for a known state code, a known subdivision code, or a maritime zone of a known state. */
  public static boolean isKnown(String code) {
    return SUBDIVISIONS.contains(code) || isState(code) || zoneState(code).isPresent();
  }

  private static boolean isState(String code) {
    return code.length() == 3 && PartyCode.isKnown(code) && !PartyCode.ORGANISATIONS.contains(code);
  }

  /** The coastal state of a maritime zone code ({@code UKR} for {@code UKR-EEZ}), or empty. */
  public static java.util.Optional<String> zoneState(String code) {
    int dash = code.indexOf('-');
    if (dash != 3 || !ZONES.contains(code.substring(4)) || !isState(code.substring(0, 3))) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(code.substring(0, 3));
  }

  /** Every code accepted, for hints. */
  public static Collection<String> codes() {
    Set<String> all = new TreeSet<>(SUBDIVISIONS);
    all.addAll(PartyCode.allCodes());
    all.removeAll(PartyCode.ORGANISATIONS);
    return all;
  }
}

package dev.compact.watchlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Made-up counterparties, as a bank's book would hold them (two thirds people, one third firms), from
 * a seed: for benchmarks and tests of monitoring, never real data.
 */
public final class GeneratedBook {
  private static final String[] GIVEN = {"Anna", "Peter", "Maria", "John", "Olga", "Hans", "Lucia", "Tomasz", "Aiko", "Samuel", "Fatima",
      "Liam", "Noah", "Emma", "Jonas", "Sofia", "Mateo", "Chloe", "Ivan", "Nora", "Elif", "Kwame", "Priya", "Mikael", "Ines"};
  private static final String[] FAMILY = {"Keller", "Novak", "Lindqvist", "Moreau", "Bianchi", "Kowalski", "Tanaka", "Okafor", "Brennan",
      "Duarte", "Haugen", "Vargas", "Schmitt", "Petrov", "Nakamura", "Oliveira", "Fischer", "Dubois", "Jansen", "Costa", "Yilmaz",
      "Mensah", "Sharma", "Virtanen", "Ferreira"};
  private static final String[] FIRMS = {"Alder", "Birch", "Cedar", "Delta", "Evergreen", "Fjord", "Granite", "Harbor", "Iris", "Juniper"};
  private static final String[] FORMS = {"Logistics GmbH", "Trading Ltd", "Software AG", "Foods BV", "Textiles SRL", "Marine Oy"};

  private GeneratedBook() {}

  /** {@code count} counterparties with ids {@code g0, g1, ...}, the same for the same seed. */
  public static List<Watchlists.Counterparty> of(int count, long seed) {
    Random random = new Random(seed);
    List<Watchlists.Counterparty> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean person = random.nextInt(3) > 0;
      String name = person ? GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)]
          : FIRMS[random.nextInt(FIRMS.length)] + " " + FAMILY[random.nextInt(FAMILY.length)] + " " + FORMS[random.nextInt(FORMS.length)];
      rows.add(new Watchlists.Counterparty("g" + i, name, person ? "person" : "company", null, null));
    }
    return rows;
  }
}

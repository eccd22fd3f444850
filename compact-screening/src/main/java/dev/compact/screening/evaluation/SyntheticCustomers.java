package dev.compact.screening.evaluation;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded customer file for batch and Spark benchmarks: what a bank's customer base looks like to
 * a screener. Most customers are ordinary people and companies on no list, with names from many
 * languages; a small share are listed names, half of them with a typo, a swapped word order or a
 * different case, so that the run writes hits of every kind. The same seed gives the same file.
 */
public final class SyntheticCustomers {

  /** One customer row; blank fields are absent. */
  public record Customer(String id, String name, String type, String dob, String country) {}

  /** Share of customers drawn from the lists, in thousandths. */
  static final int LISTED_PER_MILLE = 20;

  // Common given and family names across languages: facts about naming, written out here.
  private static final String[] GIVEN = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
      "David", "Elizabeth", "William", "Susan", "Jose", "Maria", "Juan", "Carmen", "Luis", "Ana", "Carlos", "Lucia",
      "Pierre", "Marie", "Jean", "Camille", "Thomas", "Lea", "Hans", "Anna", "Klaus", "Ursula", "Lukas", "Sophie",
      "Giuseppe", "Giulia", "Marco", "Francesca", "Ivan", "Olga", "Sergei", "Natalia", "Dmitri", "Tatiana", "Piotr",
      "Agnieszka", "Tomasz", "Katarzyna", "Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Yusuf", "Mariam",
      "Wei", "Li", "Jun", "Mei", "Hiroshi", "Yuki", "Takeshi", "Sakura", "Min-jun", "Seo-yeon", "Ji-ho", "Raj", "Priya",
      "Arjun", "Ananya", "Vikram", "Deepa", "Mehmet", "Ayse", "Mustafa", "Zeynep", "Kwame", "Amara", "Chinedu", "Ngozi",
      "Joao", "Beatriz", "Lars", "Ingrid", "Sven", "Astrid", "Eoin", "Siobhan", "Nikos", "Eleni"};
  private static final String[] FAMILY = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
      "Taylor", "Anderson", "Garcia", "Martinez", "Rodriguez", "Lopez", "Gonzalez", "Hernandez", "Perez", "Sanchez",
      "Martin", "Bernard", "Dubois", "Laurent", "Moreau", "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
      "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Novak", "Kowalski", "Nowak", "Wisniewski", "Kovacs",
      "Horvath", "Popescu", "Ivanova", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Shevchenko", "Bondarenko",
      "Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang",
      "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Kim", "Lee", "Park", "Choi", "Jung", "Sharma", "Patel",
      "Singh", "Gupta", "Reddy", "Yilmaz", "Kaya", "Demir", "Celik", "Mensah", "Okafor", "Adeyemi", "Silva", "Santos",
      "Oliveira", "Pereira", "Johansson", "Andersson", "Nilsen", "Murphy", "Kelly", "Papadopoulos", "Georgiou"};
  private static final String[] COMPANY_WORDS = {"Northern", "Atlantic", "Global", "United", "Pacific", "Golden",
      "Silver", "Green", "Blue", "Alpine", "Coastal", "Prime", "First", "Central", "Eastern", "Western", "Royal",
      "Modern", "Digital", "Advanced", "Bright", "Summit", "Harbor", "Valley", "River", "Lake", "Sunrise", "Star"};
  private static final String[] COMPANY_TRADES = {"Trading", "Logistics", "Foods", "Textiles", "Software", "Consulting",
      "Construction", "Shipping", "Pharma", "Energy", "Metals", "Agro", "Motors", "Electronics", "Furniture", "Bakery",
      "Dental", "Travel", "Media", "Holdings", "Imports", "Exports", "Packaging", "Plastics", "Print", "Realty"};
  private static final String[] LEGAL_FORMS = {"Ltd", "LLC", "GmbH", "S.A.", "Inc.", "AG", "S.r.l.", "B.V.", "Oy", "AB",
      "Sp. z o.o.", "SARL", "PLC", "Corp.", ""};
  private static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "ES", "IT", "PL", "NL", "SE", "TR", "IN", "CN", "JP",
      "KR", "BR", "MX", "NG", "EG", "AE", "UA", "RU", "CA", "AU", "ZA"};

  private SyntheticCustomers() {}

  /** Hands {@code count} customers to {@code sink}, the same ones for the same lists and seed. */
  public static void generate(List<SanctionsList> lists, int count, long seed, Consumer<Customer> sink) {
    List<SanctionedEntity> listed = new ArrayList<>();
    lists.forEach(l -> l.entities().stream()
        .filter(e -> e.schema() == Schema.PERSON || e.schema().isOrganisation()).forEach(listed::add));
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "C%08d", i + 1);
      int roll = random.nextInt(1000);
      if (roll < LISTED_PER_MILLE && !listed.isEmpty()) {
        sink.accept(listedCustomer(id, listed.get(random.nextInt(listed.size())), random));
      } else if (roll < 700) {
        sink.accept(person(id, random));
      } else {
        sink.accept(new Customer(id, company(random), "company", "", random.nextInt(3) == 0 ? "" : pick(random, COUNTRIES)));
      }
    }
  }

  private static Customer person(String id, SplittableRandom random) {
    StringBuilder name = new StringBuilder(pick(random, GIVEN));
    int middle = random.nextInt(10);
    if (middle < 2) {
      name.append(' ').append(pick(random, GIVEN));
    } else if (middle < 4) {
      name.append(' ').append((char) ('A' + random.nextInt(26))).append('.');
    }
    name.append(' ').append(pick(random, FAMILY));
    if (random.nextInt(10) == 0) {
      name.append('-').append(pick(random, FAMILY));
    }
    String dob = random.nextInt(10) < 8 ? String.format(Locale.ROOT, "%d-%02d-%02d", 1940 + random.nextInt(66),
        1 + random.nextInt(12), 1 + random.nextInt(28)) : "";
    return new Customer(id, name.toString(), "person", dob, random.nextInt(10) < 7 ? pick(random, COUNTRIES) : "");
  }

  private static String company(SplittableRandom random) {
    StringBuilder name = new StringBuilder(random.nextBoolean() ? pick(random, COMPANY_WORDS) : pick(random, FAMILY));
    name.append(' ').append(pick(random, COMPANY_TRADES));
    String form = pick(random, LEGAL_FORMS);
    return form.isEmpty() ? name.toString() : name.append(' ').append(form).toString();
  }

  /** A listed name as a customer might give it: as listed, or with one typo, swapped words or another case. */
  private static Customer listedCustomer(String id, SanctionedEntity entity, SplittableRandom random) {
    List<EntityName> names = entity.names();
    String name = names.get(random.nextInt(names.size())).full();
    name = switch (random.nextInt(6)) {
      case 0 -> typo(name, random);
      case 1 -> swapWords(name);
      case 2 -> name.toLowerCase(Locale.ROOT);
      default -> name;
    };
    boolean person = entity.schema() == Schema.PERSON;
    String dob = person && !entity.birthDates().isEmpty() && random.nextBoolean()
        ? entity.birthDates().getFirst().toString().replace("~", "") : "";
    return new Customer(id, name, person ? "person" : "company", dob, "");
  }

  private static String typo(String name, SplittableRandom random) {
    int at = random.nextInt(name.length());
    if (!Character.isLetter(name.charAt(at))) {
      return name;
    }
    char replacement = (char) ('a' + random.nextInt(26));
    return name.substring(0, at) + (Character.isUpperCase(name.charAt(at)) ? Character.toUpperCase(replacement) : replacement)
        + name.substring(at + 1);
  }

  private static String swapWords(String name) {
    String[] words = name.replace(",", "").trim().split("\\s+");
    if (words.length < 2) {
      return name;
    }
    String last = words[words.length - 1];
    System.arraycopy(words, 0, words, 1, words.length - 1);
    words[0] = last;
    return String.join(" ", words);
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}

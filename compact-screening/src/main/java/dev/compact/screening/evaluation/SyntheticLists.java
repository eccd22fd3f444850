package dev.compact.screening.evaluation;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.NameStrength;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible synthetic lists for scale benchmarks: names drawn, with a fixed seed, from the
 * name-part distributions of real lists (a common given name is drawn as often as it occurs), so
 * that posting-list lengths look like a real list's, only larger.
 */
public final class SyntheticLists {

  private SyntheticLists() {}

  /** {@code count} entities (about 60% people, 40% companies), the same for the same seed. */
  public static SanctionsList generate(List<SanctionsList> seeds, int count, long seed) {
    List<String> given = new ArrayList<>();
    List<String> family = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> forms = List.of("LLC", "LTD", "CORP", "JSC", "GMBH", "S.A.", "INC", "CO.", "");
    for (SanctionsList list : seeds) {
      for (SanctionedEntity entity : list.entities()) {
        for (EntityName name : entity.names()) {
          String[] tokens = name.full().replace(",", " ").trim().split("\\s+");
          if (entity.schema() == Schema.PERSON && tokens.length >= 2) {
            family.add(tokens[0]);
            for (int k = 1; k < tokens.length; k++) {
              given.add(tokens[k]);
            }
          } else if (entity.schema().isOrganisation()) {
            for (String token : tokens) {
              if (token.length() > 2) {
                words.add(token);
              }
            }
          }
        }
      }
    }
    if (given.isEmpty() || family.isEmpty() || words.isEmpty()) {
      throw new IllegalArgumentException("the seed lists need people and organisations");
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<SanctionedEntity> entities = new ArrayList<>(count);
    String version = "synthetic-" + count + "-seed-" + seed;
    for (int i = 0; i < count; i++) {
      boolean person = random.nextInt(10) < 6;
      SanctionedEntity.Builder builder = SanctionedEntity.builder("S" + i,
          person ? Schema.PERSON : Schema.COMPANY);
      builder.name(EntityName.primary(person ? personName(random, given, family)
          : companyName(random, words, forms)));
      if (random.nextInt(10) < 3) {
        builder.name(person ? personName(random, given, family)
            : companyName(random, words, forms), NameStrength.ALIAS);
      }
      builder.list("Synthetic", version);
      entities.add(builder.build());
    }
    return new SanctionsList("Synthetic", "generated", version, java.util.Optional.empty(),
        entities);
  }

  private static String personName(SplittableRandom random, List<String> given,
      List<String> family) {
    StringBuilder name = new StringBuilder(pick(random, family)).append(", ")
        .append(pick(random, given));
    if (random.nextBoolean()) {
      name.append(' ').append(pick(random, given));
    }
    return name.toString();
  }

  private static String companyName(SplittableRandom random, List<String> words,
      List<String> forms) {
    StringBuilder name = new StringBuilder(pick(random, words));
    int more = 1 + random.nextInt(2);
    for (int k = 0; k < more; k++) {
      name.append(' ').append(pick(random, words));
    }
    String form = pick(random, forms);
    return form.isEmpty() ? name.toString() : name.append(' ').append(form).toString();
  }

  private static String pick(SplittableRandom random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}

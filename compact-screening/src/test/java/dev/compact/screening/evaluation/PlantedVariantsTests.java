package dev.compact.screening.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.Schema;
import dev.compact.screening.NameKind;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.evaluation.PlantedVariants.Kind;
import dev.compact.screening.evaluation.PlantedVariants.Planted;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlantedVariantsTests {

  private static final SanctionsList LIST = new SanctionsList("Test", "test", "v1", Optional.empty(),
      List.of(
          entity("P1", Schema.PERSON, "DERIPASKA, Oleg Vladimirovich"),
          entity("P2", Schema.PERSON, "KHODORKOVSKY, Mikhail Borisovich"),
          entity("P3", Schema.PERSON, "SHEVCHENKO, Taras Grigoryevich"),
          entity("C1", Schema.COMPANY, "Rosoboronexport Joint Stock Company"),
          entity("C2", Schema.COMPANY, "Sovcomflot Shipping Holdings"),
          entity("X1", Schema.PERSON, "Single")));

  private static SanctionedEntity entity(String id, Schema schema, String name) {
    return SanctionedEntity.builder(id, schema).name(EntityName.primary(name)).list("Test", "v1")
        .build();
  }

  @Test
  void plantsTheSameVariantsForTheSameSeedAndEachDiffersFromTheListedName() {
    List<Planted> first = PlantedVariants.plant(List.of(LIST), 5, 17);
    List<Planted> again = PlantedVariants.plant(List.of(LIST), 5, 17);

    assertThat(first).isEqualTo(again);
    assertThat(first).extracting(Planted::kind).contains(Kind.values());
    for (Planted p : first) {
      assertThat(p.query().name()).as(p.toString()).isNotBlank()
          .isNotEqualToIgnoringCase(p.listedName());
      assertThat(p.expected()).as("a one-word name is never planted").isNotEqualTo("Test/X1");
    }
  }

  @Test
  void writesEachKindOfVariantByItsRule() {
    SplittableRandom random = new SplittableRandom(1);
    Transliterator cyrillic = Transliterator.getInstance("Latin-Cyrillic");
    String name = "Oleg Vladimirovich Deripaska";

    assertThat(PlantedVariants.variant(Kind.REORDER, name, random, cyrillic))
        .isEqualTo("Deripaska Oleg Vladimirovich");
    assertThat(PlantedVariants.variant(Kind.DROPPED_WORD, name, random, cyrillic))
        .isEqualTo("Oleg Deripaska");
    assertThat(PlantedVariants.variant(Kind.DROPPED_WORD, "Oleg Deripaska", random, cyrillic))
        .isNull();
    assertThat(PlantedVariants.variant(Kind.CYRILLIC, name, random, cyrillic))
        .isEqualTo("олег владимировицх дерипаска");
    String typo = PlantedVariants.variant(Kind.TYPO, name, random, cyrillic);
    assertThat(typo.split(" ")).hasSize(3);
    assertThat(typo).isNotEqualToIgnoringCase(name);
    assertThat(PlantedVariants.variant(Kind.SPELLING, "Mikhail Khodorkovsky", new SplittableRandom(3),
        cyrillic)).isNotEqualToIgnoringCase("Mikhail Khodorkovsky");
  }

  @Test
  void customersWriteAListedSurnameFirstNameGivenNameFirst() {
    assertThat(PlantedVariants.customerOrder(LIST.entities().getFirst()))
        .isEqualTo("Oleg Vladimirovich DERIPASKA");
    assertThat(PlantedVariants.customerOrder(LIST.entities().get(3)))
        .isEqualTo("Rosoboronexport Joint Stock Company");
  }

  @Test
  void countsAVariantFoundOnlyWhenItsOwnEntityIsAHit() {
    Screener screener = new Screener(ScreeningIndex.build(List.of(LIST)));
    Planted found = new Planted(Kind.TYPO, "Test/P1", "DERIPASKA, Oleg Vladimirovich",
        dev.compact.screening.ScreeningQuery.of("Oleg Deripaksa").withKind(NameKind.PERSON));
    Planted wrong = new Planted(Kind.TYPO, "Test/P2", "KHODORKOVSKY, Mikhail Borisovich",
        dev.compact.screening.ScreeningQuery.of("Oleg Deripaksa").withKind(NameKind.PERSON));

    PlantedVariants.Result result = PlantedVariants.run(screener, List.of(found, wrong));

    assertThat(result.planted(Kind.TYPO)).isEqualTo(2);
    assertThat(result.foundAtReview(Kind.TYPO)).isEqualTo(1);
    assertThat(result.found()).containsExactly(true, false);
    assertThat(result.misses()).singleElement().asString().contains("KHODORKOVSKY");
    assertThat(result.notCandidates()).isEqualTo(1);
    assertThat(result.outranked()).isZero();
    PlantedVariants.Result none = PlantedVariants.run(screener, List.of(wrong, wrong));
    assertThat(none.lostAgainst(result)).isEqualTo(1);
    assertThat(result.lostAgainst(none)).isZero();
  }
}

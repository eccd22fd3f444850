package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.evaluation.NamePairBench;
import dev.compact.screening.evaluation.NamePairBench.NamePair;
import dev.compact.screening.evaluation.PlantedVariants;
import dev.compact.screening.evaluation.SyntheticLists;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading the commonest keys only for the names the rarer keys retrieved must select exactly the
 * candidates that adding every key up for every name selects (issue #17), on the real lists and
 * on a larger synthetic index where the common keys are longer.
 */
class CommonKeysTests {

  @Test
  void selectTheSameCandidatesOnTheRealLists() throws IOException {
    assertSameCandidates(ListLoader.bundled(), queries(), 1);
  }

  @Test
  void selectTheSameCandidatesWithFiftyThousandSyntheticEntities() throws IOException {
    List<SanctionsList> lists = new ArrayList<>(ListLoader.bundled());
    lists.add(SyntheticLists.generate(lists, 50_000, 7));
    assertSameCandidates(lists, queries(), 3);
  }

  @Test
  void selectTheSameCandidatesWhenTheCommonKeysCarryMostOfTheWeight() throws IOException {
    // A share this large makes the shortcut fail often: the fallback must then add everything up.
    ScreeningIndex index = ScreeningIndex.build(ListLoader.bundled());
    Screener shortcut = new Screener(index, Screener.POSTINGS_BUDGET, 0.6f);
    Screener full = new Screener(index, Screener.POSTINGS_BUDGET, 0f);
    for (ScreeningQuery query : queries()) {
      NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
      assertThat(shortcut.candidates(name, query)).as(query.name())
          .containsExactly(full.candidates(name, query));
    }
  }

  private static void assertSameCandidates(List<SanctionsList> lists,
      List<ScreeningQuery> queries, int every) {
    ScreeningIndex index = ScreeningIndex.build(lists);
    Screener shortcut = new Screener(index);
    Screener full = new Screener(index, Screener.POSTINGS_BUDGET, 0f);
    int checked = 0;
    for (int q = 0; q < queries.size(); q += every) {
      ScreeningQuery query = queries.get(q);
      NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
      assertThat(shortcut.candidates(name, query)).as(query.name())
          .containsExactly(full.candidates(name, query));
      checked++;
    }
    assertThat(checked).isGreaterThan(500);
  }

  /**
   * Our labelled names; variants of listed names as a customer would write them (a typo, another
   * word order or romanisation, the name in Cyrillic, a word left out); the lists' names in their
   * original scripts; and names that are on no list, made of listed names' words (the people and
   * companies a screening mostly sees). All of it is in the repository or generated with a fixed
   * seed, so the test checks the same queries on every machine, with or without ../shared/data.
   */
  static List<ScreeningQuery> queries() throws IOException {
    List<ScreeningQuery> queries = new ArrayList<>();
    try (InputStream in = CommonKeysTests.class.getResourceAsStream(
        "/screening/labelled_pairs.csv")) {
      assertThat(in).isNotNull();
      for (NamePair pair : NamePairBench.read("labelled_pairs.csv",
          new InputStreamReader(in, StandardCharsets.UTF_8))) {
        queries.add(ScreeningQuery.of(pair.name1()).withKind(pair.kind()));
        queries.add(ScreeningQuery.of(pair.name2()).withKind(pair.kind()));
      }
    }
    List<SanctionsList> lists = ListLoader.bundled();
    PlantedVariants.plant(lists, 200, 11).forEach(planted -> queries.add(planted.query()));
    for (SanctionsList list : lists) {
      for (SanctionedEntity entity : list.entities()) {
        entity.names().stream().filter(EntityName::originalScript)
            .forEach(name -> queries.add(ScreeningQuery.of(name.full()).withKind(ScreeningIndex.kindOf(entity.schema()))));
      }
    }
    for (SanctionedEntity unlisted : SyntheticLists.generate(lists, 1_000, 13).entities()) {
      queries.add(ScreeningQuery.of(unlisted.primaryName().full()).withKind(ScreeningIndex.kindOf(unlisted.schema())));
    }
    return queries.stream().filter(q -> q.problems().isEmpty()).toList();
  }
}

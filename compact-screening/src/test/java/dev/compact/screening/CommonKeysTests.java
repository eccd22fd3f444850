package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.evaluation.NamePairBench;
import dev.compact.screening.evaluation.NamePairBench.NamePair;
import dev.compact.screening.evaluation.NamePairBenchTests;
import dev.compact.screening.evaluation.PersonRecord;
import dev.compact.screening.evaluation.SyntheticLists;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Our labelled names, and the shared people when the shared data is present. */
  private static List<ScreeningQuery> queries() throws IOException {
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
    for (String set : List.of("positives_un_untreated", "negatives_us_1k",
        "negatives_global_1k")) {
      Path file = NamePairBenchTests.sharedData().map(d -> d.resolve("eval/yente/" + set + ".csv"))
          .filter(Files::isReadable).orElse(null);
      if (file != null) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          PersonRecord.read(file.toString(), r).forEach(p -> queries.add(p.nameQuery()));
        }
      }
    }
    return queries.stream().filter(q -> q.problems().isEmpty()).toList();
  }
}

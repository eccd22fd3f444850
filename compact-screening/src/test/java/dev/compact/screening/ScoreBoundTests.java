package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListLoader;
import dev.compact.screening.evaluation.NamePairBench;
import dev.compact.screening.evaluation.NamePairBench.NamePair;
import dev.compact.screening.evaluation.PersonRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The bound that lets ranking skip an alignment must never be below the score it bounds (issue
 * #17): checked on every pair of the labelled sets, and on every listed name that candidate
 * generation retrieves for the labelled names and the shared people.
 */
class ScoreBoundTests {

  @Test
  void ruleOutADifferentSurnameAndGivenName() {
    PreparedName query = prepared("John Smith", NameKind.PERSON);
    PreparedName listed = prepared("Robert Smith", NameKind.PERSON);
    PartMemo memo = memo(query, listed);
    double score = NameComparator.score(query, listed);

    assertThat(score).isLessThan(Thresholds.REVIEW);
    assertThat(mayReach(query, listed, memo, Thresholds.REVIEW)).isFalse();
    assertThat(mayReach(query, listed, memo, score)).isTrue();
  }

  @Test
  void keepsANameThatOnlyJoinedWordsLink() {
    PreparedName query = prepared("Pol Pot", NameKind.PERSON);
    PreparedName listed = prepared("Polpot", NameKind.PERSON);
    PartMemo memo = memo(query, listed);

    assertThat(NameComparator.score(query, listed)).isGreaterThanOrEqualTo(Thresholds.ALERT);
    assertThat(mayReach(query, listed, memo, Thresholds.ALERT)).isTrue();
  }

  @Test
  void boundsEveryLabelledPair() throws IOException {
    List<NamePair> pairs = new ArrayList<>(labelledPairs());
    sharedFile("eval/nomenklatura/name_bench_cases.csv").ifPresent(file -> {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        pairs.addAll(NamePairBench.read(file.toString(), r));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    for (NamePair pair : pairs) {
      PreparedName a = prepared(pair.name1(), pair.kind());
      PreparedName b = prepared(pair.name2(), pair.kind());
      assertBounded(a, b, memo(a, b), pair.name1() + " / " + pair.name2());
      assertBounded(b, a, memo(b, a), pair.name2() + " / " + pair.name1());
    }
  }

  @Test
  void boundsEveryRetrievedListedName() throws IOException {
    ScreeningIndex index = ScreeningIndex.build(ListLoader.bundled());
    Screener screener = new Screener(index);
    List<ScreeningQuery> queries = new ArrayList<>();
    for (NamePair pair : labelledPairs()) {
      queries.add(ScreeningQuery.of(pair.name1()).withKind(pair.kind()));
      queries.add(ScreeningQuery.of(pair.name2()).withKind(pair.kind()));
    }
    for (String set : List.of("positives_un_untreated", "negatives_us_1k",
        "negatives_global_1k")) {
      Optional<Path> file = sharedFile("eval/yente/" + set + ".csv");
      if (file.isPresent()) {
        try (Reader r = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
          PersonRecord.read(file.get().toString(), r).forEach(p -> queries.add(p.nameQuery()));
        }
      }
    }
    PartMemo memo = new PartMemo(index.partCount());
    int checked = 0;
    int ruledOut = 0;
    for (ScreeningQuery query : queries) {
      if (!query.problems().isEmpty()) {
        continue;
      }
      NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
      PreparedName prepared = NameComparator.prepare(name);
      memo.reset(prepared);
      for (int entity : screener.candidates(name, query)) {
        for (int id = index.firstName(entity); id < index.endName(entity); id++) {
          PreparedName listed = index.prepared(id);
          String what = query.name() + " / " + index.name(id).parts();
          double score = NameComparator.score(prepared, listed);
          // Ranking asks the index's table, by the index's part ids.
          assertThat(ScoreBound.mayReach(prepared, index.table(), id, memo, score - Screener.BOUND_MARGIN))
              .as("bound admits the score %s of %s", score, what).isTrue();
          assertThat(NameComparator.score(prepared, listed, memo)).isEqualTo(score);
          checked++;
          ruledOut += ScoreBound.mayReach(prepared, index.table(), id, memo, Thresholds.REVIEW) ? 0 : 1;
          // A name outside the index (the labelled pairs) is asked through a table of its own: the same answer.
          PreparedName alone = new PreparedName(listed.name, IntStream.range(0, listed.parts.length).toArray());
          PartMemo own = memo(prepared, alone);
          for (double threshold : new double[] {Thresholds.REVIEW, Thresholds.ALERT,
              score - Screener.BOUND_MARGIN, 0.4}) {
            assertThat(mayReach(prepared, alone, own, threshold))
                .as("bound of %s at %s on a table of its own", what, threshold)
                .isEqualTo(ScoreBound.mayReach(prepared, index.table(), id, memo, threshold));
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100_000);
    // The bound is worth having only if it rules out most retrieved names below review.
    assertThat(ruledOut).isGreaterThan(checked / 2);
  }

  /** Asserts that the bound admits the score (at the score itself). */
  private static void assertBounded(PreparedName query, PreparedName listed, PartMemo memo,
      String what) {
    double score = NameComparator.score(query, listed);
    assertThat(mayReach(query, listed, memo, score - Screener.BOUND_MARGIN))
        .as("bound admits the score %s of %s", score, what).isTrue();
  }

  /** The bound of a name outside any index: a table of its own, its parts numbered by position as {@link #memo} numbers them. */
  private static boolean mayReach(PreparedName query, PreparedName listed, PartMemo memo, double threshold) {
    return ScoreBound.mayReach(query, NameTable.of(listed), 0, memo, threshold);
  }

  /** Each part numbered by position, as an index would, and a memo for the query. */
  private static PartMemo memo(PreparedName query, PreparedName listed) {
    PartMemo memo = new PartMemo(listed.parts.length);
    memo.reset(query);
    return memo;
  }

  private static PreparedName prepared(String name, NameKind kind) {
    NormalisedName normalised = NameNormaliser.normalise(name, kind);
    return new PreparedName(normalised,
        IntStream.range(0, normalised.parts().size()).toArray());
  }

  private static List<NamePair> labelledPairs() throws IOException {
    try (InputStream in = ScoreBoundTests.class.getResourceAsStream(
        "/screening/labelled_pairs.csv")) {
      assertThat(in).isNotNull();
      return NamePairBench.read("labelled_pairs.csv",
          new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  private static Optional<Path> sharedFile(String relative) {
    return dev.compact.screening.evaluation.NamePairBenchTests.sharedData()
        .map(dir -> dir.resolve(relative)).filter(Files::isReadable);
  }
}

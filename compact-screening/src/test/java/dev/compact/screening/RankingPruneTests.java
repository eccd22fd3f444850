package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.evaluation.PersonRecord;
import dev.compact.screening.evaluation.SyntheticLists;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Ranking skips work it can prove useless (issue #17): a listed part whose {@link LinkSignature}
 * links it to no query part is never compared, and a listed name whose {@link ScoreBound} stays
 * below the threshold is never aligned. Neither may change an answer: checked here part by part,
 * and answer by answer against scoring every candidate in full, on the real lists and among
 * 50,000 synthetic entities drawn like the bench's million.
 */
class RankingPruneTests {

  @Test
  void linkSignaturesRuleOutOnlyZeroSimilaritiesOnTheRealLists() throws IOException {
    assertSignaturesAdmissible(ListLoader.bundled(), 1);
  }

  @Test
  void linkSignaturesRuleOutOnlyZeroSimilaritiesAmongSyntheticEntities() throws IOException {
    assertSignaturesAdmissible(withSynthetic(), 2);
  }

  @Test
  void answersAsScoringEveryCandidateInFullOnTheRealLists() throws IOException {
    assertSameAnswers(ListLoader.bundled(), 1);
  }

  @Test
  void answersAsScoringEveryCandidateInFullAmongSyntheticEntities() throws IOException {
    assertSameAnswers(withSynthetic(), 3);
  }

  @Test
  void signaturesKeepEditsBalticEndingsAndNicknamesAndRuleOutStrangers() {
    assertThat(mayLink("smith", "smyth")).isTrue();
    assertThat(mayLink("lavrovs", "lavrova")).isTrue();
    assertThat(mayLink("bill", "william")).isTrue();
    assertThat(mayLink("ivan", "sergey")).isFalse();
    assertThat(mayLink("deripaska", "lavrov")).isFalse();
    assertThat(mayLink("petrov", "ivanova")).isFalse();
  }

  private static boolean mayLink(String a, String b) {
    long[] sa = signature(a);
    long[] sb = signature(b);
    boolean may = LinkSignature.mayLink(sa, 0, sb, 0);
    NamePart pa = NameNormaliser.normalise(a, NameKind.PERSON).parts().getFirst();
    NamePart pb = NameNormaliser.normalise(b, NameKind.PERSON).parts().getFirst();
    if (!may) {
      assertThat(PartSimilarity.parts(pa, pb, MatchWeights.FITTED).value()).isZero();
    }
    return may;
  }

  private static long[] signature(String word) {
    NamePart part = NameNormaliser.normalise(word, NameKind.PERSON).parts().getFirst();
    long[] out = new long[LinkSignature.STRIDE];
    LinkSignature.write(part, KoreanReadings.isEastAsian(part.original()), out, 0);
    return out;
  }

  /** Every pair of a query part and a part of a retrieved listed name. */
  private static void assertSignaturesAdmissible(List<SanctionsList> lists, int every)
      throws IOException {
    ScreeningIndex index = ScreeningIndex.build(lists);
    Screener screener = new Screener(index);
    NameTable table = index.table();
    List<ScreeningQuery> queries = queries();
    long pairs = 0;
    long ruledOut = 0;
    for (int q = 0; q < queries.size(); q += every) {
      ScreeningQuery query = queries.get(q);
      NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
      PreparedName prepared = NameComparator.prepare(name);
      NamePart[] qs = prepared.parts;
      long[] querySignatures = new long[qs.length * LinkSignature.STRIDE];
      for (int i = 0; i < qs.length; i++) {
        LinkSignature.write(qs[i], prepared.eastAsian[i], querySignatures,
            i * LinkSignature.STRIDE);
      }
      for (int entity : screener.candidates(name, query)) {
        for (int id = index.firstName(entity); id < index.endName(entity); id++) {
          PreparedName listed = index.prepared(id);
          for (int j = 0; j < listed.parts.length; j++) {
            for (int i = 0; i < qs.length; i++) {
              pairs++;
              if (LinkSignature.mayLink(querySignatures, i * LinkSignature.STRIDE,
                  table.signatures(), listed.ids[j] * LinkSignature.STRIDE)) {
                continue;
              }
              ruledOut++;
              assertThat(PartSimilarity.parts(qs[i], listed.parts[j], MatchWeights.FITTED,
                  prepared.eastAsian[i], listed.eastAsian[j]))
                  .as("%s / %s", qs[i], listed.parts[j])
                  .isSameAs(PartSimilarity.Similarity.NONE);
            }
          }
        }
      }
    }
    assertThat(pairs).isGreaterThan(1_000_000);
    // Worth having only if it rules out most pairs (about two thirds of these, whose queries
    // include many names in their own scripts, which are never ruled out).
    assertThat(ruledOut).isGreaterThan(pairs / 2);
  }

  /**
   * Each answer, hits and candidate count, equals the one found by scoring every candidate
   * entity in full (every name aligned, no memo, no bound, no signature) and ranking them.
   */
  private static void assertSameAnswers(List<SanctionsList> lists, int every)
      throws IOException {
    ScreeningIndex index = ScreeningIndex.build(lists);
    Screener screener = new Screener(index);
    List<ScreeningQuery> queries = queries();
    int checked = 0;
    int withHits = 0;
    for (int q = 0; q < queries.size(); q += every) {
      ScreeningQuery query = queries.get(q);
      NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
      int[] candidates = screener.candidates(name, query);
      PreparedName prepared = NameComparator.prepare(name);
      List<Hit> full = new ArrayList<>();
      for (int entity : candidates) {
        Hit hit = screener.score(entity, prepared, query);
        if (hit.score() >= Thresholds.REVIEW) {
          full.add(hit);
        }
      }
      full.sort(Comparator.comparingDouble(Hit::score).reversed()
          .thenComparing(h -> h.entity().listName()).thenComparing(h -> h.entity().id()));
      List<Hit> expected = full.subList(0, Math.min(LIMIT, full.size()));
      ScreeningOutcome.Screened answer = (ScreeningOutcome.Screened) screener.screen(query, LIMIT);
      assertThat(answer.candidates()).as(query.name()).isEqualTo(candidates.length);
      assertThat(answer.hits()).as(query.name()).isEqualTo(expected);
      checked++;
      withHits += expected.isEmpty() ? 0 : 1;
    }
    assertThat(checked).isGreaterThan(1_000);
    assertThat(withHits).isGreaterThan(checked / 10);
  }

  private static final int LIMIT = 10;

  private static List<SanctionsList> withSynthetic() throws IOException {
    List<SanctionsList> lists = new ArrayList<>(ListLoader.bundled());
    lists.add(SyntheticLists.generate(lists, 50_000, 7));
    return lists;
  }

  /** The queries of {@link CommonKeysTests}, and the shared people when they are present. */
  private static List<ScreeningQuery> queries() throws IOException {
    List<ScreeningQuery> queries = new ArrayList<>(CommonKeysTests.queries());
    for (String set : List.of("positives_un_untreated", "negatives_us_1k",
        "negatives_global_1k")) {
      Optional<Path> file = dev.compact.screening.evaluation.NamePairBenchTests.sharedData()
          .map(dir -> dir.resolve("eval/yente/" + set + ".csv")).filter(Files::isReadable);
      if (file.isPresent()) {
        try (Reader r = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
          for (PersonRecord person : PersonRecord.read(file.get().toString(), r)) {
            queries.add(person.nameQuery());
            queries.add(person.fullQuery());
          }
        }
      }
    }
    return queries.stream().filter(q -> q.problems().isEmpty()).toList();
  }
}

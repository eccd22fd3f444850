package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The screening bench prints a digest of its answers at every size, so that a change meant to
 * make the matcher faster without changing a result can be checked against the build before it
 * (issue #17): equal answers give equal digests, and a changed answer a different one.
 */
class ScreeningBenchAnswersTests {

  private static final List<ScreeningQuery> QUERIES = List.of(
      ScreeningQuery.of("Oleg Deripaska"), ScreeningQuery.of("Kim Jong Un"),
      ScreeningQuery.of("Jane Unlisted Nobody"), ScreeningQuery.of("   "));

  @Test
  void sameAnswersGiveTheSameDigestAndAnotherIndexAnother() {
    List<SanctionsList> lists = ListLoader.bundled();
    Screener both = new Screener(ScreeningIndex.build(lists));
    Screener again = new Screener(ScreeningIndex.build(lists));
    Screener oneList = new Screener(ScreeningIndex.build(lists.subList(0, 1)));

    String digest = ScreeningBenchCommand.answersDigest(both, QUERIES);

    assertThat(digest).hasSize(24).isEqualTo(ScreeningBenchCommand.answersDigest(again, QUERIES));
    assertThat(ScreeningBenchCommand.answersDigest(oneList, QUERIES)).isNotEqualTo(digest);
  }
}

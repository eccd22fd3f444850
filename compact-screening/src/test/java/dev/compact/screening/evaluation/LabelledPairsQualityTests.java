package dev.compact.screening.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.screening.Decision;
import dev.compact.screening.Thresholds;
import dev.compact.screening.evaluation.NamePairBench.NamePair;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality claim checked in CI on data the repository may hold: our own labelled pairs
 * ({@code screening/labelled_pairs.csv}, written for this project from public facts), one
 * category per kind of case the matcher must get right. Never skipped. The floors only ever rise:
 * each matcher improvement raises the floor of its category in the same commit.
 */
class LabelledPairsQualityTests {

  static final String RESOURCE = "/screening/labelled_pairs.csv";

  /** Share of pairs per category whose decision (alert, review, below) is the expected one. */
  static final Map<String, Double> FLOORS = Map.ofEntries(
      Map.entry("abbreviation", 0.90), Map.entry("arabic", 0.85), Map.entry("baltic", 0.90), Map.entry("cyrillic", 0.80),
      Map.entry("generic", 0.90), Map.entry("han", 0.95), Map.entry("hangul", 0.95),
      Map.entry("hebrew", 0.95), Map.entry("kana", 0.70), Map.entry("legalform", 0.50), Map.entry("negative", 0.72),
      Map.entry("nickname", 0.85), Map.entry("number", 0.95), Map.entry("order", 1.0),
      Map.entry("patronymic", 0.95), Map.entry("qualifier", 0.85), Map.entry("translit", 0.65),
      Map.entry("typo", 0.85));

  record Labelled(NamePair pair, String category, Decision expected) {}

  static List<Labelled> labelled;

  @BeforeAll
  static void read() throws IOException {
    List<NamePair> pairs;
    List<String[]> extra = new ArrayList<>();
    try (InputStream in = LabelledPairsQualityTests.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      byte[] bytes = in.readAllBytes();
      try (Reader r = new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
          StandardCharsets.UTF_8)) {
        pairs = NamePairBench.read(RESOURCE, r);
      }
      CsvTable table = CsvTable.read(RESOURCE, new InputStreamReader(
          new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
          List.of("category", "expect"));
      for (CsvTable.Row row : table.rows()) {
        extra.add(new String[] {row.get("category"), row.get("expect")});
      }
    }
    labelled = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      labelled.add(new Labelled(pairs.get(i), extra.get(i)[0], Decision.valueOf(extra.get(i)[1])));
    }
  }

  @Test
  void holdsAtLeast300PairsInEveryCategory() {
    assertThat(labelled).hasSizeGreaterThanOrEqualTo(300);
    assertThat(labelled.stream().map(Labelled::category).distinct())
        .containsExactlyInAnyOrderElementsOf(FLOORS.keySet());
    assertThat(labelled.stream().filter(l -> l.pair().match()).count()).isGreaterThan(100);
    assertThat(labelled.stream().filter(l -> !l.pair().match()).count()).isGreaterThan(100);
  }

  @Test
  void decidesEachCategoryAsLabelled() {
    Map<String, int[]> byCategory = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (Labelled l : labelled) {
      double score = NamePairBench.alignmentScore(l.pair());
      Decision decision = Thresholds.decide(score);
      int[] counts = byCategory.computeIfAbsent(l.category(), c -> new int[2]);
      counts[1]++;
      if (decision == l.expected()) {
        counts[0]++;
      } else {
        wrong.add(String.format(java.util.Locale.ROOT, "%s: '%s' / '%s' %.3f %s, expected %s",
            l.pair().group(), l.pair().name1(), l.pair().name2(), score, decision, l.expected()));
      }
    }
    byCategory.forEach((category, counts) -> assertThat((double) counts[0] / counts[1])
        .as("share decided as labelled in %s (%d/%d); wrong: %s", category, counts[0], counts[1],
            wrong.stream().filter(w -> labelled.stream().anyMatch(l -> l.category()
                .equals(category) && w.startsWith(l.pair().group() + ":"))).toList())
        .isGreaterThanOrEqualTo(FLOORS.get(category)));
  }

  @Test
  void keepsHeldOutF1AtTheAlertThresholdAboveItsFloor() {
    List<NamePair> pairs = labelled.stream().map(Labelled::pair).toList();
    double[] scores = NamePairBench.score(pairs, NamePairBench::alignmentScore);
    int[] all = IntStream.range(0, pairs.size()).toArray();

    BinaryCounts atAlert = NamePairBench.count(pairs, scores, Thresholds.ALERT, all).all();
    CrossValidation.Result cv = CrossValidation.run(pairs, 5);

    assertThat(atAlert.f1()).as("F1 at the alert threshold, %s", atAlert).isGreaterThanOrEqualTo(0.80);
    assertThat(cv.heldOut().f1()).as("5-fold held-out F1, %s", cv.heldOut())
        .isGreaterThanOrEqualTo(0.75);
  }
}

package dev.compact.screening.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.screening.NameKind;
import dev.compact.screening.evaluation.NamePairBench.NamePair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTests {

  private static List<NamePair> pairs() {
    List<NamePair> pairs = new ArrayList<>();
    String[][] same = {{"Oleg Deripaska", "DERIPASKA, Oleg"}, {"Vladimir Putin", "Wladimir Putin"},
        {"Ramzan Kadyrov", "Ramzan Kadirov"}, {"Kim Jong Un", "KIM Jong-un"},
        {"Igor Sechin", "Igor Setchin"}, {"Hassan Nasrallah", "Hasan Nasrallah"},
        {"Alexander Lukashenko", "Aleksandr Lukashenko"}, {"Bashar al-Assad", "Bashar Assad"},
        {"Viktor Yanukovych", "Viktor Yanukovich"}, {"Yevgeny Prigozhin", "Evgeny Prigozhin"}};
    String[][] different = {{"Oleg Deripaska", "Oleg Ivanov"}, {"Vladimir Putin", "Vladimir Pozner"},
        {"Ramzan Kadyrov", "Akhmad Kadyrov"}, {"Kim Jong Un", "Kim Yo Jong"},
        {"Igor Sechin", "Igor Shuvalov"}, {"Hassan Nasrallah", "Hassan Rouhani"},
        {"Alexander Lukashenko", "Alexander Pushkin"}, {"Bashar al-Assad", "Hafez al-Assad"},
        {"Viktor Yanukovych", "Viktor Orban"}, {"Yevgeny Prigozhin", "Yevgeny Primakov"}};
    int line = 2;
    for (String[] p : same) {
      pairs.add(new NamePair(line++, "g", NameKind.PERSON, p[0], p[1], true, "STRONG"));
    }
    for (String[] p : different) {
      pairs.add(new NamePair(line++, "g", NameKind.PERSON, p[0], p[1], false, "STRONG"));
    }
    return pairs;
  }

  @Test
  void dealsEveryPairToOneFoldWithTheSameShareOfMatches() {
    int[] folds = CrossValidation.folds(pairs(), 5);

    for (int f = 0; f < 5; f++) {
      int matches = 0;
      int others = 0;
      for (int i = 0; i < folds.length; i++) {
        if (folds[i] == f) {
          if (i < 10) {
            matches++;
          } else {
            others++;
          }
        }
      }
      assertThat(matches).as("fold %d matches", f).isEqualTo(2);
      assertThat(others).as("fold %d non-matches", f).isEqualTo(2);
    }
  }

  @Test
  void judgesEveryPairExactlyOnceOnHeldOutFolds() {
    CrossValidation.Result result = CrossValidation.run(pairs(), 5);

    assertThat(result.k()).isEqualTo(5);
    assertThat(result.heldOut().total()).isEqualTo(20);
    assertThat(result.folds()).allSatisfy(f -> assertThat(f.pairs()).isEqualTo(4));
    assertThat(result.heldOut().f1()).isGreaterThan(0.8);
  }

  @Test
  void givesTheSameFitEveryTime() {
    CrossValidation.Result first = CrossValidation.run(pairs(), 5);
    CrossValidation.Result second = CrossValidation.run(pairs(), 5);

    assertThat(second.folds()).isEqualTo(first.folds());
    assertThat(second.onAll()).isEqualTo(first.onAll());
  }
}

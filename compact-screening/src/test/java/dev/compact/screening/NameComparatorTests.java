package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameComparatorTests {

  private static NameMatch compare(String query, String candidate, NameKind kind) {
    return NameComparator.compare(NameNormaliser.normalise(query, kind),
        NameNormaliser.normalise(candidate, kind));
  }

  private static double score(String query, String candidate, NameKind kind) {
    return compare(query, candidate, kind).score();
  }

  @Test
  void identicalNamesScoreOne() {
    assertThat(score("Oleg Deripaska", "OLEG DERIPASKA", NameKind.PERSON)).isEqualTo(1.0);
  }

  @Test
  void aSwappedGivenAndFamilyNameIsCloseButNotPerfect() {
    double swapped = score("Deripaska Oleg", "Oleg Deripaska", NameKind.PERSON);

    assertThat(swapped).isLessThan(1.0).isGreaterThan(0.9);
  }

  @Test
  void aTypoScoresAboveADifferentSurname() {
    double typo = score("Oleg Deripaksa", "Oleg Deripaska", NameKind.PERSON);
    double other = score("Oleg Ivanov", "Oleg Deripaska", NameKind.PERSON);

    assertThat(typo).isGreaterThan(0.85);
    assertThat(other).isLessThan(0.6);
  }

  @Test
  void aConflictingPartCostsMoreThanAnExtraMiddleName() {
    double extra = score("Sergey Lavrov", "Sergey Viktorovich Lavrov", NameKind.PERSON);
    double conflict = score("Sergey Ivanevich Lavrov", "Sergey Viktorovich Lavrov",
        NameKind.PERSON);

    assertThat(extra).isGreaterThan(conflict);
    assertThat(conflict).isLessThan(0.8);
  }

  @Test
  void matchesAcrossScripts() {
    assertThat(score("Олег Дерипаска", "Oleg Deripaska", NameKind.PERSON)).isEqualTo(1.0);
    assertThat(score("Сергей Викторович Лавров", "Sergey Viktorovich Lavrov", NameKind.PERSON))
        .isGreaterThan(0.9);
  }

  @Test
  void alignsJoinedAndSplitWords() {
    NameMatch joined = compare("VladimirPutin", "Vladimir Putin", NameKind.PERSON);

    assertThat(joined.score()).isGreaterThan(0.9);
    assertThat(joined.aligned()).extracting(PartAlignment::basis).containsExactly("joined");
    assertThat(score("vanderbilt corp", "van der bilt corp", NameKind.ORGANISATION))
        .isGreaterThan(0.9);
  }

  @Test
  void aSharedLegalFormAloneIsNoMatch() {
    assertThat(score("Acme Trading Corp", "11420 CORP.", NameKind.ORGANISATION)).isLessThan(0.4);
    assertThat(score("Volkswagen AG", "Siemens AG", NameKind.ORGANISATION)).isLessThan(0.4);
  }

  @Test
  void equivalentLegalFormsAlign() {
    assertThat(score("Stripe LLC", "Stripe Limited Liability Company", NameKind.ORGANISATION))
        .isEqualTo(1.0);
    assertThat(score("Deutsche Bank AG", "Deutsche Bank GmbH", NameKind.ORGANISATION))
        .isLessThan(0.85);
  }

  @Test
  void anInitialStandsForAWordWithThatLetterOnly() {
    assertThat(score("V. Putin", "Vladimir Putin", NameKind.PERSON)).isGreaterThan(0.85);
    assertThat(score("A. Putin", "Vladimir Putin", NameKind.PERSON)).isLessThan(0.7);
  }

  @Test
  void emptyNamesNeverMatch() {
    assertThat(score("", "", NameKind.PERSON)).isZero();
    assertThat(score("...", "...", NameKind.UNKNOWN)).isZero();
    assertThat(score("Corp", "Corp", NameKind.ORGANISATION)).isZero();
  }

  @Test
  void explainsEveryAlignmentAndLeftover() {
    NameMatch match = compare("Oleg Deripaska", "DERIPASKA, Oleg Vladimirovich", NameKind.PERSON);

    assertThat(match.describe()).contains("'oleg'≈'oleg' exact 1.00 (w 2.0)",
        "'deripaska'≈'deripaska' exact 1.00 (w 2.0)", "unmatched in listed name: vladimirovich");
  }

  @Test
  void isSymmetricEnoughThatBothDirectionsAgreeOnAnIdenticalPair() {
    assertThat(score("Bashar al-Assad", "Bashar al-Assad", NameKind.PERSON)).isEqualTo(1.0);
  }
}

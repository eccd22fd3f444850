package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One test per kind of case issue #16 names, with cases of our own. */
class MatcherCategoryTests {

  private static NameMatch compare(String query, String listed, NameKind kind) {
    return NameComparator.compare(NameNormaliser.normalise(query, kind),
        NameNormaliser.normalise(listed, kind));
  }

  private static Decision decide(String query, String listed, NameKind kind) {
    return Thresholds.decide(compare(query, listed, kind).score());
  }

  @Test
  void ordinalsAndSpelledNumbersMatchTheirDigitsInSeveralLanguages() {
    NameKind org = NameKind.ORGANISATION;
    assertThat(decide("2nd Avenue Trading", "Second Avenue Trading", org)).isEqualTo(Decision.ALERT);
    assertThat(decide("Division 25", "Division Twenty-Five", org)).isEqualTo(Decision.ALERT);
    assertThat(decide("Quatre Saisons Import", "4 Saisons Import", org)).isEqualTo(Decision.ALERT);
    assertThat(decide("Drei Kronen Handel", "3 Kronen Handel", org)).isEqualTo(Decision.ALERT);
    assertThat(decide("Tercera Via Comercial", "3ra Via Comercial", org)).isEqualTo(Decision.ALERT);
    assertThat(decide("Ocean Star II", "Ocean Star 2", NameKind.VESSEL)).isEqualTo(Decision.ALERT);
    assertThat(compare("2nd Avenue Trading", "Second Avenue Trading", org).describe())
        .anyMatch(line -> line.startsWith("'2nd'≈'second' number 1.00"));
  }

  @Test
  void aDifferentNumberIsNotTheSameNumber() {
    NameKind org = NameKind.ORGANISATION;
    assertThat(decide("Division 25", "Division Twenty-Six", org)).isEqualTo(Decision.BELOW);
    assertThat(decide("Third Coast Shipping", "Fourth Coast Shipping", org))
        .isEqualTo(Decision.BELOW);
  }

  @Test
  void peoplesNamesThatSpellNumbersStayNames() {
    // "Otto" is eight in Italian; as a given name it still matches itself and not the digit's
    // other spellings in a person's name.
    assertThat(decide("Otto Schmidt", "Otto Schmidt", NameKind.PERSON)).isEqualTo(Decision.ALERT);
    assertThat(NameNormaliser.normalise("Otto Schmidt", NameKind.PERSON).parts().getFirst().kind())
        .isEqualTo(PartKind.WORD);
  }

  @Test
  void companyWordAbbreviationsReadAsTheWord() {
    NameKind org = NameKind.ORGANISATION;
    assertThat(decide("Int'l Trade Services", "International Trade Services", org))
        .isEqualTo(Decision.ALERT);
    assertThat(decide("Smith Bros Construction", "Smith Brothers Construction", org))
        .isEqualTo(Decision.ALERT);
    assertThat(decide("Acme Mfg", "Acme Manufacturing", org)).isEqualTo(Decision.ALERT);
    assertThat(decide("Smith Bros Construction", "Jones Brothers Construction", org))
        .isEqualTo(Decision.BELOW);
    assertThat(compare("Intl Trade Services", "International Trade Services", org).describe())
        .anyMatch(line -> line.startsWith("'intl'≈'international' abbreviation 1.00"));
  }

  @Test
  void swappingTheNamesAroundBinIsAnotherPerson() {
    NameKind person = NameKind.PERSON;
    assertThat(decide("AHMAD BIN ALI AL-KHATIB", "ALI BIN AHMAD AL-KHATIB", person))
        .isEqualTo(Decision.BELOW);
    assertThat(decide("Hamad bin Khalifa Al Thani", "Khalifa bin Hamad Al Thani", person))
        .isEqualTo(Decision.BELOW);
    assertThat(decide("Mohamed ould Abdel Aziz", "Abdel Aziz ould Mohamed", person))
        .isEqualTo(Decision.BELOW);
    assertThat(decide("Ahmad bin Ali al-Khatib", "Ahmad ibn Ali Al Khatib", person))
        .isEqualTo(Decision.ALERT);
    assertThat(compare("AHMAD BIN ALI AL-KHATIB", "ALI BIN AHMAD AL-KHATIB", person).notes())
        .anyMatch(n -> n.startsWith("kinship roles differ"));
  }

  @Test
  void aPatronymicIsNotASurname() {
    NameKind person = NameKind.PERSON;
    assertThat(decide("Ivan Petrovich Sidorov", "Petr Ivanovich Sidorov", person))
        .isEqualTo(Decision.BELOW);
    assertThat(decide("Oleg Vladimirovich Deripaska", "Oleg Deripaska", person))
        .isEqualTo(Decision.ALERT);
    assertThat(decide("Sergey Ivanov", "Sergey Ivanovich Lavrov", person))
        .isEqualTo(Decision.BELOW);
  }

  @Test
  void aCountryOrBranchWordMakesARelatedCompanyNotTheParent() {
    NameKind org = NameKind.ORGANISATION;
    assertThat(decide("Sberbank Europe AG", "Sberbank", org)).isEqualTo(Decision.REVIEW);
    assertThat(decide("VTB Bank Austria", "VTB Bank", org)).isEqualTo(Decision.REVIEW);
    assertThat(decide("Mashreq Bank London Branch", "Mashreq Bank", org))
        .isEqualTo(Decision.REVIEW);
    assertThat(decide("Alfa Bank Ukraine", "Alfa Bank Kazakhstan", org)).isEqualTo(Decision.BELOW);
    assertThat(decide("Sberbank Europe AG", "Sberbank Europe", org)).isEqualTo(Decision.ALERT);
    assertThat(compare("VTB Bank Austria", "VTB Bank", org).notes())
        .anyMatch(n -> n.startsWith("qualifier only in one name (austria)"));
  }

  @Test
  void aGenericNameInsideALongerOneScoresLow() {
    NameKind org = NameKind.ORGANISATION;
    assertThat(decide("Trading Company", "Northern Lights Trading Company", org))
        .isEqualTo(Decision.BELOW);
    assertThat(decide("General Trading", "Al Noor General Trading", org)).isEqualTo(Decision.BELOW);
    assertThat(decide("Investment Group", "Crimea Investment Group", org))
        .isEqualTo(Decision.BELOW);
    assertThat(decide("Northern Lights Trading Company", "Northern Lights Trading Co", org))
        .isEqualTo(Decision.ALERT);
  }

  @Test
  void hangulReadsByRevisedRomanizationAndTheListsSpelling() {
    NameKind person = NameKind.PERSON;
    assertThat(decide("김여정", "KIM Yo Jong", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("김여정", "Kim Yeo-jeong", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("박근혜", "Park Geun-hye", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("최룡해", "CHOE Ryong Hae", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("김여정", "KIM Jong Un", person)).isEqualTo(Decision.BELOW);
  }

  @Test
  void hanReadsInMandarinAndKorean() {
    NameKind person = NameKind.PERSON;
    assertThat(decide("習近平", "Xi Jinping", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("金與正", "KIM Yo Jong", person)).isEqualTo(Decision.REVIEW);
    assertThat(decide("潘基文", "Ban Ki-moon", person)).isEqualTo(Decision.REVIEW);
    assertThat(decide("金正恩", "KIM Yo Jong", person)).isEqualTo(Decision.BELOW);
  }

  @Test
  void sameScriptNamesCompareAsWritten() {
    // 정 and 종 are both "Jong" in the lists' spelling; written in Hangul they differ.
    assertThat(decide("김종은", "김정은", NameKind.PERSON)).isEqualTo(Decision.BELOW);
    assertThat(decide("习近朋", "习近平", NameKind.PERSON)).isEqualTo(Decision.BELOW);
    assertThat(decide("김정은", "김정은", NameKind.PERSON)).isEqualTo(Decision.ALERT);
  }

  @Test
  void aNicknameReachesReviewAgainstTheFullName() {
    NameKind person = NameKind.PERSON;
    assertThat(decide("Bill Clinton", "William Clinton", person)).isEqualTo(Decision.REVIEW);
    assertThat(decide("Sasha Petrov", "Alexander Petrov", person)).isEqualTo(Decision.REVIEW);
    assertThat(decide("Misha Volkov", "Mikhail Volkov", person)).isEqualTo(Decision.REVIEW);
    assertThat(decide("Bill Clinton", "Hillary Clinton", person)).isEqualTo(Decision.BELOW);
    assertThat(compare("Bill Clinton", "William Clinton", person).describe())
        .anyMatch(line -> line.startsWith("'bill'≈'william' nickname"));
  }

  @Test
  void arabicAndHebrewGivenNamesFindTheirCustomarySpellings() {
    NameKind person = NameKind.PERSON;
    assertThat(decide("عبد الرحمن", "Abdul Rahman", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("عبد الرحمن", "Abdulrahman", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("محمد", "Mohammed", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("יוסף", "Yosef", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("יוסף", "Joseph", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("عبد الله", "Abdul Rahman", person)).isEqualTo(Decision.BELOW);
    assertThat(decide("יוסף", "David", person)).isEqualTo(Decision.BELOW);
    assertThat(compare("محمد", "Muhammad", person).describe())
        .anyMatch(line -> line.startsWith("'محمد'≈'muhammad' exact"));
  }

  @Test
  void aNumberOnOneSideOfACompanyNameMakesARelatedCompany() {
    NameKind org = NameKind.ORGANISATION;
    assertThat(decide("Bowne Global Solutions, Inc.", "Bowne Global Solutions II, Inc.", org))
        .isEqualTo(Decision.REVIEW);
    assertThat(decide("Adrian Darya 1", "Adrian Darya", NameKind.VESSEL)).isEqualTo(Decision.ALERT);
  }

  @Test
  void hanNamesWithTheSameMandarinReadingButOtherCharactersDiffer() {
    // 石 and 市 are both "shi": written in Han the names are different.
    assertThat(decide("高石早苗", "高市早苗", NameKind.PERSON)).isEqualTo(Decision.BELOW);
  }

  @Test
  void latvianAndLithuanianEndingsMatchTheBareName() {
    NameKind person = NameKind.PERSON;
    assertThat(decide("Sergejs Lavrovs", "Sergey Lavrov", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("Sergejus Lavrovas", "Sergey Lavrov", person)).isEqualTo(Decision.ALERT);
    assertThat(decide("Dmitrijus Medvedevas", "Dmitry Medvedev", person))
        .isEqualTo(Decision.ALERT);
    // Latvian and Lithuanian write the Russian "zh" and "ch" as ž and č.
    assertThat(decide("Jevgeņijs Prigožins", "Yevgeny Prigozhin", person))
        .isEqualTo(Decision.ALERT);
    assertThat(decide("Igors Sečins", "Igor Sechin", person)).isEqualTo(Decision.ALERT);
    assertThat(compare("Vladimirs Putins", "Vladimir Putin", person).describe())
        .anyMatch(line -> line.startsWith("'putins'≈'putin' baltic-ending"));
  }

  @Test
  void aBalticEndingDoesNotMakeDifferentNamesMeet() {
    NameKind person = NameKind.PERSON;
    assertThat(decide("Sergejs Lavrovs", "Sergey Lavrentyev", person)).isEqualTo(Decision.BELOW);
    assertThat(decide("Andris Ozols", "Andrei Ozerov", person)).isEqualTo(Decision.BELOW);
    // Both sides carry an ending: compared as written, not stripped to a common "petr".
    assertThat(PartSimilarity.balticEnding("petras", "petrus")).isZero();
    assertThat(Romanisation.balticStems("ivas")).isEmpty();
  }

  @Test
  void aLegalFormWordLeftInsideTheNameStillMatchesThatForm() {
    NameKind org = NameKind.ORGANISATION;
    // The misspelt "Joynt" keeps "Joint Stock Company" from being read as a form, so
    // "Corporation" stays a word; it is still the listed name's "corp".
    NameMatch match = compare("Northwind Freight Corporation Joynt Stock Company",
        "Northwind Freight Corporation Joint Stock Company", org);
    assertThat(Thresholds.decide(match.score())).isEqualTo(Decision.ALERT);
    assertThat(match.describe()).anyMatch(line -> line.startsWith("'corporation'≈'corporation' legal-form"));
    assertThat(decide("Vega Mining Corporation Jont Stock Company",
        "Vega Trading Corporation Joint Stock Company", org)).isEqualTo(Decision.BELOW);
  }
}

package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameNormaliserTests {

  private static List<String> texts(String raw, NameKind kind) {
    return NameNormaliser.normalise(raw, kind).parts().stream().map(NamePart::text).toList();
  }

  @Test
  void transliteratesCyrillicAndKeepsTheOriginalScript() {
    NormalisedName name = NameNormaliser.normalise("Олег Дерипаска", NameKind.PERSON);

    assertThat(name.parts()).extracting(NamePart::text).containsExactly("oleg", "deripaska");
    assertThat(name.parts()).extracting(NamePart::original).containsExactly("олег", "дерипаска");
  }

  @Test
  void foldsCaseAndDiacritics() {
    assertThat(texts("Recep Tayyip ERDOĞAN", NameKind.PERSON))
        .containsExactly("recep", "tayyip", "erdogan");
    assertThat(texts("Straße", NameKind.ORGANISATION)).containsExactly("strasse");
  }

  @Test
  void putsTheGivenNameFirstWhenAPersonIsWrittenSurnameComma() {
    assertThat(texts("DERIPASKA, Oleg Vladimirovich", NameKind.PERSON))
        .containsExactly("oleg", "vladimirovich", "deripaska");
  }

  @Test
  void keepsACompanysTrailingLegalFormAfterTheComma() {
    NormalisedName name = NameNormaliser.normalise("Bowne of Atlanta, Inc.", NameKind.UNKNOWN);

    assertThat(name.parts()).extracting(NamePart::text)
        .containsExactly("bowne", "of", "atlanta", "inc");
    assertThat(name.parts().getLast().kind()).isEqualTo(PartKind.LEGAL_FORM);
  }

  @Test
  void mapsLegalFormsToTheirClassInsteadOfDeletingThem() {
    NormalisedName corp = NameNormaliser.normalise("11420 CORP.", NameKind.ORGANISATION);
    NormalisedName russian = NameNormaliser.normalise("ООО Оборонные", NameKind.ORGANISATION);
    NormalisedName spelled =
        NameNormaliser.normalise("Acme Limited Liability Company", NameKind.ORGANISATION);

    assertThat(corp.parts()).extracting(NamePart::kind)
        .containsExactly(PartKind.NUMBER, PartKind.LEGAL_FORM);
    assertThat(corp.parts().getLast().text()).isEqualTo("corp");
    assertThat(russian.parts().getFirst().text()).isEqualTo("llc");
    assertThat(spelled.parts()).extracting(NamePart::text).containsExactly("acme", "llc");
  }

  @Test
  void leavesLegalFormWordsInTheMiddleOfANameAlone() {
    assertThat(NameNormaliser.normalise("Deutsche Bank Trust Company Americas",
        NameKind.ORGANISATION).parts()).extracting(NamePart::kind)
        .doesNotContain(PartKind.LEGAL_FORM);
  }

  @Test
  void dropsTitlesAndMarksParticles() {
    NormalisedName name = NameNormaliser.normalise("Dr. Bashar al-Assad", NameKind.PERSON);

    assertThat(name.parts()).extracting(NamePart::text).containsExactly("bashar", "al", "assad");
    assertThat(name.parts().get(1).kind()).isEqualTo(PartKind.PARTICLE);
  }

  @Test
  void joinsDottedAcronymsAndSplitsHyphens() {
    assertThat(texts("A.B.C. Company", NameKind.ORGANISATION)).containsExactly("abc", "co");
    assertThat(texts("Jean-Claude Juncker", NameKind.PERSON))
        .containsExactly("jean", "claude", "juncker");
  }

  @Test
  void namesWithNothingIdentifyingLeftAreEmpty() {
    assertThat(NameNormaliser.normalise("", NameKind.PERSON).isEmpty()).isTrue();
    assertThat(NameNormaliser.normalise("?!., --", NameKind.UNKNOWN).isEmpty()).isTrue();
    assertThat(NameNormaliser.normalise("Mr.", NameKind.PERSON).isEmpty()).isTrue();
    assertThat(NameNormaliser.normalise("Corp.", NameKind.ORGANISATION).isEmpty()).isTrue();
    assertThat(NameNormaliser.normalise("Pol Pot", NameKind.PERSON).isEmpty()).isFalse();
  }

  @Test
  void keepsAScriptNoTransliteratorCoversInsteadOfDroppingIt() {
    NormalisedName khmer = NameNormaliser.normalise("ប៉ុល ពត", NameKind.PERSON);

    assertThat(khmer.isEmpty()).isFalse();
    assertThat(khmer.parts()).hasSize(2);
  }
}

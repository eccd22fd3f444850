package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.Country;
import dev.compact.sanctions.CountryRole;
import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.IdentifierType;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.NameStrength;
import dev.compact.sanctions.PartialDate;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.sanctions.Schema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScreenerTests {

  private static Screener bundled;

  @BeforeAll
  static void indexBundledLists() {
    bundled = new Screener(ScreeningIndex.build(ListLoader.bundled()));
  }

  private static List<Hit> hits(Screener screener, ScreeningQuery query) {
    ScreeningOutcome outcome = screener.screen(query, 5);
    assertThat(outcome).isInstanceOf(ScreeningOutcome.Screened.class);
    return ((ScreeningOutcome.Screened) outcome).hits();
  }

  private static ScreeningQuery person(String name) {
    return ScreeningQuery.of(name).withKind(NameKind.PERSON);
  }

  @Test
  void findsDeripaskaAsWrittenReorderedMisspeltAndInCyrillic() {
    for (String name : List.of("Oleg Deripaska", "Deripaska Oleg", "Oleg Deripaksa",
        "Олег Дерипаска")) {
      List<Hit> hits = hits(bundled, person(name));

      assertThat(hits).as(name).isNotEmpty();
      assertThat(hits.getFirst().entity().primaryName().full()).as(name)
          .containsIgnoringCase("DERIPASKA").containsIgnoringCase("Oleg");
      assertThat(hits.getFirst().decision()).as(name).isEqualTo(Decision.ALERT);
    }
  }

  @Test
  void aPostingsBudgetLeavesOutTheCommonestKeysAndKeepsTheRarest() {
    Screener tight = new Screener(bundled.index(), 300);
    ScreeningQuery query = person("Mohammed Deripaska");
    NormalisedName name = NameNormaliser.normalise(query.name(), query.kind());
    var deripaska = hits(bundled, person("Oleg Deripaska")).getFirst().entity();

    int[] pruned = tight.candidates(name, query);
    int[] all = bundled.candidates(name, query);

    assertThat(pruned.length).isLessThan(all.length);
    assertThat(java.util.Arrays.stream(pruned).mapToObj(c -> bundled.index().entityAt(c)))
        .contains(deripaska);
  }

  @Test
  void explainsAHitWithAlignmentsListVersionAndAlgorithm() {
    Hit hit = hits(bundled, person("Oleg Deripaska")).getFirst();

    assertThat(hit.explanation().name().aligned()).extracting(PartAlignment::describe)
        .contains("'oleg'≈'oleg' exact 1.00 (w 2.0)");
    assertThat(hit.explanation().listVersion()).isNotBlank()
        .isEqualTo(hit.entity().listVersion());
    assertThat(hit.explanation().algorithm()).isEqualTo(Algorithm.ID);
    assertThat(hit.explanation().describe()).last().asString().contains(Algorithm.ID);
  }

  @Test
  void aCompanyEndingInCorpDoesNotHitEveryListedCorp() {
    List<Hit> hits = hits(bundled, ScreeningQuery.of("Acme Trading Corp"));

    assertThat(hits).noneMatch(h -> h.decision() == Decision.ALERT);
    assertThat(hits).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void refusesEmptyAbsurdAndPunctuationOnlyNames() {
    for (String name : List.of("", "   ", "?!.,;--", "x".repeat(10_000), "Mr.", "Corp.")) {
      ScreeningOutcome outcome = bundled.screen(ScreeningQuery.of(name), 5);

      assertThat(outcome).as(name.length() > 20 ? "long name" : name)
          .isInstanceOfSatisfying(ScreeningOutcome.Rejected.class,
              r -> assertThat(r.problems()).isNotEmpty()
                  .isEqualTo(ScreeningQuery.of(name).problems()));
    }
  }

  @Test
  void givesTheSameHitsInTheSameOrderEveryTime() {
    ScreeningQuery query = person("Mohammad Khan");

    List<String> first = hits(bundled, query).stream()
        .map(h -> h.entity().id() + "@" + h.score()).toList();
    List<String> second = hits(new Screener(ScreeningIndex.build(ListLoader.bundled())), query)
        .stream().map(h -> h.entity().id() + "@" + h.score()).toList();

    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  private static Screener small() {
    SanctionedEntity ivan = SanctionedEntity.builder("1", Schema.PERSON)
        .name("PETROV, Ivan Sergeevich", NameStrength.PRIMARY)
        .birthDate(PartialDate.of(1970, 5, 1))
        .country(new Country("RU"), CountryRole.NATIONALITY)
        .identifier(new Identifier(IdentifierType.PASSPORT, "AB 123456", new Country("RU")))
        .list("Test", "v1").build();
    SanctionedEntity ship = SanctionedEntity.builder("2", Schema.VESSEL)
        .name("OCEAN STAR", NameStrength.PRIMARY)
        .identifier(new Identifier(IdentifierType.IMO, "9187629"))
        .list("Test", "v1").build();
    return new Screener(ScreeningIndex.build(List.of(
        new SanctionsList("Test", "test", "v1", Optional.empty(), List.of(ivan, ship)))));
  }

  @Test
  void aDifferentBirthYearLowersTheScoreAndAnAgreeingOneDoesNot() {
    Screener screener = small();

    double plain = hits(screener, person("Ivan Petrov")).getFirst().score();
    double agreeing = hits(screener, person("Ivan Petrov").withBirthDate(PartialDate.ofYear(1970)))
        .getFirst().score();
    List<Hit> differing = screener.screen(person("Ivan Petrov")
        .withBirthDate(PartialDate.ofYear(1990)), 5, 0.0) instanceof ScreeningOutcome.Screened s
        ? s.hits() : List.of();

    assertThat(agreeing).isEqualTo(plain);
    assertThat(differing.getFirst().score()).isLessThan(plain - 0.15);
    assertThat(differing.getFirst().explanation().qualifiers())
        .extracting(QualifierEffect::qualifier).contains("date-of-birth");
  }

  @Test
  void anExactStrongIdentifierWinsWhateverTheName() {
    Hit hit = hits(small(), ScreeningQuery.of("Sea Breeze")
        .withIdentifier(new Identifier(IdentifierType.IMO, "IMO 9187629".replace("IMO ", ""))))
        .getFirst();

    assertThat(hit.entity().id().value()).isEqualTo("2");
    assertThat(hit.score()).isGreaterThanOrEqualTo(0.98);
    assertThat(hit.decision()).isEqualTo(Decision.ALERT);
  }

  @Test
  void aPassportFromAnotherCountryIsAnotherPassport() {
    List<Hit> hits = hits(small(), ScreeningQuery.of("John Smith")
        .withIdentifier(new Identifier(IdentifierType.PASSPORT, "AB123456", new Country("GB"))));

    assertThat(hits).noneMatch(h -> h.score() >= 0.98);
  }

  @Test
  void aPersonQueryDoesNotReturnAVessel() {
    assertThat(hits(small(), person("Ocean Star"))).isEmpty();
    assertThat(hits(small(), ScreeningQuery.of("Ocean Star"))).isNotEmpty();
  }

  @Test
  void deripaskaWithAWrongBirthYearAndCountryIsAReviewThatSaysWhy() {
    List<Hit> hits = hits(bundled, person("Oleg Deripaska")
        .withBirthDate(PartialDate.ofYear(1975)).withCountry(new Country("FR")));

    Hit hit = hits.stream().filter(h -> h.entity().id().value().equals("24283")).findFirst()
        .orElseThrow();
    assertThat(hit.decision()).isEqualTo(Decision.REVIEW);
    assertThat(hit.explanation().qualifiers()).extracting(QualifierEffect::qualifier)
        .contains("date-of-birth", "country", "floor");
    assertThat(hit.explanation().describe()).anyMatch(l -> l.startsWith("date-of-birth: 1975"))
        .anyMatch(l -> l.contains("(-0.20)"));
  }

  @Test
  void aDifferentBirthYearTurnsAnAlertIntoAReviewNotIntoSilence() {
    Screener screener = small();

    Hit plain = hits(screener, person("Ivan Sergeevich Petrov")).getFirst();
    Hit differing = hits(screener, person("Ivan Sergeevich Petrov")
        .withBirthDate(PartialDate.ofYear(1990))).getFirst();

    assertThat(plain.decision()).isEqualTo(Decision.ALERT);
    assertThat(differing.decision()).isEqualTo(Decision.REVIEW);
    assertThat(differing.score()).isLessThan(plain.score());
  }

  @Test
  void missingInformationNeverLowersAScore() {
    Screener screener = small();
    double plain = hits(screener, person("Ivan Petrov")).getFirst().score();

    // The listed vessel has no date of birth or country; the person has no gender listed.
    double withAll = hits(screener, person("Ivan Petrov").withBirthDate(PartialDate.ofYear(1970))
        .withCountry(new Country("RU"))).getFirst().score();
    double shipWithDob = hits(screener, ScreeningQuery.of("Ocean Star")
        .withBirthDate(PartialDate.ofYear(1950)).withCountry(new Country("FR"))).getFirst().score();
    double shipPlain = hits(screener, ScreeningQuery.of("Ocean Star")).getFirst().score();

    assertThat(withAll).isEqualTo(plain);
    assertThat(shipWithDob).isEqualTo(shipPlain);
  }

  @Test
  void theRankingScoreIsTheExplainedScore() {
    ScreeningQuery query = person("Oleg Deripaska").withBirthDate(PartialDate.ofYear(1975));
    ScreeningOutcome outcome = bundled.screen(query, 3, 0.0);

    assertThat(outcome).isInstanceOf(ScreeningOutcome.Screened.class);
    List<Hit> hits = ((ScreeningOutcome.Screened) outcome).hits();
    for (int k = 1; k < hits.size(); k++) {
      assertThat(hits.get(k).score()).isLessThanOrEqualTo(hits.get(k - 1).score());
    }
  }

  @Test
  void findsKimYoJongWrittenInHangulOrHan() {
    Hit hangul = hits(bundled, person("김여정")).getFirst();
    Hit han = hits(bundled, person("金與正")).getFirst();

    assertThat(hangul.entity().primaryName().full()).isEqualTo("Yo Jong KIM");
    assertThat(hangul.decision()).isEqualTo(Decision.ALERT);
    assertThat(han.entity().primaryName().full()).isEqualTo("Yo Jong KIM");
    // A Korean reading of Han characters is a guess at the language: a review, not an alert.
    assertThat(han.decision()).isEqualTo(Decision.REVIEW);
    assertThat(han.explanation().describe()).anyMatch(l -> l.startsWith("'金與正'≈'yo jong kim' joined"));
  }
}

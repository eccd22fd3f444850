package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UkConsolidatedImporterTests {

  @TempDir Path dir;

  private static SanctionsList sample() {
    SourceBytes file = TestLists.resource("uk/uk_conlist_sample.csv");
    return UkConsolidatedImporter.read(file, file.name());
  }

  @Test
  void groupsRowsByGroupId() {
    SanctionsList list = sample();

    assertThat(list.countBySchema())
        .containsExactlyInAnyOrderEntriesOf(Map.of(Schema.PERSON, 4, Schema.ORGANIZATION, 2, Schema.VESSEL, 1));
    assertThat(list.issued()).contains(LocalDate.of(2026, 2, 27));
  }

  @Test
  void keepsTheNonLatinNameAndTheAliases() {
    SanctionedEntity putin = OfacCsvImporterTests.byId(sample(), "14196");

    assertThat(putin.names()).extracting(EntityName::full, EntityName::strength, EntityName::originalScript)
        .containsExactly(
            Tuple.tuple("Vladimir Vladimirovich PUTIN", NameStrength.PRIMARY, false),
            Tuple.tuple("Владимир Владимирович ПУТИН", NameStrength.PRIMARY, true),
            Tuple.tuple("Vladimir POUTINE", NameStrength.ALIAS, false));
    assertThat(putin.primaryName().partsOf(NamePartType.FAMILY)).containsExactly("PUTIN");
    assertThat(putin.birthDates()).containsExactly(PartialDate.of(1952, 10, 7));
    assertThat(putin.countries(CountryRole.NATIONALITY)).containsExactly(new Country("RU"));
    assertThat(putin.listedOn()).contains(LocalDate.of(2022, 2, 26));
  }

  @Test
  void readsNumberedValuesPartialDatesAndWeakAliases() {
    SanctionedEntity khan = OfacCsvImporterTests.byId(sample(), "90001");

    assertThat(khan.birthDates()).containsExactly(PartialDate.ofYear(1961), PartialDate.ofYear(1962));
    assertThat(khan.countries(CountryRole.NATIONALITY)).containsExactly(new Country("AF"), new Country("PK"));
    assertThat(khan.identifiers(IdentifierType.PASSPORT)).extracting(Identifier::value, Identifier::country)
        .containsExactly(Tuple.tuple("OR801168", Optional.of(new Country("AF"))),
            Tuple.tuple("AA1234567", Optional.of(new Country("PK"))));
    assertThat(khan.names()).extracting(EntityName::full, EntityName::strength)
        .contains(Tuple.tuple("ABDUL RAHMAN", NameStrength.WEAK_ALIAS));
    assertThat(khan.titles()).containsExactly("Maulavi");
    assertThat(khan.remarks()).containsExactly("Invented for tests. Believed to be in the border region, as of 2020.");

    SanctionedEntity erika = OfacCsvImporterTests.byId(sample(), "90004");
    assertThat(erika.birthDates()).containsExactly(PartialDate.ofMonth(1970, 6));
    assertThat(erika.titles()).containsExactly("Dr", "Director", "Shareholder");
    assertThat(erika.names()).extracting(EntityName::strength).containsExactly(NameStrength.PRIMARY, NameStrength.ALIAS);
  }

  @Test
  void readsAnEntityAddressAndAShipsImoNumber() {
    SanctionsList list = sample();
    SanctionedEntity trading = OfacCsvImporterTests.byId(list, "90002");
    assertThat(trading.addresses())
        .containsExactly(new Address("Ulitsa Primernaya, 1, Moscow, 123456", Optional.of(new Country("RU"))));
    assertThat(trading.names()).extracting(EntityName::full)
        .containsExactly("NORTHERN EXAMPLE TRADING LLC", "ООО Северная Примерная Торговля", "NETL");

    SanctionedEntity ship = OfacCsvImporterTests.byId(list, "90003");
    assertThat(ship.schema()).isEqualTo(Schema.VESSEL);
    assertThat(ship.identifiers(IdentifierType.IMO)).extracting(Identifier::value).containsExactly("9123456");
  }

  @Test
  void makesTheFirstAliasPrimaryWhenAGroupHasNoPrimaryName() {
    SanctionedEntity holdings = OfacCsvImporterTests.byId(sample(), "90005");
    assertThat(holdings.primaryName().full()).isEqualTo("EXAMPLE HOLDINGS");
  }

  @Test
  void refusesBadQuotingNamingFileAndLine() throws IOException {
    String sample = new String(TestLists.resource("uk/uk_conlist_sample.csv").bytes(), StandardCharsets.UTF_8);
    Path file = Files.writeString(dir.resolve("ConList.csv"), sample.replace("\"Ulitsa Primernaya, 1\"", "\"Ulitsa \"Primernaya\", 1\""));

    assertThatThrownBy(() -> UkConsolidatedImporter.load(file))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith(file + ":8: not valid CSV");
  }

  @Test
  void refusesAnUnknownGroupType() throws IOException {
    String sample = new String(TestLists.resource("uk/uk_conlist_sample.csv").bytes(), StandardCharsets.UTF_8);
    Path file = Files.writeString(dir.resolve("ConList.csv"), sample.replace(",Ship,", ",Spaceship,"));

    assertThatThrownBy(() -> UkConsolidatedImporter.load(file))
        .hasMessage(file + ":10: Group Type must be Individual, Entity or Ship, not 'Spaceship'");
  }

  @Test
  void refusesATruncatedFile() throws IOException {
    byte[] sample = TestLists.resource("uk/uk_conlist_sample.csv").bytes();
    Path file = Files.write(dir.resolve("ConList.csv"), Arrays.copyOf(sample, sample.length - 40));

    assertThatThrownBy(() -> UkConsolidatedImporter.load(file))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith(file + ":14: expected 36 columns, as in the header, but found");
  }
}

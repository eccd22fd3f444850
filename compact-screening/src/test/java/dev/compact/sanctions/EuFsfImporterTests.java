package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EuFsfImporterTests {

  @TempDir Path dir;

  private static SanctionsList sample() {
    SourceBytes file = TestLists.resource("eu/eu_fsf_sample.csv");
    return EuFsfImporter.read(file, file.name());
  }

  @Test
  void groupsRowsIntoEntities() {
    SanctionsList list = sample();

    assertThat(list.countBySchema())
        .containsExactlyInAnyOrderEntriesOf(Map.of(Schema.PERSON, 3, Schema.ORGANIZATION, 1));
    assertThat(list.issued()).contains(LocalDate.of(2026, 2, 27));
    assertThat(list.versionHash()).isEqualTo(TestLists.resource("eu/eu_fsf_sample.csv").sha256());
  }

  @Test
  void keepsTheCyrillicNameAsAnOriginalScriptName() {
    SanctionedEntity putin = OfacCsvImporterTests.byId(sample(), "139094");

    assertThat(putin.names()).extracting(EntityName::full, EntityName::strength, EntityName::originalScript)
        .containsExactly(
            Tuple.tuple("Vladimir Vladimirovich PUTIN", NameStrength.PRIMARY, false),
            Tuple.tuple("Владимир Владимирович ПУТИН", NameStrength.PRIMARY, true));
    assertThat(putin.primaryName().partsOf(NamePartType.MIDDLE)).containsExactly("Vladimirovich");
    assertThat(putin.birthDates()).containsExactly(PartialDate.of(1952, 10, 7));
    assertThat(putin.birthPlaces()).containsExactly("Leningrad (now St Petersburg), RUSSIAN FEDERATION");
    assertThat(putin.countries(CountryRole.CITIZENSHIP)).containsExactly(new Country("RU"));
    assertThat(putin.gender()).contains(Gender.MALE);
    assertThat(putin.programmes()).containsExactly("RUS");
    assertThat(putin.listedOn()).contains(LocalDate.of(2022, 2, 25));
    assertThat(putin.titles()).containsExactly("President of the Russian Federation");
  }

  @Test
  void readsAliasesAddressesAndTypedIdentifiers() {
    SanctionsList list = sample();
    SanctionedEntity lavrov = OfacCsvImporterTests.byId(list, "139096");
    assertThat(lavrov.names()).extracting(EntityName::full, EntityName::strength)
        .containsExactly(Tuple.tuple("Sergey Viktorovich LAVROV", NameStrength.PRIMARY),
            Tuple.tuple("Sergei LAVROV", NameStrength.ALIAS));

    SanctionedEntity shipping = OfacCsvImporterTests.byId(list, "139200");
    assertThat(shipping.schema()).isEqualTo(Schema.ORGANIZATION);
    assertThat(shipping.addresses())
        .containsExactly(new Address("Primernaya Street 1, Moscow, 123456", Optional.of(new Country("RU"))));
    assertThat(shipping.identifiers(IdentifierType.OGRN)).extracting(Identifier::value).containsExactly("1027700000017");
    assertThat(shipping.identifiers(IdentifierType.INN)).extracting(Identifier::value).containsExactly("7700000017");
    assertThat(shipping.remarks()).containsExactly("Shipping company; invented for tests");
  }

  @Test
  void readsAnApproximateYearRangeAndAPassport() {
    SanctionedEntity kim = OfacCsvImporterTests.byId(sample(), "124001");

    assertThat(kim.birthDates()).extracting(PartialDate::toString).containsExactly("~1964", "~1965", "~1966");
    assertThat(kim.identifiers(IdentifierType.PASSPORT))
        .containsExactly(new Identifier(IdentifierType.PASSPORT, "990000001", Optional.of(new Country("KP")), "National passport"));
    assertThat(kim.identifiers(IdentifierType.OTHER)).extracting(Identifier::value).contains("EU.4021.12", "KPi.999");
  }

  @Test
  void refusesARowWithTheWrongColumnCount() throws IOException {
    String sample = new String(TestLists.resource("eu/eu_fsf_sample.csv").bytes(), StandardCharsets.UTF_8);
    String[] lines = sample.split("\r\n");
    lines[4] = lines[4].substring(0, lines[4].lastIndexOf(';'));
    Path file = Files.writeString(dir.resolve("eu.csv"), String.join("\r\n", lines));

    assertThatThrownBy(() -> EuFsfImporter.load(file))
        .isInstanceOf(ListFormatException.class)
        .hasMessage(file + ":5: expected 118 columns, as in the header, but found 117");
  }

  @Test
  void refusesAFileWithoutTheEuColumns() throws IOException {
    Path file = Files.writeString(dir.resolve("eu.csv"), "\uFEFFname;country\nX;RU\n");

    assertThatThrownBy(() -> EuFsfImporter.load(file))
        .hasMessage(file + ":1: the header lacks the columns Entity_LogicalId, Entity_SubjectType, NameAlias_WholeName");
  }

  @Test
  void refusesAnUnknownSubjectType() throws IOException {
    Path file = Files.writeString(dir.resolve("eu.csv"),
        "Entity_LogicalId;Entity_SubjectType;NameAlias_WholeName\n1;person;A\n2;spaceship;B\n");

    assertThatThrownBy(() -> EuFsfImporter.load(file))
        .hasMessage(file + ":3: Entity_SubjectType must be person or enterprise, not 'spaceship'");
  }
}

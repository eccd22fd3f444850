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

class UnXmlImporterTests {

  @TempDir Path dir;

  @Test
  void loadsTheConsolidatedListWithTheCountsInSources() {
    SanctionsList un = ListLoader.bundledUn();

    assertThat(un.countBySchema())
        .containsExactlyInAnyOrderEntriesOf(Map.of(Schema.PERSON, 730, Schema.ORGANIZATION, 273));
    assertThat(un.entities().stream().flatMap(e -> e.names().stream()).filter(EntityName::originalScript).count())
        .isEqualTo(378);
    assertThat(un.issued()).contains(LocalDate.of(2026, 2, 27));
    assertThat(un.versionHash()).startsWith("66b392a4090868d2");
  }

  @Test
  void keepsOriginalScriptNamesAndAliasQuality() {
    SanctionsList un = ListLoader.bundledUn();
    // 1524 "Good", 615 "Low" and a few aliases without a quality among individuals' 2139 named aliases.
    long weak = un.entities().stream().filter(e -> e.schema() == Schema.PERSON)
        .flatMap(e -> e.names().stream()).filter(n -> n.strength() == NameStrength.WEAK_ALIAS).count();
    assertThat(weak).isEqualTo(615);
    SanctionedEntity withScript = un.entities().stream()
        .filter(e -> e.names().stream().anyMatch(EntityName::originalScript))
        .findFirst().orElseThrow();
    EntityName original = withScript.names().stream().filter(EntityName::originalScript).findFirst().orElseThrow();
    assertThat(original.full()).doesNotContainPattern("[A-Za-z]{3}");
    assertThat(withScript.primaryName().originalScript()).isFalse();
  }

  @Test
  void readsDatesNationalityAndDocuments() throws IOException {
    SanctionsList list = UnXmlImporter.load(write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
          <INDIVIDUALS>
            <INDIVIDUAL>
              <DATAID>42</DATAID>
              <FIRST_NAME>IVAN</FIRST_NAME><SECOND_NAME>PETROV</SECOND_NAME>
              <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>
              <LISTED_ON>2016-03-02</LISTED_ON><GENDER>Male</GENDER>
              <NAME_ORIGINAL_SCRIPT>Иван Петров</NAME_ORIGINAL_SCRIPT>
              <NATIONALITY><VALUE>Russian Federation</VALUE></NATIONALITY>
              <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Vanya</ALIAS_NAME></INDIVIDUAL_ALIAS>
              <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>The Bear</ALIAS_NAME></INDIVIDUAL_ALIAS>
              <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1960</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
              <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1962</FROM_YEAR><TO_YEAR>1963</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
              <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Omsk</CITY><COUNTRY>Russian Federation</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
              <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>720123456</NUMBER><ISSUING_COUNTRY>Russian Federation</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
            </INDIVIDUAL>
          </INDIVIDUALS>
          <ENTITIES/>
        </CONSOLIDATED_LIST>
        """));

    SanctionedEntity ivan = list.entities().getFirst();
    assertThat(ivan.names()).extracting(EntityName::full, EntityName::strength, EntityName::originalScript)
        .containsExactly(
            Tuple.tuple("IVAN PETROV", NameStrength.PRIMARY, false),
            Tuple.tuple("Иван Петров", NameStrength.PRIMARY, true),
            Tuple.tuple("Vanya", NameStrength.ALIAS, false),
            Tuple.tuple("The Bear", NameStrength.WEAK_ALIAS, false));
    assertThat(ivan.birthDates()).extracting(PartialDate::toString).containsExactly("~1960", "~1962", "~1963");
    assertThat(ivan.countries(CountryRole.NATIONALITY)).containsExactly(new Country("RU"));
    assertThat(ivan.birthPlaces()).containsExactly("Omsk, Russian Federation");
    assertThat(ivan.identifiers(IdentifierType.PASSPORT))
        .containsExactly(new Identifier(IdentifierType.PASSPORT, "720123456", Optional.of(new Country("RU")), "Passport"));
    assertThat(ivan.gender()).contains(Gender.MALE);
    assertThat(ivan.listedOn()).contains(LocalDate.of(2016, 3, 2));
    assertThat(ivan.programmes()).containsExactly("DPRK");
  }

  @Test
  void refusesMalformedXmlNamingFileAndLine() throws IOException {
    Path file = write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <CONSOLIDATED_LIST>
          <INDIVIDUALS>
            <INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME>
          </INDIVIDUALS>
        </CONSOLIDATED_LIST>
        """);

    assertThatThrownBy(() -> UnXmlImporter.load(file))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith(file + ":5: is not well-formed XML");
  }

  @Test
  void refusesATruncatedFile() throws IOException {
    String whole = Files.readString(TestLists.sharedDataOrBundledUn());
    Path file = write(whole.substring(0, whole.length() / 2));

    assertThatThrownBy(() -> UnXmlImporter.load(file))
        .isInstanceOf(ListFormatException.class)
        .hasMessageContaining("is not well-formed XML")
        .satisfies(e -> assertThat(((ListFormatException) e).line()).isGreaterThan(1000));
  }

  @Test
  void refusesExternalEntities() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP SECRET");
    Path file = write("""
        <?xml version="1.0"?>
        <!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "%s">]>
        <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>
        <FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
        """.formatted(secret.toUri()));

    assertThatThrownBy(() -> UnXmlImporter.load(file))
        .isInstanceOf(ListFormatException.class)
        .hasMessageContaining(file + ":2:")
        .hasMessageNotContaining("TOP SECRET");
  }

  @Test
  void refusesAnEntryWithoutDataId() throws IOException {
    Path file = write("""
        <CONSOLIDATED_LIST>
          <INDIVIDUALS>
            <INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>
          </INDIVIDUALS>
        </CONSOLIDATED_LIST>
        """);

    assertThatThrownBy(() -> UnXmlImporter.load(file)).hasMessage(file + ":3: entry without a numeric DATAID");
  }

  @Test
  void refusesAnotherRootElement() throws IOException {
    Path file = write("<html><body/></html>");
    assertThatThrownBy(() -> UnXmlImporter.load(file))
        .hasMessage(file + ":1: expected a CONSOLIDATED_LIST root element, found html");
  }

  private Path write(String xml) throws IOException {
    return Files.writeString(dir.resolve("un.xml"), xml, StandardCharsets.UTF_8);
  }
}

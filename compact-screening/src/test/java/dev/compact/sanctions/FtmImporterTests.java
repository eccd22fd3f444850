package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenSanctions samples are CC BY-NC and not committed: the tests that use them read
 * {@code ../shared/data/sanctions/opensanctions_ftm_samples} and are skipped, saying so, when it is
 * absent. The format tests use small entities written here.
 */
class FtmImporterTests {

  @TempDir Path dir;

  @Test
  void loadsTheEuSampleWithPersonsOrganisationsAndTheirAddress() {
    SanctionsList list = FtmImporter.load(TestLists.sharedFile("opensanctions_ftm_samples/eu_fsf_t1.entities.ftm.json"));

    assertThat(list.name()).isEqualTo("FollowTheMoney eu_fsf");
    assertThat(list.countBySchema())
        .containsExactlyInAnyOrderEntriesOf(Map.of(Schema.PERSON, 4, Schema.ORGANIZATION, 2));
    SanctionedEntity kuzmenko = OfacCsvImporterTests.byId(list, "NK-2Ka3UvopqbpZmVDFjWd4LA");
    assertThat(kuzmenko.primaryName().full()).isEqualTo("Vitaly Yurievich KUZMENKO");
    assertThat(kuzmenko.names()).extracting(EntityName::full).contains("Виталий Юрьевич КУЗЬМЕНКО");
    assertThat(kuzmenko.birthDates()).containsExactly(PartialDate.of(1971, 1, 22));
    assertThat(kuzmenko.gender()).contains(Gender.MALE);
    assertThat(kuzmenko.countries(CountryRole.NATIONALITY)).containsExactly(new Country("RU"));
    assertThat(kuzmenko.identifiers(IdentifierType.TAX_ID)).extracting(Identifier::value).containsExactly("366510784303");
    assertThat(kuzmenko.primaryName().partsOf(NamePartType.FAMILY)).containsExactly("KUZMENKO");
    SanctionedEntity tobacco = OfacCsvImporterTests.byId(list, "NK-2GdmHtZTeNXjNVrBGEXZNj");
    assertThat(tobacco.primaryName().full()).isEqualTo("RAB „Inter Tobacco“");
    assertThat(tobacco.identifiers(IdentifierType.REGISTRATION)).extracting(Identifier::value).containsExactly("808000714");
    assertThat(tobacco.allCountries()).containsExactly(new Country("BY"));
  }

  @Test
  void takesProgrammesAndListingDatesFromLinkedSanctionsAndSkipsRelatedParties() {
    List<String> notes = new ArrayList<>();
    SanctionsList list = FtmImporter.load(
        TestLists.sharedFile("opensanctions_ftm_samples/zala_cluster.entities.ftm.json"), notes::add);

    // 11 companies and 6 persons, of which 3 companies are marked "target": false.
    assertThat(list.countBySchema())
        .containsExactlyInAnyOrderEntriesOf(Map.of(Schema.PERSON, 6, Schema.COMPANY, 8));
    assertThat(notes).contains("3 entities marked \"target\": false (related parties, not listed) were skipped");
    assertThat(notes).anyMatch(n -> n.contains("Ownership=14"));
    SanctionedEntity osetrova = OfacCsvImporterTests.byId(list, "NK-2Tbri3s6GgNtAwsSXh4qpL");
    assertThat(osetrova.identifiers(IdentifierType.INN)).extracting(Identifier::value).containsExactly("183116181362");
    assertThat(osetrova.programmes()).contains("GB-RUS");
    assertThat(osetrova.listedOn()).isPresent();
    assertThat(list.entities()).filteredOn(e -> e.schema() == Schema.COMPANY)
        .allSatisfy(c -> assertThat(c.identifiers(IdentifierType.OGRN)).isNotEmpty());
  }

  @Test
  void readsAVesselWithItsImoAndFlag() throws IOException {
    SanctionsList list = FtmImporter.load(write("""
        {"id":"v1","schema":"Vessel","properties":{"name":["TASCA"],"imoNumber":["9313149"],"mmsi":["352002494"],"flag":["pa"],"callSign":["3E2647"],"addressEntity":["addr-old"]},"target":true}
        {"id":"a1","schema":"Address","properties":{"full":["Panama City"],"country":["pa"]},"referents":["addr-old"]}
        {"id":"s1","schema":"Sanction","properties":{"entity":["v1"],"program":["IRAN-EO13846"],"listingDate":["2019-09-04"]}}
        """));

    SanctionedEntity tasca = list.entities().getFirst();
    assertThat(tasca.schema()).isEqualTo(Schema.VESSEL);
    assertThat(tasca.identifiers(IdentifierType.IMO)).extracting(Identifier::value).containsExactly("9313149");
    assertThat(tasca.countries(CountryRole.FLAG)).containsExactly(new Country("PA"));
    assertThat(tasca.vessel()).hasValueSatisfying(v -> assertThat(v.callSign()).isEqualTo("3E2647"));
    assertThat(tasca.programmes()).containsExactly("IRAN-EO13846");
    assertThat(tasca.listedOn()).contains(LocalDate.of(2019, 9, 4));
    assertThat(tasca.addresses()).containsExactly(new Address("Panama City", Optional.of(new Country("PA"))));
  }

  @Test
  void refusesALineThatIsNotJsonNamingFileAndLine() throws IOException {
    Path file = write("""
        {"id":"p1","schema":"Person","properties":{"name":["A"]}}
        {"id":"p2","schema":"Person","properties":{"name":["B"]}
        """);

    assertThatThrownBy(() -> FtmImporter.load(file))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith(file + ":2: not valid JSON");
  }

  @Test
  void refusesJsonThatIsNotAnEntity() throws IOException {
    Path file = write("""
        {"id":"p1","schema":"Person","properties":{"name":["A"]}}

        ["not", "an", "entity"]
        """);

    assertThatThrownBy(() -> FtmImporter.load(file))
        .hasMessageStartingWith(file + ":3: expected a FollowTheMoney entity");
  }

  @Test
  void refusesAFileThatIsNotUtf8() throws IOException {
    Path file = dir.resolve("latin1.json");
    Files.write(file, "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n{\"name\":\"Jos\u00e9\"}\n"
        .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> FtmImporter.load(file)).hasMessage(file + ":2: is not valid UTF-8");
  }

  private Path write(String lines) throws IOException {
    return Files.writeString(dir.resolve("entities.ftm.json"), lines, StandardCharsets.UTF_8);
  }
}

package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfacCsvImporterTests {

  private static final String GOOD_ROW =
      "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

  @TempDir Path dir;

  @Test
  void loadsThe2021ReleaseWithTheCountsInSources() {
    SanctionsList list = ListLoader.bundledOfacSdn();

    assertThat(list.size()).isEqualTo(8976);
    assertThat(list.countBySchema())
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            Schema.PERSON, 4620, Schema.VESSEL, 406, Schema.AIRCRAFT, 277, Schema.ORGANIZATION, 3673));
    // 11910 rows in alt.csv, every one naming an entry of sdn.csv.
    assertThat(list.entities().stream()
            .flatMap(e -> e.names().stream())
            .filter(n -> n.strength() == NameStrength.ALIAS)
            .count())
        .isEqualTo(11910);
    assertThat(list.entities().stream().mapToInt(e -> e.addresses().size()).sum())
        // 13837 rows in add.csv, of which 11440 have a street, city or country (counted with Python's csv).
        .isEqualTo(11440);
  }

  @Test
  void hashesTheExactSourceBytes() {
    // The first 16 hex digits of sdn.csv's SHA-256 as SOURCES.md records them.
    SourceBytes sdn = TestLists.resource("../lists/ofac_sdn_2021/sdn.csv");
    assertThat(sdn.sha256()).startsWith("2a08fac873a3be0b");
    SanctionsList list = ListLoader.bundledOfacSdn();
    assertThat(list.versionHash()).hasSize(64).isEqualTo(ListLoader.bundledOfacSdn().versionHash());
    assertThat(list.entities()).allMatch(e -> e.listVersion().equals(list.versionHash()));
    assertThat(TestLists.ofac("ofac_sdn_2019", true).versionHash()).isNotEqualTo(list.versionHash());
  }

  @Test
  void appendsTheCommentsFileToTheRemarks() {
    SanctionedEntity cifuentes = byId(ListLoader.bundledOfacSdn(), "12300");

    // The last links are only in sdn_comments.csv; "PROMO RAIZ" is cut in two across the files.
    assertThat(cifuentes.linkedTo()).contains("PROMO RAIZ S.A.S.", "RED MUNDIAL INMOBILIARIA, S.A. DE C.V.", "R D I S.A");
  }

  @Test
  void turnsIndividualsNamesIntoNaturalOrderWithParts() {
    SanctionedEntity logan = byId(TestLists.ofac("ofac_sdn_mini", false), "10278");

    assertThat(logan.schema()).isEqualTo(Schema.PERSON);
    assertThat(logan.primaryName().full()).isEqualTo("Elvis Angus LOGAN MOREY");
    assertThat(logan.primaryName().partsOf(NamePartType.FAMILY)).containsExactly("LOGAN MOREY");
    assertThat(logan.primaryName().partsOf(NamePartType.GIVEN)).containsExactly("Elvis Angus");
    assertThat(logan.names()).extracting(EntityName::full, EntityName::strength)
        .contains(Tuple.tuple("BURTON BURGESS", NameStrength.WEAK_ALIAS));
    assertThat(logan.birthDates()).containsExactly(PartialDate.of(1963, 7, 28));
    assertThat(logan.countries(CountryRole.BIRTH)).containsExactly(new Country("BZ"));
    assertThat(logan.identifiers(IdentifierType.PASSPORT)).extracting(Identifier::value).containsExactly("P0017003");
  }

  @Test
  void readsVesselParticularsAndImo() {
    SanctionedEntity ns = byId(TestLists.ofac("ofac_sdn_mini", false), "47371");

    assertThat(ns.schema()).isEqualTo(Schema.VESSEL);
    assertThat(ns.vessel()).hasValueSatisfying(v -> {
      assertThat(v.callSign()).isEqualTo("A8LU7");
      assertThat(v.vesselType()).isEqualTo("Crude Oil Tanker");
      assertThat(v.flag()).contains(new Country("GA"));
    });
    assertThat(ns.identifiers(IdentifierType.IMO)).extracting(Identifier::value).containsExactly("9339301");
    assertThat(ns.identifiers(IdentifierType.MMSI)).extracting(Identifier::value).containsExactly("636013272");
    assertThat(ns.programmes()).containsExactly("RUSSIA-EO14024");
  }

  @Test
  void splitsProgrammes() {
    SanctionedEntity plane = byId(TestLists.ofac("ofac_sdn_mini", false), "48727");
    assertThat(plane.schema()).isEqualTo(Schema.AIRCRAFT);
    assertThat(plane.programmes()).containsExactly("SDGT", "NPWMD", "IRGC", "IFSR");
  }

  @Test
  void reportsSideFileRowsThatReferToNoEntry() {
    List<String> notes = new ArrayList<>();
    SanctionsList mini = OfacCsvImporter.read(OfacCsvImporter.SDN_LIST, "mini",
        TestLists.resource("ofac_sdn_mini/sdn.csv"),
        Optional.of(TestLists.resource("ofac_sdn_mini/alt.csv")),
        Optional.of(TestLists.resource("ofac_sdn_mini/add.csv")),
        Optional.of(TestLists.resource("ofac_sdn_mini/sdn_comments.csv")),
        notes::add);

    assertThat(mini.size()).isEqualTo(17);
    assertThat(notes).containsExactly(
        "5 rows of alt.csv refer to no entry of the main file; their aliases were ignored",
        "4 rows of add.csv refer to no entry of the main file; their addresses were ignored");
  }

  @Test
  void refusesBadQuotingNamingFileAndLine() throws IOException {
    write("sdn.csv", GOOD_ROW + "173,\"ANGLO \"CARIBBEAN\" CO\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");

    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith(dir.resolve("sdn.csv") + ":2: not valid CSV")
        .satisfies(e -> assertThat(((ListFormatException) e).line()).isEqualTo(2));
  }

  @Test
  void refusesAWrongColumnCount() throws IOException {
    write("sdn.csv", GOOD_ROW + GOOD_ROW.replace("36,", "37,") + "38,\"SHORT ROW\",-0- \r\n");

    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir))
        .isInstanceOf(ListFormatException.class)
        .hasMessage(dir.resolve("sdn.csv") + ":3: expected 12 columns (ent_num, SDN_Name, SDN_Type, Program, Title,"
            + " Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks) but found 3");
  }

  @Test
  void refusesATruncatedFile() throws IOException {
    write("sdn.csv", GOOD_ROW + "173,\"ANGLO-CARIBBEAN CO., LTD.\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 19");

    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith(dir.resolve("sdn.csv") + ":2: not valid CSV")
        .hasMessageContaining("never closed");
  }

  @Test
  void refusesTheWholeReleaseWhenASideFileIsBad() throws IOException {
    write("sdn.csv", GOOD_ROW);
    write("alt.csv", "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n36,13,\"aka\"\r\n");

    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith(dir.resolve("alt.csv") + ":2: expected 5 columns");
  }

  @Test
  void refusesAnUnknownEntryType() throws IOException {
    write("sdn.csv", GOOD_ROW.replace("-0- ,\"CUBA\"", "\"spaceship\",\"CUBA\""));

    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir))
        .hasMessage(dir.resolve("sdn.csv") + ":1: SDN_Type must be individual, vessel, aircraft or -0-, not 'spaceship'");
  }

  @Test
  void refusesANonNumericOrRepeatedEntNum() throws IOException {
    write("sdn.csv", GOOD_ROW + GOOD_ROW);
    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir)).hasMessage(dir.resolve("sdn.csv") + ":2: ent_num 36 appears twice");

    write("sdn.csv", GOOD_ROW.replace("36,", "X1,"));
    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir)).hasMessage(dir.resolve("sdn.csv") + ":1: ent_num must be a number, not 'X1'");
  }

  @Test
  void explainsAMissingDirectoryOrMainFile() {
    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir))
        .hasMessageEndingWith("holds neither sdn.csv nor cons_prim.csv");
    assertThatThrownBy(() -> OfacCsvImporter.loadDirectory(dir.resolve("nope")))
        .hasMessageEndingWith("is not a directory of OFAC CSV files");
  }

  @Test
  void ignoresTheTrailingControlZLine() throws IOException {
    write("sdn.csv", GOOD_ROW + "\u001a");
    assertThat(OfacCsvImporter.loadDirectory(dir).size()).isEqualTo(1);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  static SanctionedEntity byId(SanctionsList list, String id) {
    return list.entities().stream()
        .filter(e -> e.id().value().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entity " + id + " in " + list.name()));
  }
}

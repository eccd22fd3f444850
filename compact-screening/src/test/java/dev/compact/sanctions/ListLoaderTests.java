package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListLoaderTests {

  private static final String ROW =
      "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

  @TempDir Path dir;

  @Test
  void bundlesOfacSdn2021AndTheUnList() {
    List<SanctionsList> lists = ListLoader.bundled();

    assertThat(lists).extracting(SanctionsList::name)
        .containsExactly(OfacCsvImporter.SDN_LIST, UnXmlImporter.LIST);
    assertThat(lists).extracting(SanctionsList::size).containsExactly(8976, 1003);
  }

  @Test
  void loadsNothingWhenOneOfTheSourcesIsMalformed() throws IOException {
    Path ofac = Files.createDirectories(dir.resolve("ofac"));
    Files.writeString(ofac.resolve("sdn.csv"), ROW);
    Path un = Files.writeString(dir.resolve("un.xml"), "<CONSOLIDATED_LIST><INDIVIDUALS>");

    assertThatThrownBy(() -> ListLoader.load(
            List.of(new ListSource.OfacDirectory(ofac), new ListSource.UnXml(un)), note -> { }))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith(un + ":1: is not well-formed XML");
  }

  @Test
  void prefixesNotesWithTheSourceTheyConcern() throws IOException {
    Path ofac = Files.createDirectories(dir.resolve("ofac"));
    Files.writeString(ofac.resolve("sdn.csv"), ROW);
    Files.writeString(ofac.resolve("alt.csv"), "9,1,\"aka\",\"NOBODY\",-0- \r\n");
    List<String> notes = new ArrayList<>();

    List<SanctionsList> lists = ListLoader.load(List.of(new ListSource.OfacDirectory(ofac)), notes::add);

    assertThat(lists).singleElement().extracting(SanctionsList::size).isEqualTo(1);
    assertThat(notes).containsExactly("OFAC CSV " + ofac
        + ": 1 rows of alt.csv refer to no entry of the main file; their aliases were ignored");
  }

  @Test
  void readsTheConsolidatedNonSdnListFromTheSharedFolder() {
    Path dirOfList = TestLists.sharedFile("ofac_consolidated_nonsdn");

    SanctionsList list = OfacCsvImporter.loadDirectory(dirOfList);

    // SOURCES.md: 442 primary rows, 79 of them individuals.
    assertThat(list.name()).isEqualTo(OfacCsvImporter.CONSOLIDATED_LIST);
    assertThat(list.countBySchema())
        .containsExactlyInAnyOrderEntriesOf(Map.of(Schema.PERSON, 79, Schema.ORGANIZATION, 363));
  }
}

package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListFormatTests {

  private static ListFile file(String path) {
    SourceBytes bytes = TestLists.resource(path);
    return new ListFile(bytes.name(), bytes.bytes());
  }

  @Test
  void anOfacReleaseReadFromMemoryHasTheHashOfTheSameFilesLoadedTogether() {
    List<ListFile> files = List.of(file("ofac_sdn_2019/sdn.csv.gz"), file("ofac_sdn_2019/alt.csv.gz"),
        file("ofac_sdn_2019/add.csv.gz"), file("ofac_sdn_2019/sdn_comments.csv.gz"));

    SanctionsList list = ListFormat.OFAC.read(files, note -> {});

    assertThat(list.versionHash()).isEqualTo(TestLists.ofac("ofac_sdn_2019", true).versionHash());
    assertThat(list.size()).isEqualTo(7379);
    // The order the files come in does not matter: their names say what each one is.
    assertThat(ListFormat.OFAC.read(files.reversed(), note -> {}).versionHash()).isEqualTo(list.versionHash());
  }

  @Test
  void aFileThatBelongsToNoOfacReleaseIsRefusedByName() {
    List<ListFile> files = List.of(file("ofac_sdn_2019/sdn.csv.gz"), new ListFile("notes.txt", "x".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> ListFormat.OFAC.read(files, note -> {})).isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith("notes.txt: is not a file of an OFAC legacy CSV release");
    assertThatThrownBy(() -> ListFormat.OFAC.read(List.of(file("ofac_sdn_2019/alt.csv.gz")), note -> {}))
        .hasMessageContaining("needs its main file");
  }

  @Test
  void singleFileFormatsTakeExactlyOneFile() {
    ListFile one = new ListFile("a.xml", "<x/>".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ListFormat.UN.read(List.of(one, new ListFile("b.xml", new byte[0])), note -> {}))
        .hasMessageContaining("a un version is one file, not 2");
    assertThatThrownBy(() -> ListFormat.UN.read(List.of(one), note -> {})).isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith("a.xml:");
  }

  @Test
  void keywordsNameTheFormats() {
    assertThat(ListFormat.parse("OFAC")).contains(ListFormat.OFAC);
    assertThat(ListFormat.parse(" ftm ")).contains(ListFormat.FTM);
    assertThat(ListFormat.parse("sdn")).isEmpty();
    assertThat(ListFormat.keywords()).isEqualTo("ofac, un, eu, uk, ftm");
  }
}

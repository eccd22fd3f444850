package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * List files cut short, as an interrupted download leaves them, made in the test from real extracts
 * (the bundled OFAC 2021 release and UN list, which may be copied; the OpenSanctions sample, which may
 * not, is read from the shared folder): each cut the format lets us see is refused, never read as a
 * shorter list. Before, an OFAC main file cut at a row boundary (losing less than a fifth of it, which
 * the record's shrink check misses) or inside a row's last field ({@code -0-} cut to {@code -0}) was
 * read as a shorter list.
 */
class CutListFileTests {
  private static final String OFAC = "../lists/ofac_sdn_2021/";

  private static SanctionsList ofacWithMain(byte[] sdn) {
    return OfacCsvImporter.read(OfacCsvImporter.SDN_LIST, "cut", new SourceBytes("sdn.csv", sdn),
        Optional.of(TestLists.resource(OFAC + "alt.csv")), Optional.of(TestLists.resource(OFAC + "add.csv")),
        Optional.of(TestLists.resource(OFAC + "sdn_comments.csv")), note -> {});
  }

  @Test
  void anOfacMainFileCutAtARowBoundaryOrInsideARowIsRefused() {
    byte[] sdn = TestLists.resource(OFAC + "sdn.csv").bytes();
    String text = new String(sdn, StandardCharsets.ISO_8859_1);
    List<Integer> rowEnds = new ArrayList<>();
    for (int i = text.indexOf("\r\n"); i >= 0; i = text.indexOf("\r\n", i + 2)) {
      rowEnds.add(i + 2);
    }
    TreeSet<Integer> cuts = new TreeSet<>();
    for (double share : new double[] {0.5, 0.8, 0.9, 0.95, 0.99}) {
      cuts.add(rowEnds.get((int) (rowEnds.size() * share)));
    }
    // Inside the empty marker that ends a row, so that the cut row still has its 12 fields.
    int marker = text.lastIndexOf("-0- \r\n", sdn.length * 9 / 10);
    cuts.add(marker + 2);
    cuts.add(marker + 1);
    Random random = new Random(11);
    for (int i = 0; i < 30; i++) {
      cuts.add(random.nextInt(sdn.length * 99 / 100));
    }

    for (int cut : cuts) {
      ListFormatException refused = catchThrowableOfType(ListFormatException.class,
          () -> ofacWithMain(Arrays.copyOf(sdn, cut)));
      assertThat(refused).as("sdn.csv cut to %d of %d bytes", cut, sdn.length).isNotNull();
    }
    ListFormatException atARow = catchThrowableOfType(ListFormatException.class,
        () -> ofacWithMain(Arrays.copyOf(sdn, rowEnds.get((int) (rowEnds.size() * 0.9)))));
    assertThat(atARow.getMessage()).matches("sdn\\.csv:\\d+: ends at entry \\d+, but alt\\.csv:\\d+ names entry \\d+ after it:"
        + " the file looks cut short .*");
    assertThat(catchThrowableOfType(ListFormatException.class, () -> ofacWithMain(Arrays.copyOf(sdn, marker + 2))).getMessage())
        .contains("looks cut short");
  }

  @Test
  void staleSideRowsAreReadOnlyWhenAllowedAndTheRefusalSaysSoAndWhatItRisks() {
    byte[] sdn = TestLists.resource(OFAC + "sdn.csv").bytes();
    String text = new String(sdn, StandardCharsets.ISO_8859_1);
    // The first 90% of the rows: what a release whose side files carry rows for entries it no longer lists looks like.
    int cut = text.lastIndexOf("\r\n", sdn.length * 9 / 10) + 2;
    byte[] shorter = Arrays.copyOf(sdn, cut);

    ListFormatException refused = catchThrowableOfType(ListFormatException.class, () -> ofacWithMain(shorter));
    List<String> notes = new ArrayList<>();
    SanctionsList allowed = OfacCsvImporter.read(OfacCsvImporter.SDN_LIST, "stale", new SourceBytes("sdn.csv", shorter),
        Optional.of(TestLists.resource(OFAC + "alt.csv")), Optional.of(TestLists.resource(OFAC + "add.csv")),
        Optional.of(TestLists.resource(OFAC + "sdn_comments.csv")), true, notes::add);

    assertThat(refused.getMessage()).contains("looks cut short", "--allow-stale-side-rows reads them as stale",
        "if the file was cut short, that loses its last entries without an error (over the API: allowStaleSideRows=true)");
    assertThat(allowed.size()).isLessThan(8976).isGreaterThan(7000);
    assertThat(notes).anyMatch(n -> n.matches("sdn\\.csv ends at entry \\d+, but \\d+ row\\(s\\) of alt\\.csv \\(the first at line \\d+\\)"
        + " name entries after it: read as stale and ignored \\(--allow-stale-side-rows\\); if sdn\\.csv was cut short, its last entries are"
        + " missing from this list"));
    assertThat(notes).anyMatch(n -> n.contains("of add.csv"));
  }

  @Test
  void theWholeOfacReleaseAndTheReleasesInTheSharedFolderAreNotTakenForCutOnes() {
    assertThat(ofacWithMain(TestLists.resource(OFAC + "sdn.csv").bytes()).size()).isEqualTo(8976);
    for (String release : List.of("ofac_sdn_2019", "ofac_sdn_2021", "ofac_sdn_mini", "ofac_consolidated_nonsdn")) {
      Path dir = TestLists.sharedFile(release);
      assertThatCode(() -> OfacCsvImporter.loadDirectory(dir)).as(release).doesNotThrowAnyException();
    }
  }

  /**
   * A side file cut short loses the aliases or addresses of the last entries, which nothing in the
   * release can show (an entry may have none). Cut inside the empty marker that ends its last row, it
   * is still read, but a note says where it ends; the 2019 release in the shared folder ends so.
   */
  @Test
  void aSideFileEndingInsideTheEmptyMarkerIsNamedInANote() {
    byte[] alt = TestLists.resource(OFAC + "alt.csv").bytes();
    String text = new String(alt, StandardCharsets.ISO_8859_1);
    int marker = text.lastIndexOf("-0- \r\n", alt.length * 9 / 10);
    List<String> notes = new ArrayList<>();

    SanctionsList read = OfacCsvImporter.read(OfacCsvImporter.SDN_LIST, "cut", TestLists.resource(OFAC + "sdn.csv"),
        Optional.of(new SourceBytes("alt.csv", Arrays.copyOf(alt, marker + 2))), Optional.of(TestLists.resource(OFAC + "add.csv")),
        Optional.of(TestLists.resource(OFAC + "sdn_comments.csv")), notes::add);
    List<String> notes2019 = new ArrayList<>();
    OfacCsvImporter.loadDirectory(TestLists.sharedFile("ofac_sdn_2019"), notes2019::add);

    assertThat(read.size()).isEqualTo(8976);
    assertThat(notes).containsExactly("alt.csv ends in '-0', inside OFAC's empty marker '-0-': it was cut there or written so,"
        + " and any rows after it are lost; compare its hash with the one published");
    assertThat(notes2019).anyMatch(n -> n.startsWith("add.csv ends in '-0', inside OFAC's empty marker"));
    assertThat(notes2019).noneMatch(n -> n.startsWith("sdn.csv ends") || n.startsWith("alt.csv ends"));
  }

  @Test
  void aUnFileCutAnywhereIsRefused() {
    byte[] un = TestLists.resource("../lists/un_consolidated/UN_consolidated.xml").bytes();
    int end = new String(un, StandardCharsets.ISO_8859_1).lastIndexOf("</CONSOLIDATED_LIST>");
    TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 1, end, end + 5, end + "</CONSOLIDATED_LIST>".length() - 1));
    Random random = new Random(13);
    for (int i = 0; i < 30; i++) {
      cuts.add(random.nextInt(end));
    }

    for (int cut : cuts) {
      ListFormatException refused = catchThrowableOfType(ListFormatException.class,
          () -> UnXmlImporter.read(new SourceBytes("UN_consolidated.xml", Arrays.copyOf(un, cut)), "cut"));
      assertThat(refused).as("cut to %d of %d bytes", cut, un.length).isNotNull();
    }
    assertThat(UnXmlImporter.read(new SourceBytes("UN_consolidated.xml",
        Arrays.copyOf(un, end + "</CONSOLIDATED_LIST>".length())), "cut").size()).as("only the final line break lost").isEqualTo(1003);
  }

  /**
   * Each FtM line is a JSON object, so a cut inside one is refused; a cut between lines is not seen
   * (the format has no count), which docs/sanctions-lists.md says.
   */
  @Test
  void anFtmFileCutInsideALineIsRefused() throws Exception {
    byte[] ftm = Files.readAllBytes(TestLists.sharedFile("opensanctions_ftm_samples/zala_cluster.entities.ftm.json"));
    Random random = new Random(17);
    int refused = 0;
    for (int i = 0; i < 40; i++) {
      int cut = 1 + random.nextInt(ftm.length - 2);
      if (ftm[cut - 1] == '\n' || ftm[cut] == '\n') {
        continue;
      }
      int at = cut;
      assertThat(catchThrowableOfType(ListFormatException.class,
          () -> FtmImporter.read(new SourceBytes("entities.ftm.json", Arrays.copyOf(ftm, at)), "cut", note -> {})))
          .as("cut to %d of %d bytes", cut, ftm.length).isNotNull();
      refused++;
    }
    assertThat(refused).isGreaterThan(30);
  }
}

package dev.compact.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsFileTests {

  @Test
  void quotesACellOnlyWhenItHoldsACommaAQuoteOrALineBreak() {
    assertThat(ResultsFile.line(List.of("1", "ACME, Ltd", "say \"no\"", "two\nlines", "plain")))
        .isEqualTo("1,\"ACME, Ltd\",\"say \"\"no\"\"\",\"two\nlines\",plain\n");
  }

  @Test
  void countsTheCellsOfARecordAsItIsWritten() {
    List<String> cells = List.of("ALERT", "0.950", "List, with comma", "1", "\"Quoted\"", "", "a | b\nc");

    assertThat(ResultsFile.countCells(ResultsFile.cells(cells))).isEqualTo(7);
    assertThat(ResultsFile.countCells("")).isEqualTo(1);
    assertThat(ResultsFile.countCells("a,")).isEqualTo(2);
    assertThat(ResultsFile.countCells("\"a\",\"\"")).isEqualTo(2);
  }

  @Test
  void refusesTextThatIsNotOneRecord() {
    // A line break outside quotes would start a line of its own in the file.
    assertThat(ResultsFile.countCells("ALERT,1.000\n9,10,Forged")).isEqualTo(-1);
    assertThat(ResultsFile.countCells("a\rb")).isEqualTo(-1);
    // A quote left open, text after a closing quote, a quote inside an unquoted cell.
    assertThat(ResultsFile.countCells("\"open,cell")).isEqualTo(-1);
    assertThat(ResultsFile.countCells("\"closed\"x,y")).isEqualTo(-1);
    assertThat(ResultsFile.countCells("a\"b,c")).isEqualTo(-1);
  }

  @Test
  void writesScoresToThreeDecimalsAsTheServiceRoundsThem() {
    assertThat(ResultsFile.score(1.0)).isEqualTo("1.000");
    assertThat(ResultsFile.score(0.0704)).isEqualTo("0.070");
    assertThat(ResultsFile.score(12.25)).isEqualTo("12.250");
    assertThat(ResultsFile.score(0.5005)).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", Math.round(0.5005 * 1000) / 1000.0));
    // Already rounded (the service's answer), a score is written the same.
    assertThat(ResultsFile.score(Math.round(0.8566 * 1000) / 1000.0)).isEqualTo(ResultsFile.score(0.8566));
  }
}

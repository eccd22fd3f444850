package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.sanctions.CsvRecords.CsvRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTests {

  @Test
  void numbersRecordsByTheLineTheyStartOn() {
    List<CsvRecord> records = CsvRecords.parse("t.csv", "1,\"a\"\r\n2,\"b\r\nc\"\r\n\r\n3,d", ',');

    assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 5L);
    assertThat(records.get(1).fields()).containsExactly("2", "b\r\nc");
  }

  @Test
  void unescapesDoubledQuotes() {
    assertThat(CsvRecords.parse("t.csv", "1,\"O\"\"NEIL\"", ',').getFirst().fields())
        .containsExactly("1", "O\"NEIL");
  }

  @Test
  void readsSemicolonSeparatedFiles() {
    assertThat(CsvRecords.parse("t.csv", "a;\"b;c\";d", ';').getFirst().fields())
        .containsExactly("a", "b;c", "d");
  }

  @Test
  void refusesTextAfterAClosingQuote() {
    assertThatThrownBy(() -> CsvRecords.parse("t.csv", "1,x\n2,\"ab\"c,d\n", ','))
        .isInstanceOf(ListFormatException.class)
        .hasMessageStartingWith("t.csv:2: not valid CSV");
  }

  @Test
  void pointsAnUnclosedQuoteAtTheLineWhereItsRecordStarts() {
    assertThatThrownBy(() -> CsvRecords.parse("t.csv", "1,x\n2,\"ab\nc,d\ne,f\n", ','))
        .isInstanceOf(ListFormatException.class)
        .hasMessage("t.csv:2: not valid CSV: a quoted field opened in this record is never closed");
  }
}

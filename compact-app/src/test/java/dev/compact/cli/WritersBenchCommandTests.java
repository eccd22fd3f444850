package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The writers bench's printed wording is read back by {@code bench floors} from one format. */
class WritersBenchCommandTests {

  @Test
  void readsBackEveryFigureOfWhatTheBenchPrints() {
    String printed = String.format(Locale.ROOT, WritersBenchCommand.ROW, 1, "", 1234.0, 1.0, 310.0, 2500.0, 0.49, 2.5)
        + String.format(Locale.ROOT, WritersBenchCommand.ROW, 8, "s", 12345.0, 7.9, 1520.0, 3600.0, 3.43, 17.25);

    List<WritersBenchCommand.Row> rows = WritersBenchCommand.rows(printed);

    assertThat(rows).extracting(WritersBenchCommand.Row::writers).containsExactly(1, 8);
    assertThat(rows.get(1).appendsPerSecond()).isEqualTo(12345.0);
    assertThat(rows.get(1).writesPerCommit()).hasValue(7.9);
    assertThat(rows.get(1).cpuMicrosPerAppend()).hasValue(1520.0);
    assertThat(rows.get(1).floor()).isEqualTo(3600.0);
  }

  @Test
  void readsTheOlderWordingsOfABaselineJar() {
    String printed = """
        8 writers: 495 appends/s through the service, 3,000/s plain JDBC (one row per transaction): 0.17 of the floor; load average 2.0
        8 writers: 1,047 appends/s through the service (6.5 writes per commit), floor 3,100/s plain JDBC (one row per transaction): 0.34 of the floor; load average 2.1
        """;

    List<WritersBenchCommand.Row> rows = WritersBenchCommand.rows(printed);

    assertThat(rows).extracting(WritersBenchCommand.Row::appendsPerSecond).containsExactly(495.0, 1047.0);
    assertThat(rows.get(0).writesPerCommit()).isEmpty();
    assertThat(rows.get(1).writesPerCommit()).hasValue(6.5);
    assertThat(rows.get(1).cpuMicrosPerAppend()).isEmpty();
  }
}

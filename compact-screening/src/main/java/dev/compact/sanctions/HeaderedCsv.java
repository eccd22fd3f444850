package dev.compact.sanctions;

import dev.compact.sanctions.CsvRecords.CsvRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file whose columns are found by their header names, as the EU and UK lists need: their
 * layouts have dozens of columns and grow over time, so columns are looked up by name and only
 * the ones an importer relies on are required.
 */
final class HeaderedCsv {

  private final String file;
  private final Map<String, Integer> columns = new HashMap<>();
  private final int width;

  private HeaderedCsv(String file, CsvRecord header, List<String> required) {
    this.file = file;
    this.width = header.size();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i).strip(), i);
    }
    List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new ListFormatException(file, header.line(),
          "the header lacks the column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
    }
  }

  /** Reads the header from {@code header} and checks that the required columns are there. */
  static HeaderedCsv of(String file, CsvRecord header, List<String> required) {
    return new HeaderedCsv(file, header, required);
  }

  /** Checks that a data row has as many fields as the header. */
  void checkWidth(CsvRecord row) {
    if (row.size() != width) {
      throw new ListFormatException(file, row.line(),
          "expected " + width + " columns, as in the header, but found " + row.size());
    }
  }

  /** The stripped value of a column in a row, or "" when the file has no such column. */
  String get(CsvRecord row, String column) {
    Integer index = columns.get(column);
    return index == null ? "" : row.get(index).strip();
  }
}

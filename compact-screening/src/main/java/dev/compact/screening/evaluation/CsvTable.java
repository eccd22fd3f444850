package dev.compact.screening.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CSV file with a header row (RFC 4180 quoting), read whole; rows keep their line numbers so
 * that errors can point at them.
 */
public final class CsvTable {

  /** A row and the line it starts on. */
  public record Row(int line, List<String> cells, Map<String, Integer> columns) {
    /** The cell under {@code column}, empty when the row is short. */
    public String get(String column) {
      Integer index = columns.get(column);
      if (index == null) {
        throw new IllegalArgumentException("no column " + column);
      }
      return index < cells.size() ? cells.get(index) : "";
    }
  }

  private final String source;
  private final List<Row> rows;

  private CsvTable(String source, List<Row> rows) {
    this.source = source;
    this.rows = rows;
  }

  public List<Row> rows() {
    return rows;
  }

  public String source() {
    return source;
  }

  /**
   * Reads a table whose header names every column in {@code required}.
   *
   * @throws EvaluationDataException naming the source and line when the file is malformed
   */
  public static CsvTable read(String source, Reader reader, List<String> required) {
    List<Row> records = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(reader)) {
      int line = 0;
      Map<String, Integer> columns = null;
      String text;
      while ((text = in.readLine()) != null) {
        line++;
        int startLine = line;
        StringBuilder record = new StringBuilder(text);
        while (unbalanced(record)) {
          String next = in.readLine();
          if (next == null) {
            throw new EvaluationDataException(source + ":" + startLine + ": unterminated quote");
          }
          line++;
          record.append('\n').append(next);
        }
        if (record.isEmpty()) {
          continue;
        }
        List<String> cells = split(record);
        if (columns == null) {
          if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
            cells.set(0, cells.get(0).substring(1));
          }
          columns = new HashMap<>();
          for (int i = 0; i < cells.size(); i++) {
            columns.put(cells.get(i).trim(), i);
          }
          for (String column : required) {
            if (!columns.containsKey(column)) {
              throw new EvaluationDataException(
                  source + ":1: missing column '" + column + "' (header: " + cells + ")");
            }
          }
          continue;
        }
        records.add(new Row(startLine, cells, columns));
      }
      if (columns == null) {
        throw new EvaluationDataException(source + ": empty file, expected a header row");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    }
    return new CsvTable(source, List.copyOf(records));
  }

  private static boolean unbalanced(CharSequence record) {
    int quotes = 0;
    for (int i = 0; i < record.length(); i++) {
      if (record.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 != 0;
  }

  private static List<String> split(CharSequence record) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  /** The first row whose {@code column} equals {@code value}. */
  public Optional<Row> find(String column, String value) {
    return rows.stream().filter(r -> r.get(column).equals(value)).findFirst();
  }
}

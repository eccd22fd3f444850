package dev.compact.sanctions;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/** Reads a whole CSV text into records that remember their line, with Jackson's CSV parser. */
final class CsvRecords {

  /** One CSV record and the 1-based line it starts on. */
  record CsvRecord(long line, List<String> fields) {

    CsvRecord {
      fields = List.copyOf(fields);
    }

    int size() {
      return fields.size();
    }

    String get(int index) {
      return fields.get(index);
    }
  }

  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

  private CsvRecords() {}

  /**
   * Parses {@code text} completely. Empty lines are skipped; any syntax error becomes a {@link
   * ListFormatException} naming {@code file} and the line.
   */
  static List<CsvRecord> parse(String file, String text, char separator) {
    long[] lastEnd = new long[1];
    CsvSchema schema =
        CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"').withoutHeader();
    List<CsvRecord> records = new ArrayList<>();
    try (JsonParser parser = MAPPER.reader().with(schema).createParser(new StringReader(text))) {
      // With WRAP_AS_ARRAY the document is an array of records, each an array of strings.
      List<String> fields = null;
      long line = 0;
      int depth = 0;
      lastEnd[0] = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case START_ARRAY -> {
            depth++;
            if (depth == 2) {
              fields = new ArrayList<>();
            }
          }
          case VALUE_STRING, VALUE_NULL -> {
            if (fields.isEmpty()) {
              // The array token's location lags behind; the first value's is the record's line.
              line = parser.currentTokenLocation().getLineNr();
            }
            fields.add(token == JsonToken.VALUE_NULL ? "" : parser.getString());
          }
          case END_ARRAY -> {
            // The location has already moved past the record's line end: it is the next line.
            lastEnd[0] = parser.currentLocation().getLineNr() - 1;
            if (depth == 2 && fields.stream().anyMatch(f -> !f.isEmpty())) {
              records.add(new CsvRecord(line, fields));
            }
            depth--;
          }
          default ->
              throw new ListFormatException(
                  file, parser.currentTokenLocation().getLineNr(), "unexpected CSV token " + token);
        }
      }
    } catch (JacksonException e) {
      if (String.valueOf(e.getOriginalMessage()).contains("Missing closing quote")) {
        // The parser only notices at the end of the file; the culprit is the record after the
        // last complete one.
        throw new ListFormatException(file, firstContentLineAfter(text, lastEnd[0]),
            "not valid CSV: a quoted field opened in this record is never closed", e);
      }
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ListFormatException(file, Math.max(line, 0), "not valid CSV: " + e.getOriginalMessage(), e);
    }
    return records;
  }

  /** The first non-blank line after {@code line} (1-based). */
  private static long firstContentLineAfter(String text, long line) {
    String[] lines = text.split("\r\n|\n|\r", -1);
    for (int i = (int) line; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        return i + 1;
      }
    }
    return Math.max(1, line);
  }
}

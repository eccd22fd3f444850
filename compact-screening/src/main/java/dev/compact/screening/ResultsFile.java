package dev.compact.screening;

import java.util.List;

/**
 * The text of a batch's results file ({@code compact screen --batch}): its columns, how a score and a
 * line are written. The local command writes every line through here, and so does the service for
 * the hits of {@code POST /api/screen/batch/rows}, which the {@code --server} client copies into
 * the file behind the row's own columns: a file is the same byte for byte wherever it was screened,
 * by construction rather than by two formatters kept alike.
 */
public final class ResultsFile {
  private ResultsFile() {}

  /** The file's columns, in order. */
  public static final List<String> HEADER = List.of("row", "line", "name", "decision", "score", "list", "entity_id",
      "listed_name", "matched_name", "explanation");

  /** The columns of a hit, from {@code decision} on: how many a service's row must have. */
  public static final int HIT_COLUMNS = HEADER.size() - 3;

  /**
   * A score to three decimals as the service rounds it ({@code Math.round(score * 1000) / 1000}),
   * so that a file screened here and one screened on a service agree to the last digit: formatting
   * the raw score differs for a few scores next to a half (0.5005 is 0.50049999... as a double).
   */
  public static String score(double score) {
    if (!(score >= 0 && score < 1_000_000)) {
      return String.format(java.util.Locale.ROOT, "%.3f", Math.round(score * 1000) / 1000.0);
    }
    // The same digits without a Formatter, which costs a batch of thousands of hits tens of ms in a
    // fresh JVM: k / 1000.0 prints as k thousandths, since that is the shortest decimal of that double.
    long thousandths = Math.round(score * 1000);
    long fraction = thousandths % 1000;
    StringBuilder digits = new StringBuilder(12).append(thousandths / 1000).append('.');
    if (fraction < 100) {
      digits.append('0');
    }
    if (fraction < 10) {
      digits.append('0');
    }
    return digits.append(fraction).toString();
  }

  /**
   * The hit columns of one hit (decision, score, list, entity id, listed name, matched name,
   * explanation) as CSV text without a line break.
   */
  public static String hitColumns(String decision, double score, String list, String entityId, String listedName,
      String matchedName, List<String> explanation) {
    return cells(List.of(decision, score(score), list, entityId, listedName, matchedName, String.join(" | ", explanation)));
  }

  /** The hit columns of {@code hit}, as the local command writes them. */
  public static String hitColumns(Hit hit) {
    return hitColumns(hit.decision().name(), hit.score(), hit.entity().listName(), hit.entity().id().value(),
        hit.entity().primaryName().full(), hit.explanation().matchedName(), hit.explanation().describe());
  }

  /** One line of the file: the cells as CSV, each quoted when it holds a comma, a quote or a line break, then a line break. */
  public static String line(List<String> cells) {
    return cells(cells) + "\n";
  }

  /** The cells as CSV, without the line break. */
  public static String cells(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i);
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * How many cells {@code text} holds when it is one well-formed CSV record as {@link #cells} writes
   * them (a line break only inside quotes, a quoted cell closed before the next comma); -1 when it is
   * not. A client checks a row it is given before it copies it into a file, so that a row cannot
   * smuggle in a line of its own.
   */
  public static int countCells(String text) {
    int count = 1;
    int i = 0;
    int n = text.length();
    while (i <= n) {
      if (i < n && text.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            return -1;
          }
          if (text.charAt(i) == '"') {
            if (i + 1 < n && text.charAt(i + 1) == '"') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          i++;
        }
        if (i == n) {
          return count;
        }
        if (text.charAt(i) != ',') {
          return -1;
        }
      } else {
        while (i < n && text.charAt(i) != ',') {
          char c = text.charAt(i);
          if (c == '"' || c == '\n' || c == '\r') {
            return -1;
          }
          i++;
        }
        if (i == n) {
          return count;
        }
      }
      count++;
      i++;
    }
    return count;
  }
}

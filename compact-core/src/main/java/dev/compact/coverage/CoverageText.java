package dev.compact.coverage;

import dev.compact.agreements.PartyCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The coverage matrix as a plain-text table and as CSV, the forms the command line prints. */
public final class CoverageText {
  /** Shown in an empty cell: no clause binds the party to that kind of commitment. */
  public static final String GAP = "-";

  private CoverageText() {}

  /**
   * A cell's short text: each entry's brief, with "?" after one whose source is unverified, "!"
   * after an illustrative one and "°" after one from a text never signed.
   */
  public static String cell(List<CoverageEntry> entries) {
    if (entries.isEmpty()) {
      return GAP;
    }
    List<String> parts = new ArrayList<>();
    for (CoverageEntry e : entries) {
      String marks = (e.status() == SourceStatus.UNVERIFIED ? "?" : "") + (e.status() == SourceStatus.ILLUSTRATIVE ? "!" : "")
          + (e.signed() ? "" : "\u00b0");
      String part = e.brief() + marks;
      if (!parts.contains(part)) {
        parts.add(part);
      }
    }
    return String.join(", ", parts);
  }

  public static String table(CoverageMatrix matrix) {
    List<String> header = new ArrayList<>(List.of("PARTY", "TIER"));
    for (Mechanism m : Mechanism.values()) {
      header.add(m.key().toUpperCase(java.util.Locale.ROOT));
    }
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    for (CoverageMatrix.Row row : matrix.rows()) {
      List<String> line = new ArrayList<>(List.of(row.party().value(), row.tier()));
      for (Mechanism m : Mechanism.values()) {
        line.add(cell(row.cell(m)));
      }
      lines.add(line);
    }
    int[] widths = new int[header.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).codePointCount(0, line.get(i).length()));
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("Coverage of ").append(matrix.compact()).append(" (").append(matrix.title()).append("): who is bound to what\n\n");
    for (List<String> line : lines) {
      StringBuilder l = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        String c = line.get(i);
        l.append(c).append(" ".repeat(widths[i] - c.codePointCount(0, c.length()) + 2));
      }
      out.append(l.toString().stripTrailing()).append('\n');
    }
    long entries = matrix.rows().stream().mapToLong(r -> r.cells().values().stream().mapToLong(List::size).sum()).sum();
    out.append("\n").append(matrix.rows().size()).append(" parties, ").append(matrix.gaps()).append(" gaps of ")
        .append(matrix.rows().size() * Mechanism.values().length).append(" cells, ").append(entries).append(" entries (")
        .append(matrix.unverified().size()).append(" with an unverified source)\n");
    out.append("Legend: 24h~ a best effort (late is not a breach); EUR 1bn~ a best effort or an announcement (short is not a breach); +threat also on a threat of attack; \u2264 up to (a ceiling);"
        + " ? unverified source; ! illustrative; \u00b0 from a text never signed; - a gap (no clause binds the party)\n");
    List<Map.Entry<PartyCode, CoverageEntry>> unverified = matrix.unverified();
    if (!unverified.isEmpty()) {
      out.append("\nUnverified (what could not be confirmed, and what was found):\n");
      List<String> seen = new ArrayList<>();
      for (Map.Entry<PartyCode, CoverageEntry> e : unverified) {
        String ref = e.getValue().reference();
        if (seen.contains(ref)) {
          continue;
        }
        seen.add(ref);
        out.append("  ").append(ref).append(": ").append(e.getValue().source()).append('\n');
      }
    }
    return out.toString();
  }

  /** One line per entry, and one line per gap with empty entry columns, so a spreadsheet can filter either. */
  public static String csv(CoverageMatrix matrix) {
    StringBuilder out = new StringBuilder();
    out.append(line(List.of("party", "tier", "mechanism", "agreement", "clause", "brief", "summary", "firmness", "stage", "source_status",
        "source")));
    for (CoverageMatrix.Row row : matrix.rows()) {
      for (Mechanism m : Mechanism.values()) {
        List<CoverageEntry> entries = row.cell(m);
        if (entries.isEmpty()) {
          out.append(line(List.of(row.party().value(), row.tier(), m.key(), "", "", "", "", "", "", "gap", "")));
        }
        for (CoverageEntry e : entries) {
          out.append(line(List.of(row.party().value(), row.tier(), m.key(), e.agreement(), e.clause(), e.brief(), e.summary(),
              e.firmness(), e.stage(), e.status().label(), e.source())));
        }
      }
    }
    return out.toString();
  }

  /**
   * RFC 4180 quoting, and a leading apostrophe on a cell that a spreadsheet would read as a formula
   * (=, +, -, @), since sources and summaries are text written by others.
   */
  static String line(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i);
      if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0) {
        c = "'" + c;
      }
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    return b.append("\r\n").toString();
  }
}

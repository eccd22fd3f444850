package dev.compact.coverage;

import dev.compact.agreements.PartyCode;
import java.util.List;
import java.util.Map;

/**
 * Who is bound to what across a compact: a row per party (the guarantors in the compact's order,
 * then the protected party), a column per {@link Mechanism}, each cell the entries that bind or
 * empower that party. An empty cell is a gap: no clause of any agreement binds the party there.
 */
public record CoverageMatrix(String compact, String title, List<Row> rows) {

  public CoverageMatrix {
    rows = List.copyOf(rows);
  }

  /** One party's row: its tier ("core", "broader", "protected") and its cells by mechanism. */
  public record Row(PartyCode party, String tier, Map<Mechanism, List<CoverageEntry>> cells) {
    public Row {
      cells = Map.copyOf(cells);
    }

    public List<CoverageEntry> cell(Mechanism mechanism) {
      return cells.getOrDefault(mechanism, List.of());
    }
  }

  /** How many (party, mechanism) cells have no entry. */
  public long gaps() {
    return rows.stream().mapToLong(r -> java.util.Arrays.stream(Mechanism.values()).filter(m -> r.cell(m).isEmpty()).count()).sum();
  }

  /** Every entry whose source is marked unverified, with the party it binds. */
  public List<Map.Entry<PartyCode, CoverageEntry>> unverified() {
    return rows.stream().flatMap(r -> java.util.Arrays.stream(Mechanism.values())
            .flatMap(m -> r.cell(m).stream()).filter(e -> e.status() == SourceStatus.UNVERIFIED)
            .map(e -> Map.entry(r.party(), e)))
        .toList();
  }
}

package dev.compact.web;

import dev.compact.access.Clearance;
import dev.compact.coverage.Coverage;
import dev.compact.coverage.CoverageEntry;
import dev.compact.coverage.CoverageMatrix;
import dev.compact.coverage.CoverageText;
import dev.compact.coverage.Mechanism;
import dev.compact.coverage.SourceStatus;
import dev.compact.service.CompactCatalog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Who is bound to what across the compact: the coverage matrix of parties against kinds of
 * commitment, with the gaps at a glance. The reader sees the clauses their clearance allows, as on
 * every other page; a restricted clause never shapes a public cell.
 */
@Controller
class CoverageController {
  private final CompactCatalog catalog;
  private final DashboardAuth auth;

  CoverageController(CompactCatalog catalog, DashboardAuth auth) {
    this.catalog = catalog;
    this.auth = auth;
  }

  /** One cell: its short text, each entry in words, and whether any entry is unverified or from an unsigned text. */
  record Cell(String mechanism, String text, List<CoverageEntry> entries, boolean gap, boolean unverified, boolean unsigned) {}

  record Row(String party, String tier, List<Cell> cells) {}

  @GetMapping("/coverage")
  String coverage(Model model, HttpServletRequest request) {
    Clearance clearance = Readers.clearance(auth, request);
    CoverageMatrix matrix = Coverage.of(catalog.compact(clearance));
    List<Row> rows = new ArrayList<>();
    for (CoverageMatrix.Row r : matrix.rows()) {
      List<Cell> cells = new ArrayList<>();
      for (Mechanism m : Mechanism.values()) {
        List<CoverageEntry> entries = r.cell(m);
        cells.add(new Cell(m.title(), CoverageText.cell(entries), entries, entries.isEmpty(),
            entries.stream().anyMatch(e -> e.status() == SourceStatus.UNVERIFIED), entries.stream().anyMatch(e -> !e.signed())));
      }
      rows.add(new Row(r.party().value(), r.tier(), cells));
    }
    model.addAttribute("mechanisms", Arrays.asList(Mechanism.values()));
    model.addAttribute("rows", rows);
    model.addAttribute("matrix", matrix);
    model.addAttribute("unverified", matrix.unverified().stream().map(e -> e.getValue()).distinct().toList());
    model.addAttribute("clearance", clearance.name().toLowerCase(Locale.ROOT));
    return "coverage";
  }

  /** The same matrix as CSV, one line per entry and per gap, for a spreadsheet. */
  @GetMapping(value = "/coverage.csv")
  ResponseEntity<String> csv(HttpServletRequest request) {
    CoverageMatrix matrix = Coverage.of(catalog.compact(Readers.clearance(auth, request)));
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"coverage.csv\"")
        .body(CoverageText.csv(matrix));
  }
}

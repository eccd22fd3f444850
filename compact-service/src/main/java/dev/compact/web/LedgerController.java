package dev.compact.web;

import dev.compact.service.CompactCatalog;
import dev.compact.service.RecordService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The support ledger: committed, allocated and delivered per guarantor and year, by category; charts, tables and CSV. */
@Controller
class LedgerController {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final RecordService record;
  private final CompactCatalog catalog;
  private final DashboardAuth auth;

  LedgerController(RecordService record, CompactCatalog catalog, DashboardAuth auth) {
    this.record = record;
    this.catalog = catalog;
    this.auth = auth;
  }

  record CurrencyCharts(String currency, String byGuarantor, String byYear) {}

  @GetMapping("/ledger")
  String ledger(@RequestParam(required = false) String guarantor, Model model, jakarta.servlet.http.HttpServletRequest request) {
    var clearance = Readers.clearance(auth, request);
    List<Ledger.Entry> entries = entries(guarantor, clearance);
    List<Ledger.Total> totals = Ledger.totals(entries);
    List<CurrencyCharts> charts = new ArrayList<>();
    for (String currency : new TreeSet<>(totals.stream().map(Ledger.Total::currency).toList())) {
      charts.add(new CurrencyCharts(currency, json(Ledger.chart(totals, currency, Ledger.Total::guarantor)),
          json(Ledger.chart(totals, currency, t -> String.valueOf(t.year())))));
    }
    model.addAttribute("currencyCharts", charts);
    model.addAttribute("loadCharts", true);
    model.addAttribute("totals", totals.stream().map(t -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("t", t);
      row.put("committed", Format.money(t.committed()));
      row.put("allocated", Format.money(t.allocated()));
      row.put("delivered", Format.money(t.delivered()));
      return row;
    }).toList());
    model.addAttribute("entries", entries.stream().map(e -> Map.of("e", e, "amount", e.amount() == null ? "" : Format.money(e.amount())))
        .toList());
    model.addAttribute("guarantors", new TreeSet<>(Ledger.entries(catalog.compact(clearance), record.queries(clearance)).stream()
        .map(Ledger.Entry::guarantor).toList()));
    model.addAttribute("guarantor", guarantor == null ? "" : guarantor);
    return "ledger";
  }

  @GetMapping(path = "/ledger.csv")
  ResponseEntity<String> csv(@RequestParam(required = false) String guarantor, jakarta.servlet.http.HttpServletRequest request) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"compact-support-ledger.csv\"")
        .body(Ledger.csv(entries(guarantor, Readers.clearance(auth, request))));
  }

  /** JSON for a script element: '<' is escaped so that no value can close the element. */
  private static String json(Object value) {
    return JSON.writeValueAsString(value).replace("<", "\\u003c");
  }

  private List<Ledger.Entry> entries(String guarantor, dev.compact.access.Clearance clearance) {
    List<Ledger.Entry> all = Ledger.entries(catalog.compact(clearance), record.queries(clearance));
    if (guarantor == null || guarantor.isBlank()) {
      return all;
    }
    return all.stream().filter(e -> e.guarantor().equals(guarantor)).toList();
  }
}

package dev.compact.web;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.Clause;
import dev.compact.agreements.Compact;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Money;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.Schedule;
import dev.compact.ledger.SupportView;
import dev.compact.service.Queries;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The support ledger as the dashboard shows it: what the agreements commit (each scheduled period
 * on its own year), and what the record says was allocated and delivered. Amounts stay in their
 * original currency: the record holds a rate only where one was given, so nothing is converted.
 */
final class Ledger {
  private Ledger() {}

  /**
   * One line of the ledger: a commitment period from an agreement, or an allocation or delivery on the
   * record. {@code scope}: "lethal" or "non-lethal" where the entry says (a commitment limited to
   * both says both), empty where it does not.
   */
  record Entry(String kind, String guarantor, int year, String date, String category, BigDecimal amount, String currency, String rate,
      String items, String source, String scope) {}

  /** Totals for one guarantor, year, category and currency. */
  record Total(String guarantor, int year, String category, String currency, BigDecimal committed, BigDecimal allocated,
      BigDecimal delivered) {}

  static List<Entry> entries(Compact compact, Queries queries) {
    List<Entry> entries = new ArrayList<>();
    for (Agreement agreement : compact.allAgreements()) {
      for (Clause clause : agreement.clauses()) {
        if (clause.norm() instanceof Norm.Commitment c) {
          for (PartyCode guarantor : compact.resolve(c.obligor(), agreement)) {
            committed(entries, agreement, clause, c, guarantor);
          }
        }
      }
    }
    for (SupportView row : queries.support(null, null)) {
      LocalDate date = LocalDate.ofInstant(row.occurredAt(), java.time.ZoneOffset.UTC);
      entries.add(new Entry(row.kind(), row.guarantor(), date.getYear(), date.toString(), row.category(),
          row.amount() == null ? null : new BigDecimal(row.amount()), row.currency() == null ? "" : row.currency(),
          row.rate() == null ? "" : row.rate(), row.items() == null ? "" : row.items(),
          row.countsAgainst() == null ? recordRef(row) : recordRef(row) + ", counts against " + row.countsAgainst(),
          row.scope() == null ? "" : row.scope()));
    }
    return entries;
  }

  private static void committed(List<Entry> entries, Agreement agreement, Clause clause, Norm.Commitment c, PartyCode guarantor) {
    String source = agreement.id().value() + " § " + clause.id().value();
    String category = Keywords.of(c.domain());
    String items = String.join("; ", c.items().stream().map(dev.compact.agreements.ItemLine::display).toList());
    String scope = String.join(", ", c.scope().stream().map(Keywords::of).toList());
    Optional<Schedule> schedule = c.schedule();
    if (schedule.isPresent() && schedule.get().amountPerPeriod().isPresent()) {
      Schedule s = schedule.get();
      Money each = s.amountPerPeriod().get();
      LocalDate date = s.start();
      for (int i = 0; i < s.count(); i++) {
        entries.add(new Entry("commitment", guarantor.value(), date.getYear(), date.toString(), category, each.value(), each.currency(), "", items,
            source, scope));
        date = s.every().calendar().isZero() ? date.plusDays(s.every().exact().toDays()) : date.plus(s.every().calendar());
      }
      return;
    }
    if (c.amount().isEmpty() && items.isEmpty()) {
      return;
    }
    LocalDate date = c.period().map(p -> p.start()).or(() -> schedule.map(Schedule::start))
        .or(() -> agreement.lifecycle().inForce()).or(() -> agreement.lifecycle().signed()).orElse(null);
    if (date == null) {
      return;
    }
    entries.add(new Entry("commitment", guarantor.value(), date.getYear(), date.toString(), category, c.amount().map(Money::value).orElse(null),
        c.amount().map(Money::currency).orElse(""), "", items, source, scope));
  }

  static List<Total> totals(List<Entry> entries) {
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    Map<String, Total> keys = new TreeMap<>();
    for (Entry e : entries) {
      if (e.amount() == null) {
        continue;
      }
      String key = e.guarantor() + "|" + e.year() + "|" + e.category() + "|" + e.currency();
      BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
      int index = switch (e.kind()) {
        case "commitment" -> 0;
        case "allocation" -> 1;
        default -> 2;
      };
      s[index] = s[index].add(e.amount());
      keys.put(key, new Total(e.guarantor(), e.year(), e.category(), e.currency(), null, null, null));
    }
    List<Total> totals = new ArrayList<>();
    for (var k : keys.entrySet()) {
      BigDecimal[] s = sums.get(k.getKey());
      Total t = k.getValue();
      totals.add(new Total(t.guarantor(), t.year(), t.category(), t.currency(), s[0], s[1], s[2]));
    }
    return totals;
  }

  /** Chart.js data for one currency: committed, allocated and delivered, by the label {@code by} picks. */
  static Map<String, Object> chart(List<Total> totals, String currency, java.util.function.Function<Total, String> by) {
    TreeMap<String, BigDecimal[]> groups = new TreeMap<>();
    for (Total t : totals) {
      if (!t.currency().equals(currency)) {
        continue;
      }
      BigDecimal[] s = groups.computeIfAbsent(by.apply(t), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
      s[0] = s[0].add(t.committed());
      s[1] = s[1].add(t.allocated());
      s[2] = s[2].add(t.delivered());
    }
    List<Map<String, Object>> datasets = new ArrayList<>();
    String[] names = {"Committed", "Allocated", "Delivered"};
    // Blue, orange, green from a colour-blind-safe palette (Okabe and Ito).
    String[] colours = {"#0072B2", "#E69F00", "#009E73"};
    for (int i = 0; i < 3; i++) {
      int index = i;
      datasets.add(Map.of("label", names[i], "backgroundColor", colours[i],
          "data", groups.values().stream().map(s -> s[index].divide(BigDecimal.valueOf(1_000_000), 1, java.math.RoundingMode.HALF_UP)).toList()));
    }
    return Map.of("labels", List.copyOf(groups.keySet()), "datasets", datasets);
  }

  static String csv(List<Entry> entries) {
    // Scope is the last column, so that whoever reads earlier exports by position still can.
    StringBuilder out = new StringBuilder("kind,guarantor,year,date,category,amount,currency,rate,items,source,scope\r\n");
    for (Entry e : entries) {
      out.append(String.join(",", List.of(cell(e.kind()), cell(e.guarantor()), cell(String.valueOf(e.year())), cell(e.date()), cell(e.category()),
          cell(e.amount() == null ? "" : e.amount().toPlainString()), cell(e.currency()), cell(e.rate()), cell(e.items()), cell(e.source()),
          cell(e.scope()))))
          .append("\r\n");
    }
    return out.toString();
  }

  /** A quoted CSV cell; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
  static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  /** "record #N" for readers cleared for secret; nobody else is shown the log's sequence numbers. */
  private static String recordRef(SupportView row) {
    return row.storeSeq() == null ? "record" : "record #" + row.storeSeq();
  }
}

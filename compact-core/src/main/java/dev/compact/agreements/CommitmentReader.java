package dev.compact.agreements;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;


/** Reads the fields of a commitment clause: what is given, when, and of which whole it is a part. */
final class CommitmentReader {

  private final ClauseParser.Context context;
  /** Where each clause names the commitment it is part of, for a located error when that is wrong. */
  private final java.util.Map<String, SourcePosition> partOfPositions;

  CommitmentReader(ClauseParser.Context context, java.util.Map<String, SourcePosition> partOfPositions) {
    this.context = context;
    this.partOfPositions = partOfPositions;
  }

  /** A commitment's fields: what is given (amount, share of GDP, items), when (period or schedule), and of which whole it is part. */
  Optional<Norm> commitment(MapReader clause, List<PartyRef> obligor, Optional<Domain> domain) {
    Optional<PartyCode> beneficiary = ClauseParser.beneficiary(clause, context);
    Optional<Node> amountNode = clause.node("amount", false);
    boolean gdpShare = amountNode.filter(n -> n instanceof MappingNode m && MapReader.peek(m, "share-of-gdp").isPresent()).isPresent();
    Optional<Norm.GdpShare> share = Optional.empty();
    AmountTerms terms;
    if (gdpShare) {
      share = gdpShare(clause, (MappingNode) amountNode.get(), obligor);
      terms = new AmountTerms(share.map(s -> new Money(s.gdp().value().value().multiply(s.percent()).movePointLeft(2).stripTrailingZeros(),
          s.gdp().value().currency())), shareBound, Optional.empty(), share.isEmpty());
    } else {
      terms = amountNode.map(n -> amountTerms(clause, n)).orElse(new AmountTerms(Optional.empty(), AmountBound.AT_LEAST, Optional.empty(), false));
      if (amountNode.isPresent() && (payable(clause, amountNode.get(), terms.amount()) | payable(clause, amountNode.get(), terms.maximum()))) {
        terms = new AmountTerms(terms.amount(), terms.bound(), terms.maximum(), true);
      }
    }
    // "EUR 3 billion, of which GBP 200 million for drones": this commitment is a part of another, counted towards it too.
    Optional<String> partOf = clause.id("part-of", false);
    clause.node("part-of", false).ifPresent(n -> partOfPositions.put(MapReader.peek(clause.mapping(), "id").orElse(""),
        clause.section().position(n)));
    Optional<Money> amount = terms.amount();
    List<DeliveryScope> scope = new ArrayList<>();
    for (Node node : clause.list("scope", false)) {
      clause.keyword(node, "scope", DeliveryScope.class).ifPresent(s -> {
        if (!scope.contains(s)) {
          scope.add(s);
        }
      });
    }
    List<Precondition> subjectTo = new ArrayList<>();
    for (Node node : clause.list("subject-to", false)) {
      clause.keyword(node, "subject-to", Precondition.class).filter(p -> !subjectTo.contains(p)).ifPresent(subjectTo::add);
    }
    boolean toItself = false;
    if (beneficiary.isPresent() && obligor.size() == 1 && obligor.getFirst() instanceof PartyRef.Single(PartyCode single)
        && single.equals(beneficiary.get())) {
      clause.error(clause.node("beneficiary", false).orElseThrow(), "a commitment of " + single + " to itself commits nothing to anyone",
          "a cap on the protected state's own forces is a prohibition binding it: 'norm: prohibition', 'obligor: " + single
              + "', 'action: exceed-force-cap', 'cap: {quantity: 85000, unit: troops}' (section 5.4)");
      toItself = true;
    }
    List<ItemLine> items = new ArrayList<>();
    List<AmountBound> itemBounds = new ArrayList<>();
    for (Node node : clause.list("items", false)) {
      clause.asMap(node, "an item line").ifPresent(map -> {
        MapReader line = clause.section().reader(map, "item line");
        Optional<String> item = line.text("item", true);
        Optional<Long> quantity = line.node("quantity", true).flatMap(n -> line.count(n, "quantity"));
        // "Up to 4,000 soldiers a year" is a ceiling, as an amount's 'bound: up-to' is: short is not a breach.
        Optional<AmountBound> bound = line.keyword("bound", AmountBound.class, false);
        if (bound.filter(b -> b == AmountBound.RANGE).isPresent()) {
          line.error(line.node("bound", false).orElseThrow(), "an item line's bound is at-least, exact or up-to, not a range",
              "write two item lines or an amount range");
          bound = Optional.empty();
        }
        line.finish(null);
        if (item.isPresent() && quantity.isPresent()) {
          items.add(new ItemLine(item.get(), quantity.get()));
          itemBounds.add(bound.orElse(AmountBound.AT_LEAST));
        }
      });
    }
    boolean hasAmount = clause.has("amount");
    boolean hasItems = clause.has("items");
    if (!hasAmount && !hasItems) {
      clause.section().diagnostics.error(clause.position(), clause.what() + " commits nothing measurable: it has no amount and no items",
          "add 'amount: {value: ..., currency: ...}' or 'items: [{item: ..., quantity: ...}]'");
    }
    Optional<DateRange> period = clause.map("period", false).flatMap(this::range);
    Optional<Schedule> schedule = clause.map("schedule", false).flatMap(this::schedule);
    if (clause.has("period") == clause.has("schedule")) {
      clause.section().diagnostics.error(clause.position(),
          clause.has("period") ? clause.what() + " has both a period and a schedule" : clause.what() + " says neither when (period) nor how often (schedule)",
          "give exactly one: 'period: {start: 2024-04-01, end: 2025-03-31}' or 'schedule: {start: 2024-01-01, every: P1Y, count: 10}'");
      return Optional.empty();
    }
    if (!gdpShare && amount.isPresent() && schedule.isPresent() && schedule.get().amountPerPeriod().isEmpty()
        && tooSmallToSpread(clause, amount.get(), schedule.get().count())) {
      return Optional.empty();
    }
    Optional<String> description = clause.text("description", false);
    // "Will seek to", "resources permitting", an announcement: a period that ends short is unmet, not breached.
    Optional<CommitmentFirmness> firmness = clause.keyword("firmness", CommitmentFirmness.class, false);
    if (beneficiary.isEmpty() || domain.isEmpty() || (!hasAmount && !hasItems) || toItself || (clause.has("firmness") && firmness.isEmpty())
        || (hasAmount && (amount.isEmpty() || terms.failed())) || (period.isEmpty() && schedule.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new Norm.Commitment(obligor, beneficiary.get(), domain.get(), amount, items, period, schedule, description.orElse(""),
        terms.bound(), terms.maximum(), scope, subjectTo, share, partOf.map(ClauseId::new), itemBounds,
        firmness.orElse(CommitmentFirmness.HARD)));
  }

  private AmountBound shareBound = AmountBound.AT_LEAST;

  /** {@code amount: {share-of-gdp: 0.25%, year: 2023}}, resolved against the compact's GDP table. */
  private Optional<Norm.GdpShare> gdpShare(MapReader clause, MappingNode map, List<PartyRef> obligor) {
    MapReader reader = clause.section().reader(map, "'amount'");
    Optional<String> text = reader.text("share-of-gdp", true);
    Optional<Integer> year = reader.integer("year", true, 1900, 2200);
    shareBound = reader.keyword("bound", AmountBound.class, false).orElse(AmountBound.AT_LEAST);
    reader.finish("a share of GDP is {share-of-gdp: 0.25%, year: 2023}, optionally with 'bound'");
    if (text.isEmpty() || year.isEmpty()) {
      return Optional.empty();
    }
    Node shareNode = reader.node("share-of-gdp", false).orElseThrow();
    if (!text.get().endsWith("%")) {
      reader.error(shareNode, "a share of GDP is written as a percentage, not '" + text.get() + "'",
          "write '" + text.get() + "%' if that is the percentage (0.25% of GDP is 'share-of-gdp: 0.25%')");
      return Optional.empty();
    }
    java.math.BigDecimal percent;
    try {
      percent = new java.math.BigDecimal(text.get().substring(0, text.get().length() - 1).strip());
    } catch (NumberFormatException e) {
      reader.error(shareNode, "'" + text.get() + "' is not a percentage", "e.g. 0.25%");
      return Optional.empty();
    }
    if (percent.signum() <= 0 || percent.compareTo(java.math.BigDecimal.valueOf(100)) > 0 || percent.scale() > 6) {
      reader.error(shareNode, "a share of GDP must be above 0% and at most 100%, with at most 6 decimals", "e.g. 0.25%");
      return Optional.empty();
    }
    if (obligor.size() != 1 || !(obligor.getFirst() instanceof PartyRef.Single(PartyCode party))) {
      reader.error(shareNode, "a share of GDP needs one obligor, whose GDP it is", "write one commitment per state");
      return Optional.empty();
    }
    if (context.money().isEmpty()) {
      reader.error(shareNode, "a share of GDP needs the compact's GDP table, which a file read on its own does not have",
          "check the compact folder: ./compact check FOLDER");
      return Optional.empty();
    }
    Optional<MoneyData.Gdp> gdp = context.money().get().gdp(party, year.get());
    if (gdp.isEmpty()) {
      reader.error(reader.node("year", false).orElseThrow(), "the compact gives no GDP of " + party + " for " + year.get(),
          "add it under 'gdp' in compact.md with its source: '- {party: " + party + ", year: " + year.get()
              + ", value: {value: ..., currency: EUR}, source: \"...\"}'");
      return Optional.empty();
    }
    return Optional.of(new Norm.GdpShare(percent, year.get(), gdp.get()));
  }

  /** An amount with what it means: {value, currency, bound} or {min, max, currency}. */
  record AmountTerms(Optional<Money> amount, AmountBound bound, Optional<Money> maximum, boolean failed) {}

  private AmountTerms amountTerms(MapReader clause, Node node) {
    if (node instanceof MappingNode map && (MapReader.peek(map, "min").isPresent() || MapReader.peek(map, "max").isPresent())) {
      MapReader range = clause.section().reader(map, "'amount'");
      Optional<java.math.BigDecimal> min = range.node("min", true).flatMap(n -> range.positiveDecimal(n, "min"));
      Optional<java.math.BigDecimal> max = range.node("max", true).flatMap(n -> range.positiveDecimal(n, "max"));
      Optional<String> currency = range.text("currency", true);
      range.finish("a range is {min: 1000000000, max: 3000000000, currency: EUR}");
      if (min.isEmpty() || max.isEmpty() || currency.isEmpty()) {
        return new AmountTerms(Optional.empty(), AmountBound.RANGE, Optional.empty(), true);
      }
      if (max.get().compareTo(min.get()) < 0) {
        range.error(map, "the range ends (" + max.get().toPlainString() + ") below where it starts (" + min.get().toPlainString() + ")",
            "swap min and max");
        return new AmountTerms(Optional.empty(), AmountBound.RANGE, Optional.empty(), true);
      }
      return new AmountTerms(Optional.of(new Money(min.get(), currency.get())), AmountBound.RANGE,
          Optional.of(new Money(max.get(), currency.get())), false);
    }
    Optional<AmountBound> bound = Optional.empty();
    boolean failed = false;
    if (node instanceof MappingNode map && MapReader.peek(map, "bound").isPresent()) {
      MapReader reader = clause.section().reader(map, "'amount'");
      bound = reader.keyword("bound", AmountBound.class, false);
      failed = bound.isEmpty();
      if (bound.filter(b -> b == AmountBound.RANGE).isPresent()) {
        reader.error(reader.node("bound", false).orElseThrow(), "a range is written with min and max, not 'bound: range'",
            "write 'amount: {min: 1000000000, max: 3000000000, currency: EUR}'");
        failed = true;
      }
    }
    Optional<Money> money = clause.money(node, "amount", "bound");
    return new AmountTerms(money, bound.orElse(AmountBound.AT_LEAST), Optional.empty(), failed);
  }

  /**
   * Refuses a written amount finer than its currency's minor unit (JPY 1000.5): a target must be an amount that can be
   * paid, and a schedule's periods could not add up to it in payable parts. True when it refused one.
   */
  private static boolean payable(MapReader clause, Node node, Optional<Money> money) {
    if (money.isEmpty() || !money.get().finerThanMinorUnit()) {
      return false;
    }
    Money m = money.get();
    int digits = Money.minorDigits(m.currency());
    clause.error(node, m + " is finer than the smallest unit of " + m.currency() + " (" + (digits == 0 ? "whole units only"
        : digits + " decimal places") + "): no target can be paid in it", "write " + m.value().setScale(digits, java.math.RoundingMode.DOWN)
        .toPlainString() + " or " + m.value().setScale(digits, java.math.RoundingMode.UP).toPlainString());
    return true;
  }

  /**
   * Refuses a total spread over more periods than it has minor units (JPY 11 over 12 months): all periods but the last
   * would have a target of zero, met with nothing delivered, and the last the whole total. Almost surely a slip of unit
   * or count; a drafter who means it gives each period its amount. True when it refused it.
   */
  private static boolean tooSmallToSpread(MapReader clause, Money total, int count) {
    java.math.BigDecimal units = total.value().movePointRight(Money.minorDigits(total.currency()));
    if (units.compareTo(java.math.BigDecimal.valueOf(count)) >= 0) {
      return false;
    }
    String unit = total.currency() + " " + java.math.BigDecimal.ONE.movePointLeft(Money.minorDigits(total.currency())).toPlainString();
    clause.section().diagnostics.error(clause.position(), clause.what() + " spreads " + total + " over " + count + " periods, less than "
        + unit + " a period: " + (count - 1) + " periods would have a target of " + total.currency() + " 0, met with nothing delivered",
        "check the amount's unit and the schedule's count, or give each period its amount: 'schedule: {..., amount: {value: ..., currency: "
            + total.currency() + "}}'");
    return true;
  }

  private Optional<DateRange> range(MapReader period) {
    Optional<LocalDate> start = period.date("start", true);
    Optional<LocalDate> end = period.date("end", true);
    period.finish(null);
    if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
      period.section().diagnostics.error(period.position(), "the period ends (" + end.get() + ") before it starts (" + start.get() + ")", "swap the dates");
      return Optional.empty();
    }
    return start.flatMap(s -> end.map(e -> new DateRange(s, e)));
  }

  private Optional<Schedule> schedule(MapReader schedule) {
    Optional<LocalDate> start = schedule.date("start", true);
    Optional<IsoDuration> every = schedule.duration("every", true);
    Optional<Integer> count = schedule.integer("count", true, 1, 100);
    Optional<Node> amountNode = schedule.node("amount", false);
    Optional<Money> amount = amountNode.flatMap(n -> schedule.money(n, "amount"));
    schedule.finish(null);
    if (amountNode.isPresent() && payable(schedule, amountNode.get(), amount)) {
      return Optional.empty();
    }
    if (context.calendar() == CalendarRule.REFUSE && every.isPresent() && !every.get().isExact() && start.isPresent()
        && start.get().getDayOfMonth() > 28
        && (every.get().calendar().getMonths() != 0 || every.get().calendar().getYears() != 0)) {
      schedule.section().diagnostics.error(schedule.position(),
          "a schedule every " + every.get().display() + " from " + start.get() + " is ambiguous: not every month has day " + start.get().getDayOfMonth(),
          "start periods on day 1 to 28, e.g. the first day of the month, or add 'calendar: end-of-month' to compact.md");
      return Optional.empty();
    }
    return start.flatMap(s -> every.flatMap(e -> count.map(c -> new Schedule(s, e, c, amount))));
  }
}

package dev.compact.agreements;

import dev.cel.common.CelAbstractSyntaxTree;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Reads one {@code clause} block into a {@link Clause}, checking every field against the norm kind. */
final class ClauseParser {

  /** What a clause may refer to: the parties of the document that holds it. */
  record Context(List<PartyCode> parties, boolean umbrella, CalendarRule calendar, Optional<java.util.Set<String>> areaIds,
      Optional<MoneyData> money) {
    Context(List<PartyCode> parties, boolean umbrella, CalendarRule calendar) {
      this(parties, umbrella, calendar, Optional.empty(), Optional.empty());
    }
  }

  private final Context context;
  /** Where each clause names its remedy, so that an unknown remedy is reported at that line. */
  private final java.util.Map<String, SourcePosition> remedyPositions = new java.util.HashMap<>();
  private final java.util.Set<String> failedIds = new java.util.HashSet<>();

  ClauseParser(Context context) {
    this.context = context;
  }

  Optional<Clause> parse(YamlSection section, MappingNode node, int fenceLine) {
    // Name the clause in every later message, so a drafter knows which block is meant.
    String name = MapReader.peek(node, "id").filter(Ids::valid).map(i -> "clause '" + i + "'").orElse("clause");
    MapReader clause = section.reader(node, name);
    Optional<String> id = clause.id("id", true);
    Optional<String> title = clause.text("title", false);
    Optional<Norm.NormKind> kind = clause.keyword("norm", Norm.NormKind.class, true);
    List<PartyRef> obligor = obligors(clause);
    Optional<Domain> domain = clause.keyword("domain", Domain.class, true);
    Classification classification = clause.keyword("classification", Classification.class, false).orElse(Classification.PUBLIC);
    // Where the words come from: article and paragraph, and where the text is published; rendered as a footnote.
    String source = clause.text("source", false).orElse("");
    // Territory per clause: where this clause's incidents count (incident.in_scope), instead of the agreement's.
    Optional<Territory> territory = clause.map("territory", false).flatMap(t -> TerritoryParser.territory(t, context.areaIds(), false));
    boolean territoryFailed = clause.has("territory") && territory.isEmpty();

    Optional<Norm> norm = kind.flatMap(k -> switch (k) {
      case COMMITMENT -> commitment(clause, obligor, domain);
      case OBLIGATION -> obligation(clause, obligor, domain);
      case POWER -> power(clause, obligor, domain);
      case PROHIBITION -> prohibition(clause, obligor, domain);
    });
    clause.finish(kind.map(k -> Keywords.article(k) + " clause has no such field; see docs/agreement-format.md").orElse(null));
    if (territory.isPresent() && norm.isPresent()) {
      Optional<Condition> uses = switch (norm.get()) {
        case Norm.Obligation o -> Optional.of(o.trigger());
        case Norm.Power p -> p.condition();
        case Norm.Commitment c -> Optional.empty();
        case Norm.Prohibition p -> Optional.empty();
      };
      if (uses.map(c -> !c.source().contains("incident.in_scope")).orElse(true)) {
        clause.error(clause.node("territory", false).orElseThrow(), "a clause's territory decides only `incident.in_scope`, which "
                + (uses.isEmpty() ? Keywords.article(norm.get().kind()) + " has no condition to use" : "this clause's condition does not use"),
            uses.isEmpty() ? "put the territory on an obligation or power whose condition tests `incident.in_scope`"
                : "add `incident.in_scope` to its condition, e.g. `incident.kind == \"armed-attack\" && incident.in_scope`");
        territoryFailed = true;
      }
    }
    if (id.isEmpty() || norm.isEmpty() || obligor.isEmpty() || territoryFailed) {
      id.ifPresent(failedIds::add);
      return Optional.empty();
    }
    return Optional.of(new Clause(new ClauseId(id.get()), title.orElse(""), norm.get(), new SourcePosition(section.path, fenceLine, 1),
        classification, source, territory));
  }

  private List<PartyRef> obligors(MapReader clause) {
    List<PartyRef> refs = new ArrayList<>();
    boolean failed = false;
    for (Node node : clause.list("obligor", true)) {
      Optional<String> value = clause.scalar(node, "obligor");
      if (value.isEmpty()) {
        failed = true;
        continue;
      }
      Optional<PartyRef.GroupName> group = Keywords.parse(PartyRef.GroupName.class, value.get());
      if (group.isPresent()) {
        refs.add(new PartyRef.Group(group.get()));
        continue;
      }
      Optional<PartyCode> party = clause.party(node, "obligor");
      if (party.isEmpty()) {
        failed = true;
        continue;
      }
      if (!context.umbrella() && !context.parties().contains(party.get())) {
        clause.error(node, party.get() + " is not a party to this agreement", "parties are " + context.parties());
        failed = true;
        continue;
      }
      refs.add(new PartyRef.Single(party.get()));
    }
    return failed ? List.of() : refs;
  }

  private Optional<PartyCode> beneficiary(MapReader clause) {
    Optional<Node> node = clause.node("beneficiary", true);
    Optional<PartyCode> party = node.flatMap(n -> clause.party(n, "beneficiary"));
    if (party.isPresent() && !context.parties().contains(party.get())) {
      clause.error(node.get(), party.get() + " is not a party to this agreement", "parties are " + context.parties());
      return Optional.empty();
    }
    return party;
  }

  private Optional<Norm> commitment(MapReader clause, List<PartyRef> obligor, Optional<Domain> domain) {
    Optional<PartyCode> beneficiary = beneficiary(clause);
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
    for (Node node : clause.list("items", false)) {
      clause.asMap(node, "an item line").ifPresent(map -> {
        MapReader line = clause.section().reader(map, "item line");
        Optional<String> item = line.text("item", true);
        Optional<Long> quantity = line.node("quantity", true).flatMap(n -> line.count(n, "quantity"));
        line.finish(null);
        if (item.isPresent() && quantity.isPresent()) {
          items.add(new ItemLine(item.get(), quantity.get()));
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
    Optional<String> description = clause.text("description", false);
    if (beneficiary.isEmpty() || domain.isEmpty() || (!hasAmount && !hasItems) || toItself
        || (hasAmount && (amount.isEmpty() || terms.failed())) || (period.isEmpty() && schedule.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new Norm.Commitment(obligor, beneficiary.get(), domain.get(), amount, items, period, schedule, description.orElse(""),
        terms.bound(), terms.maximum(), scope, subjectTo, share, partOf.map(ClauseId::new)));
  }

  /** Where each clause names the commitment it is part of, for a located error when that is wrong. */
  final java.util.Map<String, SourcePosition> partOfPositions = new java.util.HashMap<>();

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
    Optional<Money> amount = schedule.node("amount", false).flatMap(n -> schedule.money(n, "amount"));
    schedule.finish(null);
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

  private Optional<Norm> obligation(MapReader clause, List<PartyRef> obligor, Optional<Domain> domain) {
    Optional<PartyCode> beneficiary = beneficiary(clause);
    Optional<Condition> trigger = condition(clause, "trigger", true);
    Optional<String> action = clause.text("action", true);
    Optional<Deadline> deadline = Optional.empty();
    if (clause.has("deadline")) {
      deadline = clause.map("deadline", true).flatMap(this::deadline);
    } else {
      clause.warning(clauseKey(clause), clause.what() + " has no deadline, so it is not affirmative: it can never be breached",
          "add 'deadline: {within: PT24H, from: consultation-requested}'");
    }
    Optional<Fulfilment> fulfilledBy = clause.keyword("fulfilled-by", Fulfilment.class, true);
    Optional<DecisionRule> rule = clause.node("decision", false).flatMap(n -> decisionRule(clause, n));
    Optional<Decision> decision = rule.map(DecisionRule::rule);
    boolean decisionFailed = clause.has("decision") && rule.isEmpty();
    Optional<MeetingLevel> meetingLevel = clause.keyword("meeting-level", MeetingLevel.class, false);
    boolean levelFailed = clause.has("meeting-level") && meetingLevel.isEmpty();
    if (meetingLevel.isPresent() && fulfilledBy.isPresent() && fulfilledBy.get() != Fulfilment.CONSULTATION_HELD) {
      clause.error(clause.node("meeting-level", false).orElseThrow(),
          "a meeting level applies to a duty met by a meeting, but this one is fulfilled by " + Keywords.of(fulfilledBy.get()),
          "write 'fulfilled-by: consultation-held', or remove 'meeting-level' (a decision's level is that of the meeting that took it)");
      levelFailed = true;
    }
    Optional<String> remedy = clause.id("remedy", false);
    clause.node("remedy", false).ifPresent(n -> MapReader.peek(clause.mapping(), "id")
        .ifPresent(id -> remedyPositions.put(id, clause.section().position(n))));
    boolean deadlineFailed = clause.has("deadline") && deadline.isEmpty();
    if (beneficiary.isEmpty() || domain.isEmpty() || trigger.isEmpty() || action.isEmpty() || fulfilledBy.isEmpty() || deadlineFailed
        || decisionFailed || levelFailed) {
      return Optional.empty();
    }
    return Optional.of(new Norm.Obligation(obligor, beneficiary.get(), domain.get(), trigger.get(), action.get(), deadline,
        fulfilledBy.get(), decision, remedy.map(ClauseId::new), rule, meetingLevel));
  }

  /** {@code decision: unanimity}, or {rule: qualified-majority, threshold: 0.66} / {rule: unanimity, except: [RUS]}. */
  private Optional<DecisionRule> decisionRule(MapReader clause, Node node) {
    if (node instanceof ScalarNode) {
      Optional<Decision> simple = clause.keyword(node, "decision", Decision.class);
      if (simple.filter(d -> d == Decision.QUALIFIED_MAJORITY).isPresent()) {
        clause.error(node, "a qualified majority needs its threshold", "write 'decision: {rule: qualified-majority, threshold: 0.66}'");
        return Optional.empty();
      }
      return simple.map(DecisionRule::of);
    }
    if (!(node instanceof MappingNode map)) {
      clause.error(node, "'decision' must be a rule or a set of fields", "write 'decision: unanimity' or 'decision: {rule: unanimity, except: [RUS]}'");
      return Optional.empty();
    }
    MapReader reader = clause.section().reader(map, "'decision'");
    Optional<Decision> rule = reader.keyword("rule", Decision.class, true);
    Optional<java.math.BigDecimal> threshold = reader.node("threshold", false).flatMap(n -> reader.positiveDecimal(n, "threshold"));
    List<PartyCode> except = new ArrayList<>();
    for (Node party : reader.list("except", false)) {
      reader.party(party, "except").ifPresent(except::add);
    }
    reader.finish(null);
    if (rule.isEmpty()) {
      return Optional.empty();
    }
    if (rule.get() == Decision.QUALIFIED_MAJORITY) {
      if (threshold.isEmpty()) {
        if (!reader.has("threshold")) {
          reader.error(map, "a qualified majority needs its threshold", "add 'threshold: 0.66' (a share of the guarantors, above 0.5)");
        }
        return Optional.empty();
      }
      if (threshold.get().compareTo(new java.math.BigDecimal("0.5")) <= 0 || threshold.get().compareTo(java.math.BigDecimal.ONE) > 0) {
        reader.error(reader.node("threshold", false).orElseThrow(), "a qualified majority's threshold must be above 0.5 and at most 1, not "
            + threshold.get().toPlainString(), "write the share as a fraction, e.g. 0.66 for two thirds");
        return Optional.empty();
      }
    } else if (threshold.isPresent()) {
      reader.error(reader.node("threshold", false).orElseThrow(), "only a qualified majority has a threshold", "remove it");
      return Optional.empty();
    }
    if (rule.get() != Decision.UNANIMITY && rule.get() != Decision.QUALIFIED_MAJORITY && !except.isEmpty()) {
      reader.error(reader.node("except", false).orElseThrow(), "'except' belongs to unanimity or a qualified majority", "remove it");
      return Optional.empty();
    }
    return Optional.of(new DecisionRule(rule.get(), threshold, except));
  }

  /** True when a clause with this id was found but had errors, so references to it are not reported again. */
  boolean failed(String id) {
    return failedIds.contains(id);
  }

  Optional<SourcePosition> remedyPosition(ClauseId clause) {
    return Optional.ofNullable(remedyPositions.get(clause.value()));
  }

  private static Node clauseKey(MapReader clause) {
    return clause.node("id", false).orElseGet(() -> clause.node("norm", false).orElseThrow());
  }

  private Optional<Deadline> deadline(MapReader deadline) {
    Optional<IsoDuration> within = deadline.duration("within", true);
    Optional<Anchor> from = deadline.keyword("from", Anchor.class, true);
    Optional<Boundary> boundary = deadline.keyword("boundary", Boundary.class, false);
    Firmness firmness = deadline.keyword("firmness", Firmness.class, false).orElse(Firmness.HARD);
    deadline.finish(null);
    return within.flatMap(w -> from.map(f -> new Deadline(w, f, boundary.orElse(Boundary.INCLUSIVE), firmness)));
  }

  private Optional<Norm> power(MapReader clause, List<PartyRef> obligor, Optional<Domain> domain) {
    Optional<PowerAction> action = clause.keyword("action", PowerAction.class, true);
    Optional<Condition> condition = condition(clause, "condition", false);
    Optional<IsoDuration> notice = clause.duration("notice", false);
    boolean conditionFailed = clause.has("condition") && condition.isEmpty();
    boolean noticeFailed = clause.has("notice") && notice.isEmpty();
    if (domain.isEmpty() || action.isEmpty() || conditionFailed || noticeFailed) {
      return Optional.empty();
    }
    return Optional.of(new Norm.Power(obligor, domain.get(), action.get(), condition, notice));
  }

  private Optional<Norm> prohibition(MapReader clause, List<PartyRef> obligor, Optional<Domain> domain) {
    Optional<ProhibitedAction> action = clause.keyword("action", ProhibitedAction.class, true);
    Optional<Condition> until = condition(clause, "until", true);
    Optional<String> description = clause.text("description", false);
    Optional<Norm.Cap> cap = clause.map("cap", false).flatMap(reader -> {
      Optional<Long> quantity = reader.node("quantity", true).flatMap(n -> reader.count(n, "quantity"));
      Optional<String> unit = reader.text("unit", true);
      reader.finish(null);
      return quantity.flatMap(q -> unit.map(u -> new Norm.Cap(q, u)));
    });
    boolean capFailed = clause.has("cap") && cap.isEmpty();
    if (action.isPresent() && action.get() == ProhibitedAction.EXCEED_FORCE_CAP && !clause.has("cap")) {
      clause.section().diagnostics.error(clause.position(), clause.what() + " forbids exceeding a cap but gives none",
          "add 'cap: {quantity: 85000, unit: troops}'");
      capFailed = true;
    } else if (action.isPresent() && action.get() != ProhibitedAction.EXCEED_FORCE_CAP && cap.isPresent()) {
      clause.error(clause.node("cap", false).orElseThrow(), "a cap belongs to 'action: exceed-force-cap', not to " + Keywords.of(action.get()),
          "remove the cap, or forbid exceeding it with 'action: exceed-force-cap'");
      capFailed = true;
    }
    if (domain.isEmpty() || action.isEmpty() || until.isEmpty() || capFailed) {
      return Optional.empty();
    }
    return Optional.of(new Norm.Prohibition(obligor, domain.get(), action.get(), until.get(), description.orElse(""), cap));
  }

  /** Compiles a CEL field, placing each problem at its line and column in the file. */
  static Optional<Condition> condition(MapReader reader, String key, boolean required) {
    Optional<Node> node = reader.node(key, required);
    return node.flatMap(n -> reader.scalar(n, key).flatMap(source -> compile(reader, n, source, key)));
  }

  static Optional<Condition> compile(MapReader reader, Node node, String source, String key) {
    int quote = node instanceof ScalarNode scalar
        && (scalar.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED || scalar.getScalarStyle() == ScalarStyle.SINGLE_QUOTED) ? 1 : 0;
    SourcePosition start = reader.section().position(node);
    return switch (ConditionCompiler.compile(source)) {
      case ConditionCompiler.Result.Compiled(CelAbstractSyntaxTree ast) -> Optional.of(new Condition(source, start, ast));
      case ConditionCompiler.Result.Failed(List<ConditionCompiler.Problem> problems) -> {
        for (ConditionCompiler.Problem problem : problems) {
          SourcePosition at = problem.line() == 1
              ? new SourcePosition(start.path(), start.line(), start.column() + quote + problem.column() - 1)
              : new SourcePosition(start.path(), start.line() + problem.line() - 1, problem.column());
          reader.section().diagnostics.error(at, "in the " + key + " of " + reader.what() + ": " + problem.message(), problem.hint());
        }
        yield Optional.empty();
      }
    };
  }

}

package dev.compact.agreements;

import dev.cel.common.CelAbstractSyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads one {@code clause} block into a {@link Clause}, checking every field against the norm kind.
 * Powers and prohibitions are read here; commitments by {@link CommitmentReader} and obligations by
 * {@link ObligationReader}.
 */
final class ClauseParser {

  /** What a clause may refer to: the parties of the document that holds it. */
  record Context(List<PartyCode> parties, boolean umbrella, CalendarRule calendar, Optional<java.util.Set<String>> areaIds,
      Optional<MoneyData> money, Map<String, ConditionCompiler.Result> checked) {
    Context(List<PartyCode> parties, boolean umbrella, CalendarRule calendar) {
      this(parties, umbrella, calendar, Optional.empty(), Optional.empty(), Map.of());
    }
  }

  private final Context context;
  /** Where each clause names its remedy, so that an unknown remedy is reported at that line. */
  private final java.util.Map<String, SourcePosition> remedyPositions = new java.util.HashMap<>();
  private final java.util.Set<String> failedIds = new java.util.HashSet<>();
  /** Where each clause names the commitment it is part of, for a located error when that is wrong. */
  final java.util.Map<String, SourcePosition> partOfPositions = new java.util.HashMap<>();
  private final CommitmentReader commitments;
  private final ObligationReader obligations;

  ClauseParser(Context context) {
    this.context = context;
    this.commitments = new CommitmentReader(context, partOfPositions);
    this.obligations = new ObligationReader(context, remedyPositions);
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
      case COMMITMENT -> commitments.commitment(clause, obligor, domain);
      case OBLIGATION -> obligations.obligation(clause, obligor, domain);
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

  /** The clause's beneficiary, which must be a party to the document that holds it. */
  static Optional<PartyCode> beneficiary(MapReader clause, Context context) {
    Optional<Node> node = clause.node("beneficiary", true);
    Optional<PartyCode> party = node.flatMap(n -> clause.party(n, "beneficiary"));
    if (party.isPresent() && !context.parties().contains(party.get())) {
      clause.error(node.get(), party.get() + " is not a party to this agreement", "parties are " + context.parties());
      return Optional.empty();
    }
    return party;
  }


  /** True when a clause with this id was found but had errors, so references to it are not reported again. */
  boolean failed(String id) {
    return failedIds.contains(id);
  }

  Optional<SourcePosition> remedyPosition(ClauseId clause) {
    return Optional.ofNullable(remedyPositions.get(clause.value()));
  }


  private Optional<Norm> power(MapReader clause, List<PartyRef> obligor, Optional<Domain> domain) {
    Optional<PowerAction> action = clause.keyword("action", PowerAction.class, true);
    Optional<Condition> condition = condition(clause, "condition", false, context.checked());
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
    Optional<Condition> until = condition(clause, "until", true, context.checked());
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
  static Optional<Condition> condition(MapReader reader, String key, boolean required, Map<String, ConditionCompiler.Result> checked) {
    Optional<Node> node = reader.node(key, required);
    return node.flatMap(n -> reader.scalar(n, key).flatMap(source -> compile(reader, n, source, key, checked)));
  }

  /** Compiles a condition, taking its result from {@code checked} when the compact's conditions were compiled ahead. */
  static Optional<Condition> compile(MapReader reader, Node node, String source, String key, Map<String, ConditionCompiler.Result> checked) {
    int quote = node instanceof ScalarNode scalar
        && (scalar.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED || scalar.getScalarStyle() == ScalarStyle.SINGLE_QUOTED) ? 1 : 0;
    SourcePosition start = reader.section().position(node);
    ConditionCompiler.Result result = checked.get(source);
    return switch (result != null ? result : ConditionCompiler.compile(source)) {
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

package dev.compact.agreements;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;


/** Reads the fields of an obligation clause: when it arises, what it requires by when, and its remedy. */
final class ObligationReader {

  private final ClauseParser.Context context;
  /** Where each clause names its remedy, so that an unknown remedy is reported at that line. */
  private final java.util.Map<String, SourcePosition> remedyPositions;

  ObligationReader(ClauseParser.Context context, java.util.Map<String, SourcePosition> remedyPositions) {
    this.context = context;
    this.remedyPositions = remedyPositions;
  }

  /** An obligation's fields: its trigger, action and deadline, how it is fulfilled and decided, and its remedy. */
  Optional<Norm> obligation(MapReader clause, List<PartyRef> obligor, Optional<Domain> domain) {
    Optional<PartyCode> beneficiary = ClauseParser.beneficiary(clause, context);
    Optional<Condition> trigger = ClauseParser.condition(clause, "trigger", true, context.checked());
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
}

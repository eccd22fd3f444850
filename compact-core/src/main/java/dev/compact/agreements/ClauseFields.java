package dev.compact.agreements;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The values that text may quote with {@code {{clause-id.field}}}. Validation and rendering both ask
 * this one place, so a reference that checks is a reference that renders.
 */
public final class ClauseFields {
  /** Every field name a reference may use; which ones a clause has depends on its norm. */
  public static final List<String> NAMES = List.of(
      "id", "title", "norm", "obligor", "beneficiary", "domain", "amount", "items", "period", "schedule",
      "trigger", "action", "deadline", "within", "fulfilled-by", "decision", "remedy", "notice", "condition",
      "until", "description", "scope", "firmness", "source", "cap", "subject-to", "meeting-level", "share-of-gdp", "part-of");

  /** Fields of the document itself: {@code {{agreement.signed}}}. */
  public static final List<String> AGREEMENT_NAMES = List.of("title", "published", "status", "signed", "in-force", "years", "notice", "expires");

  private ClauseFields() {}

  /** The text for a field, or empty when this clause has no such field. */
  public static Optional<String> value(Clause clause, String field) {
    Norm norm = clause.norm();
    Optional<String> common = switch (field) {
      case "id" -> Optional.of(clause.id().value());
      case "title" -> Optional.of(clause.title()).filter(t -> !t.isEmpty());
      case "norm" -> Optional.of(Keywords.of(norm.kind()));
      case "obligor" -> Optional.of(parties(norm.obligor()));
      case "domain" -> Optional.of(Keywords.of(norm.domain()));
      case "source" -> Optional.of(clause.source()).filter(s -> !s.isEmpty());
      default -> Optional.empty();
    };
    if (common.isPresent() || List.of("id", "title", "norm", "obligor", "domain", "source").contains(field)) {
      return common;
    }
    return switch (norm) {
      case Norm.Commitment c -> switch (field) {
        case "beneficiary" -> Optional.of(c.beneficiary().displayName());
        case "amount" -> c.gdpShare().isPresent() ? c.amount().map(m -> (c.bound() == AmountBound.AT_LEAST ? "" : c.bound().phrase() + " ")
                + c.gdpShare().get().percent().stripTrailingZeros().toPlainString() + "% of GDP (" + m.display() + ")")
            : c.amount().map(m -> switch (c.bound()) {
          case AT_LEAST -> m.display();
          case EXACT, UP_TO -> c.bound().phrase() + " " + m.display();
          case RANGE -> "between " + m.display() + " and " + c.maximum().orElseThrow().display();
        }).or(() -> c.schedule().flatMap(Schedule::amountPerPeriod).map(Money::display));
        case "share-of-gdp" -> c.gdpShare().map(Norm.GdpShare::display);
        case "part-of" -> c.partOf().map(ClauseId::value);
        // The words that carry the reading: "Lithuania {{x.firmness}} provide" reads "will seek to provide".
        case "firmness" -> Optional.of(c.firmness().phrase());
        case "subject-to" -> c.subjectTo().isEmpty() ? Optional.empty()
            : Optional.of(c.subjectTo().stream().map(p -> Keywords.of(p).replace('-', ' ')).collect(Collectors.joining(" and ")));
        case "scope" -> c.scope().isEmpty() ? Optional.empty()
            : Optional.of(c.scope().stream().map(s -> Keywords.of(s).replace('-', ' ')).collect(Collectors.joining(" and ")));
        case "items" -> c.items().isEmpty() ? Optional.empty()
            : Optional.of(IntStream.range(0, c.items().size()).mapToObj(c::itemDisplay).collect(Collectors.joining(", ")));
        case "period" -> c.period().map(DateRange::display);
        case "schedule" -> c.schedule().map(Schedule::display);
        case "description" -> Optional.of(c.description()).filter(d -> !d.isEmpty());
        default -> Optional.empty();
      };
      case Norm.Obligation o -> switch (field) {
        case "beneficiary" -> Optional.of(o.beneficiary().displayName());
        case "trigger" -> Optional.of(o.trigger().source());
        case "action" -> Optional.of(o.action());
        case "deadline" -> o.deadline().map(Deadline::display);
        case "within" -> o.deadline().map(d -> d.within().display());
        case "firmness" -> o.deadline().map(d -> Keywords.of(d.firmness()).replace('-', ' '));
        case "fulfilled-by" -> Optional.of(Keywords.of(o.fulfilledBy()).replace('-', ' '));
        case "decision" -> o.decisionRule().map(DecisionRule::display);
        case "remedy" -> o.remedy().map(ClauseId::value);
        case "meeting-level" -> o.meetingLevel().map(l -> "at the level of " + l.who());
        default -> Optional.empty();
      };
      case Norm.Power p -> switch (field) {
        case "action" -> Optional.of(Keywords.of(p.action()).replace('-', ' '));
        case "condition" -> p.condition().map(Condition::source);
        case "notice" -> p.notice().map(IsoDuration::display);
        default -> Optional.empty();
      };
      case Norm.Prohibition p -> switch (field) {
        case "action" -> Optional.of(Keywords.of(p.action()).replace('-', ' '));
        case "until" -> Optional.of(p.until().source());
        case "cap" -> p.cap().map(Norm.Cap::display);
        case "description" -> Optional.of(p.description()).filter(d -> !d.isEmpty());
        default -> Optional.empty();
      };
    };
  }

  /** The text for {@code {{agreement.field}}}, or empty when the document does not say. */
  public static Optional<String> agreementValue(Agreement agreement, String field) {
    return switch (field) {
      case "title" -> Optional.of(agreement.title());
      case "signed" -> agreement.lifecycle().signed().map(Object::toString);
      case "published" -> agreement.lifecycle().published().map(Object::toString);
      case "status" -> Optional.of(agreement.lifecycle().describe());
      case "in-force" -> agreement.lifecycle().inForce().map(Object::toString);
      case "years" -> agreement.term().years().map(Object::toString);
      case "notice" -> agreement.term().notice().map(IsoDuration::display);
      case "expires" -> agreement.term().expires(agreement.lifecycle().inForce()).map(Object::toString);
      default -> Optional.empty();
    };
  }

  static String parties(List<PartyRef> refs) {
    return refs.stream().map(ref -> switch (ref) {
      case PartyRef.Single(PartyCode party) -> party.displayName();
      case PartyRef.Group(PartyRef.GroupName name) -> switch (name) {
        case GUARANTORS -> "every guarantor";
        case CORE -> "every core guarantor";
        case BROADER -> "every broader guarantor";
        case PARTIES -> "each party";
      };
    }).collect(Collectors.joining(" and "));
  }
}

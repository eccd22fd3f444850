package dev.compact.agreements;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
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
    return field(clause, field).map(Supplier::get);
  }

  /**
   * Whether the clause has the field, as {@link #value} would say, without writing its text: the
   * reference checks ask this for every quote in every file, and writing an amount divides big
   * decimals (issue #17). Both read {@link #field}, so a reference that checks still renders.
   */
  static boolean has(Clause clause, String field) {
    return field(clause, field).isPresent();
  }

  /**
   * Whether the clause has the field and, if so, how to write it. Presence is decided here, from the
   * clause's data; the text is written only when asked for.
   */
  private static Optional<Supplier<String>> field(Clause clause, String field) {
    Norm norm = clause.norm();
    Optional<Supplier<String>> common = switch (field) {
      case "id" -> text(clause.id().value());
      case "title" -> clause.title().isEmpty() ? Optional.empty() : text(clause.title());
      case "norm" -> Optional.of(() -> Keywords.of(norm.kind()));
      case "obligor" -> Optional.of(() -> parties(norm.obligor()));
      case "domain" -> Optional.of(() -> Keywords.of(norm.domain()));
      case "source" -> clause.source().isEmpty() ? Optional.empty() : text(clause.source());
      default -> Optional.empty();
    };
    if (common.isPresent() || COMMON.contains(field)) {
      return common;
    }
    return switch (norm) {
      case Norm.Commitment c -> switch (field) {
        case "beneficiary" -> Optional.of(() -> c.beneficiary().displayName());
        case "amount" -> c.gdpShare().isPresent() ? lazy(c.amount(), m -> (c.bound() == AmountBound.AT_LEAST ? "" : c.bound().phrase() + " ")
                + c.gdpShare().get().percent().stripTrailingZeros().toPlainString() + "% of GDP (" + m.display() + ")")
            : c.amount().isPresent() ? lazy(c.amount(), m -> switch (c.bound()) {
              case AT_LEAST -> m.display();
              case EXACT, UP_TO -> c.bound().phrase() + " " + m.display();
              case RANGE -> "between " + m.display() + " and " + c.maximum().orElseThrow().display();
            })
            : lazy(c.schedule().flatMap(Schedule::amountPerPeriod), Money::display);
        case "share-of-gdp" -> lazy(c.gdpShare(), Norm.GdpShare::display);
        case "part-of" -> lazy(c.partOf(), ClauseId::value);
        // The words that carry the reading: "Lithuania {{x.firmness}} provide" reads "will seek to provide".
        case "firmness" -> Optional.of(() -> c.firmness().phrase());
        case "subject-to" -> c.subjectTo().isEmpty() ? Optional.empty()
            : Optional.of(() -> c.subjectTo().stream().map(p -> Keywords.of(p).replace('-', ' ')).collect(Collectors.joining(" and ")));
        case "scope" -> c.scope().isEmpty() ? Optional.empty()
            : Optional.of(() -> c.scope().stream().map(s -> Keywords.of(s).replace('-', ' ')).collect(Collectors.joining(" and ")));
        case "items" -> c.items().isEmpty() ? Optional.empty()
            : Optional.of(() -> IntStream.range(0, c.items().size()).mapToObj(c::itemDisplay).collect(Collectors.joining(", ")));
        case "period" -> lazy(c.period(), DateRange::display);
        case "schedule" -> lazy(c.schedule(), Schedule::display);
        case "description" -> c.description().isEmpty() ? Optional.empty() : text(c.description());
        default -> Optional.empty();
      };
      case Norm.Obligation o -> switch (field) {
        case "beneficiary" -> Optional.of(() -> o.beneficiary().displayName());
        case "trigger" -> text(o.trigger().source());
        case "action" -> text(o.action());
        case "deadline" -> lazy(o.deadline(), Deadline::display);
        case "within" -> lazy(o.deadline(), d -> d.within().display());
        case "firmness" -> lazy(o.deadline(), d -> Keywords.of(d.firmness()).replace('-', ' '));
        case "fulfilled-by" -> Optional.of(() -> Keywords.of(o.fulfilledBy()).replace('-', ' '));
        case "decision" -> lazy(o.decisionRule(), DecisionRule::display);
        case "remedy" -> lazy(o.remedy(), ClauseId::value);
        case "meeting-level" -> lazy(o.meetingLevel(), l -> "at the level of " + l.who());
        default -> Optional.empty();
      };
      case Norm.Power p -> switch (field) {
        case "action" -> Optional.of(() -> Keywords.of(p.action()).replace('-', ' '));
        case "condition" -> lazy(p.condition(), Condition::source);
        case "notice" -> lazy(p.notice(), IsoDuration::display);
        default -> Optional.empty();
      };
      case Norm.Prohibition p -> switch (field) {
        case "action" -> Optional.of(() -> Keywords.of(p.action()).replace('-', ' '));
        case "until" -> text(p.until().source());
        case "cap" -> lazy(p.cap(), Norm.Cap::display);
        case "description" -> p.description().isEmpty() ? Optional.empty() : text(p.description());
        default -> Optional.empty();
      };
    };
  }

  /** The fields every clause may have, whatever its norm. */
  private static final List<String> COMMON = List.of("id", "title", "norm", "obligor", "domain", "source");

  private static Optional<Supplier<String>> text(String value) {
    return Optional.of(() -> value);
  }

  /** Present when {@code value} is; the text written from it only when asked for. */
  private static <T> Optional<Supplier<String>> lazy(Optional<T> value, Function<T, String> write) {
    return value.map(v -> () -> write.apply(v));
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

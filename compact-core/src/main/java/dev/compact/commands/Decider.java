package dev.compact.commands;

import dev.compact.engine.Event;
import java.time.Instant;
import java.util.List;

/**
 * Decides what a command records: the engine's events, stamped with the time the act took place and
 * the time the record takes it. Pure: the same command at the same time gives the same events.
 *
 * <p>What needs the record's state is checked where the state is, with the lock held: who may act and
 * what they may see (the service's permissions and classification policy), whether the id is free (the
 * stream's expected version), the order of events and what an act does to the norms (the engine).
 */
public final class Decider {
  private Decider() {}

  /** The outcome: the events to record, or a refusal that says what is wrong, naming the field. */
  public sealed interface Decision {
    record Accepted(List<Event> events) implements Decision {
      public Accepted {
        events = List.copyOf(events);
      }
    }

    record Refused(String reason) implements Decision {}
  }

  /** The events {@code command} records when the record takes it at {@code now}. */
  public static Decision decide(Command command, Instant now) {
    Instant at = command.occurredAt().orElse(now);
    if (at.isAfter(now)) {
      return new Decision.Refused("'occurredAt' " + at + " is in the future");
    }
    return switch (command) {
      case Command.ReportIncident c -> accept(new Event.IncidentReported(at, now, c.incident(), c.kind(), c.place(), c.severity(), c.reportedBy(),
          c.evidence(), c.attacker(), c.location()));
      case Command.VerifyIncident c -> accept(new Event.IncidentVerified(at, now, c.incident(), c.by()));
      case Command.RejectIncident c -> accept(new Event.IncidentRejected(at, now, c.incident(), c.by(), c.reason()));
      case Command.RequestConsultation c -> accept(new Event.ConsultationRequested(at, now, c.consultation(), c.by(), c.incident()));
      case Command.RecordMeeting c -> c.attended().isEmpty() ? new Decision.Refused("'attended' must name at least one party")
          : accept(new Event.ConsultationHeld(at, now, c.consultation(), c.attended(), c.level()));
      case Command.DecideMeasures c -> c.measures().isEmpty() ? new Decision.Refused("'measures' must list at least one measure")
          : twice(c.measures()).isPresent() ? new Decision.Refused("'measures' names measure " + twice(c.measures()).get()
              + " twice: a consultation's measures are told apart by their ids (a delivery counts against one by it), so give each its own")
          : accept(new Event.MeasuresDecided(at, now, c.consultation(), c.measures(), c.agreed(), c.objections()));
      case Command.RecordSupport c -> c.value().isEmpty() && c.items().isEmpty() ? new Decision.Refused("give a 'value' or 'items' (or both)")
          : accept(switch (c.kind()) {
            case ALLOCATION -> new Event.AllocationRecorded(at, now, c.guarantor(), c.category(), c.value(), c.rate(), c.items(), c.countsAgainst(),
                c.scope());
            case DELIVERY -> new Event.DeliveryRecorded(at, now, c.guarantor(), c.category(), c.value(), c.rate(), c.items(), c.countsAgainst(),
                c.scope());
          });
      case Command.ActOnAgreement c -> agreementAct(c, at, now);
      case Command.RecordPackage c -> c.terms().unsourced().isEmpty()
          ? accept(new Event.SanctionsPackageRecorded(at, now, c.sanctionsPackage(), c.issuer(), c.terms()))
          : new Decision.Refused("'sources' gives no source for " + String.join(", ", c.terms().unsourced())
              + ": every fact of a package needs one (a URL, or the file a figure was counted from)");
      case Command.BlockSanctions c -> c.blockedBy().isEmpty() ? new Decision.Refused("'blockedBy' must name who blocked the package")
          : accept(new Event.SanctionsBlocked(at, now, c.sanctionsPackage(), c.by(), c.blockedBy(), c.reason()));
      case Command.ActOnSanctions c -> accept(switch (c.act()) {
        case PROPOSE -> new Event.SanctionsProposed(at, now, c.sanctionsPackage(), c.by());
        case ADOPT -> new Event.SanctionsAdopted(at, now, c.sanctionsPackage(), c.by());
        case EASE -> new Event.SanctionsEased(at, now, c.sanctionsPackage(), c.by());
        case LIFT -> new Event.SanctionsLifted(at, now, c.sanctionsPackage(), c.by());
        case REIMPOSE -> new Event.SanctionsReimposed(at, now, c.sanctionsPackage(), c.by());
      });
      case Command.ActOnDesignation c -> accept(switch (c.act()) {
        case LIFT -> new Event.DesignationLifted(at, now, c.sanctionsPackage(), c.designation(), c.by());
        case REIMPOSE -> new Event.DesignationReimposed(at, now, c.sanctionsPackage(), c.designation(), c.by());
      });
      case Command.MeetCondition c -> accept(new Event.PreconditionMet(at, now, c.by(), c.commitment(), c.condition()));
      case Command.ExtendAgreement c -> c.years() < 1 || c.years() > 100 ? new Decision.Refused("'years' must be a whole number from 1 to 100")
          : c.agreedBy().isEmpty() ? new Decision.Refused("'agreedBy' must name the parties that agreed to the extension")
          : accept(new Event.Extended(at, now, c.by(), c.agreement(), c.agreedBy(), c.years()));
      case Command.InvokeSnapback c -> accept(new Event.SnapbackInvoked(at, now, c.by(), c.incident()));
      case Command.RecordCompensation c -> compensation(c, at, now);
      case Command.ChangePartyStatus c -> accept(new Event.PartyStatusChanged(at, now, c.party(), c.status(), c.value()));
      case Command.ReportAct c -> c.quantity().filter(q -> q < 0).isPresent() ? new Decision.Refused("'quantity' must not be negative")
          : accept(new Event.ActReported(at, now, c.by(), c.act(), c.quantity(), c.detail()));
    };
  }

  /** Running totals in one currency against an assessment above zero: anything else the engine could only note and ignore. */
  private static Decision compensation(Command.RecordCompensation c, Instant at, Instant now) {
    if (c.assessed().value().signum() <= 0 || c.paid().value().signum() < 0) {
      return new Decision.Refused("'assessed' must be above zero and 'paid' not below zero");
    }
    if (!c.paid().currency().equals(c.assessed().currency())) {
      return new Decision.Refused("give 'paid' and 'assessed' in one currency, not " + c.paid().currency() + " and " + c.assessed().currency());
    }
    return accept(new Event.CompensationRecorded(at, now, c.by(), c.paid(), c.assessed(), c.source()));
  }

  private static Decision agreementAct(Command.ActOnAgreement c, Instant at, Instant now) {
    return switch (c.act()) {
      case ENTER_INTO_FORCE -> accept(new Event.EnteredIntoForce(at, now, c.agreement()));
      case SIGN -> byParty(c, party -> new Event.Signed(at, now, c.agreement(), party));
      case RATIFY -> byParty(c, party -> new Event.Ratified(at, now, c.agreement(), party));
      case SUSPEND -> byParty(c, party -> new Event.Suspended(at, now, c.agreement(), party));
      case RESUME -> byParty(c, party -> new Event.Resumed(at, now, c.agreement(), party));
      case GIVE_NOTICE -> byParty(c, party -> new Event.TerminationNoticeGiven(at, now, c.agreement(), party));
    };
  }

  /** An act a party performs: refused when the command names none. */
  private static Decision byParty(Command.ActOnAgreement c, java.util.function.Function<dev.compact.agreements.PartyCode, Event> event) {
    return c.party().<Decision>map(party -> accept(event.apply(party)))
        .orElseGet(() -> new Decision.Refused("'party' is required to " + c.act().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
  }

  /** The first measure id a decision names twice, if any: the engine would ignore the second. */
  private static java.util.Optional<String> twice(List<Event.Measure> measures) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return measures.stream().map(Event.Measure::id).filter(id -> !seen.add(id)).findFirst();
  }

  private static Decision accept(Event event) {
    return new Decision.Accepted(List.of(event));
  }
}

package dev.compact.service;

import dev.compact.access.Actor;
import dev.compact.access.Role;
import dev.compact.agreements.PartyCode;
import dev.compact.commands.Command;
import dev.compact.commands.Decider;
import dev.compact.engine.Event;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a recorded history's events back into the commands that record them and the accounts that
 * may give them, so that a history (the demo's) enters the record through the one command handler,
 * held to the same permissions and standing checks as any desk: a party's own desk for what it does
 * (its condition met, its membership, snapback it invokes), the secretariat for what it verifies or
 * records for all (entry into force, extensions, the aggressor's standing and compensation, acts).
 * Time passing is the service's own clock ({@link RecordService#tick}).
 */
final class HistoryCommands {
  private HistoryCommands() {}

  /** How one event of a history is recorded. */
  sealed interface Step {}

  /** Through the command handler, as the account the history names. */
  record Given(Command command, Actor actor) implements Step {}

  /** Time passing, which the service's own clock records. */
  record TimePasses(java.time.Instant at) implements Step {}

  /**
   * The step that records {@code event}. A command that would record less or other than the event
   * says (a field a command dropped) is refused here, with what it would record instead, rather than
   * losing that field silently.
   */
  static Step of(Event event, PartyCode protectedParty) {
    Step step = step(event, protectedParty);
    if (step instanceof Given given && Decider.decide(given.command(), event.recordedAt()) instanceof Decider.Decision.Accepted accepted
        && !accepted.events().equals(List.of(event))) {
      throw new IllegalArgumentException("no command records this event as the history gives it: the command would record "
          + accepted.events() + " instead of " + event);
    }
    return step;
  }

  private static Step step(Event event, PartyCode protectedParty) {
    Optional<java.time.Instant> at = Optional.of(event.occurredAt());
    return switch (event) {
      case Event.IncidentReported e -> new Given(new Command.ReportIncident(e.incident(), e.kind(), e.place(), e.severity(), e.reportedBy(),
          e.evidence(), at, e.attacker(), e.location()), desk(e.reportedBy(), protectedParty));
      case Event.IncidentVerified e -> new Given(new Command.VerifyIncident(e.incident(), e.by(), at), secretariat());
      case Event.IncidentRejected e -> new Given(new Command.RejectIncident(e.incident(), e.by(), e.reason(), at), secretariat());
      case Event.ConsultationRequested e -> new Given(new Command.RequestConsultation(e.consultation(), e.by(), e.incident(), at),
          desk(e.by(), protectedParty));
      case Event.ConsultationHeld e -> new Given(new Command.RecordMeeting(e.consultation(), e.attended(), at, e.level()), secretariat());
      case Event.MeasuresDecided e -> new Given(new Command.DecideMeasures(e.consultation(), e.measures(), e.agreed(), e.objections(), at),
          secretariat());
      case Event.AllocationRecorded e -> new Given(new Command.RecordSupport(Command.SupportKind.ALLOCATION, e.guarantor(), e.category(),
          e.value(), e.rate(), e.items(), e.countsAgainst(), at, e.scope()), desk(e.guarantor(), protectedParty));
      case Event.DeliveryRecorded e -> new Given(new Command.RecordSupport(Command.SupportKind.DELIVERY, e.guarantor(), e.category(),
          e.value(), e.rate(), e.items(), e.countsAgainst(), at, e.scope()), desk(e.guarantor(), protectedParty));
      case Event.SanctionsPackageRecorded e -> new Given(new Command.RecordPackage(e.sanctionsPackage(), e.by(), e.terms(), at),
          desk(e.by(), protectedParty));
      case Event.SanctionsProposed e -> new Given(new Command.ActOnSanctions(e.sanctionsPackage(), Command.SanctionsAct.PROPOSE, e.by(), at),
          desk(e.by(), protectedParty));
      case Event.SanctionsBlocked e -> new Given(new Command.BlockSanctions(e.sanctionsPackage(), e.by(), e.blockedBy(), e.reason(), at),
          desk(e.by(), protectedParty));
      case Event.SanctionsLifted e -> new Given(new Command.ActOnSanctions(e.sanctionsPackage(), Command.SanctionsAct.LIFT, e.by(), at),
          desk(e.by(), protectedParty));
      case Event.SanctionsAdopted e -> new Given(new Command.ActOnSanctions(e.sanctionsPackage(), Command.SanctionsAct.ADOPT, e.by(), at),
          desk(e.by(), protectedParty));
      case Event.SanctionsEased e -> new Given(new Command.ActOnSanctions(e.sanctionsPackage(), Command.SanctionsAct.EASE, e.by(), at),
          desk(e.by(), protectedParty));
      case Event.SanctionsReimposed e -> new Given(new Command.ActOnSanctions(e.sanctionsPackage(), Command.SanctionsAct.REIMPOSE, e.by(), at),
          desk(e.by(), protectedParty));
      case Event.DesignationLifted e -> new Given(new Command.ActOnDesignation(e.sanctionsPackage(), e.designation(),
          Command.DesignationAct.LIFT, e.by(), at), desk(e.by(), protectedParty));
      case Event.DesignationReimposed e -> new Given(new Command.ActOnDesignation(e.sanctionsPackage(), e.designation(),
          Command.DesignationAct.REIMPOSE, e.by(), at), desk(e.by(), protectedParty));
      case Event.Signed e -> agreementAct(e.agreement(), Command.AgreementAct.SIGN, e.party(), at, protectedParty);
      case Event.Ratified e -> agreementAct(e.agreement(), Command.AgreementAct.RATIFY, e.party(), at, protectedParty);
      case Event.Suspended e -> agreementAct(e.agreement(), Command.AgreementAct.SUSPEND, e.by(), at, protectedParty);
      case Event.Resumed e -> agreementAct(e.agreement(), Command.AgreementAct.RESUME, e.by(), at, protectedParty);
      case Event.TerminationNoticeGiven e -> agreementAct(e.agreement(), Command.AgreementAct.GIVE_NOTICE, e.by(), at, protectedParty);
      case Event.EnteredIntoForce e -> new Given(new Command.ActOnAgreement(e.agreement(), Command.AgreementAct.ENTER_INTO_FORCE,
          Optional.empty(), at), secretariat());
      case Event.PartyStatusChanged e -> new Given(new Command.ChangePartyStatus(e.party(), e.status(), e.value(), at), switch (e.status()) {
        case NATO_MEMBER, EU_MEMBER -> desk(e.party(), protectedParty);
        case AGGRESSION_ENDED, NON_REPETITION_GUARANTEED, DAMAGE_COMPENSATED -> secretariat();
      });
      case Event.PreconditionMet e -> new Given(new Command.MeetCondition(e.by(), e.commitment(), e.condition(), at), desk(e.by(), protectedParty));
      case Event.Extended e -> new Given(new Command.ExtendAgreement(e.agreement(), e.by(), e.agreedBy(), e.years(), at), secretariat());
      case Event.SnapbackInvoked e -> new Given(new Command.InvokeSnapback(e.by(), e.incident(), at), desk(e.by(), protectedParty));
      case Event.CompensationRecorded e -> new Given(new Command.RecordCompensation(e.by(), e.paid(), e.assessed(), e.source(), at),
          secretariat());
      case Event.ActReported e -> new Given(new Command.ReportAct(e.by(), e.act(), e.quantity(), e.detail(), at), secretariat());
      case Event.TimeAdvanced e -> new TimePasses(e.occurredAt());
    };
  }

  private static Step agreementAct(dev.compact.agreements.AgreementId agreement, Command.AgreementAct act, PartyCode party,
      Optional<java.time.Instant> at, PartyCode protectedParty) {
    return new Given(new Command.ActOnAgreement(agreement, act, Optional.of(party), at), desk(party, protectedParty));
  }

  /** The desk of a party in the history: the protected state's, or a guarantor's. */
  private static Actor desk(PartyCode party, PartyCode protectedParty) {
    Role role = party.equals(protectedParty) ? new Role.ProtectedDesk(party) : new Role.GuarantorDesk(party);
    return new Actor("history:" + party.value(), Set.of(role), false);
  }

  private static Actor secretariat() {
    return new Actor("history:secretariat", Set.of(new Role.Secretariat()), false);
  }
}

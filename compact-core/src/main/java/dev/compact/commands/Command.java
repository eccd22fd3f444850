package dev.compact.commands;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Domain;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A request to change the record, as a desk or the secretariat makes it. Each command may say when
 * the act took place ({@code occurredAt}); without it, the act is taken to happen when the record
 * takes the command.
 */
public sealed interface Command {

  /** When the act took place, if the client said. */
  Optional<Instant> occurredAt();

  record ReportIncident(Event.IncidentId incident, Event.IncidentKind kind, String place, int severity, PartyCode reportedBy,
      List<Event.Evidence> evidence, Optional<Instant> occurredAt, Optional<PartyCode> attacker,
      Optional<dev.compact.agreements.Area.Point> location) implements Command {
    public ReportIncident {
      evidence = List.copyOf(evidence);
    }

    /** A report that names no attacker and gives no location. */
    public ReportIncident(Event.IncidentId incident, Event.IncidentKind kind, String place, int severity, PartyCode reportedBy,
        List<Event.Evidence> evidence, Optional<Instant> occurredAt) {
      this(incident, kind, place, severity, reportedBy, evidence, occurredAt, Optional.empty(), Optional.empty());
    }
  }

  record VerifyIncident(Event.IncidentId incident, PartyCode by, Optional<Instant> occurredAt) implements Command {}

  record RejectIncident(Event.IncidentId incident, PartyCode by, String reason, Optional<Instant> occurredAt) implements Command {}

  record RequestConsultation(Event.ConsultationId consultation, PartyCode by, Optional<Event.IncidentId> incident,
      Optional<Instant> occurredAt) implements Command {}

  record RecordMeeting(Event.ConsultationId consultation, List<PartyCode> attended, Optional<Instant> occurredAt,
      Optional<dev.compact.agreements.MeetingLevel> level) implements Command {
    public RecordMeeting {
      attended = List.copyOf(attended);
    }

    public RecordMeeting(Event.ConsultationId consultation, List<PartyCode> attended, Optional<Instant> occurredAt) {
      this(consultation, attended, occurredAt, Optional.empty());
    }
  }

  record DecideMeasures(Event.ConsultationId consultation, List<Event.Measure> measures, List<PartyCode> agreed, List<PartyCode> objections,
      Optional<Instant> occurredAt) implements Command {
    public DecideMeasures {
      measures = List.copyOf(measures);
      agreed = List.copyOf(agreed);
      objections = List.copyOf(objections);
    }
  }

  /** What a support entry is: earmarked in a package, or handed over (the Kiel Institute's definitions). */
  enum SupportKind {
    ALLOCATION,
    DELIVERY
  }

  /** {@code scope}: lethal or non-lethal, when the record says; a commitment limited to one scope counts only that. */
  record RecordSupport(SupportKind kind, PartyCode guarantor, Domain category, Optional<Money> value, Optional<Event.ExchangeRate> rate,
      List<ItemLine> items, Optional<Event.Target> countsAgainst, Optional<Instant> occurredAt,
      Optional<dev.compact.agreements.DeliveryScope> scope) implements Command {
    public RecordSupport {
      items = List.copyOf(items);
    }
  }

  /** Acts in an agreement's life. */
  enum AgreementAct {
    SIGN,
    RATIFY,
    ENTER_INTO_FORCE,
    SUSPEND,
    RESUME,
    GIVE_NOTICE
  }

  /** An act on an agreement; every act but entry into force names the party that performs it. */
  record ActOnAgreement(AgreementId agreement, AgreementAct act, Optional<PartyCode> party, Optional<Instant> occurredAt)
      implements Command {}

  /** What a guarantor does with a sanctions package: propose it, adopt it, ease it in part, lift it in full, re-impose it. */
  enum SanctionsAct {
    PROPOSE,
    ADOPT,
    EASE,
    LIFT,
    REIMPOSE
  }

  /** The issuing party (or the secretariat) records a package as a legal act; again, to amend it. */
  record RecordPackage(String sanctionsPackage, PartyCode issuer, dev.compact.packages.SanctionsPackage terms, Optional<Instant> occurredAt)
      implements Command {}

  /** {@code by}'s adoption of a package is blocked by {@code blockedBy}. */
  record BlockSanctions(String sanctionsPackage, PartyCode by, List<PartyCode> blockedBy, String reason, Optional<Instant> occurredAt)
      implements Command {
    public BlockSanctions {
      blockedBy = List.copyOf(blockedBy);
      reason = reason == null ? "" : reason.strip();
    }
  }

  record ActOnSanctions(String sanctionsPackage, SanctionsAct act, PartyCode by, Optional<Instant> occurredAt) implements Command {}

  /** What a guarantor does with one designation of a package: delist it, or list it again. */
  enum DesignationAct {
    LIFT,
    REIMPOSE
  }

  record ActOnDesignation(String sanctionsPackage, String designation, DesignationAct act, PartyCode by, Optional<Instant> occurredAt)
      implements Command {}

  /**
   * {@code by}'s condition precedent of a commitment is met (its parliament approved, its funds were
   * appropriated), so the commitment's periods under way begin to bind.
   */
  record MeetCondition(PartyCode by, Event.Target.Clause commitment, dev.compact.agreements.Precondition condition,
      Optional<Instant> occurredAt) implements Command {}

  /** The parties {@code agreedBy} extend an agreement by {@code years} by mutual decision; {@code by} records it. */
  record ExtendAgreement(AgreementId agreement, PartyCode by, List<PartyCode> agreedBy, int years, Optional<Instant> occurredAt)
      implements Command {
    public ExtendAgreement {
      agreedBy = List.copyOf(agreedBy);
    }
  }

  /** {@code by} invokes snapback, after an incident if it names one. */
  record InvokeSnapback(PartyCode by, Optional<Event.IncidentId> incident, Optional<Instant> occurredAt) implements Command {}

  /** What the aggressor {@code by} has paid of the damage assessed, as running totals ({@code source}: the assessment). */
  record RecordCompensation(PartyCode by, Money paid, Money assessed, String source, Optional<Instant> occurredAt) implements Command {}

  /** A party's standing changes: it joins NATO or the EU, or (of the aggressor) its aggression ends. */
  record ChangePartyStatus(PartyCode party, Event.PartyStatus status, boolean value, Optional<Instant> occurredAt) implements Command {}

  /** {@code by} did an act a prohibition may forbid; {@code quantity} is the figure it reports (forces, for a cap). */
  record ReportAct(PartyCode by, dev.compact.agreements.ProhibitedAction act, Optional<Long> quantity, String detail,
      Optional<Instant> occurredAt) implements Command {}
}

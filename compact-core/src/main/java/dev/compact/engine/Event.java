package dev.compact.engine;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Domain;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened, as the record of a compact holds it. Every event carries when it
 * happened and when it was recorded; the engine orders and times everything by {@code occurredAt}
 * and keeps {@code recordedAt} for the record, so evidence filed late is still judged by the time
 * the act took place.
 */
public sealed interface Event {

  Instant occurredAt();

  Instant recordedAt();

  /** Events in an agreement's life: signature, ratification, entry into force, suspension, notice. */
  sealed interface LifecycleEvent extends Event {}

  record Signed(Instant occurredAt, Instant recordedAt, AgreementId agreement, PartyCode party)
      implements LifecycleEvent {}

  record Ratified(Instant occurredAt, Instant recordedAt, AgreementId agreement, PartyCode party)
      implements LifecycleEvent {}

  record EnteredIntoForce(Instant occurredAt, Instant recordedAt, AgreementId agreement)
      implements LifecycleEvent {}

  record Suspended(Instant occurredAt, Instant recordedAt, AgreementId agreement, PartyCode by)
      implements LifecycleEvent {}

  record Resumed(Instant occurredAt, Instant recordedAt, AgreementId agreement, PartyCode by)
      implements LifecycleEvent {}

  /** A party gives written notice of termination; it takes effect when the notice period has run. */
  record TerminationNoticeGiven(Instant occurredAt, Instant recordedAt, AgreementId agreement, PartyCode by)
      implements LifecycleEvent {}

  /** A party's standing changes, e.g. the beneficiary joins NATO or the aggressor compensates. */
  record PartyStatusChanged(Instant occurredAt, Instant recordedAt, PartyCode party, PartyStatus status, boolean value)
      implements LifecycleEvent {}

  /** Events about an incident: its report with evidence, then its verification or rejection. */
  sealed interface IncidentEvent extends Event {
    IncidentId incident();
  }

  record IncidentReported(
      Instant occurredAt,
      Instant recordedAt,
      IncidentId incident,
      IncidentKind kind,
      String place,
      int severity,
      PartyCode reportedBy,
      List<Evidence> evidence,
      Optional<PartyCode> attacker,
      Optional<dev.compact.agreements.Area.Point> location)
      implements IncidentEvent {
    public IncidentReported {
      evidence = List.copyOf(evidence);
      location = location == null ? Optional.empty() : location;
    }

    /** An incident whose attacker is not (yet) named. */
    public IncidentReported(Instant occurredAt, Instant recordedAt, IncidentId incident, IncidentKind kind, String place, int severity,
        PartyCode reportedBy, List<Evidence> evidence) {
      this(occurredAt, recordedAt, incident, kind, place, severity, reportedBy, evidence, Optional.empty(), Optional.empty());
    }

    /** An incident reported with no location (where its place code is all the report gives). */
    public IncidentReported(Instant occurredAt, Instant recordedAt, IncidentId incident, IncidentKind kind, String place, int severity,
        PartyCode reportedBy, List<Evidence> evidence, Optional<PartyCode> attacker) {
      this(occurredAt, recordedAt, incident, kind, place, severity, reportedBy, evidence, attacker, Optional.empty());
    }
  }

  record IncidentVerified(Instant occurredAt, Instant recordedAt, IncidentId incident, PartyCode by)
      implements IncidentEvent {}

  record IncidentRejected(Instant occurredAt, Instant recordedAt, IncidentId incident, PartyCode by, String reason)
      implements IncidentEvent {}

  /** Events about consultations: the request, the meeting, the measures it decides. */
  sealed interface ConsultationEvent extends Event {
    ConsultationId consultation();
  }

  record ConsultationRequested(
      Instant occurredAt, Instant recordedAt, ConsultationId consultation, PartyCode by, Optional<IncidentId> incident)
      implements ConsultationEvent {}

  /** A meeting; {@code level} is the level it was held at, when the record says (officials, ministers, leaders). */
  record ConsultationHeld(
      Instant occurredAt, Instant recordedAt, ConsultationId consultation, List<PartyCode> attended,
      Optional<dev.compact.agreements.MeetingLevel> level)
      implements ConsultationEvent {
    public ConsultationHeld {
      attended = List.copyOf(attended);
      level = level == null ? Optional.empty() : level;
    }

    /** A meeting whose level the record does not give. */
    public ConsultationHeld(Instant occurredAt, Instant recordedAt, ConsultationId consultation, List<PartyCode> attended) {
      this(occurredAt, recordedAt, consultation, attended, Optional.empty());
    }
  }

  /**
   * Measures decided at a consultation. {@code agreed} names the parties that joined the decision
   * (empty: everyone who attended), {@code objections} the parties that opposed it; under unanimity
   * a single objection blocks the decision and no measure becomes binding.
   */
  record MeasuresDecided(
      Instant occurredAt,
      Instant recordedAt,
      ConsultationId consultation,
      List<Measure> measures,
      List<PartyCode> agreed,
      List<PartyCode> objections)
      implements ConsultationEvent {
    public MeasuresDecided {
      measures = List.copyOf(measures);
      agreed = List.copyOf(agreed);
      objections = List.copyOf(objections);
    }
  }

  /** Support recorded in the ledger (Kiel's definitions: allocated means earmarked, delivered means handed over). */
  sealed interface SupportEvent extends Event {
    PartyCode guarantor();

    Domain category();

    Optional<Money> value();

    Optional<ExchangeRate> rate();

    List<ItemLine> items();

    Optional<Target> countsAgainst();

    /** Lethal or non-lethal, when the record says; a commitment limited to one scope counts only that. */
    Optional<dev.compact.agreements.DeliveryScope> scope();
  }

  record AllocationRecorded(
      Instant occurredAt,
      Instant recordedAt,
      PartyCode guarantor,
      Domain category,
      Optional<Money> value,
      Optional<ExchangeRate> rate,
      List<ItemLine> items,
      Optional<Target> countsAgainst,
      Optional<dev.compact.agreements.DeliveryScope> scope)
      implements SupportEvent {
    public AllocationRecorded {
      items = List.copyOf(items);
    }

    public AllocationRecorded(Instant occurredAt, Instant recordedAt, PartyCode guarantor, Domain category, Optional<Money> value,
        Optional<ExchangeRate> rate, List<ItemLine> items, Optional<Target> countsAgainst) {
      this(occurredAt, recordedAt, guarantor, category, value, rate, items, countsAgainst, Optional.empty());
    }
  }

  record DeliveryRecorded(
      Instant occurredAt,
      Instant recordedAt,
      PartyCode guarantor,
      Domain category,
      Optional<Money> value,
      Optional<ExchangeRate> rate,
      List<ItemLine> items,
      Optional<Target> countsAgainst,
      Optional<dev.compact.agreements.DeliveryScope> scope)
      implements SupportEvent {
    public DeliveryRecorded {
      items = List.copyOf(items);
    }

    public DeliveryRecorded(Instant occurredAt, Instant recordedAt, PartyCode guarantor, Domain category, Optional<Money> value,
        Optional<ExchangeRate> rate, List<ItemLine> items, Optional<Target> countsAgainst) {
      this(occurredAt, recordedAt, guarantor, category, value, rate, items, countsAgainst, Optional.empty());
    }
  }

  /** Events about sanctions packages. */
  sealed interface SanctionsEvent extends Event {
    String sanctionsPackage();

    PartyCode by();
  }

  /**
   * {@code by}, the issuing party (or the secretariat in its name), records a package as the legal act
   * it is: title, legal acts, dates, measures, designations, each fact with its source. Recording it
   * again amends it; the register keeps the latest terms. Adoption is a separate act, per guarantor.
   */
  record SanctionsPackageRecorded(Instant occurredAt, Instant recordedAt, String sanctionsPackage, PartyCode by,
      dev.compact.packages.SanctionsPackage terms) implements SanctionsEvent {}

  /** {@code by} proposes to adopt a package; nothing binds yet. */
  record SanctionsProposed(Instant occurredAt, Instant recordedAt, String sanctionsPackage, PartyCode by)
      implements SanctionsEvent {}

  /**
   * {@code by}'s adoption of a package is blocked by {@code blockedBy} (the EU's 20th package by Hungary
   * and Slovakia, where unanimity is needed); {@code reason} as reported, possibly empty.
   */
  record SanctionsBlocked(Instant occurredAt, Instant recordedAt, String sanctionsPackage, PartyCode by, List<PartyCode> blockedBy,
      String reason) implements SanctionsEvent {
    public SanctionsBlocked {
      blockedBy = List.copyOf(blockedBy);
    }
  }

  record SanctionsAdopted(Instant occurredAt, Instant recordedAt, String sanctionsPackage, PartyCode by)
      implements SanctionsEvent {}

  /** {@code by} lifts a package in full (repeals it): an easing as a sanctions lock reads it. */
  record SanctionsLifted(Instant occurredAt, Instant recordedAt, String sanctionsPackage, PartyCode by)
      implements SanctionsEvent {}

  record SanctionsEased(Instant occurredAt, Instant recordedAt, String sanctionsPackage, PartyCode by)
      implements SanctionsEvent {}

  record SanctionsReimposed(Instant occurredAt, Instant recordedAt, String sanctionsPackage, PartyCode by)
      implements SanctionsEvent {}

  /**
   * {@code by} lifts one designation of a package (delists a person, company or vessel it listed):
   * an easing of that package as a sanctions lock reads it, named for the designation lifted.
   */
  record DesignationLifted(Instant occurredAt, Instant recordedAt, String sanctionsPackage, String designation, PartyCode by)
      implements SanctionsEvent {}

  /** {@code by} lists again a designation of a package it had lifted: a re-imposition of that package. */
  record DesignationReimposed(Instant occurredAt, Instant recordedAt, String sanctionsPackage, String designation, PartyCode by)
      implements SanctionsEvent {}

  /**
   * Acts a norm may forbid or call for, beyond support and sanctions: a party joins an alliance,
   * hosts foreign forces, reports forces above a cap, releases frozen assets; a guarantor invokes
   * snapback. Prohibitions binding the actor, the protected state included, are breached by them.
   */
  sealed interface ActEvent extends Event {
    PartyCode by();
  }

  /** {@code by} did {@code act}; {@code quantity} is the figure it reports (forces, for a cap), if any. */
  record ActReported(Instant occurredAt, Instant recordedAt, PartyCode by, dev.compact.agreements.ProhibitedAction act,
      Optional<Long> quantity, String detail) implements ActEvent {}

  /** A commitment's condition precedent is met: {@code by}'s parliament approved, its funds were appropriated. */
  record PreconditionMet(Instant occurredAt, Instant recordedAt, PartyCode by, Target.Clause commitment,
      dev.compact.agreements.Precondition condition) implements ActEvent {}

  /** The parties {@code agreedBy} extend the agreement by {@code years}; {@code by} records it. */
  record Extended(Instant occurredAt, Instant recordedAt, PartyCode by, AgreementId agreement, List<PartyCode> agreedBy, int years)
      implements ActEvent {
    public Extended {
      agreedBy = List.copyOf(agreedBy);
    }
  }

  /** {@code by} invokes snapback: sanctions eased or lifted are to be re-imposed, and the lock holds again. */
  record SnapbackInvoked(Instant occurredAt, Instant recordedAt, PartyCode by, Optional<IncidentId> incident) implements ActEvent {}

  /**
   * What the aggressor has paid towards the damage assessed, as running totals in one currency
   * ({@code source}: the assessment, e.g. the World Bank's damage and needs assessment). The share
   * paid is {@code aggressor.compensated_share} in conditions.
   */
  record CompensationRecorded(Instant occurredAt, Instant recordedAt, PartyCode by, dev.compact.agreements.Money paid,
      dev.compact.agreements.Money assessed, String source) implements ActEvent {}

  /** Nothing happened but time passed; deadlines that lie behind the new time pass. */
  record TimeAdvanced(Instant occurredAt, Instant recordedAt) implements Event {}

  /** An incident's id, unique within a record. */
  record IncidentId(String value) {
    public IncidentId {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** A consultation's id, unique within a record. */
  record ConsultationId(String value) {
    public ConsultationId {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** What an incident was; the keyword is what conditions compare {@code incident.kind} with. */
  enum IncidentKind {
    ARMED_ATTACK,
    MISSILE_STRIKE,
    DRONE_STRIKE,
    CYBER_ATTACK,
    CEASEFIRE_BREACH,
    HYBRID,
    /** A threat of armed attack: the US agreement's trigger covers "an armed attack or threat of armed attack". */
    THREAT_OF_ARMED_ATTACK
  }

  /** A standing of a party that conditions can read. The last three describe the aggressor. */
  enum PartyStatus {
    NATO_MEMBER,
    EU_MEMBER,
    AGGRESSION_ENDED,
    NON_REPETITION_GUARANTEED,
    DAMAGE_COMPENSATED
  }

  /** A source for an incident: where it was reported, a link, the words quoted and when. */
  record Evidence(String outlet, String link, String quotation, Optional<Instant> time) {}

  /** One measure decided at a consultation: it binds its obligor within its deadline. */
  record Measure(
      String id,
      PartyCode obligor,
      String action,
      Domain domain,
      Optional<Money> amount,
      List<ItemLine> items,
      IsoDuration within,
      Boundary boundary) {
    public Measure {
      items = List.copyOf(items);
    }
  }

  /** The rate used to count a value in another currency: one unit of the value's currency is {@code rate} of {@code currency}. */
  record ExchangeRate(String currency, BigDecimal rate) {}

  /** What support counts against: a clause's norm, or a measure decided at a consultation. */
  sealed interface Target {
    record Clause(AgreementId agreement, ClauseId clause) implements Target {
      @Override
      public String toString() {
        return agreement + "/" + clause;
      }
    }

    record Measure(ConsultationId consultation, String measure) implements Target {
      @Override
      public String toString() {
        return consultation + "/" + measure;
      }
    }
  }
}

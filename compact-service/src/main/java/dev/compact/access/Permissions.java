package dev.compact.access;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.Clause;
import dev.compact.agreements.Compact;
import dev.compact.agreements.Decision;
import dev.compact.agreements.DecisionRule;
import dev.compact.agreements.Fulfilment;
import dev.compact.agreements.Norm;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.PowerAction;
import dev.compact.engine.Event;
import java.util.List;
import java.util.Set;

/**
 * The write policy: whether roles allow recording an event, with the reason when they do not.
 * Every desk acts only for its own party; the secretariat verifies and manages; nobody but the
 * service's own clock lets time pass.
 */
public final class Permissions {
  private Permissions() {}

  /** Allowed, or denied with a sentence that says which role would be needed. */
  public record Verdict(boolean allowed, String reason) {
    static Verdict allow() {
      return new Verdict(true, "");
    }

    static Verdict deny(String reason) {
      return new Verdict(false, reason);
    }
  }

  public static Verdict check(Set<Role> roles, Event event) {
    return switch (event) {
      // The protected state's desk reports attacks on it; a guarantor's desk reports what it witnessed on
      // or near its own territory (drones over Poland), in its own name. Verifying stays the secretariat's.
      case Event.IncidentReported e -> anyDesk(roles, e.reportedBy(), "report incidents");
      case Event.IncidentVerified e -> secretariat(roles, "verify incidents");
      case Event.IncidentRejected e -> secretariat(roles, "reject incidents");
      case Event.ConsultationRequested e -> anyDesk(roles, e.by(), "request consultations");
      case Event.ConsultationHeld e -> roles.contains(new Role.Secretariat()) ? Verdict.allow()
          : onlyOwn(roles, e.attended(), "record a consultation's attendance (a desk records only its own)");
      // Measures that name nobody in 'agreed' are taken as agreed by everyone who attended: that is the
      // consultation's decision, the secretariat's to record; a desk says that its own party agreed.
      case Event.MeasuresDecided e -> roles.contains(new Role.Secretariat()) ? Verdict.allow()
          : e.agreed().isEmpty() ? Verdict.deny("only the secretariat may record a decision for everyone who attended;"
              + " a desk names its own party in 'agreed'")
          : onlyOwn(roles, concat(e.measures().stream().map(Event.Measure::obligor).toList(), e.agreed(), e.objections()),
              "record measures (a desk records only its own party's measures and votes)");
      case Event.AllocationRecorded e -> guarantorDesk(roles, e.guarantor(), "record allocations");
      case Event.DeliveryRecorded e -> guarantorDesk(roles, e.guarantor(), "record deliveries");
      // A package's terms are the issuing party's to state, or the secretariat's on its behalf (it keeps the register).
      case Event.SanctionsPackageRecorded e -> roles.contains(new Role.Secretariat()) ? Verdict.allow()
          : guarantorDesk(roles, e.by(), "record the terms of a sanctions package issued by " + e.by() + " (or the secretariat)");
      case Event.SanctionsProposed e -> guarantorDesk(roles, e.by(), "record sanctions decisions");
      // A block is reported like a package's terms: by the party whose adoption was blocked, or by the secretariat.
      case Event.SanctionsBlocked e -> roles.contains(new Role.Secretariat()) ? Verdict.allow()
          : guarantorDesk(roles, e.by(), "record that its adoption of a sanctions package was blocked (or the secretariat)");
      case Event.SanctionsAdopted e -> guarantorDesk(roles, e.by(), "record sanctions decisions");
      case Event.SanctionsLifted e -> guarantorDesk(roles, e.by(), "record sanctions decisions");
      case Event.SanctionsEased e -> guarantorDesk(roles, e.by(), "record sanctions decisions");
      case Event.SanctionsReimposed e -> guarantorDesk(roles, e.by(), "record sanctions decisions");
      case Event.DesignationLifted e -> guarantorDesk(roles, e.by(), "record sanctions decisions");
      case Event.DesignationReimposed e -> guarantorDesk(roles, e.by(), "record sanctions decisions");
      case Event.Signed e -> anyDesk(roles, e.party(), "record a signature");
      case Event.Ratified e -> anyDesk(roles, e.party(), "record a ratification");
      case Event.Suspended e -> anyDesk(roles, e.by(), "suspend an agreement");
      case Event.Resumed e -> anyDesk(roles, e.by(), "resume an agreement");
      case Event.TerminationNoticeGiven e -> anyDesk(roles, e.by(), "give notice of termination");
      case Event.EnteredIntoForce e -> secretariat(roles, "record entry into force");
      // A membership is the party's own to announce; what describes the aggressor (its aggression ended,
      // non-repetition guaranteed, damage compensated) no party certifies for itself: the secretariat records it.
      case Event.PartyStatusChanged e -> switch (e.status()) {
        case NATO_MEMBER, EU_MEMBER -> secretariatOrDesk(roles, e.party(), "record a change of " + e.party() + "'s status");
        case AGGRESSION_ENDED, NON_REPETITION_GUARANTEED, DAMAGE_COMPENSATED ->
            secretariat(roles, "record that the aggressor's aggression ended, non-repetition is guaranteed or damage compensated");
      };
      // A party reports its own acts (forces against a cap) and the secretariat, which verifies acts like
      // incidents, any party's; nobody reports another party's act in that party's name.
      case Event.ActReported e -> secretariatOrDesk(roles, e.by(), "report an act of " + e.by());
      // Its parliament's approval or its appropriation is the party's own to report, or the secretariat's. Not the
      // beneficiary's (review 6, H1): its word alone, backdated, made another state's pledge bind and then breached it.
      case Event.PreconditionMet e -> secretariatOrDesk(roles, e.by(), "record that a condition of " + e.by() + "'s commitment is met");
      // A mutual decision: the secretariat records it, or the desk of a party that joined it, in its own name.
      case Event.Extended e -> roles.contains(new Role.Secretariat()) ? Verdict.allow()
          : !e.agreedBy().contains(e.by()) ? Verdict.deny("only the secretariat may record an extension in the name of a party that did not agree to it")
          : anyDesk(roles, e.by(), "record an extension");
      // Snapback is a power of the parties an agreement grants it to (the engine checks who holds it): a
      // party's own desk invokes it, or the secretariat records it.
      case Event.SnapbackInvoked e -> secretariatOrDesk(roles, e.by(), "invoke snapback as " + e.by());
      // What the aggressor paid is read from an assessment the secretariat holds (the World Bank's RDNA).
      case Event.CompensationRecorded e -> secretariat(roles, "record compensation");
      case Event.TimeAdvanced e -> Verdict.deny("only the service's own clock lets time pass");
    };
  }

  /**
   * Whether the party an agreement act names may perform it on that agreement: only a party to the
   * agreement signs, ratifies, suspends, resumes, gives notice, meets a condition of it, extends it or
   * counts support against its clauses, and where the agreement grants the
   * power to terminate or suspend to some of its parties, only those. The roles check above asks
   * whether the desk acts as its own party; this asks whether that party has standing here, so a
   * German desk cannot suspend the UK-Ukraine agreement in Germany's name.
   */
  public static Verdict standing(Compact compact, Event event) {
    return switch (event) {
      case Event.Signed e -> partyTo(compact, e.agreement().value(), e.party(), "sign", null);
      case Event.Ratified e -> partyTo(compact, e.agreement().value(), e.party(), "ratify", null);
      case Event.Suspended e -> partyTo(compact, e.agreement().value(), e.by(), "suspend", PowerAction.SUSPEND);
      case Event.Resumed e -> partyTo(compact, e.agreement().value(), e.by(), "resume", PowerAction.SUSPEND);
      case Event.TerminationNoticeGiven e -> partyTo(compact, e.agreement().value(), e.by(), "give notice of termination of",
          PowerAction.TERMINATE);
      case Event.PreconditionMet e -> conditionOf(compact, e);
      case Event.Extended e -> extension(compact, e);
      // Support counted against a clause is support under that agreement: only its parties give it.
      case Event.AllocationRecorded e -> supportUnder(compact, e);
      case Event.DeliveryRecorded e -> supportUnder(compact, e);
      default -> Verdict.allow();
    };
  }

  /**
   * Whether a desk may record measures decided: only where every decision on measures is national
   * (each guarantor decides its own). Under a collective rule the consultation's decision is every
   * guarantor's vote in one record, the secretariat's to keep: one desk's vote recorded alone would
   * settle (consensus) or mark as blocked (unanimity, a qualified majority) the others' duties to decide.
   * The rules that count are those of the obligations settled by measures and the compact's own
   * ({@code response.decision}) even when no such obligation uses it: the engine reads that one to
   * decide whether the measures decided bind, so under a collective one a desk's vote alone would
   * make (consensus) or keep (unanimity) its measures binding as the consultation's decision.
   */
  public static Verdict decision(Set<Role> roles, Compact compact, Event event) {
    if (!(event instanceof Event.MeasuresDecided) || roles.contains(new Role.Secretariat())) {
      return Verdict.allow();
    }
    Decision fallback = compact.defaults().decision();
    // The compact's own rule first: it decides whether measures bind, whatever the duties to decide say.
    List<DecisionRule> rules = new java.util.ArrayList<>(List.of(DecisionRule.of(fallback)));
    for (Agreement agreement : compact.allAgreements()) {
      for (Clause clause : agreement.clauses()) {
        if (clause.norm() instanceof Norm.Obligation o && o.fulfilledBy() == Fulfilment.MEASURES_DECIDED) {
          rules.add(o.decisionRule().orElse(DecisionRule.of(o.decision().orElse(fallback))));
        }
      }
    }
    return rules.stream().filter(rule -> rule.rule() != Decision.NATIONAL).findFirst()
        .map(rule -> Verdict.deny("only the secretariat may record measures decided under " + rule.display()
            + ": the decision is every guarantor's vote in one record, and a desk's vote alone would settle or block the others' duties to decide"))
        .orElse(Verdict.allow());
  }

  /**
   * Whether a write may amend a record that is already on file, judged by the record's owner as the
   * log holds it, never by the one the request names: {@link #check} asks whether the desk acts as the
   * issuer its new terms give, which any desk passes by naming itself. A package's terms are amended by
   * the desk of its recorded issuer or by the secretariat; {@code recordedIssuer} is empty before any
   * terms were recorded, when whoever records them first (as {@link #check} allows) becomes the issuer.
   */
  public static Verdict amendment(Set<Role> roles, Event event, java.util.Optional<PartyCode> recordedIssuer) {
    if (!(event instanceof Event.SanctionsPackageRecorded e) || recordedIssuer.isEmpty()
        || roles.contains(new Role.Secretariat()) || roles.contains(new Role.GuarantorDesk(recordedIssuer.get()))) {
      return Verdict.allow();
    }
    PartyCode issuer = recordedIssuer.get();
    return Verdict.deny(e.sanctionsPackage() + " was issued by " + issuer + "; only the guarantor desk of " + issuer
        + " or the secretariat may amend its terms");
  }

  /**
   * Whether a guarantor may lift or re-impose a designation of a package: the package's recorded issuer (its
   * listing), or a guarantor that adopted the package (it applies the designation under its own law, and the engine
   * reads its lifting as its own easing of the package); a desk whose party did neither has nothing to lift, and its
   * act would show in the register as a change to another state's listing. Before any terms are recorded the issuer
   * is not known, and the check is the roles' alone ({@link #check}).
   */
  public static Verdict designationAct(Event.SanctionsEvent event, java.util.Optional<PartyCode> recordedIssuer, boolean adopted) {
    if (recordedIssuer.isEmpty() || recordedIssuer.get().equals(event.by()) || adopted) {
      return Verdict.allow();
    }
    PartyCode issuer = recordedIssuer.get();
    return Verdict.deny(event.sanctionsPackage() + " was issued by " + issuer + " and " + event.by() + " has not adopted it; only the"
        + " guarantor desk of " + issuer + ", or of a guarantor that adopted the package, lifts or re-imposes its designations");
  }

  /**
   * Why an agreement's text cannot be signed or ratified at all, if it cannot: a text published as recommendations or as
   * one side's proposal (the Kyiv Security Compact of 2022) is not an agreement open to signature (agreement-format.md,
   * section 13.15), and the engine never calls it signed. A signature recorded on it was answered 200 and shown on the
   * agreement's page beside its "not signed" status. This is about the text, not the desk: the service answers it 422.
   * A text later adopted as agreed is a new version with {@code published-as: agreed-text}, which may be signed.
   */
  public static java.util.Optional<String> unsignable(Compact compact, Event event) {
    dev.compact.agreements.AgreementId id;
    String what;
    if (event instanceof Event.Signed e) {
      id = e.agreement();
      what = "signed";
    } else if (event instanceof Event.Ratified e) {
      id = e.agreement();
      what = "ratified";
    } else {
      return java.util.Optional.empty();
    }
    String done = what;
    return compact.agreement(id).flatMap(a -> unsignable(a, done));
  }

  /** Why this agreement's text cannot be {@code what} ("signed", "ratified"), if it cannot (see above). */
  public static java.util.Optional<String> unsignable(dev.compact.agreements.Agreement agreement, String what) {
    if (!agreement.lifecycle().unsignable()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(agreement.id().value() + " was " + agreement.lifecycle().describe() + ": it is not an agreement open"
        + " to signature, and cannot be " + what + " (agreement-format.md, section 13.15); a text later adopted as agreed is a new"
        + " version with 'published-as: agreed-text'");
  }

  /** Only a party to an agreement version signs it (the parties the version itself names). */
  public static Verdict signatory(List<PartyCode> parties, PartyCode party, String agreementId) {
    return parties.contains(party) ? Verdict.allow() : Verdict.deny(party + " is not a party to " + agreementId + " and may not sign it");
  }

  /**
   * A condition precedent is met for the commitment of a party to the agreement, by that party (or the secretariat
   * in its name): the engine keys conditions by obligor, so one met "by" another party changed nothing and was
   * still answered as a success and logged publicly as that party's act.
   */
  private static Verdict conditionOf(Compact compact, Event.PreconditionMet e) {
    String agreementId = e.commitment().agreement().value();
    Verdict verdict = partyTo(compact, agreementId, e.by(), "meet a condition of", null);
    Agreement agreement = compact.allAgreements().stream().filter(a -> a.id().value().equals(agreementId)).findFirst().orElse(null);
    if (!verdict.allowed() || agreement == null) {
      return verdict;
    }
    for (Clause clause : agreement.clauses()) {
      if (clause.id().equals(e.commitment().clause())) {
        List<PartyCode> obligors = compact.resolve(clause.norm().obligor(), agreement);
        return obligors.contains(e.by()) ? Verdict.allow() : Verdict.deny(clause.id().value() + " is the commitment of "
            + obligors.stream().map(PartyCode::value).collect(java.util.stream.Collectors.joining(", ")) + "; " + e.by()
            + " cannot meet its conditions (name its obligor in 'by')");
      }
    }
    return verdict; // an unknown clause is the engine's to refuse, with its own message
  }

  private static Verdict supportUnder(Compact compact, Event.SupportEvent e) {
    return e.countsAgainst().orElse(null) instanceof Event.Target.Clause clause
        ? partyTo(compact, clause.agreement().value(), e.guarantor(), "count support against", null) : Verdict.allow();
  }

  /** Who records an extension and who agreed to it must all be parties to the agreement. */
  private static Verdict extension(Compact compact, Event.Extended e) {
    Verdict verdict = partyTo(compact, e.agreement().value(), e.by(), "extend", null);
    for (PartyCode party : e.agreedBy()) {
      verdict = verdict.allowed() ? partyTo(compact, e.agreement().value(), party, "extend", null) : verdict;
    }
    return verdict;
  }

  private static Verdict partyTo(Compact compact, String agreementId, PartyCode party, String what, PowerAction power) {
    Agreement agreement = compact.allAgreements().stream().filter(a -> a.id().value().equals(agreementId)).findFirst().orElse(null);
    if (agreement == null) {
      return Verdict.allow(); // an unknown agreement is the engine's to refuse, with its own message
    }
    if (!agreement.parties().contains(party)) {
      return Verdict.deny(party + " is not a party to " + agreementId + " and may not " + what + " it");
    }
    if (power != null) {
      List<Clause> granting = agreement.clauses().stream().filter(c -> c.norm() instanceof Norm.Power p && p.action() == power).toList();
      List<PartyCode> holders = granting.stream().flatMap(c -> compact.resolve(c.norm().obligor(), agreement).stream()).toList();
      if (!granting.isEmpty() && !holders.contains(party)) {
        return Verdict.deny(party + " holds no power to " + what + " " + agreementId + "; " + agreementId + " grants it to "
            + holders.stream().map(PartyCode::value).collect(java.util.stream.Collectors.joining(", ")));
      }
    }
    return Verdict.allow();
  }

  /** Registering agreement versions is the secretariat's. */
  public static Verdict registerVersion(Set<Role> roles) {
    return secretariat(roles, "register agreement versions");
  }

  /** Recording sanctions list versions is the secretariat's: screening everywhere depends on them. */
  public static Verdict recordListVersions(Set<Role> roles) {
    return secretariat(roles, "record sanctions list versions");
  }

  /** Webhook deliveries (which party hears of what, and sending failed ones again) are the secretariat's to manage. */
  public static Verdict manageWebhooks(Set<Role> roles) {
    return secretariat(roles, "see webhook deliveries or send them again");
  }

  /** A watchlist and its alerts belong to one compliance account, which alone keeps and decides them. */
  public static Verdict keepWatchlist(Set<Role> roles) {
    return roles.contains(new Role.Compliance()) ? Verdict.allow() : Verdict.deny("only a compliance account may keep a watchlist");
  }

  /** A party's key and signatures belong to that party's desk. */
  public static Verdict actAs(Set<Role> roles, PartyCode party, String what) {
    return anyDesk(roles, party, what);
  }

  private static Verdict secretariat(Set<Role> roles, String what) {
    return roles.contains(new Role.Secretariat()) ? Verdict.allow() : Verdict.deny("only the secretariat may " + what);
  }

  private static Verdict secretariatOrDesk(Set<Role> roles, PartyCode party, String what) {
    return roles.contains(new Role.Secretariat()) || roles.contains(new Role.GuarantorDesk(party)) || roles.contains(new Role.ProtectedDesk(party))
        ? Verdict.allow() : Verdict.deny("only the secretariat or the desk of " + party + " may " + what);
  }

  private static Verdict guarantorDesk(Set<Role> roles, PartyCode party, String what) {
    return roles.contains(new Role.GuarantorDesk(party)) ? Verdict.allow()
        : Verdict.deny("only the guarantor desk of " + party + " may " + what + " as " + party);
  }

  private static Verdict anyDesk(Set<Role> roles, PartyCode party, String what) {
    return roles.contains(new Role.GuarantorDesk(party)) || roles.contains(new Role.ProtectedDesk(party)) ? Verdict.allow()
        : Verdict.deny("only the desk of " + party + " may " + what + " as " + party);
  }

  /** Allowed when every party named is one the roles hold a desk for. */
  private static Verdict onlyOwn(Set<Role> roles, List<PartyCode> parties, String what) {
    for (PartyCode party : parties) {
      if (!roles.contains(new Role.GuarantorDesk(party)) && !roles.contains(new Role.ProtectedDesk(party))) {
        return Verdict.deny("only the secretariat or the desk of " + party + " may " + what);
      }
    }
    return parties.isEmpty() ? Verdict.deny("only the secretariat may " + what) : Verdict.allow();
  }

  @SafeVarargs
  private static List<PartyCode> concat(List<PartyCode>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}

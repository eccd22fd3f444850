package dev.compact.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.DeliveryScope;
import dev.compact.agreements.Domain;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.Precondition;
import dev.compact.agreements.ProhibitedAction;
import dev.compact.engine.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeciderTests {
  static final Instant NOW = Instant.parse("2026-03-01T06:00:00Z");
  static final PartyCode UKR = new PartyCode("UKR");

  @Test
  void anActWithoutItsOwnTimeHappensWhenTheRecordTakesIt() {
    var decision = Decider.decide(new Command.VerifyIncident(new Event.IncidentId("i1"), UKR, Optional.empty()), NOW);

    assertThat(decision).isEqualTo(new Decider.Decision.Accepted(List.of(new Event.IncidentVerified(NOW, NOW, new Event.IncidentId("i1"), UKR))));
  }

  @Test
  void anActKeepsTheTimeTheClientGaveAndIsRecordedNow() {
    Instant earlier = NOW.minusSeconds(3600);
    var decision = Decider.decide(new Command.RequestConsultation(new Event.ConsultationId("c1"), UKR, Optional.empty(), Optional.of(earlier)),
        NOW);

    assertThat(decision).isEqualTo(new Decider.Decision.Accepted(List.of(
        new Event.ConsultationRequested(earlier, NOW, new Event.ConsultationId("c1"), UKR, Optional.empty()))));
  }

  @Test
  void refusesAnActInTheFutureAMeetingWithoutAttendanceAndEmptySupport() {
    assertThat(Decider.decide(new Command.VerifyIncident(new Event.IncidentId("i1"), UKR, Optional.of(NOW.plusSeconds(1))), NOW))
        .isInstanceOf(Decider.Decision.Refused.class).extracting(d -> ((Decider.Decision.Refused) d).reason()).asString().contains("future");
    assertThat(Decider.decide(new Command.RecordMeeting(new Event.ConsultationId("c1"), List.of(), Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Refused("'attended' must name at least one party"));
    assertThat(Decider.decide(new Command.RecordSupport(Command.SupportKind.DELIVERY, new PartyCode("GBR"), Domain.MILITARY, Optional.empty(),
        Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Refused("give a 'value' or 'items' (or both)"));
  }

  /** Audit round 4, B4: the engine keys measures by consultation and id and ignored the second of two with one id. */
  @Test
  void refusesADecisionThatNamesOneMeasureIdTwice() {
    var gbr = new dev.compact.agreements.PartyCode("GBR");
    java.util.function.Function<PartyCode, Event.Measure> m1 = obligor -> new Event.Measure("m1", obligor, "deliver", Domain.MILITARY,
        Optional.empty(), List.of(), dev.compact.agreements.IsoDuration.parse("P30D").orElseThrow(), dev.compact.agreements.Boundary.INCLUSIVE);

    var decision = Decider.decide(new Command.DecideMeasures(new Event.ConsultationId("c1"), List.of(m1.apply(gbr), m1.apply(UKR)),
        List.of(gbr, UKR), List.of(), Optional.empty()), NOW);

    assertThat(decision).isInstanceOf(Decider.Decision.Refused.class).extracting(d -> ((Decider.Decision.Refused) d).reason()).asString()
        .startsWith("'measures' names measure m1 twice");
  }

  @Test
  void agreementActsNameTheirPartyExceptEntryIntoForce() {
    var agreement = new AgreementId("gbr-ukr-2024");

    assertThat(Decider.decide(new Command.ActOnAgreement(agreement, Command.AgreementAct.ENTER_INTO_FORCE, Optional.empty(), Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.EnteredIntoForce(NOW, NOW, agreement))));
    assertThat(Decider.decide(new Command.ActOnAgreement(agreement, Command.AgreementAct.GIVE_NOTICE, Optional.empty(), Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Refused("'party' is required to give notice"));
    assertThat(Decider.decide(new Command.ActOnAgreement(agreement, Command.AgreementAct.SUSPEND, Optional.of(UKR), Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.Suspended(NOW, NOW, agreement, UKR))));
  }

  @Test
  void refusesAPackageWithAnUnsourcedFactAndABlockThatNamesNobody() {
    var terms = new dev.compact.packages.SanctionsPackage("14th package", List.of("Council Regulation (EU) 2024/1745"),
        Optional.of(java.time.LocalDate.parse("2024-06-24")), Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), java.util.Map.of("adopted", "https://example.org/adopted"));
    PartyCode eu = new PartyCode("EU");

    assertThat(Decider.decide(new Command.RecordPackage("eu-14", eu, terms, Optional.empty()), NOW)).isEqualTo(new Decider.Decision.Refused(
        "'sources' gives no source for legal-acts: every fact of a package needs one (a URL, or the file a figure was counted from)"));
    assertThat(Decider.decide(new Command.BlockSanctions("eu-20", eu, List.of(), "", Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Refused("'blockedBy' must name who blocked the package"));
    assertThat(Decider.decide(new Command.BlockSanctions("eu-20", eu, List.of(new PartyCode("HUN")), "", Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.SanctionsBlocked(NOW, NOW, "eu-20", eu, List.of(new PartyCode("HUN")), ""))));
  }

  @Test
  void aDeliveryKeepsItsScope() {
    var gbr = new PartyCode("GBR");
    var value = Optional.of(new Money(BigDecimal.TEN, "GBP"));

    assertThat(Decider.decide(new Command.RecordSupport(Command.SupportKind.DELIVERY, gbr, Domain.MILITARY, value, Optional.empty(), List.of(),
        Optional.empty(), Optional.empty(), Optional.of(DeliveryScope.NON_LETHAL)), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.DeliveryRecorded(NOW, NOW, gbr, Domain.MILITARY, value, Optional.empty(),
            List.of(), Optional.empty(), Optional.of(DeliveryScope.NON_LETHAL)))));
  }

  @Test
  void actsNoIncidentMakesBecomeTheirEvents() {
    var deu = new PartyCode("DEU");
    var usa = new PartyCode("USA");
    var commitment = new Event.Target.Clause(new AgreementId("deu-ukr-2024"), new dev.compact.agreements.ClauseId("deu-mil-2024"));
    var usd = new Money(BigDecimal.ONE, "USD");

    assertThat(Decider.decide(new Command.MeetCondition(deu, commitment, Precondition.PARLIAMENTARY_APPROVAL, Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.PreconditionMet(NOW, NOW, deu, commitment, Precondition.PARLIAMENTARY_APPROVAL))));
    assertThat(Decider.decide(new Command.ExtendAgreement(new AgreementId("usa-ukr-2024"), usa, List.of(usa, UKR), 10, Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.Extended(NOW, NOW, usa, new AgreementId("usa-ukr-2024"), List.of(usa, UKR), 10))));
    assertThat(Decider.decide(new Command.InvokeSnapback(new PartyCode("GBR"), Optional.of(new Event.IncidentId("i1")), Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.SnapbackInvoked(NOW, NOW, new PartyCode("GBR"),
            Optional.of(new Event.IncidentId("i1"))))));
    assertThat(Decider.decide(new Command.RecordCompensation(new PartyCode("RUS"), usd, usd, "RDNA", Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.CompensationRecorded(NOW, NOW, new PartyCode("RUS"), usd, usd, "RDNA"))));
    assertThat(Decider.decide(new Command.ChangePartyStatus(UKR, Event.PartyStatus.NATO_MEMBER, true, Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.PartyStatusChanged(NOW, NOW, UKR, Event.PartyStatus.NATO_MEMBER, true))));
    assertThat(Decider.decide(new Command.ReportAct(UKR, ProhibitedAction.EXCEED_FORCE_CAP, Optional.of(80_000L), "strength", Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Accepted(List.of(new Event.ActReported(NOW, NOW, UKR, ProhibitedAction.EXCEED_FORCE_CAP,
            Optional.of(80_000L), "strength"))));
  }

  @Test
  void refusesAnExtensionNobodyAgreedAndCompensationTheEngineCouldNotCount() {
    var usa = new PartyCode("USA");
    var rus = new PartyCode("RUS");

    assertThat(Decider.decide(new Command.ExtendAgreement(new AgreementId("usa-ukr-2024"), usa, List.of(), 10, Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Refused("'agreedBy' must name the parties that agreed to the extension"));
    assertThat(Decider.decide(new Command.ExtendAgreement(new AgreementId("usa-ukr-2024"), usa, List.of(usa), 0, Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Refused("'years' must be a whole number from 1 to 100"));
    assertThat(Decider.decide(new Command.RecordCompensation(rus, new Money(BigDecimal.ONE, "EUR"), new Money(BigDecimal.TEN, "USD"), "x",
        Optional.empty()), NOW)).isEqualTo(new Decider.Decision.Refused("give 'paid' and 'assessed' in one currency, not EUR and USD"));
    assertThat(Decider.decide(new Command.RecordCompensation(rus, new Money(BigDecimal.ONE, "USD"), new Money(BigDecimal.ZERO, "USD"), "x",
        Optional.empty()), NOW)).isEqualTo(new Decider.Decision.Refused("'assessed' must be above zero and 'paid' not below zero"));
    assertThat(Decider.decide(new Command.ReportAct(rus, ProhibitedAction.EXCEED_FORCE_CAP, Optional.of(-1L), "", Optional.empty()), NOW))
        .isEqualTo(new Decider.Decision.Refused("'quantity' must not be negative"));
  }
}

package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.access.Role;
import dev.compact.agreements.AgreementId;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.DeliveryScope;
import dev.compact.agreements.Domain;
import dev.compact.agreements.MeetingLevel;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.Precondition;
import dev.compact.agreements.ProhibitedAction;
import dev.compact.commands.Command;
import dev.compact.engine.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A history's events become the commands that record exactly them, given by the desk the history names. */
class HistoryCommandsTests {
  static final Instant T = Instant.parse("2025-09-10T04:00:00Z");
  static final PartyCode UKR = new PartyCode("UKR");
  static final PartyCode POL = new PartyCode("POL");
  static final PartyCode USA = new PartyCode("USA");
  static final PartyCode DEU = new PartyCode("DEU");
  static final PartyCode RUS = new PartyCode("RUS");

  @Test
  void aGuarantorsIncidentReportIsGivenByThatGuarantorsDesk() {
    Event report = new Event.IncidentReported(T, T, new Event.IncidentId("pl-1"), Event.IncidentKind.DRONE_STRIKE, "POL", 2, POL, List.of(),
        Optional.of(new PartyCode("RUS")), Optional.empty());

    HistoryCommands.Given given = (HistoryCommands.Given) HistoryCommands.of(report, UKR);

    assertThat(given.actor().name()).isEqualTo("history:POL");
    assertThat(given.actor().roles()).containsExactly(new Role.GuarantorDesk(POL));
    assertThat(given.command()).isInstanceOf(Command.ReportIncident.class);
  }

  @Test
  void aMeetingKeepsTheLevelItWasHeldAt() {
    Event held = new Event.ConsultationHeld(T, T, new Event.ConsultationId("c1"), List.of(UKR, USA), Optional.of(MeetingLevel.SENIOR_OFFICIALS));

    HistoryCommands.Given given = (HistoryCommands.Given) HistoryCommands.of(held, UKR);

    assertThat(((Command.RecordMeeting) given.command()).level()).contains(MeetingLevel.SENIOR_OFFICIALS);
    assertThat(given.actor().name()).isEqualTo("history:secretariat");
  }

  @Test
  void aDeliveryKeepsItsLethalOrNonLethalScope() {
    Event scoped = new Event.DeliveryRecorded(T, T, USA, Domain.MILITARY, Optional.of(new Money(BigDecimal.TEN, "USD")), Optional.empty(),
        List.of(), Optional.empty(), Optional.of(DeliveryScope.LETHAL));

    HistoryCommands.Given given = (HistoryCommands.Given) HistoryCommands.of(scoped, UKR);

    assertThat(((Command.RecordSupport) given.command()).scope()).contains(DeliveryScope.LETHAL);
    assertThat(given.actor().roles()).containsExactly(new Role.GuarantorDesk(USA));
  }

  @Test
  void aPartysOwnActsAreGivenByItsDeskAndWhatTheSecretariatVerifiesByTheSecretariat() {
    var commitment = new Event.Target.Clause(new AgreementId("deu-ukr-2024"), new ClauseId("deu-mil-2024"));
    var usd = new Money(BigDecimal.TEN, "USD");

    assertThat(actor(new Event.PreconditionMet(T, T, DEU, commitment, Precondition.PARLIAMENTARY_APPROVAL))).isEqualTo("history:DEU");
    assertThat(actor(new Event.PartyStatusChanged(T, T, UKR, Event.PartyStatus.NATO_MEMBER, true))).isEqualTo("history:UKR");
    assertThat(actor(new Event.SnapbackInvoked(T, T, new PartyCode("GBR"), Optional.empty()))).isEqualTo("history:GBR");
    assertThat(actor(new Event.PartyStatusChanged(T, T, RUS, Event.PartyStatus.AGGRESSION_ENDED, true))).isEqualTo("history:secretariat");
    assertThat(actor(new Event.CompensationRecorded(T, T, RUS, usd, usd, "RDNA"))).isEqualTo("history:secretariat");
    assertThat(actor(new Event.Extended(T, T, USA, new AgreementId("usa-ukr-2024"), List.of(USA, UKR), 10))).isEqualTo("history:secretariat");
    assertThat(actor(new Event.ActReported(T, T, UKR, ProhibitedAction.JOIN_ALLIANCE, Optional.empty(), "accession")))
        .isEqualTo("history:secretariat");
  }

  /** The account that gives the command recording {@code event}, which must record exactly it. */
  private static String actor(Event event) {
    HistoryCommands.Given given = (HistoryCommands.Given) HistoryCommands.of(event, UKR);
    assertThat(((dev.compact.commands.Decider.Decision.Accepted) dev.compact.commands.Decider.decide(given.command(), T)).events())
        .containsExactly(event);
    return given.actor().name();
  }

  @Test
  void timePassingIsTheServicesOwnClock() {
    assertThat(HistoryCommands.of(new Event.TimeAdvanced(T, T), UKR)).isEqualTo(new HistoryCommands.TimePasses(T));
  }
}

package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.access.Role;
import dev.compact.agreements.DeliveryScope;
import dev.compact.agreements.Domain;
import dev.compact.agreements.MeetingLevel;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
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
  void anEventNoCommandCanRecordInFullIsRefusedRatherThanCut() {
    Event scoped = new Event.DeliveryRecorded(T, T, USA, Domain.MILITARY, Optional.of(new Money(BigDecimal.TEN, "USD")), Optional.empty(),
        List.of(), Optional.empty(), Optional.of(DeliveryScope.LETHAL));

    assertThatThrownBy(() -> HistoryCommands.of(scoped, UKR)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no command records this event as the history gives it");
  }

  @Test
  void timePassingIsTheServicesOwnClock() {
    assertThat(HistoryCommands.of(new Event.TimeAdvanced(T, T), UKR)).isEqualTo(new HistoryCommands.TimePasses(T));
  }
}

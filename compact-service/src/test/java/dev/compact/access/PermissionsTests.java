package dev.compact.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Domain;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import dev.compact.agreements.Precondition;
import dev.compact.agreements.ProhibitedAction;
import dev.compact.engine.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of write against every role: allowed exactly where the issue says, denied everywhere else. */
class PermissionsTests {
  static final Instant T = Instant.parse("2026-03-01T06:00:00Z");
  static final PartyCode GBR = new PartyCode("GBR");
  static final PartyCode DEU = new PartyCode("DEU");
  static final PartyCode UKR = new PartyCode("UKR");
  static final PartyCode RUS = new PartyCode("RUS");
  static final Event.IncidentId I = new Event.IncidentId("i1");
  static final Event.ConsultationId C = new Event.ConsultationId("c1");
  static final AgreementId A = new AgreementId("gbr-ukr-2024");

  static final Map<String, Role> ROLES = Map.of(
      "secretariat", new Role.Secretariat(),
      "guarantor:GBR", new Role.GuarantorDesk(GBR),
      "guarantor:DEU", new Role.GuarantorDesk(DEU),
      "protected:UKR", new Role.ProtectedDesk(UKR),
      "observer", new Role.Observer());

  static Event.Measure measure(PartyCode obligor) {
    return new Event.Measure("m1", obligor, "deliver", Domain.MILITARY, Optional.empty(), List.of(), IsoDuration.parse("P30D").orElseThrow(),
        Boundary.INCLUSIVE);
  }

  static Event.DeliveryRecorded delivery(PartyCode by) {
    return new Event.DeliveryRecorded(T, T, by, Domain.MILITARY, Optional.of(new Money(BigDecimal.TEN, "EUR")), Optional.empty(), List.of(),
        Optional.empty());
  }

  /** Each write, and exactly the roles that may make it. */
  static Stream<Arguments> matrix() {
    return Stream.of(
        Arguments.of("report an incident for UKR", new Event.IncidentReported(T, T, I, Event.IncidentKind.ARMED_ATTACK, "UA-63", 4, UKR,
            List.of()), Set.of("protected:UKR")),
        Arguments.of("report an incident GBR witnessed", new Event.IncidentReported(T, T, I, Event.IncidentKind.DRONE_STRIKE, "GBR", 2, GBR,
            List.of()), Set.of("guarantor:GBR")),
        Arguments.of("verify an incident", new Event.IncidentVerified(T, T, I, UKR), Set.of("secretariat")),
        Arguments.of("reject an incident", new Event.IncidentRejected(T, T, I, UKR, "unconfirmed"), Set.of("secretariat")),
        Arguments.of("request consultations as UKR", new Event.ConsultationRequested(T, T, C, UKR, Optional.of(I)), Set.of("protected:UKR")),
        Arguments.of("request consultations as DEU", new Event.ConsultationRequested(T, T, C, DEU, Optional.empty()), Set.of("guarantor:DEU")),
        Arguments.of("record the UK's attendance", new Event.ConsultationHeld(T, T, C, List.of(GBR)), Set.of("secretariat", "guarantor:GBR")),
        Arguments.of("record others' attendance", new Event.ConsultationHeld(T, T, C, List.of(GBR, DEU)), Set.of("secretariat")),
        Arguments.of("record a German measure", new Event.MeasuresDecided(T, T, C, List.of(measure(DEU)), List.of(DEU), List.of()),
            Set.of("secretariat", "guarantor:DEU")),
        Arguments.of("record a UK allocation", new Event.AllocationRecorded(T, T, GBR, Domain.MILITARY, Optional.of(new Money(BigDecimal.ONE, "GBP")),
            Optional.empty(), List.of(), Optional.empty()), Set.of("guarantor:GBR")),
        Arguments.of("record a German delivery", delivery(DEU), Set.of("guarantor:DEU")),
        Arguments.of("adopt sanctions as DEU", new Event.SanctionsAdopted(T, T, "eu-19", DEU), Set.of("guarantor:DEU")),
        Arguments.of("ease sanctions as GBR", new Event.SanctionsEased(T, T, "uk-1", GBR), Set.of("guarantor:GBR")),
        Arguments.of("reimpose sanctions as GBR", new Event.SanctionsReimposed(T, T, "uk-1", GBR), Set.of("guarantor:GBR")),
        Arguments.of("record a package issued by GBR", new Event.SanctionsPackageRecorded(T, T, "uk-1", GBR,
            new dev.compact.packages.SanctionsPackage("UK package 1", List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of())), Set.of("secretariat", "guarantor:GBR")),
        Arguments.of("propose sanctions as DEU", new Event.SanctionsProposed(T, T, "eu-20", DEU), Set.of("guarantor:DEU")),
        Arguments.of("record that DEU's adoption was blocked", new Event.SanctionsBlocked(T, T, "eu-20", DEU, List.of(GBR), ""),
            Set.of("secretariat", "guarantor:DEU")),
        Arguments.of("lift sanctions as GBR", new Event.SanctionsLifted(T, T, "uk-1", GBR), Set.of("guarantor:GBR")),
        Arguments.of("lift a designation as GBR", new Event.DesignationLifted(T, T, "uk-1", "d1", GBR), Set.of("guarantor:GBR")),
        Arguments.of("sign as GBR", new Event.Signed(T, T, A, GBR), Set.of("guarantor:GBR")),
        Arguments.of("ratify as UKR", new Event.Ratified(T, T, A, UKR), Set.of("protected:UKR")),
        Arguments.of("suspend as GBR", new Event.Suspended(T, T, A, GBR), Set.of("guarantor:GBR")),
        Arguments.of("resume as GBR", new Event.Resumed(T, T, A, GBR), Set.of("guarantor:GBR")),
        Arguments.of("give notice as GBR", new Event.TerminationNoticeGiven(T, T, A, GBR), Set.of("guarantor:GBR")),
        Arguments.of("record entry into force", new Event.EnteredIntoForce(T, T, A), Set.of("secretariat")),
        Arguments.of("record UKR joining NATO", new Event.PartyStatusChanged(T, T, UKR, Event.PartyStatus.NATO_MEMBER, true),
            Set.of("secretariat", "protected:UKR")),
        Arguments.of("record that RUS ended its aggression", new Event.PartyStatusChanged(T, T, RUS, Event.PartyStatus.AGGRESSION_ENDED, true),
            Set.of("secretariat")),
        Arguments.of("record that UKR's aggression ended", new Event.PartyStatusChanged(T, T, UKR, Event.PartyStatus.AGGRESSION_ENDED, true),
            Set.of("secretariat")),
        Arguments.of("record the Bundestag's approval", new Event.PreconditionMet(T, T, DEU, new Event.Target.Clause(new AgreementId("deu-ukr-2024"),
            new ClauseId("deu-mil-2024")), Precondition.PARLIAMENTARY_APPROVAL), Set.of("secretariat", "guarantor:DEU")),
        Arguments.of("record an extension UKR joined, as UKR", new Event.Extended(T, T, UKR, A, List.of(GBR, UKR), 10),
            Set.of("secretariat", "protected:UKR")),
        Arguments.of("record an extension GBR did not join, as GBR", new Event.Extended(T, T, GBR, A, List.of(UKR), 10), Set.of("secretariat")),
        Arguments.of("invoke snapback as GBR", new Event.SnapbackInvoked(T, T, GBR, Optional.empty()), Set.of("secretariat", "guarantor:GBR")),
        Arguments.of("record compensation", new Event.CompensationRecorded(T, T, RUS, new Money(BigDecimal.ONE, "USD"),
            new Money(BigDecimal.TEN, "USD"), "RDNA"), Set.of("secretariat")),
        Arguments.of("report UKR's forces", new Event.ActReported(T, T, UKR, ProhibitedAction.EXCEED_FORCE_CAP, Optional.of(80_000L), "strength"),
            Set.of("secretariat", "protected:UKR")),
        Arguments.of("report a German release of assets", new Event.ActReported(T, T, DEU, ProhibitedAction.RELEASE_FROZEN_ASSETS, Optional.empty(),
            "tranche"), Set.of("secretariat", "guarantor:DEU")),
        Arguments.of("let time pass", new Event.TimeAdvanced(T, T), Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void eachRoleIsAllowedExactlyWhereTheRulesSay(String what, Event event, Set<String> allowed) {
    for (Map.Entry<String, Role> role : ROLES.entrySet()) {
      Permissions.Verdict verdict = Permissions.check(Set.of(role.getValue()), event);

      assertThat(verdict.allowed()).as("%s may %s", role.getKey(), what).isEqualTo(allowed.contains(role.getKey()));
      if (!verdict.allowed()) {
        assertThat(verdict.reason()).as("a denial says why").isNotBlank();
      }
    }
  }

  /** Audit round 4, A2: terms naming the writer as issuer do not make another party's package the writer's to amend. */
  @Test
  void aPackageIsAmendedOnlyByTheDeskOfItsRecordedIssuerOrTheSecretariat() {
    Event.SanctionsPackageRecorded asGbr = new Event.SanctionsPackageRecorded(T, T, "de-1", GBR,
        new dev.compact.packages.SanctionsPackage("Rewritten", List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Map.of()));

    Permissions.Verdict byUk = Permissions.amendment(Set.of(new Role.GuarantorDesk(GBR)), asGbr, Optional.of(DEU));

    assertThat(byUk.allowed()).isFalse();
    assertThat(byUk.reason()).isEqualTo("de-1 was issued by DEU; only the guarantor desk of DEU or the secretariat may amend its terms");
    assertThat(Permissions.amendment(Set.of(new Role.GuarantorDesk(GBR)), asGbr, Optional.empty()).allowed()).as("first terms").isTrue();
    assertThat(Permissions.amendment(Set.of(new Role.GuarantorDesk(DEU)), asGbr, Optional.of(DEU)).allowed()).isTrue();
    assertThat(Permissions.amendment(Set.of(new Role.Secretariat()), asGbr, Optional.of(DEU)).allowed()).isTrue();
  }

  @Test
  void ukDeskCannotRecordAGermanDelivery() {
    Permissions.Verdict verdict = Permissions.check(Set.of(new Role.GuarantorDesk(GBR)), delivery(DEU));

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reason()).isEqualTo("only the guarantor desk of DEU may record deliveries as DEU");
  }

  @Test
  void aGuarantorDeskReportsIncidentsOnlyInItsOwnName() {
    Permissions.Verdict verdict = Permissions.check(Set.of(new Role.GuarantorDesk(GBR)),
        new Event.IncidentReported(T, T, I, Event.IncidentKind.ARMED_ATTACK, "UA-63", 4, UKR, List.of()));

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reason()).isEqualTo("only the desk of UKR may report incidents as UKR");
  }

  @Test
  void anAccountWithSeveralRolesMayDoWhatEachAllows() {
    Set<Role> roles = Set.of(new Role.GuarantorDesk(GBR), new Role.GuarantorDesk(DEU));

    assertThat(Permissions.check(roles, new Event.ConsultationHeld(T, T, C, List.of(GBR, DEU))).allowed()).isTrue();
    assertThat(Permissions.check(roles, new Event.ConsultationHeld(T, T, C, List.of(GBR, UKR))).allowed()).isFalse();
  }

  @Test
  void rolesAreReadFromTheirWrittenForm() {
    assertThat(Role.parse("guarantor:GBR")).contains(new Role.GuarantorDesk(GBR));
    assertThat(Role.parse("protected:UKR")).contains(new Role.ProtectedDesk(UKR));
    assertThat(Role.parse("secretariat")).contains(new Role.Secretariat());
    assertThat(Role.parse("guarantor:XX")).isEmpty();
    assertThat(Role.parse("admin")).isEmpty();
    assertThat(Role.format(new Role.GuarantorDesk(GBR))).isEqualTo("guarantor:GBR");
  }
}

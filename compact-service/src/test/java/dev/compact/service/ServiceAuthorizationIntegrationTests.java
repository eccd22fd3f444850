package dev.compact.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.access.Actor;
import dev.compact.access.Clearance;
import dev.compact.access.Forbidden;
import dev.compact.access.Role;
import dev.compact.agreements.Classification;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.PartyCode;
import dev.compact.engine.Engine;
import dev.compact.engine.Event;
import dev.compact.sources.CompactFolder;
import dev.compact.store.Database;
import dev.compact.store.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service layer, not only the controllers, decides who may write and who may see: called
 * directly, it refuses a desk acting for another party and keeps classified records classified
 * across a restart.
 */
class ServiceAuthorizationIntegrationTests {
  static final Instant NOW = Instant.parse("2026-03-01T06:00:00Z");
  static final Actor UK_DESK = new Actor("uk-desk", Set.of(new Role.GuarantorDesk(new PartyCode("GBR"))), false);
  static final Actor UA_DESK = new Actor("ua-desk", Set.of(new Role.ProtectedDesk(new PartyCode("UKR"))), false);

  static List<String> kinds() {
    return TestDatabases.kinds().toList();
  }

  static Compact compact() {
    return CompactParser.parse(CompactFolder.read(RebuildIntegrationTests.examples().resolve("kyiv-compact"))).value().orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aDeskCannotRegisterAKeyOrSignForAnotherPartyOrRegisterVersions(String kind) {
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact()), Clock.fixed(NOW, ZoneOffset.UTC))) {
      long head = record.store().head().seq();

      assertThatThrownBy(() -> record.registrations().registerKey(new Registrations.KeyRegistered("DEU", "pem"), Optional.empty(), UK_DESK))
          .isInstanceOf(Forbidden.class).hasMessageContaining("DEU");
      assertThatThrownBy(() -> record.registrations().sign(new Registrations.AgreementSigned("deu-ukr-2024", "ab", "DEU", "sig"), Optional.empty(), UK_DESK))
          .isInstanceOf(Forbidden.class).hasMessageContaining("sign");
      assertThatThrownBy(() -> record.registrations().registerVersion(new Registrations.VersionRegistered("gbr-ukr-2024", "x.md", "text", "ab", "t", 1),
          Optional.empty(), UK_DESK)).isInstanceOf(Forbidden.class).hasMessageContaining("secretariat");
      assertThat(record.store().head().seq()).isEqualTo(head);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theServiceRecordsOnlySignaturesThatVerifyAndOneKeyPerParty(String kind) {
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact()), Clock.fixed(NOW, ZoneOffset.UTC))) {
      var keys = dev.compact.trust.Signatures.generate();
      String pem = dev.compact.trust.Signatures.publicPem(keys.getPublic());
      record.registrations().registerKey(new Registrations.KeyRegistered("GBR", pem), Optional.empty(), UK_DESK);
      long head = record.store().head().seq();
      String hash = compact().agreement(new dev.compact.agreements.AgreementId("gbr-ukr-2024")).orElseThrow().versionHash().hex();
      String good = dev.compact.trust.Signatures.sign(keys.getPrivate(), "gbr-ukr-2024", "GBR", hash);

      assertThatThrownBy(() -> record.registrations().registerKey(new Registrations.KeyRegistered("GBR",
          dev.compact.trust.Signatures.publicPem(dev.compact.trust.Signatures.generate().getPublic())), Optional.empty(), UK_DESK))
          .isInstanceOf(Registrations.KeyAlreadyRegistered.class);
      assertThatThrownBy(() -> record.registrations().sign(new Registrations.AgreementSigned("gbr-ukr-2024", hash.replace('a', 'b'), "GBR", good),
          Optional.empty(), UK_DESK)).isInstanceOf(InvalidInput.class).hasMessageContaining("does not verify");
      assertThat(record.store().head().seq()).isEqualTo(head);
      record.registrations().sign(new Registrations.AgreementSigned("gbr-ukr-2024", hash, "GBR", good), Optional.empty(), UK_DESK);
      assertThat(record.queries().signatures("gbr-ukr-2024")).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aRestrictedIncidentStaysRestrictedAfterARestartAndARebuild(String kind) {
    String url = TestDatabases.freshUrl(kind);
    Compact compact = compact();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (RecordService record = new RecordService(Database.open(url), Engine.of(compact), clock)) {
      record.record("incident-r1", Optional.of(0L), List.of(new Event.IncidentReported(NOW, NOW, new Event.IncidentId("r1"),
          Event.IncidentKind.ARMED_ATTACK, "UA-63", 4, new PartyCode("UKR"), List.of(), Optional.of(new PartyCode("RUS")), Optional.empty())),
          Optional.empty(), UA_DESK, Classification.RESTRICTED);
      // A consultation requested as public on the restricted incident is restricted with it.
      record.record("consultation-c1", Optional.of(0L), List.of(new Event.ConsultationRequested(NOW, NOW, new Event.ConsultationId("c1"),
          new PartyCode("UKR"), Optional.of(new Event.IncidentId("r1")))), Optional.empty(), UA_DESK);
    }
    try (RecordService restarted = new RecordService(Database.open(url), Engine.of(compact), clock)) {
      assertThat(restarted.queries().incidents()).isEmpty();
      assertThat(restarted.queries().consultations()).isEmpty();
      assertThat(restarted.queries(Clearance.RESTRICTED).consultations()).extracting(c -> c.classification()).containsExactly("restricted");
      // The levels were folded back from the log: the desk's later write about the consultation still finds it.
      restarted.record("consultation-c1", Optional.empty(), List.of(new Event.ConsultationHeld(NOW, NOW, new Event.ConsultationId("c1"),
          List.of(new PartyCode("GBR")))), Optional.empty(), UK_DESK);
      var cleared = restarted.queries(Clearance.RESTRICTED).norms("GBR", null, null, List.of(), null);
      assertThat(cleared).filteredOn(n -> "c1".equals(n.context())).isNotEmpty()
          .allSatisfy(n -> assertThat(n.classification()).isEqualTo("restricted"));
      assertThat(restarted.queries().norms(null, null, null, List.of(), null)).noneMatch(n -> "c1".equals(n.context()));

      var before = RebuildIntegrationTests.dump(restarted);
      restarted.rebuild();
      assertThat(RebuildIntegrationTests.dump(restarted)).isEqualTo(before);
    }
  }

  static final Actor DE_DESK = new Actor("de-desk", Set.of(new Role.GuarantorDesk(new PartyCode("DEU"))), false);
  static final Actor US_DESK = new Actor("us-desk", Set.of(new Role.GuarantorDesk(new PartyCode("USA"))), false);

  /** Issue #14: a desk acted as its own party on agreements that party is not party to. */
  @ParameterizedTest
  @MethodSource("kinds")
  void aDeskCannotActOnAnAgreementItsPartyIsNotPartyTo(String kind) {
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact()), Clock.fixed(NOW, ZoneOffset.UTC))) {
      long head = record.store().head().seq();
      var uk = new dev.compact.agreements.AgreementId("gbr-ukr-2024");
      var de = new dev.compact.agreements.AgreementId("deu-ukr-2024");

      assertThatThrownBy(() -> record.record("agreement-gbr-ukr-2024", Optional.empty(),
          List.of(new Event.Suspended(NOW, NOW, uk, new PartyCode("DEU"))), Optional.empty(), DE_DESK))
          .isInstanceOf(Forbidden.class).hasMessageContaining("DEU is not a party to gbr-ukr-2024");
      assertThatThrownBy(() -> record.record("agreement-deu-ukr-2024", Optional.empty(),
          List.of(new Event.TerminationNoticeGiven(NOW, NOW, de, new PartyCode("USA"))), Optional.empty(), US_DESK))
          .isInstanceOf(Forbidden.class).hasMessageContaining("USA is not a party to deu-ukr-2024");
      assertThatThrownBy(() -> record.record("agreement-gbr-ukr-2024", Optional.empty(),
          List.of(new Event.Signed(NOW, NOW, uk, new PartyCode("DEU"))), Optional.empty(), DE_DESK))
          .isInstanceOf(Forbidden.class);
      assertThat(record.store().head().seq()).isEqualTo(head);
      assertThat(record.queries().norms(null, "suspended", null, List.of(), null)).isEmpty();

      // The agreement's own party has standing, and is refused only for want of a ground: the agreement grants no power
      // to suspend it and no breach by Ukraine is on the record (docs/engine.md, "What a new write may record").
      assertThatThrownBy(() -> record.record("agreement-gbr-ukr-2024", Optional.empty(),
          List.of(new Event.Suspended(NOW, NOW, uk, new PartyCode("GBR"))), Optional.empty(), UK_DESK))
          .isInstanceOf(Forbidden.class).hasMessageContaining("no breach of it by UKR is on the record")
          .hasMessageNotContaining("is not a party");
      assertThat(record.store().head().seq()).isEqualTo(head);
    }
  }

  @org.junit.jupiter.api.Test
  void aPartyHoldingTheTerminationPowerMayGiveNoticeAndOthersMayNot() {
    Compact compact = compact();
    var usa = new dev.compact.agreements.AgreementId("usa-ukr-2024");
    assertThat(dev.compact.access.Permissions.standing(compact, new Event.TerminationNoticeGiven(NOW, NOW, usa, new PartyCode("UKR")))
        .allowed()).isTrue();
    assertThat(dev.compact.access.Permissions.standing(compact, new Event.TerminationNoticeGiven(NOW, NOW, usa, new PartyCode("GBR")))
        .reason()).contains("GBR is not a party to usa-ukr-2024");
  }

  @org.junit.jupiter.api.Test
  void onlyPartiesToAnAgreementMeetItsConditionsOrExtendIt() {
    Compact compact = compact();
    var usa = new dev.compact.agreements.AgreementId("usa-ukr-2024");
    var germanMoney = new Event.Target.Clause(new dev.compact.agreements.AgreementId("deu-ukr-2024"),
        new dev.compact.agreements.ClauseId("deu-mil-2024"));
    PartyCode us = new PartyCode("USA");
    PartyCode ua = new PartyCode("UKR");

    assertThat(dev.compact.access.Permissions.standing(compact, new Event.PreconditionMet(NOW, NOW, new PartyCode("DEU"), germanMoney,
        dev.compact.agreements.Precondition.PARLIAMENTARY_APPROVAL)).allowed()).isTrue();
    assertThat(dev.compact.access.Permissions.standing(compact, new Event.PreconditionMet(NOW, NOW, us, germanMoney,
        dev.compact.agreements.Precondition.PARLIAMENTARY_APPROVAL)).reason()).isEqualTo("USA is not a party to deu-ukr-2024 and may not meet a condition of it");
    assertThat(dev.compact.access.Permissions.standing(compact, new Event.Extended(NOW, NOW, us, usa, List.of(us, ua), 10)).allowed()).isTrue();
    assertThat(dev.compact.access.Permissions.standing(compact, new Event.Extended(NOW, NOW, us, usa, List.of(us, new PartyCode("GBR")), 10))
        .reason()).isEqualTo("GBR is not a party to usa-ukr-2024 and may not extend it");
  }

  /**
   * Method security on the command handler itself: called directly, as a new way in that forgot the
   * web layer's checks would call it, it refuses a caller without an account, a caller whose roles do
   * not allow the command, and an actor that is not the authenticated caller; nothing is written.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void theCommandHandlerRefusesAnUnauthorisedCallerAndWritesNothing(String kind) {
    try (RecordService record = new RecordService(TestDatabases.fresh(kind), Engine.of(compact()), Clock.fixed(NOW, ZoneOffset.UTC))) {
      CommandHandler handler = new CommandHandler(record);
      var incident = new Event.IncidentId("kyiv-1");
      var report = new dev.compact.commands.Command.ReportIncident(incident, Event.IncidentKind.MISSILE_STRIKE, "UA-30", 4, new PartyCode("UKR"),
          List.of(), Optional.empty());
      var verify = new dev.compact.commands.Command.VerifyIncident(incident, new PartyCode("UKR"), Optional.empty());
      Actor secretariat = new Actor("secretariat", Set.of(new Role.Secretariat()), false);
      try {
        as(UA_DESK);
        handler.handle(report, UA_DESK, Optional.empty(), Optional.empty(), Classification.PUBLIC);
        long head = record.store().head().seq();

        // No account on this thread at all.
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> handler.handle(verify, secretariat, Optional.empty(), Optional.empty(), Classification.PUBLIC))
            .isInstanceOf(Forbidden.class).hasMessageContaining("needs an authenticated account");
        // The UK desk, whose roles do not verify incidents.
        as(UK_DESK);
        assertThatThrownBy(() -> handler.handle(verify, UK_DESK, Optional.empty(), Optional.empty(), Classification.PUBLIC))
            .isInstanceOf(Forbidden.class).hasMessageContaining("only the secretariat may verify incidents");
        // The UK desk handing the handler a secretariat it made up.
        assertThatThrownBy(() -> handler.handle(verify, secretariat, Optional.empty(), Optional.empty(), Classification.PUBLIC))
            .isInstanceOf(Forbidden.class).hasMessageContaining("given as secretariat but the caller is uk-desk");
        assertThat(record.store().head().seq()).isEqualTo(head);

        as(secretariat);
        handler.handle(verify, secretariat, Optional.empty(), Optional.empty(), Classification.PUBLIC);
        assertThat(record.store().head().seq()).isEqualTo(head + 1);
      } finally {
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
      }
    }
  }

  private static void as(Actor actor) {
    var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new dev.compact.access.CompactAuthentication(actor));
    org.springframework.security.core.context.SecurityContextHolder.setContext(context);
  }
}

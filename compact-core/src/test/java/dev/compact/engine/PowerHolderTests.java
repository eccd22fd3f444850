package dev.compact.engine;

import static dev.compact.engine.EngineTests.DEU;
import static dev.compact.engine.EngineTests.GBR;
import static dev.compact.engine.EngineTests.UKR;
import static dev.compact.engine.EngineTests.h;
import static dev.compact.engine.EngineTests.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Compact;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lifecycle acts (notice, suspension, entry into force) take effect only when the actor may perform them. */
class PowerHolderTests {
  static final AgreementId BILATERAL = new AgreementId("gbr-ukr");

  /** GBR and UKR, no terminate power and no notice period: nobody may end it by notice. */
  static final String GBR_UKR = """
      ---
      id: gbr-ukr
      title: Bilateral
      parties: [GBR, UKR]
      beneficiary: UKR
      binding: political
      lifecycle: {signed: 2025-03-05}
      term: {years: 10}
      ---

      # Bilateral

      """ + TestCompacts.clause("""
      id: lock
      norm: prohibition
      obligor: GBR
      domain: accountability
      action: ease-sanctions
      until: aggressor.damage_compensated
      """);

  /** The same with a notice period of one month for either party. */
  static final String WITH_NOTICE = GBR_UKR.replace("term: {years: 10}", "term: {years: 10, notice: P1M}");

  static Compact compact(String agreement) {
    return TestCompacts.parse(TestCompacts.GUARANTORS, "", agreement);
  }

  @Test
  void recommendationsAppliedAsIfInForceSaySoAndAreNeverCalledSigned() {
    String recommendations = GBR_UKR.replace("lifecycle: {signed: 2025-03-05}", "lifecycle: {published: 2025-03-05, published-as: recommendations}");
    Outcome outcome = Engine.of(compact(recommendations)).run(List.of(
        new Event.EnteredIntoForce(h(200), h(200), BILATERAL), EngineTests.at(300)));

    assertThat(state(outcome, "gbr-ukr/lock/GBR")).isEqualTo(State.ACTIVE);
    assertThat(outcome.notices()).anySatisfy(n -> assertThat(n.message()).isEqualTo(
        "gbr-ukr was published as recommendations on 2025-03-05, not signed; this record applies it as if it had entered into force"));
  }

  @Test
  void refusesANoticeFromAStateThatIsNotAPartyToTheAgreement() {
    Outcome outcome = Engine.of(compact(WITH_NOTICE)).run(List.of(
        new Event.EnteredIntoForce(h(200), h(200), BILATERAL),
        new Event.TerminationNoticeGiven(h(201), h(201), BILATERAL, DEU),
        EngineTests.at(24 * 90)));

    assertThat(state(outcome, "gbr-ukr/lock/GBR")).isEqualTo(State.ACTIVE);
    assertThat(outcome.notices()).anySatisfy(n ->
        assertThat(n.message()).isEqualTo("notice of termination of gbr-ukr by DEU refused: DEU is not a party to gbr-ukr"));
  }

  @Test
  void acceptsANoticeFromAPartyWhenTheTermGivesANoticePeriod() {
    Outcome outcome = Engine.of(compact(WITH_NOTICE)).run(List.of(
        new Event.EnteredIntoForce(h(200), h(200), BILATERAL),
        new Event.TerminationNoticeGiven(h(201), h(201), BILATERAL, UKR),
        EngineTests.at(24 * 90)));

    assertThat(state(outcome, "gbr-ukr/lock/GBR")).isEqualTo(State.TERMINATED);
  }

  @Test
  void refusesANoticeWhenTheAgreementGivesNoPowerToTerminate() {
    Outcome outcome = Engine.of(compact(GBR_UKR)).run(List.of(
        new Event.EnteredIntoForce(h(200), h(200), BILATERAL),
        new Event.TerminationNoticeGiven(h(201), h(201), BILATERAL, GBR)));

    assertThat(state(outcome, "gbr-ukr/lock/GBR")).isEqualTo(State.ACTIVE);
    assertThat(outcome.notices()).anySatisfy(n -> assertThat(n.message()).contains("gives no party a power to terminate it"));
  }

  @Test
  void refusesANoticeFromAPartyThatDoesNotHoldTheTerminatePower() {
    String onlyUkraine = WITH_NOTICE + TestCompacts.clause("""
        id: exit
        norm: power
        obligor: UKR
        domain: military
        action: terminate
        notice: P1M
        """);
    Outcome outcome = Engine.of(compact(onlyUkraine)).run(List.of(
        new Event.EnteredIntoForce(h(200), h(200), BILATERAL),
        new Event.TerminationNoticeGiven(h(201), h(201), BILATERAL, GBR),
        EngineTests.at(24 * 90)));

    assertThat(state(outcome, "gbr-ukr/lock/GBR")).isEqualTo(State.ACTIVE);
    assertThat(outcome.notices()).anySatisfy(n ->
        assertThat(n.message()).endsWith("GBR holds no power to terminate gbr-ukr (only UKR does)"));
  }

  @Test
  void refusesASuspensionByAThirdState() {
    Outcome outcome = Engine.of(compact(GBR_UKR)).run(List.of(
        new Event.EnteredIntoForce(h(200), h(200), BILATERAL),
        new Event.Suspended(h(201), h(201), BILATERAL, DEU)));

    assertThat(state(outcome, "gbr-ukr/lock/GBR")).isEqualTo(State.ACTIVE);
  }

  @Test
  void refusesEntryIntoForceBeforeTheAgreementWasSigned() {
    Instant beforeSignature = Instant.parse("2025-03-04T12:00:00Z");
    Outcome outcome = Engine.of(compact(GBR_UKR)).run(List.of(
        new Event.EnteredIntoForce(beforeSignature, beforeSignature, BILATERAL),
        new Event.EnteredIntoForce(Instant.parse("2025-03-05T09:00:00Z"), Instant.parse("2025-03-05T09:00:00Z"), BILATERAL)));

    assertThat(outcome.notices().getFirst().message())
        .isEqualTo("entry into force of gbr-ukr refused: it was signed on 2025-03-05, after 2025-03-04T12:00:00Z");
    assertThat(outcome.transitions()).allSatisfy(t -> assertThat(t.at()).isEqualTo(Instant.parse("2025-03-05T09:00:00Z")));
    assertThat(state(outcome, "gbr-ukr/lock/GBR")).isEqualTo(State.ACTIVE);
  }

  @Test
  void extendsTheTermOnlyByMutualDecisionOfEveryParty() {
    String extendable = GBR_UKR.replace("term: {years: 10}", "term: {years: 10, extension: by mutual written agreement}")
        .replace("lifecycle: {signed: 2025-03-05}", "lifecycle: {signed: 2025-03-05, in-force: 2025-03-05}");
    Instant early = Instant.parse("2034-01-01T00:00:00Z");
    Instant later = Instant.parse("2034-02-01T00:00:00Z");
    Instant after = Instant.parse("2035-04-01T00:00:00Z");
    Outcome alone = Engine.of(compact(extendable)).run(List.of(
        new Event.Extended(early, early, GBR, BILATERAL, List.of(GBR), 5),
        new Event.TimeAdvanced(after, after)));
    Outcome together = Engine.of(compact(extendable)).run(List.of(
        new Event.Extended(early, early, GBR, BILATERAL, List.of(GBR), 5),
        new Event.Extended(later, later, GBR, BILATERAL, List.of(UKR, GBR), 5),
        new Event.TimeAdvanced(after, after)));

    assertThat(state(alone, "gbr-ukr/lock/GBR")).isEqualTo(State.EXPIRED);
    assertThat(alone.notices()).anySatisfy(n -> assertThat(n.message())
        .isEqualTo("extension of gbr-ukr refused: an extension by mutual decision needs every party; UKR did not join it"));
    assertThat(state(together, "gbr-ukr/lock/GBR")).isEqualTo(State.ACTIVE);
  }
}

package dev.compact.engine;

import static dev.compact.engine.EngineTests.h;
import static dev.compact.engine.EngineTests.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Area;
import dev.compact.agreements.Compact;
import dev.compact.agreements.PartyCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Territory per clause, named areas bounded by a line of control, and maritime zones decide `incident.in_scope`. */
class TerritoryScopeTests {
  static final Area.Point DONETSK = new Area.Point(48.00, 37.80);
  static final Area.Point KRAMATORSK = new Area.Point(48.72, 37.56);

  /** An area around Donetsk city (a square, enough to test the rule), excluded by one clause only. */
  static final String AREAS = """
      territory: {description: Ukraine, includes: [UKR]}
      areas:
        - id: beyond-the-line
          name: certain areas of Donetsk oblast
          within: [UA-14]
          line: {as-of: 2022-02-23, polygon: [[48.2, 37.7], [48.2, 38.2], [47.8, 38.2], [47.8, 37.7]]}
          source: "test line"
      """;

  static Compact compact() {
    return TestCompacts.parse(TestCompacts.GUARANTORS + AREAS, TestCompacts.clause("""
        id: help
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: 'incident.kind == "armed-attack" && incident.verified && incident.in_scope'
        territory: {includes: [UKR], excludes: [beyond-the-line]}
        action: send help
        deadline: {within: PT24H, from: activation}
        fulfilled-by: delivery
        """) + TestCompacts.clause("""
        id: everywhere
        norm: obligation
        obligor: DEU
        beneficiary: UKR
        domain: military
        trigger: 'incident.kind == "armed-attack" && incident.verified && incident.in_scope'
        action: send help
        deadline: {within: PT24H, from: activation}
        fulfilled-by: delivery
        """));
  }

  static Event attack(String id, String place, Optional<Area.Point> location) {
    return new Event.IncidentReported(h(1), h(1), new Event.IncidentId(id), Event.IncidentKind.ARMED_ATTACK, place, 4, new PartyCode("UKR"),
        List.of(), Optional.of(new PartyCode("RUS")), location);
  }

  static Outcome run(Event incident) {
    Event.IncidentId id = ((Event.IncidentReported) incident).incident();
    return Engine.of(compact()).run(List.of(new Event.EnteredIntoForce(h(0), h(0), new AgreementId("test-compact")), incident,
        new Event.IncidentVerified(h(2), h(2), id, new PartyCode("UKR")), EngineTests.at(3)));
  }

  @Test
  void anAttackOnTheGovernmentSideOfTheLineIsInScopeOfTheClause() {
    Outcome outcome = run(attack("k", "UA-14", Optional.of(KRAMATORSK)));

    assertThat(state(outcome, "test-compact/help/GBR@k")).isEqualTo(State.ACTIVE);
  }

  @Test
  void anAttackBeyondTheLineIsOutsideTheClauseButInsideTheAgreement() {
    Outcome outcome = run(attack("d", "UA-14", Optional.of(DONETSK)));

    assertThat(state(outcome, "test-compact/help/GBR@d")).isEqualTo(State.EXPIRED);
    assertThat(state(outcome, "test-compact/everywhere/DEU@d")).isEqualTo(State.ACTIVE);
    assertThat(outcome.transitions()).anySatisfy(t -> assertThat(t.cause().describe(n -> "event #" + n))
        .contains("UA-14 lies outside the territory of clause help: at 48.0, 37.8 it lies in certain areas of Donetsk oblast "
            + "(line of 2022-02-23), which is excluded"));
  }

  @Test
  void anAttackInASubdivisionTheLineCutsWithNoLocationIsNotTakenAsInScopeAndSaysWhy() {
    Outcome outcome = run(attack("u", "UA-14", Optional.empty()));

    assertThat(state(outcome, "test-compact/help/GBR@u")).isEqualTo(State.EXPIRED);
    assertThat(outcome.transitions()).anySatisfy(t -> assertThat(t.cause().describe(n -> "event #" + n))
        .contains("the line of certain areas of Donetsk oblast (line of 2022-02-23) cuts UA-14 and the report gives no location"));
  }

  @Test
  void aStateCoversItsTerritorialSeaButNotItsExclusiveEconomicZone() {
    assertThat(state(run(attack("ts", "UKR-TS", Optional.empty())), "test-compact/everywhere/DEU@ts")).isEqualTo(State.ACTIVE);
    Outcome eez = run(attack("eez", "UKR-EEZ", Optional.empty()));

    assertThat(state(eez, "test-compact/everywhere/DEU@eez")).isEqualTo(State.EXPIRED);
    assertThat(eez.transitions()).anySatisfy(t -> assertThat(t.cause().describe(n -> "event #" + n))
        .contains("UKR-EEZ lies outside the territory of test-compact: UKR-EEZ is a maritime zone where UKR has sovereign rights, not sovereignty"));
  }
}

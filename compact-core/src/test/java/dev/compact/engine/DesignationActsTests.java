package dev.compact.engine;

import static dev.compact.engine.EngineTests.DEU;
import static dev.compact.engine.EngineTests.GBR;
import static dev.compact.engine.EngineTests.RUS;
import static dev.compact.engine.EngineTests.UMBRELLA;
import static dev.compact.engine.EngineTests.h;
import static dev.compact.engine.EngineTests.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sanctions lock reads acts on single designations as acts on their package. */
class DesignationActsTests {

  @Test
  void liftingOneDesignationBeforeTheConditionHoldsBreachesTheLockWithTheDelistingAsCause() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Outcome outcome = engine.run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.SanctionsAdopted(h(1), h(1), "eu-14", DEU),
        new Event.PartyStatusChanged(h(2), h(2), RUS, Event.PartyStatus.AGGRESSION_ENDED, true),
        new Event.DesignationLifted(h(3), h(3), "eu-14", "EU.9231.54", DEU)));

    assertThat(state(outcome, "test-compact/lock/DEU")).isEqualTo(State.BREACHED);
    assertThat(state(outcome, "test-compact/lock/GBR")).isEqualTo(State.ACTIVE);
    Transition breach = outcome.transitions().getLast();
    assertThat(breach.to()).isEqualTo(State.BREACHED);
    assertThat(breach.cause()).isInstanceOfSatisfying(Cause.EventCause.class, cause -> assertThat(cause.seq()).isEqualTo(4));
    assertThat(EventText.describe(new Event.DesignationLifted(h(3), h(3), "eu-14", "EU.9231.54", DEU)))
        .isEqualTo("DEU lifted the designation of EU.9231.54 under sanctions package eu-14 (an easing of the package)");
  }

  @Test
  void liftingADesignationOnceTheConditionHoldsDoesNotBreachTheLock() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Outcome outcome = engine.run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.PartyStatusChanged(h(1), h(1), RUS, Event.PartyStatus.AGGRESSION_ENDED, true),
        new Event.PartyStatusChanged(h(2), h(2), RUS, Event.PartyStatus.DAMAGE_COMPENSATED, true),
        new Event.DesignationLifted(h(3), h(3), "eu-14", "EU.9231.54", GBR)));

    assertThat(state(outcome, "test-compact/lock/GBR")).isEqualTo(State.DISCHARGED);
  }
  @Test
  void liftingAWholePackageBreachesTheLockWhileProposingOrBeingBlockedMovesNothing() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Outcome outcome = engine.run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.SanctionsProposed(h(1), h(1), "eu-20", GBR),
        new Event.SanctionsBlocked(h(2), h(2), "eu-20", GBR, List.of(new dev.compact.agreements.PartyCode("HUN")), ""),
        new Event.SanctionsAdopted(h(3), h(3), "eu-14", DEU),
        new Event.SanctionsLifted(h(4), h(4), "eu-14", DEU)));

    assertThat(state(outcome, "test-compact/lock/GBR")).isEqualTo(State.ACTIVE);
    assertThat(state(outcome, "test-compact/lock/DEU")).isEqualTo(State.BREACHED);
    assertThat(outcome.transitions().getLast().cause())
        .isInstanceOfSatisfying(Cause.EventCause.class, cause -> assertThat(cause.event()).isInstanceOf(Event.SanctionsLifted.class));
  }
}

package dev.compact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Domain;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A commitment's firmness decides whether a period that ends short is a breach or only unmet. */
class CommitmentFirmnessTests {
  private static final dev.compact.agreements.PartyCode GBR = new dev.compact.agreements.PartyCode("GBR");
  private static final Instant DELIVERED = Instant.parse("2024-09-01T00:00:00Z");
  private static final Instant END = Instant.parse("2025-04-02T00:00:00Z");
  private static final String KEY = "gbr-pledge/pledge/GBR";

  static String pledge(String firmness, String items) {
    String head = TestCompacts.YEARLY.replace("id: gbr-yearly", "id: gbr-pledge");
    return head.substring(0, head.indexOf("# Yearly support")) + "# Pledge\n\n" + TestCompacts.clause("""
        id: pledge
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        amount: {value: 100000000, currency: GBP}
        %s
        period: {start: 2024-04-01, end: 2025-03-31}
        %s
        """.formatted(items, firmness));
  }

  static Outcome run(String firmness, String items, Event... support) {
    Engine engine = Engine.of(TestCompacts.parse(TestCompacts.GUARANTORS, "", pledge(firmness, items)));
    List<Event> events = new java.util.ArrayList<>(List.of(support));
    events.add(new Event.TimeAdvanced(END, END));
    return engine.run(events);
  }

  static Event delivery(String gbp, ItemLine... items) {
    return new Event.DeliveryRecorded(DELIVERED, DELIVERED, GBR, Domain.MILITARY, Optional.of(new Money(new BigDecimal(gbp), "GBP")),
        Optional.empty(), List.of(items), Optional.of(new Event.Target.Clause(new AgreementId("gbr-pledge"), new ClauseId("pledge"))));
  }

  @Test
  void aBestEffortPeriodEndingShortIsUnmetWithItsShortfallNotBreached() {
    Outcome outcome = run("firmness: best-effort", "", delivery("60000000"));

    assertThat(EngineTests.state(outcome, KEY)).isEqualTo(State.UNMET);
    assertThat(outcome.transitions().getLast().describe()).contains(KEY, "active -> unmet",
        "GBP 60,000,000 of GBP 100,000,000 delivered (60%), short by GBP 40,000,000",
        "a best effort (firmness: best-effort, \"will seek to\"), so this is not a breach");
    assertThat(outcome.transitions()).extracting(Transition::to).doesNotContain(State.BREACHED);
  }

  @Test
  void anAnnouncedPackageEndingShortCitesTheAnnouncementAndItsMissingItems() {
    Outcome outcome = run("firmness: announced", "items: [{item: howitzers, quantity: 18}]",
        delivery("100000000", new ItemLine("howitzers", 6)));

    assertThat(EngineTests.state(outcome, KEY)).isEqualTo(State.UNMET);
    assertThat(outcome.transitions().getLast().describe()).contains("short by 12 howitzers",
        "an announcement, not a promise (firmness: announced)");
  }

  @Test
  void theShortfallOfAnUnmetCommitmentListsItsFloorsNotWhatIsLeftBelowACeiling() {
    Outcome outcome = run("firmness: resources-permitting",
        "items: [{item: shells, quantity: 100}, {item: drones, quantity: 300, bound: up-to}]",
        delivery("100000000", new ItemLine("shells", 50), new ItemLine("drones", 50)));

    assertThat(EngineTests.state(outcome, KEY)).isEqualTo(State.UNMET);
    assertThat(outcome.transitions().getLast().describe()).contains("50 of 100 shells; 50 of 300 drones, short by 50 shells; a commitment")
        .doesNotContain("250 drones");
  }

  @Test
  void aResourcesPermittingCommitmentMetInFullIsFulfilledAsAnyOther() {
    Outcome outcome = run("firmness: resources-permitting", "", delivery("100000000"));

    assertThat(EngineTests.state(outcome, KEY)).isEqualTo(State.FULFILLED);
  }

  @Test
  void aFirmCommitmentEndingShortIsBreachedWhetherTheFirmnessIsWrittenOrNot() {
    assertThat(EngineTests.state(run("firmness: hard", "", delivery("60000000")), KEY)).isEqualTo(State.BREACHED);
    Outcome unwritten = run("", "", delivery("60000000"));
    assertThat(EngineTests.state(unwritten, KEY)).isEqualTo(State.BREACHED);
    assertThat(unwritten.transitions().getLast().describe()).doesNotContain("short by", "not a breach");
  }
}

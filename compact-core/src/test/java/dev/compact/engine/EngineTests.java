package dev.compact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.AgreementId;
import dev.compact.agreements.Boundary;
import dev.compact.agreements.ClauseId;
import dev.compact.agreements.Compact;
import dev.compact.agreements.Domain;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineTests {
  static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
  static final PartyCode UKR = new PartyCode("UKR");
  static final PartyCode GBR = new PartyCode("GBR");
  static final PartyCode DEU = new PartyCode("DEU");
  static final PartyCode RUS = new PartyCode("RUS");
  static final AgreementId UMBRELLA = new AgreementId("test-compact");

  static Instant h(long hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  /** In force at T0, a missile strike in Kyiv at +1h, Ukraine's request at +2h. */
  static List<Event> strikeAndRequest() {
    List<Event> events = new ArrayList<>();
    events.add(new Event.EnteredIntoForce(h(0), h(0), UMBRELLA));
    events.add(new Event.IncidentReported(h(1), h(1), new Event.IncidentId("i1"), Event.IncidentKind.MISSILE_STRIKE, "UA-30", 4,
        UKR, List.of()));
    events.add(new Event.ConsultationRequested(h(2), h(2), new Event.ConsultationId("c1"), UKR,
        Optional.of(new Event.IncidentId("i1"))));
    return events;
  }

  static Event held(long hours, PartyCode... attended) {
    return new Event.ConsultationHeld(h(hours), h(hours), new Event.ConsultationId("c1"), List.of(attended));
  }

  static Event at(long hours) {
    return new Event.TimeAdvanced(h(hours), h(hours));
  }

  static State state(Outcome outcome, String key) {
    return outcome.instance(key).orElseThrow(() -> new AssertionError("no instance " + key + " in " + outcome.instances()))
        .state();
  }

  @Test
  void breachesConsultationWhenNoMeetingWithin24Hours() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(held(20, UKR, DEU));
    events.add(at(30));

    Outcome outcome = engine.run(events);

    assertThat(state(outcome, "test-compact/convene/DEU@c1")).isEqualTo(State.FULFILLED);
    assertThat(state(outcome, "test-compact/convene/GBR@c1")).isEqualTo(State.BREACHED);
    Transition breach = outcome.transitions().stream()
        .filter(t -> t.instance().key().equals("test-compact/convene/GBR@c1") && t.to() == State.BREACHED).findFirst().orElseThrow();
    assertThat(breach.at()).isEqualTo(h(26));
    assertThat(breach.cause()).isInstanceOfSatisfying(Cause.DeadlinePassed.class, cause -> {
      assertThat(cause.deadline()).isEqualTo(h(26));
      assertThat(cause.anchoredAt()).isEqualTo(h(2));
    });
  }

  @Test
  void fulfilsMeetingAtTheDeadlineInstantWhenTheBoundaryIsInclusive() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(held(26, UKR, GBR));

    assertThat(state(engine.run(events), "test-compact/convene/GBR@c1")).isEqualTo(State.FULFILLED);
  }

  @Test
  void breachesAtTheDeadlineInstantWhenTheBoundaryIsExclusive() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "exclusive"));
    List<Event> events = strikeAndRequest();
    events.add(held(26, UKR, GBR));

    assertThat(state(engine.run(events), "test-compact/convene/GBR@c1")).isEqualTo(State.BREACHED);
  }

  @Test
  void activatesTheRemedyWhenAnObligationIsBreached() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(at(27));

    Outcome outcome = engine.run(events);

    NormInstance remedy = outcome.instance("test-compact/ministers/GBR@c1").orElseThrow();
    assertThat(remedy.state()).isEqualTo(State.ACTIVE);
    assertThat(remedy.due()).contains(h(26 + 72));
    assertThat(outcome.transitions()).anySatisfy(t -> {
      assertThat(t.instance().key()).isEqualTo("test-compact/ministers/GBR@c1");
      assertThat(t.cause()).isEqualTo(new Cause.RemedyOf(new InstanceId("test-compact", "convene", GBR, "c1")));
    });
  }

  @Test
  void turnsDecidedMeasuresIntoObligationsWithTheirOwnDeadlines() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(held(20, UKR, GBR, DEU));
    events.add(new Event.MeasuresDecided(h(40), h(40), new Event.ConsultationId("c1"), List.of(new Event.Measure("shells", DEU,
        "deliver shells", Domain.MILITARY, Optional.of(new Money(new BigDecimal("1000"), "EUR")), List.of(),
        IsoDuration.parse("P10D").orElseThrow(), Boundary.INCLUSIVE)), List.of(), List.of()));
    events.add(new Event.DeliveryRecorded(h(100), h(100), DEU, Domain.MILITARY, Optional.of(new Money(new BigDecimal("400"), "EUR")),
        Optional.empty(), List.of(), Optional.of(new Event.Target.Measure(new Event.ConsultationId("c1"), "shells"))));
    events.add(at(400));

    Outcome outcome = engine.run(events);

    assertThat(state(outcome, "test-compact/decide/DEU@c1")).isEqualTo(State.FULFILLED);
    NormInstance measure = outcome.instance("test-compact/shells/DEU@c1").orElseThrow();
    assertThat(measure.state()).isEqualTo(State.BREACHED);
    assertThat(measure.due()).contains(h(40 + 240));
    assertThat(measure.progress().orElseThrow().describe()).isEqualTo("EUR 400 of EUR 1,000 delivered (40%)");
  }

  /**
   * Audit round 4, B4: the service now refuses a decision under a measure id its consultation already decided, but a
   * record written before holds such decisions; it folds as it always did: the first measure binds, the second is
   * ignored with a note, and {@link Replay#measure} names the one that binds.
   */
  @Test
  void aSecondDecisionUnderATakenMeasureIdIsIgnoredWithANoteAndTheFirstBinds() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(held(20, UKR, GBR, DEU));
    for (PartyCode obligor : List.of(GBR, DEU)) {
      events.add(new Event.MeasuresDecided(h(30), h(30), new Event.ConsultationId("c1"), List.of(new Event.Measure("m1", obligor,
          "deliver", Domain.MILITARY, Optional.empty(), List.of(), IsoDuration.parse("P10D").orElseThrow(), Boundary.INCLUSIVE)),
          List.of(obligor), List.of()));
    }
    Replay replay = engine.replay();
    events.forEach(replay::apply);

    Outcome outcome = replay.outcome();
    assertThat(outcome.instance("test-compact/m1/GBR@c1")).isPresent();
    assertThat(outcome.instance("test-compact/m1/DEU@c1")).isEmpty();
    assertThat(outcome.notices()).anySatisfy(n -> assertThat(n.message()).isEqualTo("measure c1/m1 was already decided; the second decision is ignored"));
    assertThat(replay.measure("c1", "m1")).map(m -> m.id().obligor()).contains(GBR);
    assertThat(replay.measure("c1", "m2")).isEmpty();
  }

  @Test
  void blocksAUnanimousDecisionWhenOneGuarantorObjects() {
    Engine engine = Engine.of(TestCompacts.consultations("unanimity", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(held(20, UKR, GBR, DEU, RUS));
    events.add(new Event.MeasuresDecided(h(30), h(30), new Event.ConsultationId("c1"), List.of(new Event.Measure("air", GBR,
        "close the airspace", Domain.MILITARY, Optional.empty(), List.of(), IsoDuration.parse("P1D").orElseThrow(),
        Boundary.INCLUSIVE)), List.of(), List.of(RUS)));
    events.add(at(80));

    Outcome outcome = engine.run(events);

    NormInstance decide = outcome.instance("test-compact/decide/GBR@c1").orElseThrow();
    assertThat(decide.state()).isEqualTo(State.BREACHED);
    assertThat(decide.blockedBy()).containsExactly(RUS);
    assertThat(outcome.instance("test-compact/air/GBR@c1")).isEmpty();
    assertThat(outcome.transitions()).anySatisfy(t -> {
      assertThat(t.instance().key()).isEqualTo("test-compact/decide/GBR@c1");
      assertThat(t.cause().describe()).startsWith("blocked by RUS (unanimity decision, event #5); then deadline");
    });
  }

  @Test
  void aLaterUnanimousDecisionFulfilsTheDutyAndLiftsTheEarlierBlock() {
    Engine engine = Engine.of(TestCompacts.consultations("unanimity", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(held(20, UKR, GBR, DEU, RUS));
    Event.Measure air = new Event.Measure("air", GBR, "close the airspace", Domain.MILITARY, Optional.empty(), List.of(),
        IsoDuration.parse("P1D").orElseThrow(), Boundary.INCLUSIVE);
    events.add(new Event.MeasuresDecided(h(30), h(30), new Event.ConsultationId("c1"), List.of(air), List.of(), List.of(RUS)));
    events.add(new Event.MeasuresDecided(h(31), h(31), new Event.ConsultationId("c1"), List.of(air), List.of(), List.of()));
    events.add(at(80));

    NormInstance decide = engine.run(events).instance("test-compact/decide/GBR@c1").orElseThrow();

    assertThat(decide.state()).isEqualTo(State.FULFILLED);
    assertThat(decide.blockedBy()).isEmpty();
    assertThat(decide.describe()).doesNotContain("blocked by");
  }

  @Test
  void breachesTheSanctionsLockWhenAPackageIsEasedBeforeItsConditionHolds() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = new ArrayList<>();
    events.add(new Event.EnteredIntoForce(h(0), h(0), UMBRELLA));
    events.add(new Event.SanctionsAdopted(h(1), h(1), "p14", DEU));
    events.add(new Event.PartyStatusChanged(h(2), h(2), RUS, Event.PartyStatus.AGGRESSION_ENDED, true));
    events.add(new Event.SanctionsEased(h(3), h(3), "p14", DEU));

    Outcome outcome = engine.run(events);

    assertThat(state(outcome, "test-compact/lock/DEU")).isEqualTo(State.BREACHED);
    assertThat(state(outcome, "test-compact/lock/GBR")).isEqualTo(State.ACTIVE);
    assertThat(outcome.transitions().getLast().cause()).isInstanceOfSatisfying(Cause.EventCause.class,
        cause -> assertThat(cause.seq()).isEqualTo(4));
  }

  @Test
  void dischargesTheSanctionsLockWhenItsConditionHolds() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Outcome outcome = engine.run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.PartyStatusChanged(h(1), h(1), RUS, Event.PartyStatus.AGGRESSION_ENDED, true),
        new Event.PartyStatusChanged(h(2), h(2), RUS, Event.PartyStatus.DAMAGE_COMPENSATED, true),
        new Event.SanctionsEased(h(3), h(3), "p14", DEU)));

    assertThat(state(outcome, "test-compact/lock/DEU")).isEqualTo(State.DISCHARGED);
  }

  @Test
  void keepsAnIncidentDutyPendingUntilVerificationAndExpiresItOutsideTheTerritory() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Outcome outcome = engine.run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.IncidentReported(h(1), h(1), new Event.IncidentId("kyiv"), Event.IncidentKind.MISSILE_STRIKE, "UA-30", 3, UKR,
            List.of()),
        new Event.IncidentReported(h(1), h(1), new Event.IncidentId("crimea"), Event.IncidentKind.MISSILE_STRIKE, "UA-43", 3, UKR,
            List.of()),
        new Event.IncidentVerified(h(5), h(5), new Event.IncidentId("kyiv"), UKR),
        new Event.IncidentVerified(h(5), h(5), new Event.IncidentId("crimea"), UKR)));

    NormInstance kyiv = outcome.instance("test-compact/verified-help/GBR@kyiv").orElseThrow();
    assertThat(kyiv.state()).isEqualTo(State.ACTIVE);
    assertThat(kyiv.due()).contains(h(5 + 7 * 24));
    assertThat(state(outcome, "test-compact/verified-help/GBR@crimea")).isEqualTo(State.EXPIRED);
    assertThat(outcome.transitions().getLast().cause().describe()).contains("UA-43 lies outside the territory of test-compact");
  }

  @Test
  void expiresPendingAndDischargesActiveDutiesWhenTheIncidentIsRejected() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(new Event.IncidentRejected(h(3), h(3), new Event.IncidentId("i1"), UKR, "no strike"));
    events.add(at(40));

    Outcome outcome = engine.run(events);

    assertThat(state(outcome, "test-compact/convene/GBR@c1")).isEqualTo(State.DISCHARGED);
    assertThat(state(outcome, "test-compact/verified-help/GBR@i1")).isEqualTo(State.EXPIRED);
  }

  @Test
  void terminatesEveryNormWhenTheNoticePeriodEnds() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Instant notice = Instant.parse("2025-03-15T00:00:00Z");
    Outcome outcome = engine.run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.TerminationNoticeGiven(notice, notice, UMBRELLA, DEU),
        new Event.TimeAdvanced(Instant.parse("2025-09-14T23:59:59Z"), Instant.parse("2025-09-14T23:59:59Z")),
        new Event.TimeAdvanced(Instant.parse("2025-09-15T00:00:00Z"), Instant.parse("2025-09-15T00:00:00Z"))));

    assertThat(state(outcome, "test-compact/lock/GBR")).isEqualTo(State.TERMINATED);
    assertThat(outcome.transitions().getLast().at()).isEqualTo(Instant.parse("2025-09-15T00:00:00Z"));
  }

  @Test
  void refusesAnAmbiguousNoticePeriodWithoutHaltingTheRecord() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Instant notice = Instant.parse("2025-08-31T12:00:00Z");
    List<Event> events = new ArrayList<>(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.TerminationNoticeGiven(notice, notice, UMBRELLA, DEU)));
    Instant later = Instant.parse("2026-06-01T00:00:00Z");
    events.add(new Event.IncidentReported(later, later, new Event.IncidentId("i1"), Event.IncidentKind.MISSILE_STRIKE, "UA-30", 4,
        UKR, List.of()));
    events.add(new Event.ConsultationRequested(later.plusSeconds(3600), later.plusSeconds(3600), new Event.ConsultationId("c1"), UKR,
        Optional.of(new Event.IncidentId("i1"))));
    Outcome outcome = engine.run(events);

    assertThat(outcome.halt()).isEmpty();
    assertThat(outcome.notices()).anySatisfy(n -> assertThat(n.message()).contains("2025-08-31 plus P6M has no such day"));
    assertThat(state(outcome, "test-compact/lock/GBR")).isEqualTo(State.ACTIVE);
    assertThat(state(outcome, "test-compact/convene/GBR@c1")).isEqualTo(State.ACTIVE);
  }

  @Test
  void endsTheNoticePeriodOnTheLastDayOfFebruaryUnderEndOfMonth() {
    Compact compact = TestCompacts.parse("calendar: end-of-month\n" + TestCompacts.GUARANTORS + "term: {notice: P6M}\n",
        TestCompacts.clause("""
            id: lock
            norm: prohibition
            obligor: guarantors
            domain: accountability
            action: ease-sanctions
            until: aggressor.damage_compensated
            """));
    Instant notice = Instant.parse("2025-08-31T12:00:00Z");
    Outcome outcome = Engine.of(compact).run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.TerminationNoticeGiven(notice, notice, UMBRELLA, DEU),
        new Event.TimeAdvanced(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"))));

    assertThat(outcome.halt()).isEmpty();
    Transition ended = outcome.transitions().getLast();
    assertThat(ended.to()).isEqualTo(State.TERMINATED);
    assertThat(ended.at()).isEqualTo(Instant.parse("2026-02-28T12:00:00Z"));
  }

  @Test
  void terminatesTheCompactWhenTheBeneficiaryJoinsNato() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Outcome outcome = engine.run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.PartyStatusChanged(h(1), h(1), UKR, Event.PartyStatus.NATO_MEMBER, true)));

    assertThat(state(outcome, "test-compact/lock/GBR")).isEqualTo(State.TERMINATED);
    assertThat(outcome.transitions().getLast().cause()).isEqualTo(
        new Cause.ConditionHeld("ending condition", "beneficiary.nato_member", 2));
  }

  /** The umbrella of {@link TestCompacts#consultations}, ending on NATO accession, with its sanctions lock made to survive. */
  static Compact survivingLock() {
    return TestCompacts.parse(TestCompacts.GUARANTORS + "term: {ends-when: [beneficiary.nato_member], survives: [lock]}\n",
        TestCompacts.LOCK_AND_TERMINATE);
  }

  @Test
  void aSurvivingLockStillLiftsWhenItsOwnConditionHoldsAfterTheAgreementEnds() {
    Outcome outcome = Engine.of(survivingLock()).run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.PartyStatusChanged(h(1), h(1), UKR, Event.PartyStatus.NATO_MEMBER, true),
        new Event.PartyStatusChanged(h(2), h(2), RUS, Event.PartyStatus.AGGRESSION_ENDED, true),
        new Event.PartyStatusChanged(h(3), h(3), RUS, Event.PartyStatus.DAMAGE_COMPENSATED, true),
        new Event.SanctionsEased(h(4), h(4), "p14", DEU)));

    assertThat(state(outcome, "test-compact/terminate/GBR")).isEqualTo(State.TERMINATED);
    assertThat(state(outcome, "test-compact/lock/DEU")).isEqualTo(State.DISCHARGED);
    assertThat(outcome.transitions()).anySatisfy(t -> {
      assertThat(t.instance().key()).isEqualTo("test-compact/lock/GBR");
      assertThat(t.to()).isEqualTo(State.DISCHARGED);
      assertThat(t.at()).isEqualTo(h(3));
      assertThat(t.cause()).isEqualTo(new Cause.ConditionHeld("lifting condition",
          "aggressor.aggression_ended && aggressor.damage_compensated", 4));
    });
  }

  @Test
  void aSurvivingLockStillBindsWhileItsOwnConditionDoesNotHold() {
    Outcome outcome = Engine.of(survivingLock()).run(List.of(
        new Event.EnteredIntoForce(h(0), h(0), UMBRELLA),
        new Event.PartyStatusChanged(h(1), h(1), UKR, Event.PartyStatus.NATO_MEMBER, true),
        new Event.PartyStatusChanged(h(2), h(2), RUS, Event.PartyStatus.AGGRESSION_ENDED, true),
        new Event.SanctionsEased(h(4), h(4), "p14", DEU)));

    assertThat(state(outcome, "test-compact/lock/DEU")).isEqualTo(State.BREACHED);
    assertThat(state(outcome, "test-compact/lock/GBR")).isEqualTo(State.ACTIVE);
  }

  /** Germany's pledge for 2024, subject to the Bundestag's approval, in force from 2024-01-01. */
  static Compact conditionalPledge() {
    return TestCompacts.parse(TestCompacts.GUARANTORS, "", TestCompacts.YEARLY.replace("id: gbr-yearly", "id: deu-pledge")
        .replace("parties: [GBR, UKR]", "parties: [DEU, UKR]").replace("2024-04-01, in-force: 2024-04-01", "2024-01-01, in-force: 2024-01-01")
        .replace("""
            obligor: GBR
            beneficiary: UKR
            domain: military
            amount: {value: 1000000000, currency: GBP}
            schedule: {start: 2024-04-01, every: P1Y, count: 10, amount: {value: 100000000, currency: GBP}}
            """, """
            obligor: DEU
            beneficiary: UKR
            domain: military
            amount: {value: 7100000000, currency: EUR}
            subject-to: [parliamentary-approval]
            period: {start: 2024-01-01, end: 2024-12-31}
            """));
  }

  /** Audit round 5, B4: a pledge whose condition nobody recorded showed only "pending", then "expired" at the year's end. */
  @Test
  void showsABegunPledgeWhoseConditionIsNotRecordedAsPendingWithThatReason() {
    Engine engine = Engine.of(conditionalPledge());
    Instant january = Instant.parse("2024-01-15T00:00:00Z");
    Event begin = new Event.TimeAdvanced(january, january);
    Instant june = Instant.parse("2024-06-01T00:00:00Z");
    Instant approved = Instant.parse("2024-02-02T12:00:00Z");
    Event.PreconditionMet approval = new Event.PreconditionMet(approved, approved, DEU,
        new Event.Target.Clause(new AgreementId("deu-pledge"), new ClauseId("tranches")), dev.compact.agreements.Precondition.PARLIAMENTARY_APPROVAL);

    NormInstance unrecorded = engine.run(List.of(begin,
        new Event.TimeAdvanced(june, june))).instance("deu-pledge/tranches/DEU").orElseThrow();
    NormInstance recorded = engine.run(List.of(begin,
        approval, new Event.TimeAdvanced(june, june))).instance("deu-pledge/tranches/DEU").orElseThrow();
    Instant yearEnd = Instant.parse("2025-01-01T00:00:00Z");
    Outcome expired = engine.run(List.of(begin,
        new Event.TimeAdvanced(yearEnd, yearEnd)));

    assertThat(unrecorded.state()).isEqualTo(State.PENDING);
    assertThat(unrecorded.deadline()).isEqualTo("period 2024-01-01 to 2024-12-31 (pending: parliamentary approval not recorded)");
    assertThat(recorded.state()).isEqualTo(State.ACTIVE);
    assertThat(recorded.deadline()).isEqualTo("period 2024-01-01 to 2024-12-31");
    assertThat(state(expired, "deu-pledge/tranches/DEU")).isEqualTo(State.EXPIRED);
    assertThat(expired.transitions().getLast().cause().describe()).contains("ended before parliamentary approval was recorded as met");
  }

  /** Audit round 5, C20: EUR 1,000 over three years gave 333.33 three times (0.01 lost), and JPY 1,000 gave 333.33 yen. */
  @Test
  void spreadsATotalInTheCurrencysMinorUnitsWithTheRemainderInTheLastPeriod() {
    assertThat(targetsOfThreeYears("{value: 1000, currency: EUR}")).containsExactly("EUR 333.33", "EUR 333.33", "EUR 333.34");
    assertThat(targetsOfThreeYears("{value: 1000, currency: JPY}")).containsExactly("JPY 333", "JPY 333", "JPY 334");
    assertThat(targetsOfThreeYears("{value: 900, currency: EUR}")).containsExactly("EUR 300", "EUR 300", "EUR 300");
  }

  @Test
  void aYenPeriodMetToTheYenIsFulfilled() {
    Outcome outcome = deliveredInTheFirstOfThreeYears("{value: 1000, currency: JPY}", new Money(new BigDecimal("333"), "JPY"));

    assertThat(state(outcome, "gbr-yearly/tranches/GBR@2025-01-01")).isEqualTo(State.FULFILLED);
  }

  /**
   * Review 6, M1: a three-decimal currency's target (KWD 333.333) was printed to two decimals, so a period short by one
   * fils read "KWD 333.33 of KWD 333.33 delivered" beside its breach.
   */
  @Test
  void showsAThreeDecimalCurrencyToItsMinorUnit() {
    Outcome outcome = deliveredInTheFirstOfThreeYears("{value: 1000, currency: KWD}", new Money(new BigDecimal("333.33"), "KWD"));

    assertThat(outcome.instance("gbr-yearly/tranches/GBR@2025-01-01").orElseThrow().progress().orElseThrow().describe())
        .startsWith("KWD 333.330 of KWD 333.333 delivered");
    assertThat(Progress.amount("EUR", new BigDecimal("1200000000"))).isEqualTo("EUR 1,200,000,000");
    assertThat(Progress.amount("EUR", new BigDecimal("333.5"))).isEqualTo("EUR 333.50");
    assertThat(Progress.amount("JPY", new BigDecimal("334.5"))).as("finer than the currency's unit: shown, not rounded away")
        .isEqualTo("JPY 334.5");
  }

  /** Three yearly periods of {@code total} from 2025-01-01, with {@code delivered} delivered against them in June 2025. */
  static Outcome deliveredInTheFirstOfThreeYears(String total, Money delivered) {
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    Instant paid = Instant.parse("2025-06-01T00:00:00Z");
    return Engine.of(TestCompacts.parse(TestCompacts.GUARANTORS, "", threeYears(total))).run(List.of(new Event.TimeAdvanced(start, start),
        new Event.DeliveryRecorded(paid, paid, GBR, Domain.MILITARY, Optional.of(delivered), Optional.empty(), List.of(),
            Optional.of(new Event.Target.Clause(new AgreementId("gbr-yearly"), new ClauseId("tranches"))))));
  }

  /** The UK's yearly support with a total and no per-period amount: three periods from 2025-01-01. */
  static String threeYears(String total) {
    return TestCompacts.YEARLY.replace("amount: {value: 1000000000, currency: GBP}", "amount: " + total)
        .replace("schedule: {start: 2024-04-01, every: P1Y, count: 10, amount: {value: 100000000, currency: GBP}}",
            "schedule: {start: 2025-01-01, every: P1Y, count: 3}");
  }

  /** The target of each of the three periods, read as each period is under way. */
  static List<String> targetsOfThreeYears(String total) {
    Engine engine = Engine.of(TestCompacts.parse(TestCompacts.GUARANTORS, "", threeYears(total)));
    List<String> targets = new ArrayList<>();
    for (int year = 2025; year <= 2027; year++) {
      Instant during = Instant.parse(year + "-06-01T00:00:00Z");
      Outcome outcome = engine.run(List.of(new Event.TimeAdvanced(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")),
          new Event.TimeAdvanced(during, during)));
      targets.add(outcome.instance("gbr-yearly/tranches/GBR@" + year + "-01-01").orElseThrow().progress().orElseThrow().target().orElseThrow()
          .toString());
    }
    return targets;
  }

  @Test
  void countsYearlyTranchesPerPeriodAndShowsPartialDelivery() {
    Compact compact = TestCompacts.parse(TestCompacts.GUARANTORS, "", TestCompacts.YEARLY);
    Engine engine = Engine.of(compact);
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    Instant delivered = Instant.parse("2025-05-01T00:00:00Z");
    Instant end = Instant.parse("2026-04-01T00:00:00Z");
    Outcome outcome = engine.run(List.of(
        new Event.TimeAdvanced(start, start),
        new Event.DeliveryRecorded(delivered, delivered, GBR, Domain.MILITARY,
            Optional.of(new Money(new BigDecimal("50000000"), "EUR")), Optional.of(new Event.ExchangeRate("GBP", new BigDecimal("0.8"))),
            List.of(), Optional.of(new Event.Target.Clause(new AgreementId("gbr-yearly"), new ClauseId("tranches")))),
        new Event.TimeAdvanced(end, end)));

    assertThat(state(outcome, "gbr-yearly/tranches/GBR@2024-04-01")).isEqualTo(State.BREACHED);
    NormInstance second = outcome.instance("gbr-yearly/tranches/GBR@2025-04-01").orElseThrow();
    assertThat(second.state()).isEqualTo(State.BREACHED);
    assertThat(second.progress().orElseThrow().describe()).isEqualTo("GBP 40,000,000 of GBP 100,000,000 delivered (40%)");
    assertThat(state(outcome, "gbr-yearly/tranches/GBR@2026-04-01")).isEqualTo(State.ACTIVE);
    assertThat(outcome.instance("gbr-yearly/tranches/GBR@2027-04-01")).hasValueSatisfying(
        next -> assertThat(next.state()).isEqualTo(State.PENDING));
  }

  static String trainingAgreement(String trainingBound) {
    return trainingItems("""
        - {item: soldiers trained, quantity: 4000%s}
        - {item: vehicles, quantity: 10}
        """.formatted(trainingBound));
  }

  @Test
  void anItemLineUpToAQuantityIsACeilingAndEndingShortOfItIsNoBreach() {
    Instant delivered = Instant.parse("2024-09-01T00:00:00Z");
    Instant end = Instant.parse("2025-04-02T00:00:00Z");
    Event vehicles = new Event.DeliveryRecorded(delivered, delivered, GBR, Domain.MILITARY, Optional.empty(), Optional.empty(),
        List.of(new ItemLine("soldiers trained", 2500), new ItemLine("vehicles", 10)),
        Optional.of(new Event.Target.Clause(new AgreementId("gbr-training"), new ClauseId("training"))));
    Event fewVehicles = new Event.DeliveryRecorded(delivered, delivered, GBR, Domain.MILITARY, Optional.empty(), Optional.empty(),
        List.of(new ItemLine("soldiers trained", 2500), new ItemLine("vehicles", 3)),
        Optional.of(new Event.Target.Clause(new AgreementId("gbr-training"), new ClauseId("training"))));
    String key = "gbr-training/training/GBR";

    // Up to 4,000 soldiers and at least 10 vehicles: 2,500 soldiers and the 10 vehicles keep the promise.
    Engine ceiling = Engine.of(TestCompacts.parse(TestCompacts.GUARANTORS, "", trainingAgreement(", bound: up-to")));
    Outcome kept = ceiling.run(List.of(vehicles, new Event.TimeAdvanced(end, end)));
    assertThat(state(kept, key)).isEqualTo(State.DISCHARGED);
    assertThat(kept.transitions().getLast().describe()).contains(key, "-> discharged", "a ceiling (up to), which is not a breach");
    // The floor beside the ceiling still binds: 3 of 10 vehicles is a breach, however the soldiers stand.
    assertThat(state(ceiling.run(List.of(fewVehicles, new Event.TimeAdvanced(end, end))), key)).isEqualTo(State.BREACHED);
    // Without the bound the quantity is a floor, as before: 2,500 of 4,000 soldiers is a breach.
    Engine floor = Engine.of(TestCompacts.parse(TestCompacts.GUARANTORS, "", trainingAgreement("")));
    assertThat(state(floor.run(List.of(vehicles, new Event.TimeAdvanced(end, end))), key)).isEqualTo(State.BREACHED);
  }

  static String trainingItems(String items) {
    String head = TestCompacts.YEARLY.replace("id: gbr-yearly", "id: gbr-training");
    return head.substring(0, head.indexOf("# Yearly support"))
        + "# Training\n\n" + TestCompacts.clause("""
        id: training
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        items:
        %s
        period: {start: 2024-04-01, end: 2025-03-31}
        """.formatted(items.strip().indent(2).stripTrailing()));
  }

  static Event trainingDelivery(Instant at, ItemLine... items) {
    return new Event.DeliveryRecorded(at, at, GBR, Domain.MILITARY, Optional.empty(), Optional.empty(), List.of(items),
        Optional.of(new Event.Target.Clause(new AgreementId("gbr-training"), new ClauseId("training"))));
  }

  @Test
  void notesOnceWhenMoreThanAnItemLineUpToOrExactlyIsDelivered() {
    Instant first = Instant.parse("2024-06-01T00:00:00Z");
    Instant second = Instant.parse("2024-09-01T00:00:00Z");
    Engine engine = Engine.of(TestCompacts.parse(TestCompacts.GUARANTORS, "", trainingItems("""
        - {item: soldiers trained, quantity: 4000, bound: up-to}
        - {item: vehicles, quantity: 10, bound: exact}
        - {item: drones, quantity: 50}
        """)));

    Outcome outcome = engine.run(List.of(
        trainingDelivery(first, new ItemLine("soldiers trained", 4500), new ItemLine("vehicles", 12), new ItemLine("drones", 80)),
        trainingDelivery(second, new ItemLine("soldiers trained", 100), new ItemLine("vehicles", 1))));

    assertThat(outcome.notices()).extracting(Notice::message)
        .filteredOn(m -> m.contains("has received more than"))
        .as("one note per line over its ceiling or exact number, none for a floor (at least)")
        .containsExactly(
            "gbr-training/training/GBR has received more than its up to 4,000 soldiers trained: "
                + "4,500 of 4,000 soldiers trained; 12 of 10 vehicles; 80 of 50 drones",
            "gbr-training/training/GBR has received more than its exactly 10 vehicles: "
                + "4,500 of 4,000 soldiers trained; 12 of 10 vehicles; 80 of 50 drones");
  }

  @Test
  void twoLinesOfOneItemEachKeepTheirOwnBound() {
    // "At least 1,000 and up to 4,000 soldiers": a floor line and a ceiling line of one item make a range.
    Engine engine = Engine.of(TestCompacts.parse(TestCompacts.GUARANTORS, "", trainingItems("""
        - {item: soldiers trained, quantity: 1000}
        - {item: soldiers trained, quantity: 4000, bound: up-to}
        """)));
    Instant delivered = Instant.parse("2024-09-01T00:00:00Z");
    Instant end = Instant.parse("2025-04-02T00:00:00Z");
    String key = "gbr-training/training/GBR";

    assertThat(state(engine.run(List.of(trainingDelivery(delivered, new ItemLine("soldiers trained", 2500)), new Event.TimeAdvanced(end, end))),
        key)).as("between the floor and the ceiling").isEqualTo(State.DISCHARGED);
    assertThat(state(engine.run(List.of(trainingDelivery(delivered, new ItemLine("soldiers trained", 500)), new Event.TimeAdvanced(end, end))),
        key)).as("short of the floor line, whatever the ceiling line says").isEqualTo(State.BREACHED);
    assertThat(engine.run(List.of(trainingDelivery(delivered, new ItemLine("soldiers trained", 4001)))).notices()).extracting(Notice::message)
        .containsExactly(key + " has received more than its up to 4,000 soldiers trained: 4,001 of 1,000 soldiers trained; "
            + "4,001 of 4,000 soldiers trained");
  }

  @Test
  void stopsTheClockWhileAnAgreementIsSuspended() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(new Event.Suspended(h(10), h(10), UMBRELLA, GBR));
    events.add(new Event.Resumed(h(40), h(40), UMBRELLA, GBR));

    NormInstance convene = engine.run(events).instance("test-compact/convene/GBR@c1").orElseThrow();

    assertThat(convene.state()).isEqualTo(State.ACTIVE);
    assertThat(convene.due()).contains(h(40 + 16));
  }

  @Test
  void nextTimerSkipsDeadlinesThatCanNoLongerFire() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Replay replay = engine.replay();
    strikeAndRequest().forEach(replay::apply);
    assertThat(replay.nextTimer()).contains(h(26));

    replay.apply(held(20, UKR, GBR, DEU, RUS));

    assertThat(replay.nextTimer()).contains(h(2 + 72));
  }

  @Test
  void acceptsAMeetingRecordedLateAndShowsTheCorrection() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    List<Event> events = strikeAndRequest();
    events.add(at(30));
    events.add(new Event.ConsultationHeld(h(20), h(50), new Event.ConsultationId("c1"), List.of(UKR, GBR)));

    Outcome outcome = engine.run(events);

    assertThat(outcome.halt()).isEmpty();
    assertThat(state(outcome, "test-compact/convene/GBR@c1")).isEqualTo(State.FULFILLED);
    assertThat(state(outcome, "test-compact/convene/DEU@c1")).isEqualTo(State.BREACHED);
    assertThat(outcome.instance("test-compact/ministers/GBR@c1")).isEmpty();
    List<String> gbr = outcome.transitions().stream().filter(t -> t.instance().key().equals("test-compact/convene/GBR@c1"))
        .map(Transition::describe).toList();
    assertThat(gbr).hasSize(3);
    assertThat(gbr.get(1)).contains("active -> breached");
    assertThat(gbr.get(2)).isEqualTo("2025-03-03T08:00:00Z  test-compact/convene/GBR@c1  breached -> fulfilled  because event #5 "
        + "(" + EventText.describe(events.get(4)) + ", at 2025-03-02T02:00:00Z) recorded late on 2025-03-03T08:00:00Z, "
        + "changes breached to fulfilled");
    assertThat(outcome.notices()).anySatisfy(n -> assertThat(n.message()).isEqualTo("test-compact/ministers/GBR@c1 no longer arises once "
        + "the event that occurred at 2025-03-02T02:00:00Z and was recorded late on 2025-03-03T08:00:00Z is placed at the time it occurred"));
    assertThat(outcome.notices()).anySatisfy(n -> assertThat(n.message()).startsWith(
        "the event that occurred at 2025-03-02T02:00:00Z and was recorded late on 2025-03-03T08:00:00Z came before the time"));
    // Issue #11: a position counts classified events too, so no notice names one.
    assertThat(outcome.notices()).allSatisfy(n -> assertThat(n.message() + n.describe()).doesNotContain("#"));
  }

  @Test
  void aLateEventLetsTimePassToItsRecordingFirst() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Replay replay = engine.replay();
    strikeAndRequest().forEach(replay::apply);
    replay.apply(at(10));

    replay.apply(new Event.ConsultationHeld(h(5), h(40), new Event.ConsultationId("c1"), List.of(UKR, DEU)));

    assertThat(replay.clock()).contains(h(40));
    assertThat(replay.instance("test-compact/convene/DEU@c1").orElseThrow().state()).isEqualTo(State.FULFILLED);
    assertThat(replay.instance("test-compact/convene/GBR@c1").orElseThrow().state()).isEqualTo(State.BREACHED);
  }

  @Test
  void replayingTheSameEventsTwiceGivesTheSameBytes() {
    Compact compact = TestCompacts.consultations("unanimity", "inclusive");
    List<Event> events = strikeAndRequest();
    events.add(held(20, UKR, GBR));
    events.add(at(100));

    String first = Canonical.json(Engine.of(compact).run(events));
    String second = Canonical.json(Engine.of(compact).run(events));

    assertThat(second).isEqualTo(first);
    assertThat(first).contains("\"instance\":\"test-compact/convene/DEU@c1\",\"from\":\"active\",\"to\":\"breached\"");
  }
}

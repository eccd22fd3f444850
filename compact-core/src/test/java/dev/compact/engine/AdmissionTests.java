package dev.compact.engine;

import static dev.compact.engine.EngineTests.GBR;
import static dev.compact.engine.EngineTests.UKR;
import static dev.compact.engine.EngineTests.h;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Compact;
import dev.compact.engine.Admission.Refusal;
import dev.compact.engine.Admission.Writer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a new write may put on the record as the record stands (audit round 4): the rules that keep one desk within
 * its state's rights, asked before recording. The fold of events already recorded is not changed by them.
 */
class AdmissionTests {
  static final Event.IncidentId I1 = new Event.IncidentId("i1");

  static Replay replay(Compact compact, List<Event> events) {
    Replay replay = Engine.of(compact).replay();
    events.forEach(replay::apply);
    return replay;
  }

  @Test
  void refusesASecondVerdictOnAnIncidentAlreadySettled() {
    Replay replay = replay(TestCompacts.consultations("national", "inclusive"), EngineTests.strikeAndRequest());
    Event verify = new Event.IncidentVerified(h(3), h(3), I1, UKR);
    Event reject = new Event.IncidentRejected(h(4), h(4), I1, UKR, "no strike");

    assertThat(replay.admit(verify, Writer.RECORDER)).isEmpty();
    replay.apply(verify);
    Optional<Refusal> second = replay.admit(reject, Writer.RECORDER);
    Optional<Refusal> again = replay.admit(new Event.IncidentVerified(h(4), h(4), I1, GBR), Writer.RECORDER);

    assertThat(second).hasValueSatisfying(r -> {
      assertThat(r.forbidden()).isFalse();
      assertThat(r.reason()).isEqualTo("incident i1 was already verified at 2025-03-01T09:00:00Z; a second verdict would be ignored by the"
          + " engine and contradict the record (an incident is settled once)");
    });
    assertThat(again).isPresent();
    // What the refusal protects: the engine ignores the second verdict, so the duties stay as verified.
    replay.apply(reject);
    assertThat(replay.outcome().notices()).anySatisfy(n -> assertThat(n.message()).isEqualTo("incident i1 was already verified; ignored"));
  }

  @Test
  void admitsTheFirstVerdictAndLeavesAnUnreportedIncidentToTheEngine() {
    Replay replay = replay(TestCompacts.consultations("national", "inclusive"), EngineTests.strikeAndRequest());

    assertThat(replay.admit(new Event.IncidentRejected(h(3), h(3), I1, UKR, "no strike"), Writer.RECORDER)).isEmpty();
    assertThat(replay.admit(new Event.IncidentVerified(h(3), h(3), new Event.IncidentId("nowhere"), UKR), Writer.RECORDER)).isEmpty();
  }

  static final dev.compact.agreements.AgreementId BILATERAL = new dev.compact.agreements.AgreementId("gbr-ukr");

  /** GBR and UKR, each with a 24-hour duty to consult when the other asks; no power to suspend; extensible. */
  static final String GBR_UKR = """
      ---
      id: gbr-ukr
      title: Bilateral
      parties: [GBR, UKR]
      beneficiary: UKR
      binding: political
      lifecycle: {signed: 2025-03-01}
      term: {years: 10, extension: "by mutual decision of the Parties"}
      ---

      # Bilateral

      """ + TestCompacts.clause("""
      id: gbr-consult
      norm: obligation
      obligor: GBR
      beneficiary: UKR
      domain: military
      trigger: 'consultation.requested_by == "UKR"'
      action: consult Ukraine
      deadline: {within: PT24H, from: consultation-requested}
      fulfilled-by: consultation-held
      """) + TestCompacts.clause("""
      id: ukr-consult
      norm: obligation
      obligor: UKR
      beneficiary: GBR
      domain: military
      trigger: 'consultation.requested_by == "GBR"'
      action: consult the United Kingdom
      deadline: {within: PT24H, from: consultation-requested}
      fulfilled-by: consultation-held
      """);

  static final String SUSPEND_POWER = TestCompacts.clause("""
      id: gbr-suspend
      norm: power
      obligor: GBR
      domain: military
      action: suspend
      """);

  static Compact bilateral(String text) {
    return TestCompacts.parse(TestCompacts.GUARANTORS, "", text);
  }

  static Event.ConsultationRequested request(long hours, String id, dev.compact.agreements.PartyCode by) {
    return new Event.ConsultationRequested(h(hours), h(hours), new Event.ConsultationId(id), by, Optional.empty());
  }

  static Event.Suspended suspend(long hours, dev.compact.agreements.AgreementId agreement) {
    return new Event.Suspended(h(hours), h(hours), agreement, GBR);
  }

  /** Audit round 4, A3: one guarantor suspended the whole compact, every other guarantor's duties and locks with it. */
  @Test
  void refusesOnePartySuspendingAMultilateralAgreementThatGrantsNoSuspendPower() {
    Replay replay = replay(TestCompacts.consultations("national", "inclusive"), List.of(
        new Event.EnteredIntoForce(h(0), h(0), EngineTests.UMBRELLA)));

    assertThat(replay.admit(suspend(1, EngineTests.UMBRELLA), Writer.PARTY)).hasValueSatisfying(r -> {
      assertThat(r.forbidden()).isTrue();
      assertThat(r.reason()).startsWith("test-compact grants no power to suspend it, and it has 4 parties: GBR's suspension would suspend"
          + " every party's duties under it").contains("art. 57(b)");
    });
  }

  @Test
  void refusesSuspendingABilateralAgreementWithoutTheOtherPartysBreachOnRecord() {
    Replay replay = replay(bilateral(GBR_UKR), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL)));

    assertThat(replay.admit(suspend(1, BILATERAL), Writer.PARTY)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(
        "gbr-ukr grants no power to suspend it, and no breach of it by UKR is on the record: a party suspends a treaty alone only as the"
            + " treaty provides, or on the ground of the other party's material breach (Vienna Convention on the Law of Treaties, arts. 57"
            + " and 60)"));
  }

  /**
   * Audit round 4, A3: the UK suspended its agreement eight hours into its own 24-hour duty, which then never breached.
   * With the other party's breach on record it may suspend, but not while its own duty runs.
   */
  @Test
  void refusesASuspensionWhileTheSuspendingPartysOwnDutyRunsAndAdmitsItOnABreachOnceItIsMet() {
    Replay replay = replay(bilateral(GBR_UKR), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL),
        request(1, "c0", GBR), EngineTests.at(30), request(31, "c1", UKR)));
    assertThat(replay.instance("gbr-ukr/ukr-consult/UKR@c0").orElseThrow().state()).isEqualTo(State.BREACHED);

    Optional<Refusal> running = replay.admit(suspend(39, BILATERAL), Writer.PARTY);
    replay.apply(new Event.ConsultationHeld(h(40), h(40), new Event.ConsultationId("c1"), List.of(GBR, UKR)));
    Optional<Refusal> met = replay.admit(suspend(41, BILATERAL), Writer.PARTY);

    assertThat(running).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("GBR's duty gbr-ukr/gbr-consult/GBR@c1 is running (due"
        + " 2025-03-03T13:00:00Z): a suspension does not release a party from a duty that arose before it (Vienna Convention on the Law of"
        + " Treaties, art. 72(1)(b)); perform it, or let it be judged, before GBR suspends gbr-ukr"));
    assertThat(met).as("UKR's breach is a ground, and GBR owes nothing running").isEmpty();
  }

  @Test
  void aHolderOfASuspendPowerSuspendsWithoutAGroundButNotOutOfItsOwnRunningDuty() {
    Replay replay = replay(bilateral(GBR_UKR + SUSPEND_POWER), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL)));
    assertThat(replay.admit(suspend(1, BILATERAL), Writer.PARTY)).isEmpty();

    replay.apply(request(2, "c1", UKR));
    assertThat(replay.admit(suspend(3, BILATERAL), Writer.PARTY)).hasValueSatisfying(r -> assertThat(r.reason())
        .startsWith("GBR's duty gbr-ukr/gbr-consult/GBR@c1 is running"));
  }

  /** Old logs fold as they did: the engine still applies a suspension the write policy would now refuse. */
  @Test
  void theFoldOfASuspensionAlreadyOnRecordIsUnchanged() {
    Replay replay = replay(bilateral(GBR_UKR), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL), request(1, "c1", UKR),
        suspend(2, BILATERAL)));

    assertThat(replay.instance("gbr-ukr/gbr-consult/GBR@c1").orElseThrow().state()).isEqualTo(State.SUSPENDED);
  }

  static Event.Extended extended(long hours, dev.compact.agreements.PartyCode by, dev.compact.agreements.PartyCode... agreed) {
    return new Event.Extended(h(hours), h(hours), by, BILATERAL, List.of(agreed), 10);
  }

  /**
   * Audit round 4, B7: the UK's desk recorded that Ukraine agreed, and the engine extended the agreement by ten years
   * on the UK's word alone. A desk names another party only once that party's own consent is on the record.
   */
  @Test
  void aDeskNamesAnotherPartyAsAgreeingToAnExtensionOnlyOnceThatPartysOwnConsentIsOnRecord() {
    Replay replay = replay(bilateral(GBR_UKR), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL)));

    Optional<Refusal> alone = replay.admit(extended(1, GBR, GBR, UKR), Writer.PARTY);
    assertThat(alone).hasValueSatisfying(r -> {
      assertThat(r.forbidden()).isTrue();
      assertThat(r.reason()).startsWith("UKR's consent to extending gbr-ukr by 10 years is not on the record, and GBR's desk cannot give it:"
          + " an extension needs every party's own agreement (Vienna Convention on the Law of Treaties, arts. 39 and 40)");
    });
    assertThat(replay.admit(extended(1, GBR, GBR, UKR), Writer.RECORDER)).as("the secretariat records for every party").isEmpty();
    assertThat(replay.admit(extended(1, GBR, GBR), Writer.PARTY)).as("its own consent").isEmpty();

    replay.apply(extended(1, UKR, UKR));
    assertThat(replay.outcome().notices()).as("one consent alone extends nothing").anySatisfy(n -> assertThat(n.message())
        .isEqualTo("extension of gbr-ukr refused: an extension by mutual decision needs every party; GBR did not join it"));
    assertThat(replay.admit(extended(2, GBR, GBR, UKR), Writer.PARTY)).as("UKR's consent is on file").isEmpty();
    replay.apply(extended(2, GBR, GBR, UKR));
    assertThat(replay.outcome().notices()).anySatisfy(n -> assertThat(n.message()).startsWith("gbr-ukr extended by 10 years"));
    assertThat(replay.admit(extended(3, GBR, GBR, UKR), Writer.PARTY)).as("a consent is spent by the extension it made").isPresent();
  }

  /**
   * Audit round 4, B8: the obligor alone cleared its own breach years later by reporting a backdated meeting only it
   * attended. Its desk's report is refused until another attendee (or the secretariat) attests the meeting.
   */
  @Test
  void aMeetingReportedAfterItsDeadlineClearsTheObligorsBreachOnlyWhenAnotherAttendeeAttestsIt() {
    Replay replay = replay(bilateral(GBR_UKR), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL), request(1, "c1", UKR),
        EngineTests.at(24 * 400)));
    assertThat(replay.instance("gbr-ukr/gbr-consult/GBR@c1").orElseThrow().state()).isEqualTo(State.BREACHED);
    Event.ConsultationHeld byGbr = new Event.ConsultationHeld(h(20), h(24 * 400), new Event.ConsultationId("c1"), List.of(GBR));

    assertThat(replay.admit(byGbr, Writer.PARTY)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo("GBR's duty"
        + " gbr-ukr/gbr-consult/GBR@c1 was breached when its deadline 2025-03-02T07:00:00Z passed; a meeting reported after that, as held at"
        + " 2025-03-02T02:00:00Z, clears the breach only when someone other than GBR attests it: another attendee's desk recording its own"
        + " attendance at that time first, or the secretariat recording the meeting. The breach stands"));
    assertThat(replay.admit(byGbr, Writer.RECORDER)).isEmpty();
    assertThat(replay.admit(new Event.ConsultationHeld(h(30), h(24 * 400), new Event.ConsultationId("c1"), List.of(GBR)), Writer.PARTY))
        .as("a meeting after the deadline clears nothing, so nothing to attest").isEmpty();

    replay.apply(new Event.ConsultationHeld(h(20), h(24 * 400), new Event.ConsultationId("c1"), List.of(UKR)));
    assertThat(replay.instance("gbr-ukr/gbr-consult/GBR@c1").orElseThrow().state()).as("UKR's attendance alone is not GBR's")
        .isEqualTo(State.BREACHED);
    assertThat(replay.admit(byGbr, Writer.PARTY)).as("attested by UKR's record of the same meeting").isEmpty();
    replay.apply(byGbr);
    assertThat(replay.instance("gbr-ukr/gbr-consult/GBR@c1").orElseThrow().state()).isEqualTo(State.FULFILLED);
  }

  /** Ukraine's duty, when it asks for consultations, to say what it needs within a day of the first meeting. */
  static final String FROM_MEETING = TestCompacts.clause("""
      id: ukr-needs
      norm: obligation
      obligor: UKR
      beneficiary: UKR
      domain: military
      trigger: 'consultation.requested_by == "UKR"'
      action: state its needs
      deadline: {within: PT24H, from: consultation-held}
      fulfilled-by: measures-decided
      """);

  /**
   * Review round 5, L12: a desk's meeting reported as held before the consultation's first recorded meeting became the
   * first meeting on refold, and moved another party's deadline counted from the meeting, on that desk's word alone.
   */
  @Test
  void aMeetingReportedAsHeldBeforeTheFirstMovesDeadlinesFromTheMeetingOnlyWhenAttested() {
    Replay replay = replay(bilateral(GBR_UKR + FROM_MEETING), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL),
        request(1, "c1", UKR), new Event.ConsultationHeld(h(10), h(10), new Event.ConsultationId("c1"), List.of(UKR, GBR)), EngineTests.at(12)));
    assertThat(replay.instance("gbr-ukr/ukr-needs/UKR@c1").orElseThrow().due()).contains(h(34));
    Event.ConsultationHeld earlier = new Event.ConsultationHeld(h(5), h(12), new Event.ConsultationId("c1"), List.of(GBR));

    assertThat(replay.admit(earlier, Writer.PARTY)).hasValueSatisfying(r -> {
      assertThat(r.forbidden()).isTrue();
      assertThat(r.reason()).isEqualTo("consultation c1 was first recorded as held at 2025-03-01T16:00:00Z; a meeting reported as held"
          + " earlier, at 2025-03-01T11:00:00Z, would become its first and move the deadlines counted from the meeting"
          + " (gbr-ukr/ukr-needs/UKR@c1). It is recorded only when someone else attests it: another attendee's desk recording its own"
          + " attendance at that time first, or the secretariat recording the meeting");
      assertThat(r.concerns()).containsExactly("gbr-ukr/ukr-needs/UKR@c1");
    });
    assertThat(replay.admit(earlier, Writer.RECORDER)).isEmpty();
    assertThat(replay.admit(new Event.ConsultationHeld(h(11), h(12), new Event.ConsultationId("c1"), List.of(GBR)), Writer.PARTY))
        .as("a later session moves nothing").isEmpty();
    replay.apply(new Event.ConsultationHeld(h(5), h(12), new Event.ConsultationId("c1"), List.of(UKR)));
    assertThat(replay.admit(earlier, Writer.PARTY)).as("attested by UKR's record of the same meeting").isEmpty();
  }

  static Event.TerminationNoticeGiven notice(java.time.Instant at, dev.compact.agreements.PartyCode by) {
    return new Event.TerminationNoticeGiven(at, at, BILATERAL, by);
  }

  static final String WITH_NOTICE = GBR_UKR.replace("term: {years: 10,", "term: {years: 10, notice: P6M,");

  /**
   * Audit round 5, A1: the engine ignores a notice it refuses (no power to terminate, no date to take effect) with a
   * note that nobody read: the service answered 200, and the page showed the notice as given while the agreement ran on.
   */
  @Test
  void refusesANoticeTheEngineWouldIgnoreWithTheEnginesOwnReason() {
    Replay noPower = replay(bilateral(GBR_UKR), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL)));
    Replay lastDay = replay(bilateral(WITH_NOTICE), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL)));
    Event.TerminationNoticeGiven onTheLastDay = notice(java.time.Instant.parse("2025-08-31T12:00:00Z"), GBR);

    Optional<Refusal> refused = noPower.admit(notice(h(1), GBR), Writer.PARTY);
    Optional<Refusal> undated = lastDay.admit(onTheLastDay, Writer.PARTY);

    assertThat(refused).hasValueSatisfying(r -> {
      assertThat(r.forbidden()).isTrue();
      assertThat(r.reason()).isEqualTo("notice of termination of gbr-ukr by GBR refused: gbr-ukr gives no party a power to terminate it"
          + " (no terminate power, no notice period in its term)");
    });
    assertThat(undated).hasValueSatisfying(r -> {
      assertThat(r.forbidden()).isFalse();
      assertThat(r.reason()).startsWith("notice of termination of gbr-ukr given at 2025-08-31T12:00:00Z would have no date to take effect:")
          .contains("P6M");
    });
    // What the refusals protect: the engine ignores both notices, and the agreement runs on.
    noPower.apply(notice(h(1), GBR));
    lastDay.apply(onTheLastDay);
    assertThat(noPower.outcome().notices()).anySatisfy(n -> assertThat(n.message()).isEqualTo(refused.orElseThrow().reason()));
    assertThat(lastDay.admit(notice(java.time.Instant.parse("2025-09-01T12:00:00Z"), UKR), Writer.PARTY))
        .as("the ignored notice left none given: another on a day with a date is admitted").isEmpty();
  }

  /** Audit round 5, B2: a desk recorded in December 2026 a notice "given" in July 2024, ending its agreement from 2025. */
  @Test
  void aDeskCannotGiveANoticeThatWouldAlreadyHaveTakenEffectButTheSecretariatRecordsOne() {
    Replay replay = replay(bilateral(WITH_NOTICE), List.of(new Event.EnteredIntoForce(h(0), h(0), BILATERAL), EngineTests.at(24 * 400)));

    Optional<Refusal> backdated = replay.admit(notice(h(1), GBR), Writer.PARTY);
    Optional<Refusal> recent = replay.admit(notice(h(24 * 399), GBR), Writer.PARTY);

    assertThat(backdated).hasValueSatisfying(r -> {
      assertThat(r.forbidden()).isTrue();
      assertThat(r.reason()).isEqualTo("a notice of termination of gbr-ukr given at 2025-03-01T07:00:00Z takes effect at"
          + " 2025-09-01T07:00:00Z, before the record's present (2026-04-05T06:00:00Z): it would end the agreement retroactively and"
          + " undo what the record shows since. A desk gives notice as of when it records it; a notice given earlier is recorded by"
          + " the secretariat");
    });
    assertThat(recent).as("given yesterday, it takes effect in six months").isEmpty();
    assertThat(replay.admit(notice(h(1), GBR), Writer.RECORDER)).isEmpty();
  }

  /** Audit round 5, B1: a measure decided on 31 March "within P1M" under calendar: refuse had no due date and never fell due. */
  @Test
  void refusesAMeasureWhoseDeadlineHasNoDateUnderTheCalendarRule() {
    Replay replay = replay(TestCompacts.consultations("national", "inclusive"), EngineTests.strikeAndRequest());
    java.time.Instant lastOfMarch = java.time.Instant.parse("2025-03-31T10:00:00Z");

    Optional<Refusal> month = replay.admit(decided(lastOfMarch, "P1M"), Writer.PARTY);
    Optional<Refusal> days = replay.admit(decided(lastOfMarch, "P30D"), Writer.PARTY);

    assertThat(month).hasValueSatisfying(r -> {
      assertThat(r.forbidden()).isFalse();
      assertThat(r.reason()).startsWith("measure m1: ").endsWith(
          ", so its deadline would have no date and it could never fall due; state 'within' in days or hours (P30D, PT72H)");
    });
    assertThat(days).isEmpty();
  }

  static Event.MeasuresDecided decided(java.time.Instant at, String within) {
    return new Event.MeasuresDecided(at, at, new Event.ConsultationId("c1"), List.of(new Event.Measure("m1", GBR, "deliver shells",
        dev.compact.agreements.Domain.MILITARY, Optional.empty(), List.of(), dev.compact.agreements.IsoDuration.parse(within).orElseThrow(),
        dev.compact.agreements.Boundary.INCLUSIVE)), List.of(), List.of());
  }
}

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
}

package dev.compact.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.CompactParser;
import dev.compact.agreements.SourceFile;
import dev.compact.scenarios.Scenario;
import dev.compact.scenarios.ScenarioBinding;
import dev.compact.scenarios.ScenarioParser;
import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Replay#changed()} names every instance a step changed: checked after each event of every
 * example scenario (and each passing of time) against a full comparison of the instances before and
 * after, which is what the service's read models relied on before they applied only the changes.
 */
class ChangedInstancesTests {
  static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

  @Test
  void everyStepOfEveryExampleScenarioReportsExactlyTheInstancesItChangedOrTouched() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(EXAMPLES)) {
      files = all.filter(p -> p.getParent().getFileName().toString().equals("scenarios") && p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(30);
    int steps = 0;
    int changes = 0;
    for (Path file : files) {
      Scenario scenario = ScenarioParser.parse(new SourceFile(file.getFileName().toString(), Files.readString(file))).value().orElse(null);
      if (scenario == null) {
        continue;
      }
      Path folder = scenario.compact().map(c -> file.getParent().resolve(c)).orElse(file.getParent().getParent());
      var parsed = CompactParser.parse(CompactFolder.read(folder));
      if (parsed.value().isEmpty()) {
        continue;
      }
      Engine engine = Engine.of(parsed.value().get());
      Replay replay = engine.replay();
      replay.advanceTo(scenario.start());
      Map<String, NormInstance> before = byKey(replay.snapshot());
      for (Event event : ScenarioBinding.bind(scenario, engine.compact(), false).events()) {
        replay.apply(event);
        changes += check(file + " after " + event, replay, before);
        before = byKey(replay.snapshot());
        steps++;
      }
      replay.advanceTo(Instant.parse("2040-01-01T00:00:00Z"));
      changes += check(file + " after time passed", replay, before);
    }
    assertThat(steps).isGreaterThan(150);
    assertThat(changes).isGreaterThan(200);
  }

  @Test
  void aLateEventReportsEveryInstanceTheRefoldChanged() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Replay replay = engine.replay();
    Instant t0 = Instant.parse("2025-03-01T06:00:00Z");
    var ukr = new dev.compact.agreements.PartyCode("UKR");
    replay.apply(new Event.EnteredIntoForce(t0, t0, new dev.compact.agreements.AgreementId("test-compact")));
    replay.apply(new Event.IncidentReported(t0.plusSeconds(3600), t0.plusSeconds(3600), new Event.IncidentId("s1"),
        Event.IncidentKind.MISSILE_STRIKE, "UA-63", 4, ukr, List.of()));
    replay.apply(new Event.ConsultationRequested(t0.plusSeconds(7200), t0.plusSeconds(7200), new Event.ConsultationId("c1"), ukr,
        java.util.Optional.of(new Event.IncidentId("s1"))));
    Instant later = t0.plusSeconds(30 * 3600);
    replay.apply(new Event.TimeAdvanced(later, later));
    Map<String, NormInstance> before = byKey(replay.snapshot());
    // Held ten hours in, in time, but recorded after the deadline passed: the record is folded again.
    replay.apply(new Event.ConsultationHeld(t0.plusSeconds(10 * 3600), later.plusSeconds(60), new Event.ConsultationId("c1"),
        List.of(ukr, new dev.compact.agreements.PartyCode("GBR"), new dev.compact.agreements.PartyCode("DEU"))));

    int changed = check("late verification", replay, before);

    assertThat(changed).isPositive();
  }

  @Test
  void aStepThatChangesNothingReportsNothing() {
    Engine engine = Engine.of(TestCompacts.consultations("national", "inclusive"));
    Replay replay = engine.replay();
    Instant t0 = Instant.parse("2025-03-01T06:00:00Z");
    replay.apply(new Event.TimeAdvanced(t0, t0));
    replay.apply(new Event.TimeAdvanced(t0.plusSeconds(1), t0.plusSeconds(1)));

    assertThat(replay.changed()).isEmpty();
  }

  /** Asserts the step's report against a full comparison; returns how many instances really changed. */
  private static int check(String where, Replay replay, Map<String, NormInstance> before) {
    Map<String, NormInstance> after = byKey(replay.snapshot());
    Set<String> reallyChanged = new HashSet<>();
    for (NormInstance now : after.values()) {
      if (!now.equals(before.get(now.id().key()))) {
        reallyChanged.add(now.id().key());
      }
    }
    List<String> reported = new ArrayList<>();
    for (NormInstance instance : replay.changed()) {
      reported.add(instance.id().key());
      assertThat(instance).as(where + ": the reported instance is as it stands").isEqualTo(after.get(instance.id().key()));
    }
    assertThat(reported).as(where + ": reported once each").doesNotHaveDuplicates();
    assertThat(reported).as(where + ": every changed instance is reported").containsAll(reallyChanged);
    return reallyChanged.size();
  }

  private static Map<String, NormInstance> byKey(List<NormInstance> instances) {
    Map<String, NormInstance> map = new HashMap<>();
    for (NormInstance instance : instances) {
      map.put(instance.id().key(), instance);
    }
    return map;
  }
}

package dev.compact.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.CompactParser;
import dev.compact.engine.Engine;
import dev.compact.sources.CompactFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code compact diff} leaves out standing norms nothing in the story touched, as docs/scenarios.md
 * says: a commitment's future period, pending with nothing delivered, was listed as a difference in
 * every scenario run on a draft without that commitment.
 */
class BehaviourDiffTests {
  static final Engine ISTANBUL = Engine.of(CompactParser.parse(CompactFolder.read(Path.of("../examples/istanbul-2022/draft-2022-04-15")))
      .value().orElseThrow());

  static final Engine COMMUNIQUE = Engine.of(CompactParser.parse(CompactFolder.read(Path.of("../examples/istanbul-2022/communique-2022-03-29")))
      .value().orElseThrow());

  /** A diff ignores expectations, but a scenario must state one. */
  static final String NOTHING_EXPECTED = """
      never:
        - {instance: "no-such-agreement/*", state: breached}
      """;

  @Test
  void leavesOutCommitmentPeriodsTheStoryDidNotTouchButKeepsTheDuties() {
    Scenario strike = ScenarioRunnerTests.scenario(ScenarioRunnerTests.STRIKE + NOTHING_EXPECTED);

    BehaviourDiff.ScenarioDiff diff = BehaviourDiff.compare(strike, ScenarioRunnerTests.ENGINE, "kyiv", ISTANBUL, "istanbul");

    assertThat(diff.differs()).isTrue();
    assertThat(diff.differences()).as("the duties the strike set off still differ")
        .anyMatch(d -> d.contains("must achieve consultation held @c1"));
    assertThat(diff.differences()).as("no untouched commitment: pending or active with nothing delivered or allocated")
        .noneMatch(d -> d.contains(" commitment '"));
  }

  @Test
  void keepsACommitmentTheStoryMoved() {
    Scenario delivered = ScenarioRunnerTests.scenario("""
        name: delivery
        description: Iceland delivers part of its yearly pledge.
        start: 2025-03-01T06:00:00Z
        events:
          - at: +0h
            entered-into-force: {agreement: compact}
          - at: +1h
            delivery: {by: ISL, category: military, value: ISK 1000000000, for: isl-ukr-2024/isl-support-2024-28}
          - at: +30h
            time-advanced: {}
        """ + NOTHING_EXPECTED);

    BehaviourDiff.ScenarioDiff diff = BehaviourDiff.compare(delivered, ScenarioRunnerTests.ENGINE, "kyiv", ISTANBUL, "istanbul");

    assertThat(diff.differences()).anyMatch(d -> d.startsWith("ISL: commitment '") && d.contains("ISK 1,000,000,000 of"));
  }

  @Test
  void aDutyWhoseTriggerNeverHeldBindsNoOneAsADraftWithoutItDoes() {
    // Both Istanbul texts leave Sevastopol out. The communique keys its duties by incident, so the strike
    // creates instances that stay pending (their trigger never holds); the draft keys them by request and
    // creates none. Neither binds a guarantor, so the diff must not call it a difference.
    Scenario strike = strikeOn("sevastopol-strike", "UA-40");

    BehaviourDiff.ScenarioDiff diff = BehaviourDiff.compare(strike, COMMUNIQUE, "communique", ISTANBUL, "draft");

    assertThat(diff.differences()).as("pending duties bind no one").noneMatch(d -> d.contains("@sevastopol-strike"));
    assertThat(diff.differs()).isFalse();
  }

  @Test
  void aDutyThatBecameActiveStillDiffersFromNoDuty() {
    // Kyiv, in scope for both texts: the communique's duties, keyed by the incident, become active; the
    // draft's are keyed by the request. That is a real difference and must stay.
    Scenario strike = strikeOn("kyiv-strike", "UA-30");

    BehaviourDiff.ScenarioDiff diff = BehaviourDiff.compare(strike, COMMUNIQUE, "communique", ISTANBUL, "draft");

    assertThat(diff.differences()).anyMatch(d -> d.contains("@kyiv-strike"));
  }

  /** A missile strike at {@code place}, a request for consultations an hour later, and three days passing. */
  private static Scenario strikeOn(String id, String place) {
    return ScenarioRunnerTests.scenario("""
        name: %1$s
        description: A strike, a request for consultations, and three days.
        start: 2025-03-01T06:00:00Z
        events:
          - at: +0h
            entered-into-force: {agreement: compact}
          - at: +1h
            incident-reported: {id: %1$s, kind: missile-strike, place: %2$s, severity: 4, by: UKR}
          - at: +2h
            consultation-requested: {id: c6, by: UKR, incident: %1$s}
          - at: +80h
            time-advanced: {}
        """.formatted(id, place) + NOTHING_EXPECTED);
  }

  @Test
  void keepsAPeriodThatHasBegunAndWaitsForItsParliament(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // Germany's 2024 support binds once the Bundestag approves it: begun, untouched, but pending. A draft without
    // that condition binds at once. That is a difference in behaviour, not an untouched later year.
    Path copy = dir.resolve("kyiv-compact");
    try (var files = java.nio.file.Files.walk(ScenarioRunnerTests.KYIV)) {
      for (Path from : files.toList()) {
        Path to = copy.resolve(ScenarioRunnerTests.KYIV.relativize(from).toString());
        if (java.nio.file.Files.isDirectory(from)) {
          java.nio.file.Files.createDirectories(to);
        } else {
          java.nio.file.Files.copy(from, to);
        }
      }
    }
    Path german = copy.resolve("agreements/deu-ukr-2024.md");
    String text = java.nio.file.Files.readString(german);
    String unconditional = text.replace("subject-to: [parliamentary-approval]\n", "")
        .replace("subject to {{deu-mil-2024.subject-to}} by the German Bundestag", "subject to the budget");
    assertThat(unconditional).isNotEqualTo(text).doesNotContain("parliamentary-approval");
    java.nio.file.Files.writeString(german, unconditional);
    Engine withoutApproval = Engine.of(CompactParser.parse(CompactFolder.read(copy)).value().orElseThrow());
    Scenario quiet = ScenarioRunnerTests.scenario("""
        name: quiet
        description: Nothing happens for a day in March 2024.
        start: 2024-03-01T06:00:00Z
        events:
          - at: +0h
            entered-into-force: {agreement: compact}
          - at: +30h
            time-advanced: {}
        """ + NOTHING_EXPECTED);

    BehaviourDiff.ScenarioDiff diff = BehaviourDiff.compare(quiet, ScenarioRunnerTests.ENGINE, "kyiv", withoutApproval, "unconditional");

    assertThat(diff.differences()).anyMatch(d -> d.startsWith("DEU: commitment '") && d.contains("pending"));
  }
}

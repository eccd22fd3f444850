package dev.compact.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.CompactParser;
import dev.compact.agreements.SourceFile;
import dev.compact.engine.Engine;
import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExplanationTests {
  static final String SCENARIO = "examples/drafting-exercises/scenarios/01-consultation-missed-remedy-met.yaml";
  /** The remedy is a drafting exercise: no real agreement has one (issue #13). */
  static final Engine DRAFTING = Engine.of(CompactParser.parse(CompactFolder.read(Path.of("../examples/drafting-exercises"))).value().orElseThrow());

  /** The golden file is the explanation a secretariat reads; a change to it must be a deliberate one. */
  @Test
  void explainsAMissedConsultationAndItsRemedyAsTheGoldenFileShows() throws IOException {
    String text = Files.readString(Path.of("..").resolve(SCENARIO));
    Scenario scenario = ScenarioParser.parse(new SourceFile(SCENARIO, text)).value().orElseThrow();

    String explanation = Explanation.render(scenario, DRAFTING);

    String golden = new String(ExplanationTests.class.getResourceAsStream("/golden/explain-02-consultation-missed.txt")
        .readAllBytes(), StandardCharsets.UTF_8);
    assertThat(explanation).isEqualTo(golden);
  }
}

package dev.compact.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Money;
import dev.compact.agreements.Norm;
import dev.compact.agreements.Parsed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped examples are what newcomers read first: they must check cleanly, without warnings. */
class ExampleCompactsTests {
  static Path examples() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/kyiv-compact"))) {
        return dir.resolve("examples");
      }
    }
    throw new IllegalStateException("no examples folder above " + here);
  }

  static Compact load(String name) {
    Parsed<Compact> parsed = CompactParser.parse(CompactFolder.read(examples().resolve(name)));
    assertThat(parsed.diagnostics()).extracting(Diagnostic::format).isEmpty();
    return parsed.value().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"kyiv-compact", "istanbul-2022/communique-2022-03-29", "istanbul-2022/draft-2022-04-15", "drafting-exercises"})
  void exampleChecksWithoutErrorsOrWarnings(String name) {
    assertThat(load(name).allAgreements()).allSatisfy(a -> assertThat(a.clauses()).isNotEmpty());
  }

  @Test
  void kyivCompactHasAtLeastSixBilateralAgreementsAndTwoTiers() {
    Compact kyiv = load("kyiv-compact");

    assertThat(kyiv.agreements()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(kyiv.guarantors()).extracting(g -> g.tier()).contains(dev.compact.agreements.Tier.CORE, dev.compact.agreements.Tier.BROADER);
    assertThat(kyiv.defaults().convene()).hasValueSatisfying(d -> assertThat(d.exact()).isEqualTo(java.time.Duration.ofHours(24)));
    assertThat(kyiv.defaults().decide()).hasValueSatisfying(d -> assertThat(d.exact()).isEqualTo(java.time.Duration.ofHours(72)));
  }

  @Test
  void kyivCompactHoldsTheNetworkOfBilateralAgreementsTheEuCommitmentsAndTheUkraineCompact() {
    Compact kyiv = load("kyiv-compact");

    java.util.List<String> bilateralWithStates = kyiv.agreements().stream()
        .filter(a -> a.parties().size() == 2 && a.parties().stream().anyMatch(p -> p.value().equals("UKR")))
        .map(a -> a.parties().stream().map(p -> p.value()).filter(p -> !p.equals("UKR")).findFirst().orElseThrow())
        .filter(p -> !p.equals("EU")).distinct().toList();
    assertThat(bilateralWithStates).as("states with a bilateral agreement").hasSizeGreaterThanOrEqualTo(21)
        .contains("GBR", "DEU", "FRA", "DNK", "USA", "JPN", "ITA", "CAN", "NLD", "FIN", "LVA", "ESP", "BEL", "PRT", "SWE", "ISL",
            "NOR", "LTU", "EST", "POL", "LUX", "ROU", "CZE", "SVN");
    assertThat(kyiv.agreements()).extracting(a -> a.id().value()).contains("eu-ukr-2024", "ukraine-compact-2024");
    // Every agreement of 2024 is dated: nothing in the network is undated or "signed" before it was.
    assertThat(kyiv.agreements()).filteredOn(a -> !a.id().value().equals("deu-package-2024-02"))
        .allSatisfy(a -> assertThat(a.lifecycle().signed()).hasValueSatisfying(d -> assertThat(d.getYear()).isEqualTo(2024)));
    assertThat(kyiv.umbrella().lifecycle().signed()).as("the Kyiv Compact was never signed").isEmpty();
  }

  /**
   * Audit round 5, C21: the Kyiv Compact says each scenario that runs its clocks treats it as adopted, "a what-if, said
   * so in each of them"; 16 did not say so.
   */
  @Test
  void everyKyivScenarioThatAdoptsTheCompactSaysItIsAWhatIf() throws java.io.IOException {
    java.util.List<String> silent = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.list(examples().resolve("kyiv-compact/scenarios"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String text = Files.readString(file);
        String head = text.substring(0, Math.max(0, text.indexOf("\nevents:")));
        if (text.contains("entered-into-force: {agreement: compact}") && !head.contains("what-if")) {
          silent.add(file.getFileName().toString());
        }
      }
    }
    assertThat(silent).as("scenarios that adopt the never-signed Compact without saying it is a what-if").isEmpty();
  }

  @Test
  void ukAgreementCarriesThe2024Amount() {
    Agreement uk = load("kyiv-compact").agreements().stream().filter(a -> a.id().value().startsWith("gbr")).findFirst().orElseThrow();

    assertThat(uk.clauses()).map(c -> c.norm()).filteredOn(n -> n instanceof Norm.Commitment)
        .map(n -> ((Norm.Commitment) n).amount().map(Money::toString).orElse(""))
        .contains("GBP 2500000000");
  }

  @Test
  void istanbulIsTwoVersionsTheCommuniqueLeavesEachGuarantorToDecideTheDraftGivesRussiaAVeto() {
    Compact communique = load("istanbul-2022/communique-2022-03-29");
    Compact draft = load("istanbul-2022/draft-2022-04-15");

    assertThat(communique.guarantors()).extracting(g -> g.party().value()).contains("RUS");
    assertThat(draft.guarantors()).extracting(g -> g.party().value()).contains("RUS");
    assertThat(communique.defaults().decision()).isEqualTo(dev.compact.agreements.Decision.NATIONAL);
    assertThat(draft.defaults().decision()).isEqualTo(dev.compact.agreements.Decision.UNANIMITY);
  }
}

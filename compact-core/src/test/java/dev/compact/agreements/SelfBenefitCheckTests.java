package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A norm whose obligors include its own beneficiary is worth a warning, which {@code check --strict} fails on. */
class SelfBenefitCheckTests {

  static final String UMBRELLA = """
      ---
      id: test-compact
      title: Test compact
      protected: UKR
      guarantors:
        - {party: FRA, tier: core}
      ---

      # Test compact
      """;

  static Parsed<Compact> compact(String obligor) {
    String agreement = """
        ---
        id: fra-ukr
        title: Test agreement
        parties: [FRA, UKR]
        beneficiary: UKR
        binding: political
        ---
        # Test

        ```clause
        id: consult
        norm: obligation
        obligor: %s
        beneficiary: UKR
        domain: military
        trigger: 'incident.kind == "armed-attack" && consultation.requested_by in ["FRA", "UKR"]'
        action: consult
        deadline: {within: PT24H, from: consultation-requested}
        fulfilled-by: consultation-held
        ```
        """.formatted(obligor);
    return CompactParser.parse(new CompactSources("test", Optional.of(new SourceFile("compact.md", UMBRELLA)),
        List.of(new SourceFile("agreements/fra-ukr.md", agreement)), List.of()));
  }

  static List<Diagnostic> warnings(Parsed<Compact> parsed) {
    assertThat(parsed.errors()).isEmpty();
    return parsed.warnings();
  }

  @Test
  void warnsWhenBothPartiesAreBoundByADutyOwedToOneOfThem() {
    List<Diagnostic> warnings = warnings(compact("parties"));

    assertThat(warnings).hasSize(1);
    assertThat(warnings.getFirst().message()).isEqualTo("clause 'consult' binds UKR, its own beneficiary (as one of 'parties'): UKR would "
        + "owe the duty to itself, and could be shown in breach of its own request");
    assertThat(warnings.getFirst().hint().orElseThrow()).startsWith("name the obligors without UKR (e.g. 'obligor: FRA')");
    assertThat(warnings.getFirst().position().path()).isEqualTo("agreements/fra-ukr.md");
  }

  @Test
  void warnsWhenTheBeneficiaryIsNamedAmongTheObligors() {
    assertThat(warnings(compact("[FRA, UKR]"))).extracting(Diagnostic::message)
        .containsExactly("clause 'consult' binds UKR, its own beneficiary: UKR would owe the duty to itself, and could be shown in "
            + "breach of its own request");
  }

  @Test
  void saysNothingWhenOnlyTheOtherSideIsBound() {
    assertThat(warnings(compact("FRA"))).isEmpty();
  }
}

package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code firmness} on a commitment: read, hashed only when written, quoted and checked. */
class CommitmentFirmnessFormatTests {

  static String commitment(String firmness) {
    return FormatV2DiagnosticsTests.agreement("", """
        id: pledge
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        amount: {value: 100000000, currency: GBP}
        period: {start: 2024-01-01, end: 2024-12-31}
        %s
        """.formatted(firmness)).replace("# Test\n", "# Test\n\nThe United Kingdom {{pledge.firmness}} provide {{pledge.amount}}.\n");
  }

  static Agreement parse(String text) {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("v2.md", text));
    assertThat(parsed.errors()).as(parsed.diagnostics().toString()).isEmpty();
    return parsed.value().orElseThrow();
  }

  static Norm.Commitment norm(Agreement agreement) {
    return (Norm.Commitment) agreement.clauses().getFirst().norm();
  }

  @Test
  void readsEachFirmnessAndDefaultsToHard() {
    assertThat(norm(parse(commitment(""))).firmness()).isEqualTo(CommitmentFirmness.HARD);
    assertThat(norm(parse(commitment("firmness: best-effort"))).firmness()).isEqualTo(CommitmentFirmness.BEST_EFFORT);
    assertThat(norm(parse(commitment("firmness: resources-permitting"))).firmness()).isEqualTo(CommitmentFirmness.RESOURCES_PERMITTING);
    assertThat(norm(parse(commitment("firmness: announced"))).firmness()).isEqualTo(CommitmentFirmness.ANNOUNCED);
  }

  @Test
  void theHashCoversAWrittenFirmnessAndAnUnwrittenOneHashesAsBefore() {
    VersionHash before = parse(commitment("")).versionHash();
    // "hard" is the default, so writing it says nothing new; a reading that changes what a short year means changes the hash.
    assertThat(parse(commitment("firmness: hard")).versionHash()).isEqualTo(before);
    assertThat(parse(commitment("firmness: best-effort")).versionHash()).isNotEqualTo(before);
    assertThat(parse(commitment("firmness: announced")).versionHash())
        .isNotEqualTo(before).isNotEqualTo(parse(commitment("firmness: best-effort")).versionHash());
  }

  @Test
  void aMisspeltFirmnessIsALocatedErrorThatListsTheReadings() {
    Diagnostic d = FormatV2DiagnosticsTests.onlyError(commitment("firmness: best-efort"));

    assertThat(d.message()).isEqualTo("'best-efort' is not a valid firmness");
    assertThat(d.hint()).hasValue("use one of: hard, best-effort, resources-permitting, announced");
    assertThat(d.position().line()).isEqualTo(20);
  }

  @Test
  void aDeadlinesPromptlyIsNoCommitmentFirmness() {
    assertThat(FormatV2DiagnosticsTests.onlyError(commitment("firmness: promptly")).message())
        .isEqualTo("'promptly' is not a valid firmness");
  }

  @Test
  void rendersTheWordsThatCarryTheReading() {
    assertThat(AgreementRenderer.text(parse(commitment("firmness: best-effort"))))
        .contains("The United Kingdom will seek to provide GBP 100 million.");
    assertThat(ClauseFields.value(parse(commitment("firmness: resources-permitting")).clauses().getFirst(), "firmness"))
        .hasValue("resources permitting");
    assertThat(ClauseFields.value(parse(commitment("firmness: announced")).clauses().getFirst(), "firmness")).hasValue("announces");
    assertThat(AgreementRenderer.summary(parse(commitment("firmness: announced")).clauses().getFirst()).howMuch())
        .isEqualTo("GBP 100 million; announced, not promised: short is not a breach");
  }
}

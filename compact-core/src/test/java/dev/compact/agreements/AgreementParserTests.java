package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AgreementParserTests {

  static final String UK = """
      ---
      id: gbr-ukr-test
      title: Test agreement
      parties: [GBR, UKR]
      beneficiary: UKR
      binding: political
      lifecycle: {signed: 2024-01-12, in-force: 2024-01-12, ratified: {GBR: 2024-02-01}}
      term: {years: 10, notice: P6M, ends-when: [beneficiary.nato_member]}
      territory: {description: Ukraine in its 1991 borders, includes: [UKR], excludes: [UA-43]}
      ---
      # Test

      The United Kingdom will provide {{gbr-mil.amount}} until {{agreement.expires}}.

      ```clause
      id: gbr-mil
      title: Military assistance
      norm: commitment
      obligor: GBR
      beneficiary: UKR
      domain: military
      amount: {value: 2500000000, currency: GBP}
      period: {start: 2024-04-01, end: 2025-03-31}
      ```

      ```clause
      id: gbr-consult
      norm: obligation
      obligor: GBR
      beneficiary: UKR
      domain: military
      trigger: incident.kind == "armed-attack" && incident.in_scope
      action: consult with Ukraine
      deadline: {within: PT24H, from: consultation-requested, boundary: exclusive}
      fulfilled-by: consultation-held
      ```
      """;

  static Agreement parse(String text) {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("uk.md", text));
    assertThat(parsed.errors()).as("errors").isEmpty();
    return parsed.value().orElseThrow();
  }

  @Test
  void readsFrontMatterAndClausesIntoTheModel() {
    Agreement agreement = parse(UK);

    assertThat(agreement.id()).isEqualTo(new AgreementId("gbr-ukr-test"));
    assertThat(agreement.parties()).containsExactly(new PartyCode("GBR"), new PartyCode("UKR"));
    assertThat(agreement.lifecycle().status()).isEqualTo(Lifecycle.Status.IN_FORCE);
    assertThat(agreement.lifecycle().ratified()).containsEntry(new PartyCode("GBR"), java.time.LocalDate.of(2024, 2, 1));
    assertThat(agreement.term().expires(agreement.lifecycle().inForce())).contains(java.time.LocalDate.of(2034, 1, 12));
    assertThat(agreement.term().notice().orElseThrow().calendar()).isEqualTo(java.time.Period.ofMonths(6));
    assertThat(agreement.territory().orElseThrow().covers("UA-43")).isFalse();
    assertThat(agreement.territory().orElseThrow().covers("UA-14")).isTrue();
    assertThat(agreement.clauses()).extracting(c -> c.id().value()).containsExactly("gbr-mil", "gbr-consult");
    var commitment = (Norm.Commitment) agreement.clauses().get(0).norm();
    assertThat(commitment.amount().orElseThrow().value()).isEqualByComparingTo(new BigDecimal("2500000000"));
    var obligation = (Norm.Obligation) agreement.clauses().get(1).norm();
    assertThat(obligation.deadline().orElseThrow().within().exact()).isEqualTo(java.time.Duration.ofHours(24));
    assertThat(obligation.deadline().orElseThrow().boundary()).isEqualTo(Boundary.EXCLUSIVE);
    assertThat(obligation.fulfilledBy()).isEqualTo(Fulfilment.CONSULTATION_HELD);
  }

  @Test
  void clausePositionIsTheLineOfItsFence() {
    Agreement agreement = parse(UK);

    assertThat(agreement.clauses().get(0).position().line()).isEqualTo(15);
  }

  @Test
  void versionHashIgnoresYamlFormatting() {
    String reformatted = UK
        .replace("lifecycle: {signed: 2024-01-12, in-force: 2024-01-12, ratified: {GBR: 2024-02-01}}",
            "lifecycle:\n  in-force: '2024-01-12'\n  signed: \"2024-01-12\"\n  ratified:\n    GBR: 2024-02-01")
        .replace("amount: {value: 2500000000, currency: GBP}", "amount:\n  currency: GBP\n  value: 2_500_000_000.00")
        .replace("title: Test agreement\n", "title:   \"Test agreement\"   # a comment\n");

    assertThat(parse(reformatted).versionHash()).isEqualTo(parse(UK).versionHash());
  }

  @Test
  void versionHashChangesWhenTheAmountChanges() {
    String changed = UK.replace("value: 2500000000", "value: 3000000000");

    assertThat(parse(changed).versionHash()).isNotEqualTo(parse(UK).versionHash());
  }

  @Test
  void versionHashChangesWhenTheWordingChanges() {
    String changed = UK.replace("will provide", "shall provide");

    assertThat(parse(changed).versionHash()).isNotEqualTo(parse(UK).versionHash());
  }

  @Test
  void versionHashChangesWhenAConditionChanges() {
    String changed = UK.replace("incident.kind == \"armed-attack\" && incident.in_scope", "incident.kind == \"armed-attack\"");

    assertThat(parse(changed).versionHash()).isNotEqualTo(parse(UK).versionHash());
  }

  @Test
  void windowsLineEndingsDoNotChangeTheHash() {
    assertThat(parse(UK.replace("\n", "\r\n")).versionHash()).isEqualTo(parse(UK).versionHash());
  }

  @Test
  void reportsEveryProblemInOneRun() {
    String twoMistakes = UK.replace("parties: [GBR, UKR]", "parties: [GBR, UKR, XXX]").replace("domain: military\namount", "domain: army\namount");

    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("uk.md", twoMistakes));

    assertThat(parsed.errors()).extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("unknown party 'XXX'"))
        .anySatisfy(m -> assertThat(m).contains("'army' is not a valid domain"));
  }

  @Test
  void reportsABadReferenceEvenWhenTheFrontMatterHasErrors() {
    String twoMistakes = UK.replace("binding: political", "binding: firm").replace("{{gbr-mil.amount}}", "{{gbr-mil.sum}}");

    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("uk.md", twoMistakes));

    assertThat(parsed.errors()).extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("'firm' is not a valid binding"))
        .anySatisfy(m -> assertThat(m).contains("unknown field 'sum'"));
  }

  @Test
  void oversizedFileIsRefusedWithoutParsing() {
    String huge = UK + "x".repeat(AgreementParser.MAX_FILE_CHARS);

    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("huge.md", huge));

    assertThat(parsed.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("larger than"));
  }

  @Test
  void deeplyNestedYamlGivesADiagnosticNotACrash() {
    String nested = UK.replace("binding: political", "binding: " + "[".repeat(5_000) + "]".repeat(5_000));

    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("nested.md", nested));

    assertThat(parsed.hasErrors()).isTrue();
  }

  @Test
  void malformedClauseBlockIsReportedAtItsLineBesideTheOtherProblems() {
    // The block's YAML is composed before the front matter is read; its problem must still be reported, once, at its line.
    String broken = UK.replace("binding: political", "binding: politcal")
        .replace("domain: military\namount:", "domain: [military\namount:");

    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("broken.md", broken));

    assertThat(parsed.value()).isEmpty();
    assertThat(parsed.errors()).extracting(d -> d.position().line() + ": " + d.message().split(":")[0])
        .containsExactly("6: 'politcal' is not a valid binding", "13: the text refers to an unknown clause 'gbr-mil'",
            "22: malformed YAML in the clause block");
  }

  @Test
  void clausesBeyondTheLimitAreRefusedOnceTheLimitIsReached() {
    StringBuilder text = new StringBuilder(UK.substring(0, UK.indexOf("```clause")));
    for (int i = 0; i <= AgreementParser.MAX_CLAUSES; i++) {
      text.append("```clause\nid: c").append(i).append("\nnorm: power\nobligor: GBR\ndomain: military\naction: terminate\n```\n\n");
    }

    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("many.md", text.toString()));

    assertThat(parsed.errors()).extracting(Diagnostic::message)
        .contains("more than " + AgreementParser.MAX_CLAUSES + " clauses in one file");
  }
}

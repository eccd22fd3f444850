package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mistakes format v2 answers with a located diagnostic and a hint, instead of a silent wrong meaning. */
class FormatV2DiagnosticsTests {

  static String agreement(String frontMatterExtra, String clause) {
    return """
        ---
        id: gbr-ukr-v2
        title: Test agreement
        parties: [GBR, UKR]
        beneficiary: UKR
        binding: political
        %s---
        # Test

        ```clause
        %s
        ```
        """.formatted(frontMatterExtra, clause.strip());
  }

  static Diagnostic onlyError(String text) {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("v2.md", text));
    assertThat(parsed.errors()).as(parsed.diagnostics().toString()).hasSize(1);
    return parsed.errors().getFirst();
  }

  @Test
  void aMisspeltIncidentKindInsideACelStringIsAnErrorWithASuggestion() {
    Diagnostic d = onlyError(agreement("", """
        id: consult
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: 'incident.kind in ["armed-atack", "missile-strike"]'
        action: consult
        deadline: {within: PT24H, from: consultation-requested}
        fulfilled-by: consultation-held
        """));

    assertThat(d.message()).isEqualTo("in the trigger of clause 'consult': 'armed-atack' is not an incident kind, so `incident.kind` can "
        + "never equal it");
    assertThat(d.hint()).contains("did you mean \"armed-attack\"?");
    assertThat(d.position().line()).isEqualTo(16);
    assertThat(d.position().column()).isEqualTo(29);
  }

  @Test
  void anUnknownPartyComparedWithTheRequesterIsAnError() {
    Diagnostic d = onlyError(agreement("", """
        id: consult
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: 'consultation.requested_by == "UK"'
        action: consult
        deadline: {within: PT24H, from: consultation-requested}
        fulfilled-by: consultation-held
        """));

    assertThat(d.message()).contains("unknown party 'UK'");
  }

  @Test
  void anInventedSubdivisionCodeIsNotInScopeButAnError() {
    Diagnostic d = onlyError(agreement("territory: {description: Ukraine, includes: [UKR], excludes: [UA-99]}\n", """
        id: lock
        norm: prohibition
        obligor: GBR
        domain: accountability
        action: ease-sanctions
        until: aggressor.damage_compensated
        """));

    assertThat(d.message()).isEqualTo("unknown place code 'UA-99'");
    assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("UA-43"));
  }

  @Test
  void aForceCapWrittenAsACommitmentOfTheProtectedStateIsAnError() {
    Diagnostic d = onlyError(agreement("", """
        id: army
        norm: commitment
        obligor: UKR
        beneficiary: UKR
        domain: military
        items: [{item: troops, quantity: 85000}]
        period: {start: 2024-01-01, end: 2024-12-31}
        """));

    assertThat(d.message()).isEqualTo("a commitment of UKR to itself commits nothing to anyone");
    assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("action: exceed-force-cap").contains("cap:"));
  }

  @Test
  void aProhibitionToExceedACapNeedsTheCap() {
    Diagnostic d = onlyError(agreement("", """
        id: cap
        norm: prohibition
        obligor: UKR
        domain: military
        action: exceed-force-cap
        until: "false"
        """));

    assertThat(d.message()).isEqualTo("clause 'cap' forbids exceeding a cap but gives none");
  }

  @Test
  void aQualifiedMajorityNeedsAThresholdAboveOneHalf() {
    Diagnostic d = onlyError(agreement("", """
        id: decide
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: 'incident.in_scope'
        action: decide
        deadline: {within: PT72H, from: consultation-requested}
        fulfilled-by: measures-decided
        decision: {rule: qualified-majority, threshold: 0.4}
        """));

    assertThat(d.message()).startsWith("a qualified majority's threshold must be above 0.5 and at most 1, not 0.4");
  }

  @Test
  void aRangeThatEndsBelowItsStartIsAnError() {
    Diagnostic d = onlyError(agreement("", """
        id: fund
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        amount: {min: 3000000000, max: 1000000000, currency: EUR}
        period: {start: 2024-01-01, end: 2024-12-31}
        """));

    assertThat(d.message()).isEqualTo("the range ends (1000000000) below where it starts (3000000000)");
  }

  @Test
  void aSurvivingClauseMustExist() {
    Diagnostic d = onlyError(agreement("term: {survives: [lokc]}\n", """
        id: lock
        norm: prohibition
        obligor: GBR
        domain: accountability
        action: ease-sanctions
        until: aggressor.damage_compensated
        """));

    assertThat(d.message()).isEqualTo("'term.survives' names an unknown clause 'lokc'");
    assertThat(d.position().line()).isEqualTo(7);
  }

  @Test
  void theAggressorIsADeclaredRoleUsableInConditions() {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("v2.md", agreement("", """
        id: consult
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: 'incident.kind in ["armed-attack", "threat-of-armed-attack"] && incident.attacker == aggressor && !aggressor.aggression_ended'
        action: consult
        deadline: {within: PT24H, from: consultation-requested, firmness: best-effort}
        fulfilled-by: consultation-held
        source: "Art. 4, published at https://example.org"
        """)));

    assertThat(parsed.errors()).isEmpty();
    Clause clause = parsed.value().orElseThrow().clauses().getFirst();
    assertThat(ClauseFields.value(clause, "deadline")).contains("where possible within 24 hours of the request for consultations");
    assertThat(AgreementRenderer.text(parsed.value().orElseThrow())).contains("[1] consult: Art. 4, published at https://example.org");
  }

  @Test
  void anUpToAmountReadsAsACeilingInTheText() {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("v2.md", agreement("", """
        id: fra
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        amount: {value: 3000000000, currency: EUR, bound: up-to}
        period: {start: 2024-01-01, end: 2024-12-31}
        """)));

    assertThat(ClauseFields.value(parsed.value().orElseThrow().clauses().getFirst(), "amount")).contains("up to EUR 3 billion");
  }

  static final String LOCK = """
      id: lock
      norm: prohibition
      obligor: GBR
      domain: accountability
      action: ease-sanctions
      until: aggressor.damage_compensated
      """;

  @Test
  void recommendationsPublishedButNeverSignedAreNotShownAsSigned() {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("v2.md",
        agreement("lifecycle: {published: 2022-09-13, published-as: recommendations}\n", LOCK)));

    assertThat(parsed.errors()).isEmpty();
    Lifecycle lifecycle = parsed.value().orElseThrow().lifecycle();
    assertThat(lifecycle.status()).isEqualTo(Lifecycle.Status.PUBLISHED);
    assertThat(lifecycle.signed()).isEmpty();
    assertThat(lifecycle.describe()).isEqualTo("published as recommendations on 2022-09-13, not signed");
    assertThat(AgreementRenderer.text(parsed.value().orElseThrow())).contains("Status: published as recommendations on 2022-09-13, not signed");
  }

  @Test
  void recommendationsWithASignatureDateAreAnErrorAtTheDate() {
    Diagnostic d = onlyError(agreement("lifecycle:\n  published: 2022-09-13\n  published-as: recommendations\n  signed: 2022-09-13\n", LOCK));

    assertThat(d.message()).isEqualTo("a text published as recommendations is offered, not agreed: it cannot be signed");
    assertThat(d.hint().orElseThrow()).contains("published-as: agreed-text");
    assertThat(d.position().line()).isEqualTo(10);
  }

  @Test
  void aPublicationKindNeedsItsDate() {
    Diagnostic d = onlyError(agreement("lifecycle: {published-as: recommendations}\n", LOCK));

    assertThat(d.message()).contains("needs the date of publication");
  }

  @Test
  void anAgreedTextPublishedBeforeSignatureMovesOnToSigned() {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("v2.md",
        agreement("lifecycle: {published: 2024-06-01, published-as: agreed-text, signed: 2024-06-13}\n", LOCK)));

    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.value().orElseThrow().lifecycle().status()).isEqualTo(Lifecycle.Status.SIGNED);
  }

  @Test
  void aMeetingLevelOnADutyNotMetByAMeetingIsAnErrorAtTheField() {
    Diagnostic d = onlyError(agreement("", """
        id: decide
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: incident.in_scope
        action: decide on measures
        deadline: {within: PT72H, from: consultation-requested}
        fulfilled-by: measures-decided
        meeting-level: ministerial
        """));

    assertThat(d.message()).isEqualTo("a meeting level applies to a duty met by a meeting, but this one is fulfilled by measures-decided");
    assertThat(d.hint().orElseThrow()).contains("fulfilled-by: consultation-held");
    assertThat(d.position().line()).isEqualTo(20);
  }

  @Test
  void anUnknownMeetingLevelListsTheLevels() {
    Diagnostic d = onlyError(agreement("", """
        id: consult
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: incident.in_scope
        action: consult
        deadline: {within: PT24H, from: consultation-requested}
        fulfilled-by: consultation-held
        meeting-level: ministers
        """));

    assertThat(d.position().line()).isEqualTo(20);
    assertThat(d.hint().orElseThrow()).contains("ministerial");
  }
}

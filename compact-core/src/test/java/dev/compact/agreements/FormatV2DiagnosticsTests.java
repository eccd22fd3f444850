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

  /**
   * Review 6, L1: a total finer than its currency's minor unit (JPY 1000.5) was accepted and spread into periods whose
   * last target (JPY 334.5) no one can pay; it is refused where it is written, with the two payable figures beside it.
   */
  @Test
  void anAmountFinerThanItsCurrencysMinorUnitIsAnError() {
    Diagnostic total = onlyError(fund("{value: 1000.5, currency: JPY}", "{start: 2025-01-01, every: P1Y, count: 3}"));
    Diagnostic perPeriod = onlyError(fund("{value: 1000, currency: EUR}",
        "{start: 2025-01-01, every: P1Y, count: 3, amount: {value: 333.335, currency: EUR}}"));

    assertThat(total.message()).isEqualTo("JPY 1000.5 is finer than the smallest unit of JPY (whole units only): no target can be paid in it");
    assertThat(total.hint()).hasValueSatisfying(h -> assertThat(h).isEqualTo("write 1000 or 1001"));
    assertThat(perPeriod.message()).startsWith("EUR 333.335 is finer than the smallest unit of EUR (2 decimal places)");
    assertThat(errors(fund("{value: 1000.50, currency: EUR}", "{start: 2025-01-01, every: P1Y, count: 3}")))
        .as("trailing zeros are not finer").isEmpty();
  }

  /**
   * Review 6, L1: JPY 11 over twelve months gave eleven targets of JPY 0, each "discharged" with nothing delivered, and
   * December the whole JPY 11. A total smaller than one minor unit a period is refused, saying what it would give.
   */
  @Test
  void aTotalOfFewerMinorUnitsThanPeriodsIsAnError() {
    Diagnostic d = onlyError(fund("{value: 11, currency: JPY}", "{start: 2025-01-01, every: P1M, count: 12}"));

    assertThat(d.message()).endsWith("spreads JPY 11 over 12 periods, less than JPY 1 a period: 11 periods would have a target of JPY 0,"
        + " met with nothing delivered");
    assertThat(d.hint()).hasValueSatisfying(h -> assertThat(h).contains("give each period its amount"));
    assertThat(errors(fund("{value: 12, currency: JPY}", "{start: 2025-01-01, every: P1M, count: 12}"))).as("one yen a month").isEmpty();
  }

  /** An agreement with one commitment of {@code amount} on {@code schedule}. */
  private static String fund(String amount, String schedule) {
    return agreement("", """
        id: fund
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        amount: %s
        schedule: %s
        """.formatted(amount, schedule));
  }

  private static java.util.List<Diagnostic> errors(String text) {
    return AgreementParser.parse(new SourceFile("v2.md", text)).errors();
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

  @Test
  void anItemLineCanBeACeilingAndKeepsOlderHashesWithout() {
    String clause = """
        id: cze-training
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        items:
          - {item: soldiers trained, quantity: 4000%s}
        period: {start: 2024-01-01, end: 2024-12-31}
        """;
    Agreement ceiling = AgreementParser.parse(new SourceFile("v2.md", agreement("", clause.formatted(", bound: up-to")))).value().orElseThrow();
    Agreement floor = AgreementParser.parse(new SourceFile("v2.md", agreement("", clause.formatted("")))).value().orElseThrow();
    Agreement floorWritten = AgreementParser.parse(new SourceFile("v2.md", agreement("", clause.formatted(", bound: at-least")))).value()
        .orElseThrow();

    assertThat(ClauseFields.value(ceiling.clauses().getFirst(), "items")).contains("up to 4,000 soldiers trained");
    assertThat(ClauseFields.value(floor.clauses().getFirst(), "items")).contains("4,000 soldiers trained");
    assertThat(ceiling.versionHash()).isNotEqualTo(floor.versionHash());
    assertThat(floorWritten.versionHash()).as("the default written out changes nothing").isEqualTo(floor.versionHash());

    Parsed<Agreement> range = AgreementParser.parse(new SourceFile("v2.md", agreement("", clause.formatted(", bound: range"))));
    assertThat(range.errors()).extracting(Diagnostic::message).anyMatch(m -> m.contains("an item line's bound is at-least, exact or up-to"));
  }

  @Test
  void twoItemLinesOfOneItemKeepEachItsOwnBound() {
    String clause = """
        id: cze-training
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        items:
          - {item: soldiers trained, quantity: 1000%s}
          - {item: soldiers trained, quantity: 4000, bound: up-to}
        period: {start: 2024-01-01, end: 2024-12-31}
        """;
    Agreement range = AgreementParser.parse(new SourceFile("v2.md", agreement("", clause.formatted("")))).value().orElseThrow();
    Agreement exact = AgreementParser.parse(new SourceFile("v2.md", agreement("", clause.formatted(", bound: exact")))).value().orElseThrow();

    assertThat(ClauseFields.value(range.clauses().getFirst(), "items")).contains("1,000 soldiers trained, up to 4,000 soldiers trained");
    assertThat(ClauseFields.value(exact.clauses().getFirst(), "items")).contains("exactly 1,000 soldiers trained, up to 4,000 soldiers trained");
    assertThat(range.versionHash()).as("the first line's bound is its own").isNotEqualTo(exact.versionHash());
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

  static Parsed<Compact> compact(String umbrellaExtra, String agreementText) {
    String umbrella = "---\nid: c\ntitle: C\nprotected: UKR\nguarantors:\n  - {party: GBR, tier: core}\n" + umbrellaExtra + "---\n# C\n";
    return CompactParser.parse(new CompactSources("c", java.util.Optional.of(new SourceFile("compact.md", umbrella)),
        java.util.List.of(new SourceFile("agreements/a.md", agreementText)), java.util.List.of()));
  }

  static final String ATTACK_DUTY = """
      id: help
      norm: obligation
      obligor: GBR
      beneficiary: UKR
      domain: military
      trigger: 'incident.kind == "armed-attack" && incident.in_scope'
      territory: {includes: [UKR], excludes: [ordlo]}
      action: help
      deadline: {within: PT24H, from: activation}
      fulfilled-by: delivery
      """;

  @Test
  void aTerritoryNamingAnAreaTheCompactDoesNotDeclareIsAnErrorAtTheName() {
    Parsed<Compact> parsed = compact("", agreement("", ATTACK_DUTY));

    assertThat(parsed.errors()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("unknown area 'ordlo'");
      assertThat(d.hint().orElseThrow()).contains("declare it under 'areas' in compact.md");
      assertThat(d.position().path()).isEqualTo("agreements/a.md");
      assertThat(d.position().line()).isEqualTo(17);
    });
  }

  @Test
  void aLineOfControlNeedsItsSourceAndTheSubdivisionsItCuts() {
    Parsed<Compact> noSource = compact("areas:\n  - {id: ordlo, name: x, within: [UA-14], line: {as-of: 2022-02-23, polygon: [[1, 1], [1, 2], [2, 2]]}}\n",
        agreement("", ATTACK_DUTY));
    Parsed<Compact> noWithin = compact("areas:\n  - {id: ordlo, name: x, source: s, line: {as-of: 2022-02-23, polygon: [[1, 1], [1, 2], [2, 2]]}}\n",
        agreement("", ATTACK_DUTY));
    Parsed<Compact> badPoint = compact("areas:\n  - {id: ordlo, name: x, source: s, within: [UA-14], line: {as-of: 2022-02-23, polygon: [[91, 1], [1, 2], [2, 2]]}}\n",
        agreement("", ATTACK_DUTY));

    assertThat(noSource.errors()).anySatisfy(d -> assertThat(d.message()).isEqualTo("a line of control needs its source"));
    assertThat(noWithin.errors()).anySatisfy(d -> assertThat(d.message()).isEqualTo("a line of control needs the subdivisions it cuts"));
    assertThat(badPoint.errors()).anySatisfy(d -> assertThat(d.message()).isEqualTo("'91' is not a latitude"));
  }

  @Test
  void aClauseTerritoryOnAConditionThatNeverReadsTheScopeIsAnError() {
    Diagnostic d = onlyError(agreement("", ATTACK_DUTY.replace(" && incident.in_scope", "").replace("excludes: [ordlo]", "excludes: [UA-43]")));

    assertThat(d.message()).contains("a clause's territory decides only `incident.in_scope`");
    assertThat(d.position().line()).isEqualTo(17);
  }

  @Test
  void maritimeZonesAreKnownPlacesAndAMisspeltZoneGetsTheirForm() {
    assertThat(AgreementParser.parse(new SourceFile("v2.md", agreement("", ATTACK_DUTY.replace("excludes: [ordlo]", "excludes: [UKR-EEZ]"))))
        .errors()).isEmpty();
    Diagnostic d = onlyError(agreement("", ATTACK_DUTY.replace("excludes: [ordlo]", "excludes: [UKR-ZEE]")));

    assertThat(d.message()).isEqualTo("unknown place code 'UKR-ZEE'");
    assertThat(d.hint().orElseThrow()).contains("-EEZ");
  }

  static final String GDP = "gdp:\n  - {party: GBR, year: 2023, value: {value: 3000000000000, currency: GBP}, source: test}\n";

  static String pledge(String amount, String extra) {
    return """
        id: gbr-mil
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: military
        amount: %s
        period: {start: 2024-01-01, end: 2024-12-31}
        %s""".formatted(amount, extra);
  }

  @Test
  void aShareOfGdpBecomesTheAmountFromTheCompactsFigure() {
    Parsed<Compact> parsed = compact(GDP, agreement("", pledge("{share-of-gdp: 0.25%, year: 2023}", "")));

    assertThat(parsed.errors()).isEmpty();
    Norm.Commitment c = (Norm.Commitment) parsed.value().orElseThrow().agreements().getFirst().clauses().getFirst().norm();
    assertThat(c.amount()).contains(new Money(new java.math.BigDecimal("7.5E+9"), "GBP"));
    assertThat(ClauseFields.value(parsed.value().orElseThrow().agreements().getFirst().clauses().getFirst(), "amount"))
        .contains("0.25% of GDP (GBP 7.5 billion)");
  }

  @Test
  void aShareOfGdpWithoutAPercentSignOrWithoutAFigureIsAnErrorWithTheFix() {
    Parsed<Compact> noPercent = compact(GDP, agreement("", pledge("{share-of-gdp: 0.25, year: 2023}", "")));
    Parsed<Compact> noFigure = compact(GDP, agreement("", pledge("{share-of-gdp: 0.25%, year: 2022}", "")));

    assertThat(noPercent.errors()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("a share of GDP is written as a percentage, not '0.25'");
      assertThat(d.hint().orElseThrow()).contains("0.25%");
    });
    assertThat(noFigure.errors()).singleElement().satisfies(d -> {
      assertThat(d.message()).isEqualTo("the compact gives no GDP of GBR for 2022");
      assertThat(d.hint().orElseThrow()).contains("under 'gdp' in compact.md");
    });
  }

  @Test
  void partsMustNameAWholeOfTheSameObligorAndFitInIt() {
    String whole = pledge("{value: 100, currency: GBP}", "");
    Parsed<Compact> tooMuch = compact("", agreement("", whole) + "\n```clause\n"
        + pledge("{value: 150, currency: GBP}", "part-of: gbr-mil").replace("id: gbr-mil", "id: drones") + "\n```\n");
    Parsed<Compact> unknown = compact("", agreement("", whole) + "\n```clause\n"
        + pledge("{value: 50, currency: GBP}", "part-of: gbr-mill").replace("id: gbr-mil", "id: drones") + "\n```\n");

    assertThat(tooMuch.errors()).singleElement().satisfies(d -> assertThat(d.message()).contains("more than the whole"));
    assertThat(unknown.errors()).singleElement().satisfies(d ->
        assertThat(d.message()).isEqualTo("clause 'drones' is part of an unknown commitment 'gbr-mill'"));
  }
}

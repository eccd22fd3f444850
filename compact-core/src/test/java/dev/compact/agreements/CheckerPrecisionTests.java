package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker names the mistake that was made, once, and warns about text that can never take effect. */
class CheckerPrecisionTests {

  static Parsed<Agreement> parse(String text) {
    return AgreementParser.parse(new SourceFile("v2.md", text));
  }

  static String consultation(String deadline, String remedy) {
    return FormatV2DiagnosticsTests.agreement("", """
        id: consult
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: 'true'
        action: consult
        deadline: %s
        fulfilled-by: consultation-held
        %s
        """.formatted(deadline, remedy)) + """

        ```clause
        id: escalate
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: 'true'
        action: meet at ministerial level
        deadline: {within: P7D, from: consultation-requested}
        fulfilled-by: consultation-held
        ```
        """;
  }

  static final String PLEDGE = """
      id: pledge
      norm: commitment
      obligor: GBR
      beneficiary: UKR
      domain: military
      amount: {value: 100000000, currency: GBP}
      period: {start: 2024-01-01, end: 2024-12-31}
      """;

  @Test
  void aZeroOrNegativeDurationIsSaidToBeTooShortNotMisspelt() {
    for (String duration : List.of("PT0S", "P0D", "-PT24H", "PT-24H")) {
      Diagnostic d = FormatV2DiagnosticsTests.onlyError(consultation("{within: " + duration + ", from: consultation-requested}", ""));
      assertThat(d.message()).isEqualTo("'" + duration + "' is zero or negative; a duration here must be longer than zero");
    }
    assertThat(FormatV2DiagnosticsTests.onlyError(consultation("{within: 24h, from: consultation-requested}", "")).message())
        .isEqualTo("'24h' is not an ISO-8601 duration");
    assertThat(FormatV2DiagnosticsTests.onlyError(consultation("{within: P1001Y, from: consultation-requested}", "")).message())
        .isEqualTo("'P1001Y' is longer than 1000 years");
  }

  @Test
  void aRemedyOnADeadlineThatIsNeverBreachedIsAWarningAtTheRemedy() {
    for (String firmness : List.of("best-effort", "promptly")) {
      Parsed<Agreement> parsed = parse(consultation("{within: PT24H, from: consultation-requested, firmness: " + firmness + "}",
          "remedy: escalate"));
      assertThat(parsed.errors()).isEmpty();
      assertThat(parsed.diagnostics()).extracting(Diagnostic::message).containsExactly("clause 'consult' has a remedy, but its "
          + "deadline is firmness: " + firmness + ", which is never breached: the remedy 'escalate' can never arise");
      assertThat(parsed.diagnostics().getFirst().position().line()).isEqualTo(20);
    }
  }

  @Test
  void aRemedyOnAFirmDeadlineDrawsNoWarning() {
    for (String firmness : List.of("", ", firmness: immediately", ", firmness: hard")) {
      Parsed<Agreement> parsed = parse(consultation("{within: PT24H, from: consultation-requested" + firmness + "}", "remedy: escalate"));
      assertThat(parsed.diagnostics()).as(firmness).isEmpty();
    }
  }

  @Test
  void anImpossibleSignatureDateIsReportedOnceNotAlsoAsNeverSigned() {
    Parsed<Agreement> parsed = parse(FormatV2DiagnosticsTests.agreement("""
        lifecycle:
          signed: 2024-02-30
          in-force: 2024-03-01
        """, PLEDGE));

    assertThat(parsed.errors()).extracting(Diagnostic::message).containsExactly("'2024-02-30' is not a real calendar date");
  }

  @Test
  void anAgreementInForceWithNoSignatureAtAllIsStillNeverSigned() {
    Parsed<Agreement> parsed = parse(FormatV2DiagnosticsTests.agreement("""
        lifecycle:
          in-force: 2024-03-01
        """, PLEDGE));

    assertThat(parsed.errors()).extracting(Diagnostic::message).containsExactly("in force, but never signed");
  }
}

package dev.compact.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The coverage page and its CSV over real HTTP on the real compact (issue #13): who is bound to what,
 * the gaps, the unverified sources; text from the agreement files is escaped, and a restricted
 * clause shapes no public cell while a cleared reader sees it.
 */
class CoverageIntegrationTests {
  static final String MARKER = "COVERAGE-RESTRICTED-9K";

  @Test
  void showsTheMatrixEscapesTheSourcesAndKeepsRestrictedClausesFromThePublic(@TempDir Path dir) throws Exception {
    CompactCopy compact = CompactCopy.kyiv(dir).withUkText("""

        The United Kingdom will also provide signals equipment as a separate arrangement provides.

        ```clause
        id: gbr-signals-2026
        title: Signals equipment %s
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: information
        classification: restricted
        amount: {value: 50000000, currency: GBP}
        period: {start: 2026-01-01, end: 2026-12-31}
        source: "A separate arrangement %s; https://example.org/signals"
        ```

        A test-only commitment whose source carries markup.

        ```clause
        id: gbr-markup
        title: A source with markup
        norm: commitment
        obligor: GBR
        beneficiary: UKR
        domain: humanitarian
        amount: {value: 1000000, currency: GBP}
        period: {start: 2026-01-01, end: 2026-12-31}
        source: "Report <script>alert('x')</script> & more; https://example.org/markup"
        ```
        """.formatted(MARKER, MARKER));
    try (ConfigurableApplicationContext context = compact.start()) {
      Http http = RecordApiIntegrationTests.http(context);
      Tokens tokens = Tokens.create(context);

      HttpResponse<String> page = http.get("/coverage");
      assertThat(page.statusCode()).isEqualTo(200);
      String html = page.body();
      // Japan's corrected 24-hour clock, the US best effort on a threat, Germany's money under the Bundestag.
      assertThat(row(html, "JPN")).contains("24h").contains("USD 4.5bn 2024").contains("jpn-ukr-2024/jpn-consult");
      assertThat(row(html, "USA")).contains("24h~ +threat").contains("best effort (late, never breached)");
      assertThat(row(html, "DEU")).contains("EUR 7.1bn 2024").contains("subject to parliamentary approval");
      // Australia and Turkey are named in the Compact's core group but signed no agreement: their pledge cells are gaps.
      assertThat(row(html, "AUS")).contains("class=\"gap\"");
      // Clock known only as the G7 formula: listed as unverified with what was found.
      assertThat(html).contains("id=\"unverified-list\"").contains("can-ukr-2024/can-consult");
      // Markup written in a source is shown as text, never run.
      assertThat(html).contains("Report &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more").doesNotContain("<script>alert(");
      // The restricted clause shapes no public cell, and the CSV is the same matrix.
      assertThat(html).doesNotContain(MARKER).doesNotContain("gbr-signals-2026");
      HttpResponse<String> csv = http.get("/coverage.csv");
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      assertThat(csv.body()).startsWith("party,tier,mechanism,agreement,clause,brief,summary,firmness,stage,source_status,source\r\n")
          .contains("JPN,broader,consultations,jpn-ukr-2024,jpn-consult,24h,").contains("AUS,core,military,,,,,,,gap,")
          .doesNotContain(MARKER);

      // A cleared reader (the secretariat, signed in on the dashboard) sees the restricted commitment in its cell.
      String cleared = http.get("/coverage", http.signIn(tokens.secretariat())).body();
      assertThat(row(cleared, "GBR")).contains("gbr-signals-2026").contains(MARKER);
      assertThat(cleared).contains("showing clauses up to secret");
    }
  }

  /** The table row of one party, from its id to the end of the row. */
  private static String row(String html, String party) {
    int start = html.indexOf("id=\"row-" + party + "\"");
    assertThat(start).as("row of " + party).isNotNegative();
    return html.substring(start, html.indexOf("</tr>", start));
  }
}

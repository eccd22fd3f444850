package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgreementRendererTests {

  @Test
  void htmlFillsTheAmountFromTheClause() {
    String html = AgreementRenderer.html(AgreementParserTests.parse(AgreementParserTests.UK));

    assertThat(html).contains("The United Kingdom will provide GBP 2.5 billion until 2034-01-12.");
    assertThat(html).doesNotContain("{{");
  }

  @Test
  void changingTheClauseAmountChangesTheRenderedText() {
    String changed = AgreementParserTests.UK.replace("value: 2500000000", "value: 2750000000");

    String html = AgreementRenderer.html(AgreementParserTests.parse(changed));

    assertThat(html).contains("will provide GBP 2.75 billion").doesNotContain("GBP 2.5 billion");
  }

  @Test
  void everyClauseHasAnAnchorAndARowInTheNormsTable() {
    String html = AgreementRenderer.html(AgreementParserTests.parse(AgreementParserTests.UK));

    assertThat(html).contains("id=\"clause-gbr-mil\"", "id=\"clause-gbr-consult\"");
    assertThat(html).contains("<td><a href=\"#clause-gbr-consult\">gbr-consult</a></td><td>Obligation</td><td>the United Kingdom</td>");
    assertThat(html).contains("within 24 hours of the request for consultations (strictly before)");
  }

  @Test
  void clauseYamlDoesNotLeakIntoTheRenderedText() {
    String text = AgreementRenderer.text(AgreementParserTests.parse(AgreementParserTests.UK));

    assertThat(text).doesNotContain("fulfilled-by:", "```");
    assertThat(text).contains("[gbr-mil] Commitment: the United Kingdom - Military assistance");
  }

  @Test
  void publicViewLeavesOutRestrictedClausesAndTheirData() {
    String restricted = AgreementParserTests.UK.replace("title: Military assistance\n", "title: Military assistance\nclassification: restricted\n");
    Agreement agreement = AgreementParserTests.parse(restricted);

    Agreement view = agreement.publicView();
    String html = AgreementRenderer.html(view);

    assertThat(agreement.clauses()).hasSize(2);
    assertThat(view.clauses()).extracting(c -> c.id().value()).containsExactly("gbr-consult");
    assertThat(view.versionHash()).isEqualTo(agreement.versionHash());
    assertThat(html).doesNotContain("2.5 billion", "gbr-mil", "2500000000").contains("will provide [withheld]");
    assertThat(AgreementRenderer.html(agreement)).contains("GBP 2.5 billion");
  }

  @Test
  void aRestrictedViewShowsRestrictedClausesButNotSecretOnes() {
    String secret = AgreementParserTests.UK.replace("title: Military assistance\n", "title: Military assistance\nclassification: secret\n");
    Agreement agreement = AgreementParserTests.parse(secret);

    assertThat(agreement.view(Classification.RESTRICTED).clauses()).extracting(c -> c.id().value()).containsExactly("gbr-consult");
    assertThat(agreement.view(Classification.SECRET).clauses()).hasSize(2);
    assertThat(AgreementRenderer.html(agreement.view(Classification.RESTRICTED))).doesNotContain("2.5 billion");
  }

  @Test
  void classificationChangesTheHashButPublicClausesKeepTheirOldOne() {
    String restricted = AgreementParserTests.UK.replace("title: Military assistance\n", "title: Military assistance\nclassification: restricted\n");
    String explicitPublic = AgreementParserTests.UK.replace("title: Military assistance\n", "title: Military assistance\nclassification: public\n");

    assertThat(AgreementParserTests.parse(restricted).versionHash()).isNotEqualTo(AgreementParserTests.parse(AgreementParserTests.UK).versionHash());
    assertThat(AgreementParserTests.parse(explicitPublic).versionHash()).isEqualTo(AgreementParserTests.parse(AgreementParserTests.UK).versionHash());
  }

  @Test
  void markupInTheAgreementIsEscaped() {
    String hostile = AgreementParserTests.UK.replace("title: Test agreement", "title: \"<script>alert(1)</script>\"")
        .replace("# Test", "# Test <img src=x onerror=alert(1)>");

    String html = AgreementRenderer.html(AgreementParserTests.parse(hostile));

    assertThat(html).doesNotContain("<script>", "<img").contains("&lt;script&gt;");
  }
}

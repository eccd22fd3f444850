package dev.compact.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementParser;
import dev.compact.agreements.Clause;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The drafter's guide teaches the format from its section 2, the UK agreement restated. Audit round 5 (B10) found that
 * example had drifted from the faithful file (a preamble under the Kyiv Compact, a sanctions promise, a NATO reading
 * since corrected, no sources). It is now that file with one marked addition for teaching, and this test holds the two
 * together: a change to either that is not made to the other fails here.
 */
class WorkedExampleTests {
  static final String TEACHING_ARTICLE = "### 4.4 Escalation if consultations are not held in time";
  static final String TEACHING_REMEDY = "remedy: gbr-consult-ministerial\n";

  static String workedExample() throws IOException {
    String guide = Files.readString(ExampleCompactsTests.examples().resolveSibling("docs").resolve("agreement-format.md"), StandardCharsets.UTF_8);
    int section = guide.indexOf("## 2. A complete worked example");
    int start = guide.indexOf("````markdown\n", section) + "````markdown\n".length();
    int end = guide.indexOf("\n````\n", start);
    assertThat(section).as("section 2 of docs/agreement-format.md").isPositive();
    return guide.substring(start, end + 1);
  }

  @Test
  void theGuidesWorkedExampleIsTheFaithfulUkFilePlusOnlyItsMarkedTeachingAddition() throws IOException {
    String example = workedExample();
    Path faithful = ExampleCompactsTests.examples().resolve("kyiv-compact/agreements/gbr-ukr-2024.md");

    int article = example.indexOf(TEACHING_ARTICLE);
    int next = example.indexOf("## Article 5.", article);
    assertThat(article).as("the teaching article 4.4").isPositive();
    String withoutAddition = example.substring(0, article) + example.substring(next);
    assertThat(withoutAddition).contains(TEACHING_REMEDY);
    withoutAddition = withoutAddition.replace(TEACHING_REMEDY, "");

    assertThat(withoutAddition).isEqualTo(Files.readString(faithful, StandardCharsets.UTF_8));
  }

  @Test
  void theWorkedExampleChecksCleanAndMarksItsAdditionIllustrative() throws IOException {
    Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("gbr-ukr-2024.md", workedExample()));

    assertThat(parsed.diagnostics()).extracting(Diagnostic::format).isEmpty();
    Agreement agreement = parsed.value().orElseThrow();
    assertThat(agreement.clauses()).allSatisfy(clause -> assertThat(clause.source()).as(clause.id().value()).isNotBlank());
    assertThat(agreement.clauses()).filteredOn(clause -> clause.id().value().equals("gbr-consult-ministerial"))
        .extracting(Clause::source).singleElement().asString().startsWith("illustrative:");
  }
}

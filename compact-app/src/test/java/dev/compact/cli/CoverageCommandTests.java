package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CoverageCommandTests {

  @Test
  void printsTheMatrixOfTheKyivCompactWithGapsAndUnverifiedSources() {
    CliRun run = CliRun.of("coverage", CliRun.example("kyiv-compact"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Coverage of kyiv-compact (Kyiv Security Compact): who is bound to what")
        .containsPattern("(?m)^PARTY\\s+TIER\\s+CONSULTATIONS\\s+DECISION\\s+MILITARY\\s+FINANCIAL\\s+RECONSTRUCTION\\s+SANCTIONS\\s+LIMITS\\s+TERM\\s+NATO$")
        // The Ukraine Compact's six-month meeting of defence ministers is a best effort, its reading unverified (P6M~?).
        .containsPattern("(?m)^JPN\\s+broader\\s+24h\\?\u00b0, 24h, P6M~\\?, 24h~\\?\\s")
        .containsPattern("(?m)^USA\\s+core\\s+24h\\?\u00b0, P6M~\\?, 24h~\\?, 24h~ \\+threat\\s")
        .contains("Unverified (what could not be confirmed, and what was found):")
        .contains("can-ukr-2024/can-consult: unverified:")
        .contains("Clauses above public are left out (--classification).");
  }

  @Test
  void csvHasOneLinePerEntryAndPerGap() {
    CliRun run = CliRun.of("coverage", CliRun.example("kyiv-compact"), "--format", "csv");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("party,tier,mechanism,agreement,clause,brief,summary,firmness,stage,source_status,source\r\n")
        .contains("\r\nTUR,core,military,,,,,,,gap,\r\n")
        .contains("\r\nDEU,core,military,deu-ukr-2024,deu-mil-2024,EUR 7.1bn 2024,");
  }

  @Test
  void jsonCarriesEveryCellWithItsSourceStatus() throws Exception {
    CliRun run = CliRun.of("coverage", CliRun.example("kyiv-compact"), "--format", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(run.out());
    assertThat(root.get("compact").asString()).isEqualTo("kyiv-compact");
    assertThat(root.get("mechanisms")).hasSize(9);
    JsonNode canada = null;
    for (JsonNode row : root.get("rows")) {
      if (row.get("party").asString().equals("CAN")) {
        canada = row;
      }
    }
    assertThat(canada).isNotNull();
    JsonNode consult = null;
    for (JsonNode entry : canada.get("cells").get("consultations")) {
      if (entry.get("clause").asString().equals("can-consult")) {
        consult = entry;
      }
    }
    assertThat(consult).isNotNull();
    assertThat(consult.get("sourceStatus").asString()).isEqualTo("unverified");
    assertThat(consult.get("signed").asBoolean()).isTrue();
  }

  @Test
  void aWrongFormatOrClassificationOrFolderIsAClearErrorWithoutAStackTrace() {
    CliRun format = CliRun.of("coverage", CliRun.example("kyiv-compact"), "--format", "xml");
    CliRun level = CliRun.of("coverage", CliRun.example("kyiv-compact"), "--classification", "top-secret");
    CliRun missing = CliRun.of("coverage", CliRun.example("no-such-compact"));

    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("'xml' is not a format; use table, csv or json");
    assertThat(level.exitCode()).isEqualTo(2);
    assertThat(level.err()).contains("'top-secret' is not a classification");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no such compact folder").doesNotContain("Exception", "\tat ");
  }
}

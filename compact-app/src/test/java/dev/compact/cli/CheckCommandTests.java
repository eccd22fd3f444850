package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTests {

  @Test
  void examplesCheckCleanAndPrintIdNormsAndHashPerAgreement() {
    CliRun run = CliRun.of("check", "--strict", CliRun.example("kyiv-compact"), CliRun.example("istanbul-2022/communique-2022-03-29"),
        CliRun.example("istanbul-2022/draft-2022-04-15"), CliRun.example("drafting-exercises"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("gbr-ukr-2024\\s+\\d+ norms?\\s+sha256:[0-9a-f]{64}");
    assertThat(run.out()).contains("istanbul-2022-communique").contains("istanbul-2022-draft").contains("0 errors, 0 warnings");
    assertThat(run.out().lines().filter(l -> l.contains("sha256:")).count()).isGreaterThanOrEqualTo(8);
    // A compact of its own text alone said "(0 agreements)" above the line of that text's norms.
    assertThat(run.out()).containsPattern("communique-2022-03-29  istanbul-2022-communique \\(compact\\.md and 0 agreements\\)\\n"
        + "  istanbul-2022-communique\\s+\\d+ norms?\\s+sha256:").doesNotContain("(0 agreements)");
  }

  @Test
  void brokenFileExitsOneAndPrintsTheDiagnosticWithoutAStackTrace(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.md");
    Files.writeString(broken, "---\nid: x\ntitle: X\nparties: [GBR, UKR]\nbeneficiary: UKR\nbinding: politcal\n---\ntext\n");

    CliRun run = CliRun.of("check", broken.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("broken.md:6:10: error: 'politcal' is not a valid binding")
        .contains("hint: use one of: legal, political, both")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void strictFailsWhenTheProtectedStateIsBoundByADutyOwedToItself(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("both.md");
    Files.writeString(file, """
        ---
        id: both
        title: Both
        parties: [FRA, UKR]
        beneficiary: UKR
        binding: political
        ---
        ```clause
        id: consult
        norm: obligation
        obligor: parties
        beneficiary: UKR
        domain: military
        trigger: consultation.requested_by in ["FRA", "UKR"]
        action: consult
        deadline: {within: PT24H, from: consultation-requested}
        fulfilled-by: consultation-held
        ```
        """);

    assertThat(CliRun.of("check", file.toString()).exitCode()).isZero();
    CliRun strict = CliRun.of("check", "--strict", file.toString());
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.out() + strict.err()).contains("warning: clause 'consult' binds UKR, its own beneficiary (as one of 'parties')")
        .contains("hint: name the obligors without UKR (e.g. 'obligor: FRA')");
  }

  @Test
  void warningsFailOnlyWhenStrict(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("soft.md");
    Files.writeString(file, """
        ---
        id: soft
        title: Soft
        parties: [GBR, UKR]
        beneficiary: UKR
        binding: political
        ---
        ```clause
        id: consult
        norm: obligation
        obligor: GBR
        beneficiary: UKR
        domain: military
        trigger: incident.in_scope
        action: consult
        fulfilled-by: consultation-held
        ```
        """);

    assertThat(CliRun.of("check", file.toString()).exitCode()).isZero();
    CliRun strict = CliRun.of("check", "--strict", file.toString());
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.err()).contains("warning: clause 'consult' has no deadline");
  }

  @Test
  void missingPathIsAClearError() {
    CliRun run = CliRun.of("check", "no/such/folder");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no/such/folder:1:1: error: no such file");
  }

  @Test
  void fileThatIsNotUtf8IsRejected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.md");
    Files.write(file, new byte[] {'-', '-', '-', '\n', (byte) 0xE9, '\n'});

    CliRun run = CliRun.of("check", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("not valid UTF-8");
  }
}

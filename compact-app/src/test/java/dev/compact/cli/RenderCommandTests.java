package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTests {
  static final String UK = "kyiv-compact/agreements/gbr-ukr-2024.md";

  @Test
  void ukAgreementRendersThe2024AmountFromItsClause() {
    CliRun run = CliRun.of("render", CliRun.example(UK), "--format", "html");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("GBP 2.5 billion").contains("id=\"clause-gbr-mil-2024\"").doesNotContain("{{");
  }

  @Test
  void changingTheClauseAmountChangesTheRenderedText(@TempDir Path dir) throws IOException {
    String original = Files.readString(Path.of(CliRun.example(UK)));
    assertThat(original).contains("value: 2500000000");
    Path changed = dir.resolve("gbr.md");
    Files.writeString(changed, original.replace("value: 2500000000", "value: 2900000000"));

    CliRun run = CliRun.of("render", changed.toString(), "--format", "text");

    assertThat(run.exitCode()).as(run.err()).isZero();
    // The sources quote what the public record says (GBP 2.5 billion); the text and the norms follow the clause data.
    String beforeSources = run.out().substring(0, run.out().indexOf("\nSources\n"));
    assertThat(beforeSources).contains("GBP 2.9 billion").doesNotContain("GBP 2.5 billion");
  }

  @Test
  void umbrellaDocumentRendersWithItsCompact() {
    CliRun run = CliRun.of("render", CliRun.example("kyiv-compact/compact.md"), "--format", "text");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Kyiv Security Compact").contains("within 24 hours of the request for consultations");
  }

  @Test
  void unknownFormatIsRefused() {
    CliRun run = CliRun.of("render", CliRun.example(UK), "--format", "pdf");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown format 'pdf'");
  }

  /** Before, a mistyped name inside a compact's agreements folder printed nothing at all and exited 1. */
  @Test
  void aMistypedAgreementOfACompactIsNoSuchFile() {
    String missing = CliRun.example("kyiv-compact/agreements/nope.md");
    CliRun run = CliRun.of("render", missing);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("nope.md:1:1: error: no such file");
  }

  /** Before, a folder that is not there was an "internal error" (exit code 2) naming a JDK exception. */
  @Test
  void anOutputInAFolderThatIsNotThereIsRefusedInOneLine(@TempDir Path dir) {
    Path out = dir.resolve("missing").resolve("uk.html");

    CliRun run = CliRun.of("render", CliRun.example(UK), "--format", "html", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("compact render: cannot write " + out + ": the folder " + dir.resolve("missing")
        + " does not exist; create it first or write elsewhere" + System.lineSeparator());
    assertThat(dir.resolve("missing")).doesNotExist();
  }

  @Test
  void writesTheWholeFileAndNothingElse(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("uk.html");
    Files.writeString(out, "an older rendering");

    CliRun run = CliRun.of("render", CliRun.example(UK), "--format", "html", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo(CliRun.of("render", CliRun.example(UK), "--format", "html").out());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }
}

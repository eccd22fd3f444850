package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenCommandTests {

  @Test
  void findsDeripaskaWithAnExplanation() {
    CliRun run = CliRun.of("screen", "Oleg Deripaska", "--type", "person");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("1. ALERT", "DERIPASKA", "'oleg'≈'oleg' exact",
        "algorithm " + dev.compact.screening.Algorithm.ID);
  }

  @Test
  void refusesAnEmptyName() {
    CliRun run = CliRun.of("screen", "");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("the name is empty").doesNotContain("Exception");
  }

  @Test
  void refusesPunctuationAndAbsurdlyLongNames() {
    CliRun punctuation = CliRun.of("screen", "?!..,,");
    CliRun longName = CliRun.of("screen", "a".repeat(10_000));

    assertThat(punctuation.exitCode()).isEqualTo(1);
    assertThat(punctuation.err()).contains("nothing to match on");
    assertThat(longName.exitCode()).isEqualTo(1);
    assertThat(longName.err()).contains("10000 characters");
  }

  @Test
  void refusesAnUnknownTypeOrDate() {
    CliRun run = CliRun.of("screen", "Oleg Deripaska", "--type", "planet", "--dob", "soon");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("unknown type 'planet'", "cannot read the date of birth 'soon'");
  }

  @Test
  void screensABatchIntoACsvWithOneRowPerHitOrName(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.csv");
    Path out = dir.resolve("out.csv");
    Files.writeString(in, "name,type\nOleg Deripaska,person\n\"Acme Trading Corp\",\n...,\n");

    CliRun run = CliRun.of("screen", "--batch", in.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isZero();
    String csv = Files.readString(out);
    assertThat(csv.lines().skip(1).filter(l -> l.startsWith("1,")).findFirst()).get().asString()
        .contains("ALERT", "DERIPASKA");
    assertThat(csv).contains("3,4,...,REJECTED");
    assertThat(run.out()).contains("Screened 3 names");
  }

  @Test
  void reportsTheLineOfAMalformedBatch(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "who\nsomeone\n");

    CliRun run = CliRun.of("screen", "--batch", in.toString(), "--out",
        dir.resolve("out.csv").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("missing column 'name'");
    assertThat(dir.resolve("out.csv")).doesNotExist();
  }

  @Test
  void timingsSayWhereABatchSpentItsTime(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "name,type\nOleg Deripaska,person\n");

    CliRun run = CliRun.of("screen", "--batch", in.toString(), "--out", dir.resolve("out.csv").toString(),
        "--timings");
    CliRun quiet = CliRun.of("screen", "--batch", in.toString(), "--out", dir.resolve("quiet.csv").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("compact: timings (wall ms, process CPU ms):", "lists", "index",
        "read the batch file", "screening (", "write the results", "total");
    assertThat(quiet.err()).doesNotContain("timings");
  }
}

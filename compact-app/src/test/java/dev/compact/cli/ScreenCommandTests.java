package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import dev.compact.screening.BatchAnswer;
import dev.compact.screening.Hit;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.evaluation.CsvTable;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenCommandTests {

  @Test
  void writesAScoreAsTheFormatterWritesItsThousandths() {
    // Both the local and the --server path write scores through ScreenCommand.score, without a Formatter since #17.
    List<Double> scores = new ArrayList<>(List.of(0.0, -0.0, 1.0, 0.5005, 0.9995, 0.0005, 999_999.9994, Double.NaN, -0.25,
        Double.POSITIVE_INFINITY, 2e6));
    java.util.Random random = new java.util.Random(17);
    for (int k = 0; k <= 200_000; k++) {
      double x = k / 100_000.0;
      scores.add(x);
      scores.add(Math.nextUp(x));
      scores.add(Math.nextDown(x));
      scores.add(random.nextDouble());
    }
    for (double score : scores) {
      assertThat(ScreenCommand.score(score)).as("%s", score)
          .isEqualTo(String.format(Locale.ROOT, "%.3f", Math.round(score * 1000) / 1000.0));
    }
  }

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

  /**
   * An output path that cannot be written is said in one line before any list is loaded or name
   * screened, and nothing is left behind: before, a missing folder was found only after the whole
   * batch, named by a temporary file's path; a folder as --out left that temporary file; and --out
   * naming the --batch file replaced the input with the results.
   */
  @Test
  void refusesAnOutputItCannotWriteBeforeScreeningAndLeavesNothing(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in.csv");
    Files.writeString(in, "name\nOleg Deripaska\n");
    Path missing = dir.resolve("missing").resolve("out.csv");
    Path folder = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(folder.resolve("kept.txt"), "kept");

    CliRun intoMissing = CliRun.of("screen", "--batch", in.toString(), "--out", missing.toString());
    CliRun ontoFolder = CliRun.of("screen", "--batch", in.toString(), "--out", folder.toString());
    CliRun ontoInput = CliRun.of("screen", "--batch", in.toString(), "--out", in.toString());

    assertThat(intoMissing.exitCode()).isEqualTo(1);
    assertThat(intoMissing.err().lines().toList()).containsExactly("compact screen: cannot write " + missing + ": the folder "
        + dir.resolve("missing") + " does not exist; create it first or write elsewhere; nothing was screened");
    assertThat(intoMissing.out()).isEmpty();
    assertThat(ontoFolder.exitCode()).isEqualTo(1);
    assertThat(ontoFolder.err()).contains(folder + " is a folder; give the name of a file to write");
    assertThat(ontoInput.exitCode()).isEqualTo(1);
    assertThat(ontoInput.err()).contains("is the --batch file itself; it is not overwritten");
    assertThat(Files.readString(in)).isEqualTo("name\nOleg Deripaska\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.csv", "taken");
    }
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kept.txt");
    }
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
  void aBatchWithoutLineBreaksIsRefusedInOneLineNotAJvmError(@TempDir Path dir) throws IOException {
    // /dev/zero (or a pipe that never ends a line) was read whole into one CSV field: an OutOfMemoryError and its stack trace.
    Path longLine = dir.resolve("long.csv");
    Files.writeString(longLine, "name\n" + "a".repeat(ScreenCommand.MAX_BATCH_LINE + 1) + "\n");

    CliRun device = CliRun.of("screen", "--batch", "/dev/zero", "--out", dir.resolve("zero.csv").toString());
    CliRun file = CliRun.of("screen", "--batch", longLine.toString(), "--out", dir.resolve("long-out.csv").toString());

    for (CliRun run : List.of(device, file)) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.err()).contains("a line longer than 65,536 bytes, which no batch row needs", "nothing was screened")
          .doesNotContain("Exception", "\tat ");
      assertThat(run.err().lines().count()).isEqualTo(1);
    }
    assertThat(device.err()).startsWith("compact screen: /dev/zero: a line longer");
    assertThat(dir.resolve("zero.csv")).doesNotExist();
    assertThat(dir.resolve("long-out.csv")).doesNotExist();
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

  /**
   * The batch (list and index snapshots, names normalised ahead on a second thread, rows screened on
   * a pool) must write, for every row, what the matcher finds on a freshly built index in one thread.
   * The names mix scripts, so that several threads meet each script's transliteration first.
   */
  @Test
  void batchWritesWhatTheMatcherFindsOnAFreshIndex(@TempDir Path dir) throws IOException {
    List<SanctionsList> lists = ListLoader.bundled();
    List<String> names = new ArrayList<>(List.of("Ким Чен Ын", "金與正", "김정은", "محمد علي حسن", "Ri Jong Ho",
        "ΑΛΕΞΑΝΔΡΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", "Владимир Петров", "山田 太郎", "Acme Trading, Ltd.", "José Álvarez"));
    int i = 0;
    for (SanctionsList list : lists) {
      for (SanctionedEntity e : list.entities()) {
        if (i++ % 97 == 0 || e.names().stream().anyMatch(n -> n.originalScript()) && i % 5 == 0) {
          names.add(e.names().get(i % e.names().size()).full());
        }
      }
    }
    StringBuilder csv = new StringBuilder("name\n");
    names.forEach(n -> csv.append(ScreenCommand.csvLine(List.of(n))));
    Path in = dir.resolve("in.csv");
    Path out = dir.resolve("out.csv");
    Files.writeString(in, csv);

    CliRun first = CliRun.of("screen", "--batch", in.toString(), "--out", out.toString());
    CliRun second = CliRun.of("screen", "--batch", in.toString(), "--out", dir.resolve("again.csv").toString());

    assertThat(first.exitCode()).isZero();
    assertThat(second.exitCode()).isZero();
    Screener fresh = new Screener(ScreeningIndex.build(lists));
    List<String> expected = new ArrayList<>();
    for (int row = 0; row < names.size(); row++) {
      BatchAnswer answer = BatchAnswer.screen(fresh, names.get(row), null, null, null, List.of(), 5);
      if (answer.hits().isEmpty()) {
        expected.add((row + 1) + " " + (answer.rejected() ? "REJECTED" : "NONE"));
      }
      for (Hit hit : answer.hits()) {
        expected.add((row + 1) + " " + hit.decision() + " " + String.format(Locale.ROOT, "%.3f", hit.score()) + " "
            + hit.entity().id().value() + " " + String.join(" | ", hit.explanation().describe()));
      }
    }
    List<String> written = CsvTable.read("out.csv", new StringReader(Files.readString(out)), List.of("row")).rows().stream()
        .map(r -> r.get("row") + " " + r.get("decision") + (r.get("entity_id").isEmpty() ? ""
            : " " + r.get("score") + " " + r.get("entity_id") + " " + r.get("explanation")))
        .toList();
    assertThat(written).containsExactlyElementsOf(expected);
    assertThat(Files.readString(dir.resolve("again.csv"))).isEqualTo(Files.readString(out));
  }

  /** The help said "1 on bad input", while a command line picocli cannot read exits 2, as for every command: both are said now. */
  @Test
  void theHelpGivesTheExitCodesScreenReturns() {
    String help = CliRun.of("screen", "--help").out().replaceAll("\\s+", " ");

    assertThat(help).contains("Exit code 0 when screened (with or without hits), 1 on bad input (", " 2 on a command line it cannot read (");
    assertThat(CliRun.of("screen", "Oleg Deripaska", "--dob", "not-a-date").exitCode()).as("a date the command cannot use").isEqualTo(1);
    assertThat(CliRun.of("screen", "Oleg Deripaska", "--type", "alien").exitCode()).as("a type the command cannot use").isEqualTo(1);
    assertThat(CliRun.of("screen", "Oleg Deripaska", "--nope").exitCode()).as("an unknown option").isEqualTo(2);
    assertThat(CliRun.of("screen", "Oleg Deripaska", "--limit", "ten").exitCode()).as("a value of the wrong kind").isEqualTo(2);
  }
}

package dev.compact.screening.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.compact.sanctions.ListLoader;
import dev.compact.screening.Hit;
import dev.compact.screening.NameComparator;
import dev.compact.screening.NameMatch;
import dev.compact.screening.NameNormaliser;
import dev.compact.screening.Screener;
import dev.compact.screening.ScreeningIndex;
import dev.compact.screening.ScreeningOutcome;
import dev.compact.screening.ScreeningQuery;
import dev.compact.screening.evaluation.NamePairBench.NamePair;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Speed work must not move a single score or a single word of an explanation (issue #17): every
 * pair of the evaluation sets and every screening of their queries is rendered in full (scores to
 * the last digit, hit order, explanation lines) and compared with a golden file recorded from the
 * matcher before the speed work ({@code compact-align-11} at commit 6661adb).
 *
 * <p>The golden files hold one line per case: its place, the scores and a SHA-256 of the full
 * rendering. The shared sets are OpenSanctions-derived and may not be committed, so their names
 * never appear in the files; a mismatch prints the current rendering of the first cases that
 * differ. Regenerate (only for a deliberate accuracy change, which then lands with its own
 * before/after figures) with {@code -Dcompact.golden.write=true}.
 */
class MatcherGoldenTests {

  static final String DIR = "src/test/resources/screening/golden/";
  static final boolean WRITE = Boolean.getBoolean("compact.golden.write");

  static Screener screener;

  @BeforeAll
  static void buildIndex() {
    screener = new Screener(ScreeningIndex.build(ListLoader.bundled()));
  }

  @Test
  void ourLabelledPairsScoreAndExplainAsRecorded() throws IOException {
    List<NamePair> pairs;
    try (InputStream in = MatcherGoldenTests.class.getResourceAsStream(
        LabelledPairsQualityTests.RESOURCE)) {
      assertThat(in).isNotNull();
      pairs = NamePairBench.read(LabelledPairsQualityTests.RESOURCE,
          new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    check("labelled_pairs.tsv", pairs(pairs));
  }

  @Test
  void ourLabelledNamesScreenAsRecordedAgainstTheBundledLists() throws IOException {
    List<NamePair> pairs;
    try (InputStream in = MatcherGoldenTests.class.getResourceAsStream(
        LabelledPairsQualityTests.RESOURCE)) {
      pairs = NamePairBench.read(LabelledPairsQualityTests.RESOURCE,
          new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Map<String, String> rendered = new LinkedHashMap<>();
    for (NamePair pair : pairs) {
      rendered.put(pair.line() + ".1", screening(ScreeningQuery.of(pair.name1())
          .withKind(pair.kind())));
      rendered.put(pair.line() + ".2", screening(ScreeningQuery.of(pair.name2())
          .withKind(pair.kind())));
    }
    check("labelled_names_screened.tsv", rendered);
  }

  @Test
  void sharedNamePairsScoreAndExplainAsRecorded() throws IOException {
    Path file = shared("eval/nomenklatura/name_bench_cases.csv");
    List<NamePair> pairs;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      pairs = NamePairBench.read(file.toString(), r);
    }
    check("shared_name_pairs.tsv", pairs(pairs));
  }

  @Test
  void sharedPeopleScreenAsRecordedByNameAndWithQualifiers() throws IOException {
    Map<String, String> rendered = new LinkedHashMap<>();
    for (String set : List.of("positives_un_untreated", "negatives_us_1k",
        "negatives_global_1k")) {
      Path file = shared("eval/yente/" + set + ".csv");
      List<PersonRecord> people;
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        people = PersonRecord.read(file.toString(), r);
      }
      for (PersonRecord person : people) {
        rendered.put(set + ":" + person.line() + ":name", screening(person.nameQuery()));
        rendered.put(set + ":" + person.line() + ":full", screening(person.fullQuery()));
      }
    }
    check("shared_people_screened.tsv", rendered);
  }

  private static Map<String, String> pairs(List<NamePair> pairs) {
    Map<String, String> rendered = new LinkedHashMap<>();
    for (NamePair pair : pairs) {
      NameMatch match = NameComparator.compare(NameNormaliser.normalise(pair.name1(), pair.kind()),
          NameNormaliser.normalise(pair.name2(), pair.kind()));
      rendered.put(Integer.toString(pair.line()), Double.toString(match.score()) + "\t"
          + String.join("\n", match.describe()));
    }
    return rendered;
  }

  /** The ten best hits at review or above, as the service and the CLI ask for them. */
  private static String screening(ScreeningQuery query) {
    ScreeningOutcome outcome = screener.screen(query, 10);
    return switch (outcome) {
      case ScreeningOutcome.Rejected rejected -> "rejected\t" + rejected.problems();
      case ScreeningOutcome.Screened screened -> {
        List<String> scores = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Hit hit : screened.hits()) {
          scores.add(Double.toString(hit.score()));
          text.append(hit.entity().listName()).append('/').append(hit.entity().id().value())
              .append(' ').append(hit.decision()).append('\n');
          text.append(String.join("\n", hit.explanation().describe())).append('\n');
        }
        yield String.join(",", scores) + "\t" + text;
      }
    };
  }

  /** The scores (before the first tab) stay readable; the rest is hashed. */
  private static String line(String key, String rendering) {
    int tab = rendering.indexOf('\t');
    return key + "\t" + rendering.substring(0, tab) + "\t" + sha256(rendering).substring(0, 24);
  }

  private static void check(String golden, Map<String, String> rendered) throws IOException {
    Path file = Path.of(DIR + golden);
    List<String> lines = new ArrayList<>();
    rendered.forEach((key, text) -> lines.add(line(key, text)));
    if (WRITE) {
      Files.createDirectories(file.getParent());
      Files.write(file, lines, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file).as("golden file %s (record it with -Dcompact.golden.write=true)", file)
        .exists();
    List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < Math.max(lines.size(), expected.size()); i++) {
      String now = i < lines.size() ? lines.get(i) : "(missing)";
      String was = i < expected.size() ? expected.get(i) : "(missing)";
      if (!now.equals(was) && differing.size() < 5) {
        String key = now.split("\t", 2)[0];
        differing.add(String.format(Locale.ROOT, "was %s%nnow %s%n%s", was, now,
            rendered.getOrDefault(key, "")));
      }
    }
    assertThat(differing).as("cases rendered differently from %s", golden).isEmpty();
    assertThat(lines).hasSameSizeAs(expected);
  }

  private static Path shared(String relative) {
    Optional<Path> data = NamePairBenchTests.sharedData();
    assumeTrue(data.isPresent(), "shared sanctions data absent: ../shared/data/sanctions");
    Path file = data.get().resolve(relative);
    assumeTrue(Files.isReadable(file), relative + " absent");
    return file;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

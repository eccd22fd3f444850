package dev.compact.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.AgreementFuzzTests;
import dev.compact.agreements.Diagnostic;
import dev.compact.agreements.Parsed;
import dev.compact.agreements.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand mangled scenario files, made from the example scenarios by deleting, duplicating and
 * replacing text, with hostile numbers, times and nesting: each is answered with diagnostics inside
 * the file or with a run, never with an exception. Every one that parses is run on the Kyiv compact,
 * so the engine sees the mangled events too. Seeded, so a failure can be replayed.
 */
class ScenarioFuzzTests {
  static final String[] HOSTILE = {
      "99999999999999999999", "+99999999999999999999h", "+P999999999Y", "+P1M", "1e999999999", "-5", "0", "no", "False",
      "9".repeat(400), "[".repeat(2000), "{".repeat(200), "  ".repeat(1500) + "- a:\n", AgreementFuzzTests.deepBlock(2000), "\t", "\u0000", "'", "\"", "#",
      "&a", "*a", "!!binary", ": :", "- - -", "---\n", "...\n", "|\n  ", "2025-02-30", "2025-13-01T00:00:00Z", "+1d99999999999h",
      "armed-atack", "time-advanced: {}", "value: no", "recorded: +1h"};

  @Test
  void mangledScenariosGiveDiagnosticsNeverExceptions() throws IOException {
    List<String> originals = new ArrayList<>();
    try (Stream<Path> files = Files.list(ScenarioRunnerTests.KYIV.resolve("scenarios"))) {
      for (Path file : files.sorted().toList()) {
        originals.add(Files.readString(file));
      }
    }
    Random random = new Random(20261206L);
    int ran = 0;
    int withErrors = 0;
    for (int i = 0; i < 10_000; i++) {
      String mangled = mangle(originals.get(random.nextInt(originals.size())), random);
      Parsed<Scenario> parsed = ScenarioParser.parse(new SourceFile("fuzz.yaml", mangled));
      int lines = mangled.split("\n", -1).length + 1;
      for (Diagnostic d : parsed.diagnostics()) {
        assertThat(d.position().line()).as("case %d: %s", i, d.format()).isBetween(1, lines);
        assertThat(d.message()).as("case %d", i).isNotBlank().doesNotContain("internal error").doesNotContain("Exception");
      }
      if (parsed.value().isEmpty()) {
        withErrors++;
        assertThat(parsed.errors()).as("case %d: no value means at least one error", i).isNotEmpty();
        continue;
      }
      ScenarioRunner.Result result = ScenarioRunner.run(parsed.value().get(), ScenarioRunnerTests.ENGINE);
      assertThat(result).isNotNull();
      ran++;
    }
    System.out.println("scenario fuzz: 10000 files, " + ran + " ran, " + withErrors + " with errors");
    assertThat(withErrors).isGreaterThan(3_000);
    assertThat(ran).isGreaterThan(500);
  }

  static String mangle(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && out.length() > 0; e++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(6)) {
        case 0 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(30)));
        case 1, 5 -> out.insert(at, HOSTILE[random.nextInt(HOSTILE.length)]);
        case 2 -> out.setCharAt(at, (char) (32 + random.nextInt(95)));
        case 3 -> {
          int end = Math.min(out.length(), at + random.nextInt(80));
          out.insert(at, out.substring(at, end));
        }
        default -> replaceAValue(out, random);
      }
    }
    return out.toString();
  }

  /** Replaces the value after a colon with a hostile one, so numbers, times and booleans are hit where they are read. */
  private static void replaceAValue(StringBuilder out, Random random) {
    int colon = out.indexOf(": ", random.nextInt(out.length()));
    if (colon < 0) {
      return;
    }
    int end = colon + 2;
    while (end < out.length() && ",}\n".indexOf(out.charAt(end)) < 0) {
      end++;
    }
    out.replace(colon + 2, end, HOSTILE[random.nextInt(HOSTILE.length)]);
  }
}

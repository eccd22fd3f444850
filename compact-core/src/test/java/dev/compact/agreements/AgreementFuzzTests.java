package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand mangled agreement files (characters deleted, duplicated, replaced with hostile
 * text, lines shuffled, brackets nested deep): the parser answers each with a value or with
 * diagnostics inside the file, and never with an exception. Seeded, so a failure can be replayed.
 */
public class AgreementFuzzTests {
  static final String[] HOSTILE = {
      "{{", "}}", "```", "```clause\n", "---\n", ": :", "- - -", "&anchor", "*anchor", "!!binary", "\t", "\u0000", "\uFEFF", "'", "\"",
      "[".repeat(200), "{".repeat(200), "incident.kind == 'x' && (((((", "size(incident.kind) > 1 ?", "#", "|\n  ", ">\n  ", "%YAML 1.1\n",
      "99999999999999999999999", "1e999999999", "P999999999Y", "PT99999999999999999999H", "calendar: end-of-month\n", "2024-02-29",
      "'armed-atack'", "UA-99", "up-to", deepBlock(2000)};

  /** Block YAML nested {@code depth} levels deep, one key per level. */
  public static String deepBlock(int depth) {
    StringBuilder text = new StringBuilder("\n");
    for (int i = 0; i < depth; i++) {
      text.append("  ".repeat(i)).append("k:\n");
    }
    return text.toString();
  }

  @Test
  void mangledAgreementsGiveDiagnosticsNeverExceptions() throws Exception {
    String original = Files.readString(examples().resolve("kyiv-compact/agreements/gbr-ukr-2024.md"));
    Random random = new Random(20261129L);
    int withValue = 0;
    int withErrors = 0;
    for (int i = 0; i < 10_000; i++) {
      String mangled = mangle(original, random);
      Parsed<Agreement> parsed = AgreementParser.parse(new SourceFile("fuzz.md", mangled));
      int lines = mangled.split("\n", -1).length + 1;
      for (Diagnostic d : parsed.diagnostics()) {
        assertThat(d.position().line()).as("case %d: %s", i, d.format()).isBetween(1, lines);
        assertThat(d.message()).isNotBlank();
      }
      if (parsed.value().isPresent()) {
        withValue++;
        assertThat(parsed.errors()).isEmpty();
      } else {
        withErrors++;
        assertThat(parsed.errors()).as("case %d: no value means at least one error", i).isNotEmpty();
      }
    }
    System.out.println("agreement fuzz: 10000 files, " + withValue + " still valid, " + withErrors + " with errors");
    assertThat(withErrors).isGreaterThan(5_000);
  }

  static String mangle(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && out.length() > 0; e++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(5)) {
        case 0 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(40)));
        case 1 -> out.insert(at, HOSTILE[random.nextInt(HOSTILE.length)]);
        case 2 -> out.setCharAt(at, (char) (32 + random.nextInt(95)));
        case 3 -> {
          int end = Math.min(out.length(), at + random.nextInt(80));
          out.insert(at, out.substring(at, end));
        }
        default -> {
          String[] lines = out.toString().split("\n", -1);
          int a = random.nextInt(lines.length);
          int b = random.nextInt(lines.length);
          String swap = lines[a];
          lines[a] = lines[b];
          lines[b] = swap;
          out = new StringBuilder(String.join("\n", lines));
        }
      }
    }
    return out.toString();
  }

  static Path examples() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples/kyiv-compact"))) {
        return dir.resolve("examples");
      }
    }
    throw new IllegalStateException("no examples");
  }
}

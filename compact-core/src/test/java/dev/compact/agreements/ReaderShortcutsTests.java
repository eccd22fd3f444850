package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reader's hand-written shortcuts (issue #17) against the plain code they replaced: the same
 * answer for every input, including the awkward ones.
 */
class ReaderShortcutsTests {

  private final SplittableRandom random = new SplittableRandom(17);

  @Test
  void idsAreValidExactlyWhenThePatternMatches() {
    List<String> fixed = List.of("", "a", "-", "a-", "-a", "a--b", "a-b-c", "gbr-mil-2024", "A", "a_b", "é", "a".repeat(80), "a".repeat(81),
        "0", "9-9", "a b");
    for (String id : fixed) {
      assertThat(Ids.valid(id)).as(id).isEqualTo(id.length() <= 80 && Ids.PATTERN.matcher(id).matches());
    }
    String alphabet = "ab09--_Aé ";
    for (int i = 0; i < 20_000; i++) {
      String id = text(alphabet, random.nextInt(0, 90));
      assertThat(Ids.valid(id)).as(id).isEqualTo(id.length() <= 80 && Ids.PATTERN.matcher(id).matches());
    }
  }

  @Test
  void keywordsRoundTripAndMatchTheirConstantNames() {
    for (Class<? extends Enum<?>> type : List.of(Norm.NormKind.class, Domain.class, CalendarRule.class, Binding.class, Classification.class,
        Firmness.class, Boundary.class, PartyRef.GroupName.class)) {
      for (Enum<?> constant : type.getEnumConstants()) {
        String keyword = constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        assertThat(Keywords.of(constant)).isEqualTo(keyword);
        assertThat(parse(type, keyword)).contains(constant);
        assertThat(parse(type, constant.name())).as("constant names are not keywords").isEmpty();
      }
      assertThat(parse(type, "")).isEmpty();
      assertThat(parse(type, "no-such-keyword")).isEmpty();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Optional<Enum<?>> parse(Class<? extends Enum<?>> type, String keyword) {
    return (Optional<Enum<?>>) (Optional) Keywords.parse((Class) type, keyword);
  }

  @Test
  void frontMatterSplitsAsSplittingEveryLineDid() {
    String[] lines = {"---", " --- ", "\t---", "...", " ... ", "----", "--", "id: x", "", "  ", "body", "\u2003---", "---x", "\u00a0---"};
    for (int i = 0; i < 20_000; i++) {
      String[] picked = new String[random.nextInt(0, 8)];
      for (int j = 0; j < picked.length; j++) {
        picked[j] = lines[random.nextInt(lines.length)];
      }
      String content = String.join("\n", picked) + (random.nextBoolean() ? "\n" : "");
      Diagnostics actualProblems = new Diagnostics();
      Diagnostics expectedProblems = new Diagnostics();
      assertThat(FrontMatter.split("f.md", content, actualProblems)).as(content).isEqualTo(splitByLines("f.md", content, expectedProblems));
      assertThat(actualProblems.all()).as(content).isEqualTo(expectedProblems.all());
    }
  }

  /** FrontMatter.split as it was before issue #17: every line split out, then joined again. */
  private static Optional<FrontMatter> splitByLines(String path, String content, Diagnostics diagnostics) {
    String[] lines = content.split("\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals("---")) {
      diagnostics.error(new SourcePosition(path, 1, 1), "the file does not start with front matter",
          "begin the file with a line '---', the fields (id, title, parties, ...), and another line '---'");
      return Optional.empty();
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].strip().equals("---") || lines[i].strip().equals("...")) {
        String yaml = String.join("\n", Arrays.asList(lines).subList(1, i));
        String body = String.join("\n", Arrays.asList(lines).subList(i + 1, lines.length));
        return Optional.of(new FrontMatter(yaml, body, i + 2));
      }
    }
    diagnostics.error(new SourcePosition(path, 1, 1), "the front matter is never closed",
        "end the fields with a line containing only '---' before the text begins");
    return Optional.empty();
  }

  private String text(String alphabet, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(chars);
  }
}

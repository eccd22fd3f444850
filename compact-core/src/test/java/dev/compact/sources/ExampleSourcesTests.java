package dev.compact.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.AgreementRenderer;
import dev.compact.agreements.Clause;
import dev.compact.agreements.Compact;
import dev.compact.agreements.CompactParser;
import dev.compact.agreements.Parsed;
import dev.compact.coverage.SourceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fact-check of the shipped examples (issue #13): every clause says where its words come from, a
 * doubt is never hidden inside what reads as a verified source, and the folders that restate real
 * texts hold no illustrative clause.
 */
class ExampleSourcesTests {
  /** Folders that restate real texts: an invented clause must live elsewhere (examples/drafting-exercises). */
  private static final List<String> REAL = List.of("kyiv-compact", "istanbul-2022");

  static List<Path> compactFolders() throws IOException {
    try (Stream<Path> walk = Files.walk(ExampleCompactsTests.examples())) {
      return walk.filter(p -> p.getFileName().toString().equals("compact.md")).map(Path::getParent).sorted().toList();
    }
  }

  static Compact load(Path folder) {
    Parsed<Compact> parsed = CompactParser.parse(CompactFolder.read(folder));
    return parsed.value().orElseThrow(() -> new AssertionError(folder + " does not parse: " + parsed.diagnostics()));
  }

  @Test
  void everyClauseOfEveryExampleHasAWellFormedSource() throws IOException {
    List<String> problems = new ArrayList<>();
    int clauses = 0;
    for (Path folder : compactFolders()) {
      for (Agreement agreement : load(folder).allAgreements()) {
        for (Clause clause : agreement.clauses()) {
          clauses++;
          for (String problem : SourceStatus.problems(clause.source())) {
            problems.add(clause.position() + ": " + agreement.id() + "/" + clause.id() + ": " + problem);
          }
        }
      }
    }
    assertThat(clauses).as("clauses read").isGreaterThan(90);
    assertThat(problems).isEmpty();
  }

  @Test
  void foldersThatRestateRealTextsHoldNoIllustrativeClause() throws IOException {
    List<String> illustrative = new ArrayList<>();
    for (Path folder : compactFolders()) {
      String relative = ExampleCompactsTests.examples().relativize(folder).toString().replace('\\', '/');
      if (REAL.stream().noneMatch(r -> relative.equals(r) || relative.startsWith(r + "/"))) {
        continue;
      }
      for (Agreement agreement : load(folder).allAgreements()) {
        for (Clause clause : agreement.clauses()) {
          if (SourceStatus.of(clause.source()) == SourceStatus.ILLUSTRATIVE) {
            illustrative.add(relative + ": " + agreement.id() + "/" + clause.id());
          }
        }
      }
    }
    assertThat(illustrative).isEmpty();
  }

  @Test
  void anUnverifiedClauseIsRenderedWithItsMarkerFirst() {
    Compact kyiv = load(ExampleCompactsTests.examples().resolve("kyiv-compact"));
    Agreement umbrella = kyiv.umbrella();
    Clause decide = umbrella.clauses().stream().filter(c -> c.id().value().equals("kyiv-decide")).findFirst().orElseThrow();

    assertThat(SourceStatus.of(decide.source())).isEqualTo(SourceStatus.UNVERIFIED);
    assertThat(AgreementRenderer.text(umbrella)).contains("unverified: how the guarantors decide");
    assertThat(AgreementRenderer.html(umbrella)).contains("unverified: how the guarantors decide");
  }
}

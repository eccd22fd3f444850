package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.compact.sources.CompactFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checking a compact's conditions together (one pass of CEL's checker) must give each condition the
 * tree, and each mistake the diagnostic, that checking it alone gives.
 */
class ConditionBatchTests {

  static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

  /** Conditions that are wrong in every way the checker and our own literal check catch, and a few that are right. */
  static final List<String> MIXED = List.of(
      "incident.kidn == \"armed-attack\"",
      "incident.severity",
      "incident.kind == \"armed-atack\" && incident.in_scope",
      "incident.kind ==",
      "incident.severity < \"3\"",
      "incident.place == \"GBX\" || incident.verified",
      "consultation.requested_by in [\"UKR\", \"GBRR\"]",
      "1 + true == 2",
      "size(incident.kind) > 2 && incident.verified",
      "incident.severity >= 3 ? incident.verified : \"no\"",
      "(".repeat(40) + "true" + ")".repeat(40),
      "incident.verified && " + "true && ".repeat(200) + "true",
      "[1, 2].exists(x, x > 1) && incident.verified",
      "{\"a\": 1}[\"a\"] == 1",
      "incident.in_scope && aggressor.compensated_share >= 1",
      "incident.kind in [\"armed-attack\", \"drone-strike\"] && incident.severity >= 3",
      "!beneficiary.nato_member",
      "incident.attacker == aggressor && incident.place.startsWith(\"UA-\")");

  @Test
  void everyExampleConditionChecksTogetherToTheTreeItGetsAlone() throws IOException {
    List<String> sources = List.copyOf(exampleConditions());
    assertThat(sources).hasSizeGreaterThan(40);

    Map<String, CelAbstractSyntaxTree> together = ConditionCompiler.checkTogether(sources);

    assertThat(together.keySet()).as("every example condition takes the batch").containsExactlyInAnyOrderElementsOf(sources);
    for (String source : sources) {
      CelAbstractSyntaxTree alone = ((ConditionCompiler.Result.Compiled) ConditionCompiler.compileAlone(source)).ast();
      CelAbstractSyntaxTree batched = together.get(source);
      assertThat(batched.getExpr()).as(source).isEqualTo(alone.getExpr());
      assertThat(batched.getReferenceMap()).as(source).isEqualTo(alone.getReferenceMap());
      assertThat(batched.getTypeMap()).as(source).isEqualTo(alone.getTypeMap());
      assertThat(batched.getSource().getContent().toString()).isEqualTo(alone.getSource().getContent().toString());
      assertThat(batched.getSource().getPositionsMap()).as(source).isEqualTo(alone.getSource().getPositionsMap());
    }
  }

  @Test
  void mixedConditionsCompileTogetherAsTheyDoAlone() {
    Map<String, ConditionCompiler.Result> together = ConditionCompiler.compileAll(MIXED);

    for (String source : MIXED) {
      ConditionCompiler.Result alone = ConditionCompiler.compileAlone(source);
      switch (alone) {
        case ConditionCompiler.Result.Failed failed -> assertThat(together.get(source)).as(source).isEqualTo(failed);
        case ConditionCompiler.Result.Compiled compiled -> {
          CelAbstractSyntaxTree batched = ((ConditionCompiler.Result.Compiled) together.get(source)).ast();
          assertThat(batched.getExpr()).as(source).isEqualTo(compiled.ast().getExpr());
          assertThat(batched.getTypeMap()).as(source).isEqualTo(compiled.ast().getTypeMap());
        }
      }
    }
    assertThat(together.values()).filteredOn(r -> r instanceof ConditionCompiler.Result.Failed).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void malformedConditionsInACompactGiveTheSameDiagnosticsCheckedTogetherOrAlone() {
    CompactSources kyiv = CompactFolder.read(EXAMPLES.resolve("kyiv-compact"));
    SourceFile template = kyiv.agreements().stream().filter(f -> f.path().endsWith("gbr-ukr-2024.md")).findFirst().orElseThrow();
    List<SourceFile> agreements = new ArrayList<>(kyiv.agreements());
    for (int i = 0; i < MIXED.size(); i++) {
      String condition = MIXED.get(i).replace("'", "''");
      String text = template.content().replaceFirst("(?m)^id: gbr-ukr-2024$", "id: broken-" + i)
          .replaceFirst("(?m)^trigger: '.*'$", java.util.regex.Matcher.quoteReplacement("trigger: '" + condition + "'"));
      agreements.add(new SourceFile("agreements/broken-" + i + ".md", text));
    }
    CompactSources sources = new CompactSources(kyiv.root(), kyiv.compact(), agreements, kyiv.readProblems());

    ConditionCompiler.forgetCompiled();
    Parsed<Compact> together = CompactParser.parse(sources);
    ConditionCompiler.forgetCompiled();
    Parsed<Compact> alone = CompactParser.parse(sources, false);

    assertThat(together.errors()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(together.errors()).anySatisfy(d -> assertThat(d.format()).contains("broken-0.md:").contains("unknown variable 'incident.kidn'")
        .contains("did you mean 'incident.kind'?"));
    assertThat(together.diagnostics()).isEqualTo(alone.diagnostics());
  }

  @Test
  void everyExampleCompactParsesTheSameCheckedTogetherOrAlone() throws IOException {
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("compact.md"))).sorted().toList()) {
        CompactSources sources = CompactFolder.read(folder);
        ConditionCompiler.forgetCompiled();
        Parsed<Compact> together = CompactParser.parse(sources);
        ConditionCompiler.forgetCompiled();
        Parsed<Compact> alone = CompactParser.parse(sources, false);

        assertThat(together.diagnostics()).as(folder.toString()).isEqualTo(alone.diagnostics());
        assertThat(together.value().orElseThrow().agreements()).extracting(Agreement::versionHash)
            .isEqualTo(alone.value().orElseThrow().agreements().stream().map(Agreement::versionHash).toList());
      }
    }
  }

  private static Set<String> exampleConditions() throws IOException {
    Set<String> conditions = new LinkedHashSet<>();
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("compact.md"))).sorted().toList()) {
        Compact compact = CompactParser.parse(CompactFolder.read(folder)).value().orElseThrow();
        List<Agreement> documents = new ArrayList<>(compact.agreements());
        documents.add(compact.umbrella());
        for (Agreement agreement : documents) {
          agreement.term().endsWhen().forEach(c -> conditions.add(c.source()));
          for (Clause clause : agreement.clauses()) {
            switch (clause.norm()) {
              case Norm.Obligation o -> conditions.add(o.trigger().source());
              case Norm.Power p -> p.condition().ifPresent(c -> conditions.add(c.source()));
              case Norm.Prohibition p -> conditions.add(p.until().source());
              case Norm.Commitment c -> { }
            }
          }
        }
      }
    }
    return conditions;
  }
}

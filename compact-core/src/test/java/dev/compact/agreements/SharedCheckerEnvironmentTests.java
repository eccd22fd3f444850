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
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checking conditions in one shared CEL checker environment must give each condition the tree, and
 * each mistake the diagnostic, that CEL's public API gives it alone (with an environment of its own).
 */
class SharedCheckerEnvironmentTests {

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
      "incident.attacker == aggressor && incident.place.startsWith(\"UA-\")",
      "[1, 2].all(x, x > 0) && [3].exists_one(y, y == 3) && [4].map(z, z + 1) == [5]",
      "dyn(incident.severity) >= 3",
      "int == type(1)",
      "google.protobuf.Timestamp{} == google.protobuf.Timestamp{}",
      "incident.kind.contains(\"attack\") && \"\u0436\" + \"x\" == \"\u0436x\"");

  @Test
  void theSharedEnvironmentIsInUseWithThisCelJava() {
    // If an upgrade of cel-java moves the internals it relies on, conditions still compile (through
    // the public API), but every one pays for a new environment again: this makes that visible.
    assertThat(ConditionCompiler.sharesEnvironment()).isTrue();
  }

  @Test
  void everyExampleConditionChecksInTheSharedEnvironmentToTheTreeItGetsAlone() throws IOException {
    List<String> sources = new ArrayList<>(exampleConditions());
    assertThat(sources).hasSizeGreaterThan(40);
    // Variations as the agreements bench writes them, and the same texts again (a second check must not see the first).
    int mark = 0;
    for (String source : List.copyOf(sources)) {
      sources.add("(" + source + ") && " + mark++ + " >= 0");
    }
    sources.addAll(List.copyOf(sources));

    for (String source : sources) {
      CelAbstractSyntaxTree shared = ConditionCompiler.checkShared(source).orElseThrow(() -> new AssertionError("not shared: " + source));
      CelAbstractSyntaxTree alone = ((ConditionCompiler.Result.Compiled) ConditionCompiler.compilePublic(source)).ast();
      assertSameTree(source, shared, alone);
    }
  }

  @Test
  void mixedConditionsCompileInTheSharedEnvironmentAsTheyDoAlone() {
    // Twice over, so that every condition also follows one that failed and dropped the environment.
    List<String> sources = new ArrayList<>(MIXED);
    sources.addAll(MIXED);
    int failed = 0;
    for (String source : sources) {
      ConditionCompiler.Result shared = ConditionCompiler.compileAlone(source);
      ConditionCompiler.Result alone = ConditionCompiler.compilePublic(source);
      switch (alone) {
        case ConditionCompiler.Result.Failed problems -> {
          assertThat(shared).as(source).isEqualTo(problems);
          failed++;
        }
        case ConditionCompiler.Result.Compiled compiled -> {
          assertThat(shared).as(source).isInstanceOf(ConditionCompiler.Result.Compiled.class);
          assertSameTree(source, ((ConditionCompiler.Result.Compiled) shared).ast(), compiled.ast());
        }
      }
    }
    assertThat(failed).isGreaterThanOrEqualTo(20);
    assertThat(ConditionCompiler.compileAll(MIXED).values()).filteredOn(r -> r instanceof ConditionCompiler.Result.Failed)
        .hasSize(failed / 2);
  }

  private static void assertSameTree(String source, CelAbstractSyntaxTree shared, CelAbstractSyntaxTree alone) {
    assertThat(shared.getExpr()).as(source).isEqualTo(alone.getExpr());
    assertThat(shared.getReferenceMap()).as(source).isEqualTo(alone.getReferenceMap());
    assertThat(shared.getTypeMap()).as(source).isEqualTo(alone.getTypeMap());
    assertThat(shared.getSource().getContent().toString()).isEqualTo(alone.getSource().getContent().toString());
    assertThat(shared.getSource().getPositionsMap()).as(source).isEqualTo(alone.getSource().getPositionsMap());
    assertThat(shared).as(source).isEqualTo(alone);
  }

  @Test
  void malformedConditionsInACompactGiveTheSameDiagnosticsSharedOrAlone() {
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
    Parsed<Compact> alone = ConditionCompiler.publicApiOnly(() -> CompactParser.parse(sources, false));
    ConditionCompiler.forgetCompiled();

    assertThat(together.errors()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(together.errors()).anySatisfy(d -> assertThat(d.format()).contains("broken-0.md:").contains("unknown variable 'incident.kidn'")
        .contains("did you mean 'incident.kind'?"));
    assertThat(together.diagnostics()).isEqualTo(alone.diagnostics());
  }

  @Test
  void everyExampleCompactParsesTheSameSharedOrAlone() throws IOException {
    try (Stream<Path> folders = Files.list(EXAMPLES)) {
      for (Path folder : folders.filter(f -> Files.isRegularFile(f.resolve("compact.md"))).sorted().toList()) {
        CompactSources sources = CompactFolder.read(folder);
        ConditionCompiler.forgetCompiled();
        Parsed<Compact> together = CompactParser.parse(sources);
        ConditionCompiler.forgetCompiled();
        Parsed<Compact> alone = ConditionCompiler.publicApiOnly(() -> CompactParser.parse(sources, false));
        ConditionCompiler.forgetCompiled();

        assertThat(together.diagnostics()).as(folder.toString()).isEqualTo(alone.diagnostics());
        assertThat(together.value().orElseThrow().agreements()).extracting(Agreement::versionHash)
            .isEqualTo(alone.value().orElseThrow().agreements().stream().map(Agreement::versionHash).toList());
        assertThat(together.value()).as(folder.toString()).isEqualTo(alone.value());
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

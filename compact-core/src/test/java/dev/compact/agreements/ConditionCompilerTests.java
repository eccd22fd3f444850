package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionCompilerTests {

  @Test
  void compilesConditionOverDeclaredQualifiedVariables() {
    var result =
        ConditionCompiler.compile("incident.kind in ['armed-attack', 'missile-strike'] && incident.in_scope");

    assertThat(result).isInstanceOf(ConditionCompiler.Result.Compiled.class);
  }

  @Test
  void compilesARepeatedTextOnceAndAnswersTheSameForItsProblems() {
    String valid = "incident.severity >= 4 && incident.in_scope";
    String invalid = "incident.in_scope && incident.sevrity >= 4";

    assertThat(ConditionCompiler.compile(valid)).isSameAs(ConditionCompiler.compile(valid));
    var first = ConditionCompiler.compile(invalid);
    var again = ConditionCompiler.compile(invalid);
    assertThat(again).isSameAs(first).isInstanceOfSatisfying(ConditionCompiler.Result.Failed.class,
        failed -> assertThat(failed.problems().getFirst().column()).isEqualTo(22));
  }

  @Test
  void rejectsUndeclaredVariableWithItsColumn() {
    var result = ConditionCompiler.compile("incident.in_scope && incident.kidn == 'hybrid'");

    assertThat(result).isInstanceOfSatisfying(ConditionCompiler.Result.Failed.class, failed -> {
      assertThat(failed.problems()).isNotEmpty();
      var problem = failed.problems().getFirst();
      assertThat(problem.message()).isEqualTo("unknown variable 'incident.kidn'");
      assertThat(problem.hint()).isEqualTo("did you mean 'incident.kind'?");
      assertThat(problem.column()).isEqualTo(22);
    });
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      incident.severity * 2 > 4                  | the operator '*' is not supported in conditions
      incident.severity % 2 == 0                 | the operator '%' is not supported in conditions
      incident.kind.matches('arm.*')             | the function 'matches()' is not supported in conditions
      int(incident.severity) > 2                 | the function 'int()' is not supported in conditions
      has(incident.attacker)                     | the function 'has()' is not supported in conditions
      [1, 2].exists(x, x > incident.severity)    | the function 'exists()' is not supported in conditions
      """)
  void namesAnUnsupportedOperatorOrFunctionAndListsWhatIsSupported(String condition, String message) {
    var result = ConditionCompiler.compile(condition);

    assertThat(result).isInstanceOfSatisfying(ConditionCompiler.Result.Failed.class, failed -> {
      var problem = failed.problems().getFirst();
      assertThat(problem.message()).isEqualTo(message);
      assertThat(problem.hint()).startsWith("conditions may use &&, ||, !").contains("contains()");
    });
  }

  @Test
  void rejectsNonBooleanResult() {
    var result = ConditionCompiler.compile("incident.severity + 1");

    assertThat(result).isInstanceOf(ConditionCompiler.Result.Failed.class);
  }

  @Test
  void rejectsTypeMismatch() {
    var result = ConditionCompiler.compile("incident.severity == 'high'");

    assertThat(result).isInstanceOf(ConditionCompiler.Result.Failed.class);
  }

  @Test
  void rejectsNestingBeyondTheLimit() {
    String deep = "(".repeat(40) + "incident.in_scope" + ")".repeat(40);

    assertThat(ConditionCompiler.compile(deep)).isInstanceOf(ConditionCompiler.Result.Failed.class);
  }

  @Test
  void rejectsOverlongCondition() {
    String longCondition = "incident.in_scope" + " || incident.in_scope".repeat(60);

    assertThat(ConditionCompiler.compile(longCondition)).isInstanceOf(ConditionCompiler.Result.Failed.class);
  }
}

package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The depth limits measured before YAML is composed: both depths come from one pass (issue #17). */
class LimitsTests {

  @Test
  void countsFlowBracketsOutsideQuotesAndComments() {
    assertThat(Limits.nesting("a: [1, {b: [2]}]\n").flow()).isEqualTo(3);
    assertThat(Limits.nesting("a: '[[[['\nb: \"{{{\" # [[[[[\nc: [x]\n").flow()).isEqualTo(1);
    // A # inside a word starts no comment; a comment ends at the line's end.
    assertThat(Limits.nesting("a: b#[c]\nd: [[e]] # ]]]]\n").flow()).isEqualTo(2);
    assertThat(Limits.nesting("a: ]]] [\n").flow()).isEqualTo(1);
  }

  @Test
  void answersAShallowTextAtOnceAndADeepOneExactly() {
    assertThat(Limits.nesting("a:\n  b:\n    - c\n").block()).isEqualTo(1);
    StringBuilder deep = new StringBuilder();
    for (int level = 0; level < 70; level++) {
      deep.append(" ".repeat(level)).append("k").append(level).append(":\n");
    }
    assertThat(Limits.nesting(deep.toString()).block()).isEqualTo(70);
    assertThat(Limits.blockDepth(deep.toString())).isEqualTo(70);
    // Deep indentation of one line alone is not deep nesting.
    assertThat(Limits.nesting("a:\n" + " ".repeat(80) + "b\n").block()).isEqualTo(2);
  }

  @Test
  void measuresBothDepthsOfOneText() {
    StringBuilder text = new StringBuilder();
    for (int level = 0; level < 66; level++) {
      text.append(" ".repeat(level)).append(level % 2 == 0 ? "- x: '[['\n" : "  y: [[z]]\n");
    }
    Limits.Nesting nesting = Limits.nesting(text.toString());
    // One pass measures both: the flow brackets inside quotes do not count, the block nesting goes past the limit.
    assertThat(nesting.flow()).isEqualTo(2);
    assertThat(nesting.block()).isGreaterThan(Limits.MAX_BLOCK_DEPTH);
  }
}

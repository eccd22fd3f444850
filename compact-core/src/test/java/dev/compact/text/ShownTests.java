package dev.compact.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShownTests {

  @Test
  void aShortValueComesBackWholeAndALongOneCutWithItsLength() {
    assertThat(Shown.value("2026-13-45")).isEqualTo("2026-13-45");
    assertThat(Shown.value("a".repeat(40))).isEqualTo("a".repeat(40));
    assertThat(Shown.value("a".repeat(2_000_000))).isEqualTo("a".repeat(40) + "... (2000000 characters)");
    assertThat(Shown.value("abcdef", 3)).isEqualTo("abc... (6 characters)");
  }

  @Test
  void controlAndInvisibleFormattingCharactersAreWrittenAsEscapes() {
    assertThat(Shown.value("Reuters\u202e\u0000\u0007")).isEqualTo("Reuters\\u202E\\u0000\\u0007");
    assertThat(Shown.value("a\nb\u2028c\u200bd\u001b[31m")).isEqualTo("a\\u000Ab\\u2028c\\u200Bd\\u001B[31m");
    assertThat(Shown.value("Zürich Łódź 東京")).as("letters of any script are letters").isEqualTo("Zürich Łódź 東京");
  }

  @Test
  void theCutNeverSplitsACharacterOrAnEscape() {
    String emoji = "\uD83D\uDE00";
    assertThat(Shown.value("abc" + emoji + "d", 4)).isEqualTo("abc... (6 characters)");
    assertThat(Shown.value("abc" + emoji, 5)).isEqualTo("abc" + emoji);
    assertThat(Shown.value("ab\u0000cd", 7)).isEqualTo("ab... (5 characters)");
    assertThat(Shown.value("a\uD800b")).as("a lone surrogate").isEqualTo("a\\uD800b");
  }
}

package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartialDateTests {

  @Test
  void parsesYearOnly() {
    assertThat(PartialDate.parse("1958")).contains(PartialDate.ofYear(1958));
  }

  @Test
  void parsesYearAndMonth() {
    assertThat(PartialDate.parse("1958-03")).contains(PartialDate.ofMonth(1958, 3));
  }

  @Test
  void parsesIsoDate() {
    assertThat(PartialDate.parse("1958-03-23")).contains(PartialDate.of(1958, 3, 23));
  }

  @Test
  void parsesOfacStyleDayMonthYear() {
    assertThat(PartialDate.parse("23 Nov 1962")).contains(PartialDate.of(1962, 11, 23));
    assertThat(PartialDate.parse("Nov 1962")).contains(PartialDate.ofMonth(1962, 11));
    assertThat(PartialDate.parse("05 September 1971")).contains(PartialDate.of(1971, 9, 5));
  }

  @Test
  void keepsCircaAsApproximate() {
    PartialDate circa = PartialDate.parse("circa 1960").orElseThrow();
    assertThat(circa.year()).isEqualTo(1960);
    assertThat(circa.approximate()).isTrue();
    assertThat(circa.hasMonth()).isFalse();
  }

  @Test
  void rejectsImpossibleDatesAndNonsense() {
    assertThat(PartialDate.parse("31 Feb 1960")).isEmpty();
    assertThat(PartialDate.parse("1958-13")).isEmpty();
    assertThat(PartialDate.parse("23 Foo 1962")).isEmpty();
    assertThat(PartialDate.parse("Caracas")).isEmpty();
  }

  @Test
  void expandsYearRangesIntoApproximateCandidates() {
    assertThat(PartialDate.parseDateOrRange("1960 to 1962"))
        .extracting(PartialDate::toString)
        .containsExactly("~1960", "~1961", "~1962");
    assertThat(PartialDate.parseDateOrRange("01 Jan 1955 to 31 Dec 1956"))
        .extracting(PartialDate::toString)
        .containsExactly("~1955", "~1956");
  }

  @Test
  void keepsOnlyTheEndsOfVeryWideRanges() {
    assertThat(PartialDate.parseDateOrRange("1940 to 1980"))
        .extracting(PartialDate::toString)
        .containsExactly("~1940", "~1980");
  }

  @Test
  void yearOnlyDateIsConsistentWithAnyDayInThatYear() {
    assertThat(PartialDate.ofYear(1962).consistentWith(PartialDate.of(1962, 11, 23))).isTrue();
    assertThat(PartialDate.ofMonth(1962, 10).consistentWith(PartialDate.of(1962, 11, 23))).isFalse();
    assertThat(PartialDate.ofYear(1963).consistentWith(PartialDate.of(1962, 11, 23))).isFalse();
  }

  @Test
  void refusesDayWithoutMonth() {
    assertThatThrownBy(() -> new PartialDate(1960, 0, 5, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.compact.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compact.agreements.CalendarRule;
import dev.compact.agreements.IsoDuration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalendarMathTests {

  @Test
  void addsExactDurationsToTheInstant() throws Exception {
    assertThat(CalendarMath.plus(Instant.parse("2025-01-31T10:00:00Z"), IsoDuration.parse("PT36H").orElseThrow()))
        .isEqualTo(Instant.parse("2025-02-01T22:00:00Z"));
  }

  @Test
  void addsCalendarMonthsToTheDateKeepingTheTimeOfDay() throws Exception {
    assertThat(CalendarMath.plus(Instant.parse("2025-03-15T08:30:00Z"), IsoDuration.parse("P6M").orElseThrow()))
        .isEqualTo(Instant.parse("2025-09-15T08:30:00Z"));
  }

  @Test
  void refusesTheThirtyFirstOfJanuaryPlusOneMonth() {
    assertThatThrownBy(() -> CalendarMath.plus(Instant.parse("2025-01-31T00:00:00Z"), IsoDuration.parse("P1M").orElseThrow()))
        .isInstanceOf(CalendarMath.AmbiguousDateException.class)
        .hasMessageStartingWith("2025-01-31 plus P1M has no such day (February 2025 has only 28 days)");
  }

  @Test
  void refusesALeapDayPlusOneYear() {
    assertThatThrownBy(() -> CalendarMath.plus(Instant.parse("2024-02-29T00:00:00Z"), IsoDuration.parse("P1Y").orElseThrow()))
        .isInstanceOf(CalendarMath.AmbiguousDateException.class);
  }

  @Test
  void readsADayTheMonthLacksAsItsLastDayUnderEndOfMonth() throws Exception {
    assertThat(CalendarMath.plus(Instant.parse("2025-08-31T12:00:00Z"), IsoDuration.parse("P6M").orElseThrow(), CalendarRule.END_OF_MONTH))
        .isEqualTo(Instant.parse("2026-02-28T12:00:00Z"));
    assertThat(CalendarMath.plus(Instant.parse("2024-02-29T00:00:00Z"), IsoDuration.parse("P10Y").orElseThrow(), CalendarRule.END_OF_MONTH))
        .isEqualTo(Instant.parse("2034-02-28T00:00:00Z"));
    assertThat(CalendarMath.plus(Instant.parse("2027-08-31T00:00:00Z"), IsoDuration.parse("P6M").orElseThrow(), CalendarRule.END_OF_MONTH))
        .isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
  }

  @Test
  void refusesSumsBeyondAnyDateInsteadOfThrowingAnInternalError() {
    assertThatThrownBy(() -> CalendarMath.plus(Instant.parse("2025-01-01T00:00:00Z"),
        new IsoDuration("P999999999Y", java.time.Period.ofYears(999_999_999), java.time.Duration.ZERO), CalendarRule.END_OF_MONTH))
        .isInstanceOf(CalendarMath.AmbiguousDateException.class)
        .hasMessageContaining("lies beyond any date");
    assertThat(IsoDuration.parse("P999999999Y")).isEmpty();
    assertThat(IsoDuration.parse("PT99999999999999999999H")).isEmpty();
  }
}

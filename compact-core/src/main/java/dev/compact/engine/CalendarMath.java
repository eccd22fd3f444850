package dev.compact.engine;

import dev.compact.agreements.IsoDuration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * Adds durations to instants and dates the way the engine documents it: the exact part (PT24H) is
 * added to the instant; the calendar part (P6M, P1Y) is added to the UTC date, and refused when
 * the calendar would have to guess. {@code java.time} clamps 31 January plus one month to 28 or 29
 * February; a treaty deadline must not move by a silent rule, so such a sum is an error.
 */
public final class CalendarMath {
  private CalendarMath() {}

  /** Thrown when calendar arithmetic has no single answer; the message says which sum and why. */
  public static final class AmbiguousDateException extends Exception {
    AmbiguousDateException(String message) {
      super(message);
    }
  }

  public static Instant plus(Instant start, IsoDuration duration) throws AmbiguousDateException {
    Instant result = start;
    if (!duration.calendar().isZero()) {
      LocalDateTime local = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
      LocalDate date = plus(local.toLocalDate(), duration.calendar(), duration.text());
      result = date.atTime(local.toLocalTime()).toInstant(ZoneOffset.UTC);
    }
    return result.plus(duration.exact());
  }

  /** Adds a calendar period to a date; months and years first, then days, as ISO-8601 reads them. */
  public static LocalDate plus(LocalDate start, Period period, String text) throws AmbiguousDateException {
    long months = period.toTotalMonths();
    LocalDate shifted = start.plusMonths(months);
    if (shifted.getDayOfMonth() != start.getDayOfMonth()) {
      throw new AmbiguousDateException(start + " plus " + text + " has no such day ("
          + shifted.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
          + shifted.getYear() + " has only " + shifted.lengthOfMonth() + " days); state the deadline in days or "
          + "hours, or anchor it to another date");
    }
    return shifted.plusDays(period.getDays());
  }

  /** {@code count} times a calendar period, added at once so that periods never drift month by month. */
  public static LocalDate plusTimes(LocalDate start, Period period, int count, String text) throws AmbiguousDateException {
    Period total = Period.of(period.getYears() * count, period.getMonths() * count, period.getDays() * count);
    return plus(start, total, count + " x " + text);
  }

  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}

package dev.compact.engine;

import dev.compact.agreements.CalendarRule;
import dev.compact.agreements.IsoDuration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Adds durations to instants and dates the way the engine documents it: the exact part (PT24H) is
 * added to the instant; the calendar part (P6M, P1Y) is added to the UTC date under the document's
 * {@link CalendarRule}. {@code java.time} clamps 31 January plus one month to 28 or 29 February
 * silently; here that happens only where the compact chose {@code end-of-month}, and is refused
 * otherwise. Sums beyond any real date are refused too, never thrown as an internal error.
 */
public final class CalendarMath {
  private CalendarMath() {}

  /** Thrown when calendar arithmetic has no answer under the rule; the message says which sum and why. */
  public static final class AmbiguousDateException extends Exception {
    /** Why the date is ambiguous; {@code getMessage()} gives the same text but may be null in general. */
    final String reason;

    AmbiguousDateException(String message) {
      super(message, null, false, false);
      this.reason = message;
    }

    public String reason() {
      return reason;
    }
  }

  /** Under the default rule, {@code refuse}. */
  public static Instant plus(Instant start, IsoDuration duration) throws AmbiguousDateException {
    return plus(start, duration, CalendarRule.REFUSE);
  }

  public static Instant plus(Instant start, IsoDuration duration, CalendarRule rule) throws AmbiguousDateException {
    try {
      Instant result = start;
      if (!duration.calendar().isZero()) {
        LocalDateTime local = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
        LocalDate date = plus(local.toLocalDate(), duration.calendar(), duration.text(), rule);
        result = date.atTime(local.toLocalTime()).toInstant(ZoneOffset.UTC);
      }
      return result.plus(duration.exact());
    } catch (DateTimeException | ArithmeticException e) {
      throw new AmbiguousDateException(Timestamps.format(start) + " plus " + duration.text() + " lies beyond any date an agreement can mean");
    }
  }

  public static LocalDate plus(LocalDate start, Period period, String text) throws AmbiguousDateException {
    return plus(start, period, text, CalendarRule.REFUSE);
  }

  public static LocalDate plus(LocalDate start, Period period, String text, CalendarRule rule) throws AmbiguousDateException {
    try {
      return rule.plus(start, period, text);
    } catch (CalendarRule.DateProblem e) {
      throw new AmbiguousDateException(Objects.requireNonNullElse(e.getMessage(), "the calendar rule refuses " + text));
    }
  }

  /** {@code count} times a calendar period, added at once so that periods never drift month by month. */
  public static LocalDate plusTimes(LocalDate start, Period period, int count, String text, CalendarRule rule)
      throws AmbiguousDateException {
    Period total = Period.of(period.getYears() * count, period.getMonths() * count, period.getDays() * count);
    return plus(start, total, count + " x " + text, rule);
  }

  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}

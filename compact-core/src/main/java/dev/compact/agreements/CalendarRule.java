package dev.compact.agreements;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * How a document reads calendar arithmetic that has no single answer: 31 August plus six months,
 * 29 February plus ten years. The drafter chooses it once, in the compact (or in one agreement),
 * with {@code calendar: end-of-month} or {@code calendar: refuse}; the checker, the renderer and
 * the engine all compute dates through this one rule, so they never disagree on a date.
 */
public enum CalendarRule {
  /**
   * A day the month does not have becomes the month's last day, as lawyers read "six months from
   * 31 August": the last day of February. Every other sum keeps its day of the month.
   */
  END_OF_MONTH,
  /** A day the month does not have is an error: the date is never guessed (the default). */
  REFUSE;

  /** A calendar sum with no answer under {@link #REFUSE}, or outside the years a date can have. */
  public static final class DateProblem extends Exception {
    public DateProblem(String message) {
      super(message, null, false, false);
    }
  }

  /** The sum's first year and last year must lie within this, so that no sum overflows. */
  private static final int MAX_YEAR = 100_000;

  /** Adds a calendar period to a date: months and years first, then days, as ISO-8601 reads them. */
  public LocalDate plus(LocalDate start, Period period, String text) throws DateProblem {
    long months = period.toTotalMonths();
    long years = Math.abs(months / 12) + Math.abs(period.getDays() / 366L);
    if (years > MAX_YEAR) {
      throw new DateProblem(start + " plus " + text + " lies beyond any date an agreement can mean");
    }
    LocalDate shifted;
    try {
      shifted = start.plusMonths(months);
      if (shifted.getDayOfMonth() != start.getDayOfMonth() && this == REFUSE) {
        throw new DateProblem(start + " plus " + text + " has no such day ("
            + shifted.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " "
            + shifted.getYear() + " has only " + shifted.lengthOfMonth() + " days); choose 'calendar: end-of-month' in the compact"
            + " to read it as the last day of that month, or state the time in days or hours");
      }
      return shifted.plusDays(period.getDays());
    } catch (DateTimeException | ArithmeticException e) {
      throw new DateProblem(start + " plus " + text + " lies beyond any date an agreement can mean");
    }
  }

  /** The same as {@link #plus}, empty where the rule refuses. */
  public Optional<LocalDate> tryPlus(LocalDate start, Period period) {
    try {
      return Optional.of(plus(start, period, period.toString()));
    } catch (DateProblem e) {
      return Optional.empty();
    }
  }
}

package dev.compact.agreements;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ISO-8601 duration split into its calendar part (years, months, days) and its exact part
 * (hours, minutes, seconds). The split matters: "P1M" depends on the calendar and may be
 * ambiguous, "PT24H" never is, and the engine treats the two differently.
 */
public record IsoDuration(String text, Period calendar, Duration exact) {

  /** The longest duration accepted, in years: far beyond any term, notice or deadline. */
  public static final int MAX_YEARS = 1_000;

  /** Parses {@code P1Y2M3DT4H5M6S} and its parts; empty if the text is not such a duration. */
  public static Optional<IsoDuration> parse(String text) {
    if (text == null || !text.startsWith("P") || text.length() < 3 || text.endsWith("T")) {
      return Optional.empty();
    }
    int t = text.indexOf('T');
    String datePart = t < 0 ? text : text.substring(0, t);
    String timePart = t < 0 ? "" : text.substring(t);
    try {
      Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
      Duration duration = timePart.isEmpty() ? Duration.ZERO : Duration.parse("P" + timePart);
      if (period.isNegative() || duration.isNegative() || (period.isZero() && duration.isZero())) {
        return Optional.empty();
      }
      // Nothing an agreement or a scenario counts lasts longer; a bound keeps every sum far from overflow.
      if (period.getYears() > MAX_YEARS || period.toTotalMonths() > MAX_YEARS * 12L || period.getDays() > MAX_YEARS * 366L
          || duration.toDays() > MAX_YEARS * 366L) {
        return Optional.empty();
      }
      return Optional.of(new IsoDuration(text, period, duration));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Why {@link #parse} refused {@code text}, for a diagnostic: a zero or negative duration is a
   * valid ISO-8601 duration that no deadline or term can use, which is a different mistake from a
   * misspelt one and needs a different fix.
   */
  public static String refusal(String text) {
    String unsigned = text.startsWith("-") ? text.substring(1) : text;
    if (unsigned.startsWith("P") && unsigned.length() >= 3 && !unsigned.endsWith("T")) {
      int t = unsigned.indexOf('T');
      String datePart = t < 0 ? unsigned : unsigned.substring(0, t);
      try {
        Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
        Duration duration = t < 0 ? Duration.ZERO : Duration.parse("P" + unsigned.substring(t));
        if (text.startsWith("-") || period.isNegative() || duration.isNegative() || (period.isZero() && duration.isZero())) {
          return "'" + text + "' is zero or negative; a duration here must be longer than zero";
        }
        return "'" + text + "' is longer than " + MAX_YEARS + " years";
      } catch (DateTimeParseException e) {
        // Not a duration at all: the general message below.
      }
    }
    return "'" + text + "' is not an ISO-8601 duration";
  }

  /** True when the duration has only an exact part, so adding it to an instant is never ambiguous. */
  public boolean isExact() {
    return calendar.isZero();
  }

  /** Plain English: "24 hours", "6 months", "1 year and 2 days". */
  public String display() {
    List<String> parts = new ArrayList<>();
    add(parts, calendar.getYears(), "year");
    add(parts, calendar.getMonths(), "month");
    add(parts, calendar.getDays(), "day");
    add(parts, exact.toHoursPart() + exact.toDaysPart() * 24, "hour");
    add(parts, exact.toMinutesPart(), "minute");
    add(parts, exact.toSecondsPart(), "second");
    if (parts.size() == 1) {
      return parts.getFirst();
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.getLast();
  }

  private static void add(List<String> parts, long count, String unit) {
    if (count != 0) {
      parts.add(count + " " + unit + (count == 1 ? "" : "s"));
    }
  }

  @Override
  public String toString() {
    return text;
  }
}

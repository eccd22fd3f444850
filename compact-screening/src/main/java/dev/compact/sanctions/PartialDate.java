package dev.compact.sanctions;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date that may be known only to the year or month, such as a date of birth on a sanctions list.
 *
 * @param year the year, always known
 * @param month 1-12, or 0 when unknown
 * @param day 1-31, or 0 when unknown (always 0 when the month is unknown)
 * @param approximate whether the source says "circa"/"approximately" or gives a range that this
 *     date is one candidate of; a matcher should allow some tolerance around it
 */
public record PartialDate(int year, int month, int day, boolean approximate)
    implements Comparable<PartialDate> {

  /** Ranges wider than this are kept as their two end years rather than every year between. */
  static final int MAX_EXPANDED_RANGE_YEARS = 15;

  private static final Pattern ISO =
      Pattern.compile("(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?");
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile("(?:(\\d{1,2})\\s+)?([A-Za-z]{3,9})\\.?,?\\s+(\\d{4})");
  private static final Pattern APPROXIMATE_PREFIX =
      Pattern.compile("(?i)^(?:circa|ca\\.|c\\.|approximately|approx\\.?|about)\\s*");
  private static final Pattern RANGE =
      Pattern.compile("(?i)^(?:between\\s+)?(.+?)\\s+(?:to|and|-|–)\\s+(.+)$");
  private static final Pattern YEAR_DASH_YEAR = Pattern.compile("(\\d{4})\\s*[-–]\\s*(\\d{4})");
  private static final List<String> FULL_MONTHS =
      List.of("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december");
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  public PartialDate {
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException("year out of range: " + year);
    }
    if (month < 0 || month > 12) {
      throw new IllegalArgumentException("month out of range: " + month);
    }
    if (day != 0) {
      if (month == 0) {
        throw new IllegalArgumentException("a day needs a month");
      }
      try {
        LocalDate.of(year, month, day);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("no such date: " + year + "-" + month + "-" + day, e);
      }
    }
  }

  public static PartialDate ofYear(int year) {
    return new PartialDate(year, 0, 0, false);
  }

  public static PartialDate ofMonth(int year, int month) {
    return new PartialDate(year, month, 0, false);
  }

  public static PartialDate of(int year, int month, int day) {
    return new PartialDate(year, month, day, false);
  }

  public boolean hasMonth() {
    return month != 0;
  }

  public boolean hasDay() {
    return day != 0;
  }

  /** This date marked as approximate. */
  public PartialDate asApproximate() {
    return approximate ? this : new PartialDate(year, month, day, true);
  }

  /** The full date when the day is known. */
  public Optional<LocalDate> toLocalDate() {
    return hasDay() ? Optional.of(LocalDate.of(year, month, day)) : Optional.empty();
  }

  /**
   * Whether the two dates can denote the same day: same year, and same month and day where both
   * know them. Approximation is deliberately ignored here; tolerances belong to the matcher.
   */
  public boolean consistentWith(PartialDate other) {
    if (year != other.year) {
      return false;
    }
    if (month == 0 || other.month == 0) {
      return true;
    }
    if (month != other.month) {
      return false;
    }
    return day == 0 || other.day == 0 || day == other.day;
  }

  /**
   * Parses one date: "1958", "1958-03", "1958-03-23", "23 Nov 1962", "Nov 1962", "circa 1960".
   *
   * @return empty when the text is not a date this understands
   */
  public static Optional<PartialDate> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    boolean approximate = false;
    Matcher prefix = APPROXIMATE_PREFIX.matcher(s);
    if (prefix.find()) {
      approximate = true;
      s = s.substring(prefix.end()).strip();
    }
    Optional<PartialDate> exact = parseExact(s);
    return approximate ? exact.map(PartialDate::asApproximate) : exact;
  }

  /**
   * Parses a date or a range of dates as lists write them: everything {@link #parse} accepts plus
   * "1960 to 1962" and "01 Jan 1960 to 31 Dec 1962".
   *
   * <p>A range becomes one approximate, year-only date per year, because a matcher compares against
   * candidate dates; ranges longer than {@value #MAX_EXPANDED_RANGE_YEARS} years keep only their
   * ends.
   *
   * @return empty when the text is neither a date nor a range of dates
   */
  public static List<PartialDate> parseDateOrRange(String text) {
    if (text == null) {
      return List.of();
    }
    Optional<PartialDate> single = parse(text);
    if (single.isPresent()) {
      return List.of(single.get());
    }
    String s = text.strip();
    Matcher prefix = APPROXIMATE_PREFIX.matcher(s);
    if (prefix.find()) {
      // "circa 1960-1962": a range is already approximate.
      s = s.substring(prefix.end()).strip();
    }
    Matcher yearDashYear = YEAR_DASH_YEAR.matcher(s);
    Matcher range = yearDashYear.matches() ? yearDashYear : RANGE.matcher(s);
    if (!range.matches()) {
      return List.of();
    }
    Optional<PartialDate> from = parse(range.group(1));
    Optional<PartialDate> to = parse(range.group(2));
    if (from.isEmpty() || to.isEmpty() || from.get().compareTo(to.get()) > 0) {
      return List.of();
    }
    PartialDate a = from.get();
    PartialDate b = to.get();
    if (a.year() == b.year()) {
      // "01 Jan 1960 to 31 Jan 1960" says no more than the month, "01 Jan 1960 to 31 Dec 1960"
      // no more than the year.
      boolean sameMonth = a.hasMonth() && a.month() == b.month();
      return List.of(sameMonth ? ofMonth(a.year(), a.month()) : ofYear(a.year()));
    }
    return yearsBetween(a.year(), b.year());
  }

  /** Approximate year-only dates for each year from {@code from} to {@code to}, inclusive. */
  public static List<PartialDate> yearsBetween(int from, int to) {
    if (from > to) {
      throw new IllegalArgumentException("range runs backwards: " + from + " to " + to);
    }
    if (to - from > MAX_EXPANDED_RANGE_YEARS) {
      return List.of(ofYear(from).asApproximate(), ofYear(to).asApproximate());
    }
    List<PartialDate> years = new ArrayList<>();
    for (int y = from; y <= to; y++) {
      years.add(ofYear(y).asApproximate());
    }
    return List.copyOf(years);
  }

  private static Optional<PartialDate> parseExact(String s) {
    try {
      Matcher iso = ISO.matcher(s);
      if (iso.matches()) {
        int year = Integer.parseInt(iso.group(1));
        int month = iso.group(2) == null ? 0 : Integer.parseInt(iso.group(2));
        int day = iso.group(3) == null ? 0 : Integer.parseInt(iso.group(3));
        return Optional.of(new PartialDate(year, month, day, false));
      }
      Matcher dmy = DAY_MONTH_YEAR.matcher(s);
      if (dmy.matches()) {
        int month = monthNumber(dmy.group(2));
        if (month == 0) {
          return Optional.empty();
        }
        int day = dmy.group(1) == null ? 0 : Integer.parseInt(dmy.group(1));
        return Optional.of(new PartialDate(Integer.parseInt(dmy.group(3)), month, day, false));
      }
    } catch (IllegalArgumentException e) {
      // "1958-13" or "31 Feb 1960": not a date, which the caller reports as unparsed text.
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static int monthNumber(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.length() < 3) {
      return 0;
    }
    int index = MONTHS.indexOf(lower.substring(0, 3));
    if (index < 0) {
      return 0;
    }
    // "Nov" and "November" are fine, "Novxyz" is not.
    boolean known =
        lower.length() == 3 || FULL_MONTHS.get(index).equals(lower) || lower.equals("sept");
    return known ? index + 1 : 0;
  }

  @Override
  public int compareTo(PartialDate other) {
    int c = Integer.compare(year, other.year);
    if (c == 0) {
      c = Integer.compare(month, other.month);
    }
    if (c == 0) {
      c = Integer.compare(day, other.day);
    }
    return c == 0 ? Boolean.compare(approximate, other.approximate) : c;
  }

  /** ISO-like text: "1962", "1962-11", "1962-11-23", prefixed with "~" when approximate. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(approximate ? "~" : "");
    sb.append(String.format(Locale.ROOT, "%04d", year));
    if (month != 0) {
      sb.append(String.format(Locale.ROOT, "-%02d", month));
    }
    if (day != 0) {
      sb.append(String.format(Locale.ROOT, "-%02d", day));
    }
    return sb.toString();
  }
}

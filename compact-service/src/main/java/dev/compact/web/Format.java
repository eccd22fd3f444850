package dev.compact.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard writes times, spans and amounts: the same way on the server and in the script. */
final class Format {
  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  private Format() {}

  /** An instant for people; none (a time not yet set) is blank. */
  static String instant(Instant instant) {
    return instant == null ? "" : INSTANT.format(instant);
  }

  /** "in 23 h 59 min" or "overdue by 2 h 1 min", as dashboard.js writes it when it ticks. */
  static String countdown(Instant now, Instant due) {
    Duration left = Duration.between(now, due);
    String span = span(left.abs());
    return left.isNegative() ? "overdue by " + span : "in " + span;
  }

  static String span(Duration d) {
    long days = d.toDays();
    if (days > 0) {
      return days + " d " + d.toHoursPart() + " h";
    }
    if (d.toHoursPart() > 0) {
      return d.toHoursPart() + " h " + d.toMinutesPart() + " min";
    }
    return d.toMinutesPart() + " min " + d.toSecondsPart() + " s";
  }

  static String money(BigDecimal value) {
    NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
    format.setMaximumFractionDigits(0);
    return format.format(value.setScale(0, RoundingMode.HALF_UP));
  }
}

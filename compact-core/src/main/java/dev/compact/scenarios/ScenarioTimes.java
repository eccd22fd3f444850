package dev.compact.scenarios;

import dev.compact.agreements.IsoDuration;
import dev.compact.engine.CalendarMath;
import dev.compact.engine.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** The times a scenario writes, absolute or relative to its start, read into instants. */
record ScenarioTimes(ScenarioNodes nodes, Instant start) {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhms])");

  /** A time relative to the start ({@code +24h}, {@code +PT36H}) or absolute, not before the start. */
  Optional<Instant> time(Node node) {
    Optional<String> text = nodes.scalar(node);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get().trim();
    if (t.startsWith("+")) {
      return relative(t.substring(1), node);
    }
    Optional<Instant> absolute = absolute(nodes, node);
    if (absolute.isPresent() && absolute.get().isBefore(start)) {
      nodes.error(node, Timestamps.format(absolute.get()) + " lies before the scenario's start (" + Timestamps.format(start) + ")", null);
      return Optional.empty();
    }
    return absolute;
  }

  private Optional<Instant> relative(String text, Node node) {
    if (text.startsWith("P")) {
      Optional<IsoDuration> duration = IsoDuration.parse(text);
      if (duration.isEmpty()) {
        nodes.error(node, "'+" + text + "' is not a valid relative time", "write +24h, +90m, +3d or an ISO duration such as +PT36H");
        return Optional.empty();
      }
      try {
        return Optional.of(CalendarMath.plus(start, duration.get()));
      } catch (CalendarMath.AmbiguousDateException e) {
        nodes.error(node, "ambiguous time: " + e.getMessage(), null);
        return Optional.empty();
      }
    }
    Matcher matcher = SHORT_DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int position = 0;
    try {
      while (matcher.find() && matcher.start() == position) {
        long amount = Long.parseLong(matcher.group(1));
        total = total.plus(switch (matcher.group(2)) {
          case "d" -> Duration.ofDays(amount);
          case "h" -> Duration.ofHours(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofSeconds(amount);
        });
        position = matcher.end();
      }
      if (position == 0 || position != text.length()) {
        nodes.error(node, "'+" + text + "' is not a valid relative time", "write +24h, +90m, +3d, +1d12h or an ISO duration such as +PT36H");
        return Optional.empty();
      }
      if (total.toDays() > IsoDuration.MAX_YEARS * 366L) {
        throw new ArithmeticException("too far");
      }
      return Optional.of(start.plus(total));
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
      nodes.error(node, "'+" + text + "' is too far from the start", "a scenario spans at most " + IsoDuration.MAX_YEARS + " years");
      return Optional.empty();
    }
  }

  /** An absolute time or date, before the start is known (the start itself is one). */
  static Optional<Instant> absolute(ScenarioNodes nodes, Node node) {
    Optional<String> text = nodes.scalar(node);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get().trim();
    try {
      if (t.length() == 10) {
        return Optional.of(CalendarMath.startOf(LocalDate.parse(t)));
      }
      return Optional.of(java.time.OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      nodes.error(node, "'" + t + "' is not a time", "write an absolute UTC time such as 2025-03-01T06:00:00Z, a date such as "
          + "2025-03-01, or a time relative to the start such as +24h");
      return Optional.empty();
    }
  }
}

package dev.compact.agreements;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * How long an agreement runs: a number of years from entry into force, how it may be extended, the
 * notice a party must give to end it, and conditions that end it early (e.g. NATO accession).
 * {@code calendar} is the document's rule for calendar sums that have no single answer; it is
 * written at the top of the front matter ({@code calendar: end-of-month}) and kept here because
 * the term's end is the first date it decides.
 */
public record Term(
    Optional<Integer> years, Optional<String> extension, Optional<IsoDuration> notice, List<Condition> endsWhen,
    CalendarRule calendar, List<ClauseId> survives) {

  public Term {
    endsWhen = List.copyOf(endsWhen);
    survives = List.copyOf(survives);
  }

  public Term(Optional<Integer> years, Optional<String> extension, Optional<IsoDuration> notice, List<Condition> endsWhen) {
    this(years, extension, notice, endsWhen, CalendarRule.REFUSE, List.of());
  }

  public Term(Optional<Integer> years, Optional<String> extension, Optional<IsoDuration> notice, List<Condition> endsWhen,
      CalendarRule calendar) {
    this(years, extension, notice, endsWhen, calendar, List.of());
  }

  public static Term open() {
    return new Term(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * The day the term ends if nothing ends it earlier, computed under the document's calendar rule;
   * empty if that rule refuses the sum (the checker reports it, so a parsed agreement never has one).
   */
  public Optional<LocalDate> expires(Optional<LocalDate> inForce) {
    return years.flatMap(y -> inForce.flatMap(start -> calendar.tryPlus(start, Period.ofYears(y))));
  }
}

package dev.compact.agreements;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How long an agreement runs: a number of years from entry into force, how it may be extended, the
 * notice a party must give to end it, and conditions that end it early (e.g. NATO accession).
 */
public record Term(
    Optional<Integer> years, Optional<String> extension, Optional<IsoDuration> notice, List<Condition> endsWhen) {

  public Term {
    endsWhen = List.copyOf(endsWhen);
  }

  public static Term open() {
    return new Term(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  /** The day the term ends if nothing ends it earlier. */
  public Optional<LocalDate> expires(Optional<LocalDate> inForce) {
    return years.flatMap(y -> inForce.map(start -> start.plusYears(y)));
  }
}

package dev.compact.agreements;

import java.time.LocalDate;

/** A closed range of calendar days, e.g. a fiscal year. */
public record DateRange(LocalDate start, LocalDate end) {
  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  public String display() {
    return start + " to " + end;
  }
}

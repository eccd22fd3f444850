package dev.compact.packages;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One measure of a package: its kind, what it does in a few words, and the date it applies from
 * when that is later than the package's own (the 19th EU package's LNG ban from 25 April 2026).
 */
public record Measure(MeasureKind kind, String text, Optional<LocalDate> from) {
  public Measure {
    text = text == null ? "" : text.strip();
    if (kind == MeasureKind.OTHER && text.isEmpty()) {
      throw new IllegalArgumentException("a measure of kind 'other' needs its text, saying what it does");
    }
    from = from == null ? Optional.empty() : from;
  }
}

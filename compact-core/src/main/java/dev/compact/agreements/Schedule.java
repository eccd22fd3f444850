package dev.compact.agreements;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A commitment repeated every period, e.g. a yearly tranche over ten years. The amount, if any,
 * is per period.
 */
public record Schedule(LocalDate start, IsoDuration every, int count, Optional<Money> amountPerPeriod) {
  public String display() {
    return "every " + every.display().replaceFirst("^1 ", "") + " for " + count + " periods from " + start
        + amountPerPeriod.map(m -> ", " + m.display() + " each").orElse("");
  }
}

package dev.compact.engine;

import dev.compact.agreements.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Amounts in a currency's smallest unit (ISO 4217: the cent for EUR, none for JPY, ISK or KRW), so that a figure the
 * engine computes is one that can be paid: no yen cents, and parts of a total that add up to the total.
 */
final class MinorUnits {
  private MinorUnits() {}

  /** The currency's minor-unit digits; 2 for a code the JDK does not know or that has none defined (gold, SDR). */
  static int digits(String currency) {
    return Money.minorDigits(currency);
  }

  /** {@code value} rounded to the currency's minor unit, half to even. */
  static BigDecimal round(BigDecimal value, String currency) {
    return value.setScale(digits(currency), RoundingMode.HALF_EVEN);
  }

  /**
   * A total spread over {@code count} parts in the currency's minor units: every part but the last rounded down, the
   * last taking the remainder (at most count - 1 units more), so the parts add up to the total exactly (EUR 1,000 over
   * three years: 333.33, 333.33, 333.34; JPY 1,000: 333, 333, 334). The checker refuses a written total finer than the
   * minor unit, or smaller than one unit a part, so that every part is a payable amount above zero.
   */
  static List<Money> spread(Money total, int count) {
    BigDecimal part = total.value().divide(BigDecimal.valueOf(count), digits(total.currency()), RoundingMode.DOWN);
    List<Money> parts = new ArrayList<>(count);
    for (int i = 0; i < count - 1; i++) {
      parts.add(new Money(part, total.currency()));
    }
    parts.add(new Money(total.value().subtract(part.multiply(BigDecimal.valueOf(count - 1))), total.currency()));
    return List.copyOf(parts);
  }
}

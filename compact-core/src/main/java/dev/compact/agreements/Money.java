package dev.compact.agreements;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount in an ISO 4217 currency, kept exact. */
public record Money(BigDecimal value, String currency) {

  /** Legal-text form: "GBP 2.5 billion", "EUR 200 million", "USD 12,000". */
  public String display() {
    BigDecimal billion = BigDecimal.valueOf(1_000_000_000L);
    BigDecimal million = BigDecimal.valueOf(1_000_000L);
    if (value.abs().compareTo(billion) >= 0) {
      return currency + " " + plain(value.divide(billion, 3, RoundingMode.UNNECESSARY)) + " billion";
    }
    if (value.abs().compareTo(million) >= 0 && value.remainder(BigDecimal.valueOf(1000)).signum() == 0) {
      return currency + " " + plain(value.divide(million, 3, RoundingMode.UNNECESSARY)) + " million";
    }
    return currency + " " + String.format(java.util.Locale.ROOT, "%,.2f", value).replace(".00", "");
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return currency + " " + value.stripTrailingZeros().toPlainString();
  }
}

package dev.compact.agreements;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount in an ISO 4217 currency, kept exact. */
public record Money(BigDecimal value, String currency) {

  /**
   * Legal-text form: "GBP 2.5 billion", "EUR 200 million" when that is exact to three decimals,
   * otherwise the full figure ("USD 2,500,000,001"): a rendered amount is never rounded.
   */
  public String display() {
    BigDecimal billion = BigDecimal.valueOf(1_000_000_000L);
    BigDecimal million = BigDecimal.valueOf(1_000_000L);
    if (value.abs().compareTo(billion) >= 0 && exactIn(billion)) {
      return currency + " " + plain(value.divide(billion, 3, RoundingMode.UNNECESSARY)) + " billion";
    }
    if (value.abs().compareTo(million) >= 0 && exactIn(million)) {
      return currency + " " + plain(value.divide(million, 3, RoundingMode.UNNECESSARY)) + " million";
    }
    String full = String.format(java.util.Locale.ROOT, "%,f", value.stripTrailingZeros());
    full = full.contains(".") ? full.replaceAll("0+$", "").replaceAll("\\.$", "") : full;
    return currency + " " + full;
  }

  /** True when the value is a whole number of thousandths of the unit. */
  private boolean exactIn(BigDecimal unit) {
    return value.multiply(BigDecimal.valueOf(1000)).remainder(unit).signum() == 0;
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  /**
   * The currency's minor-unit digits (ISO 4217, as {@link java.util.Currency} gives them: 2 for EUR, 0 for JPY, 3 for
   * KWD); 2 for a code the JDK does not know or that has none defined (gold, SDR).
   */
  public static int minorDigits(String currency) {
    try {
      int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  /** True when the value has more decimals than the currency's minor unit: JPY 1000.5, EUR 10.005. */
  public boolean finerThanMinorUnit() {
    return value.stripTrailingZeros().scale() > minorDigits(currency);
  }

  @Override
  public String toString() {
    return currency + " " + value.stripTrailingZeros().toPlainString();
  }
}

package dev.compact.engine;

import dev.compact.agreements.AmountBound;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Money;
import dev.compact.agreements.Norm;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How much of a commitment or measure has been delivered (and allocated), counted in the
 * commitment's currency, and which items in what quantities.
 */
public record Progress(
    Optional<Money> target,
    BigDecimal delivered,
    BigDecimal allocated,
    List<ItemLine> itemTargets,
    SortedMap<String, Long> itemsDelivered) {

  public Progress {
    itemTargets = List.copyOf(itemTargets);
    itemsDelivered = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(itemsDelivered));
  }

  /** True when every amount and item line is covered by deliveries. */
  public boolean complete() {
    if (target.isPresent() && delivered.compareTo(target.get().value()) < 0) {
      return false;
    }
    for (ItemLine line : itemTargets) {
      if (itemsDelivered.getOrDefault(line.item(), 0L) < line.quantity()) {
        return false;
      }
    }
    return true;
  }

  /** "GBP 1,200,000,000 of GBP 2,500,000,000 delivered (48%); 12 of 36 self-propelled howitzers". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    target.ifPresent(money -> parts.add(amount(money.currency(), delivered) + " of " + amount(money.currency(), money.value())
        + " delivered (" + percent(delivered, money.value()) + ")"
        + (allocated.signum() > 0 ? ", " + amount(money.currency(), allocated) + " allocated" : "")));
    for (ItemLine line : itemTargets) {
      parts.add(String.format(Locale.ROOT, "%,d of %,d %s", itemsDelivered.getOrDefault(line.item(), 0L), line.quantity(), line.item()));
    }
    if (parts.isEmpty()) {
      return itemsDelivered.isEmpty() ? "nothing delivered" : "delivered " + itemsDelivered;
    }
    return String.join("; ", parts);
  }

  /**
   * What is still missing of the floors of {@code commitment}: "EUR 20,750,000; 18 self-propelled
   * howitzers"; "nothing" when every floor is met. What is left below an "up to" ceiling is not
   * missing (a ceiling not reached is kept), so it is not listed.
   */
  public String shortfall(Norm.Commitment commitment) {
    List<String> parts = new ArrayList<>();
    target.filter(money -> commitment.bound() != AmountBound.UP_TO && delivered.compareTo(money.value()) < 0)
        .ifPresent(money -> parts.add(amount(money.currency(), money.value().subtract(delivered))));
    for (int n = 0; n < itemTargets.size(); n++) {
      ItemLine line = itemTargets.get(n);
      long missing = line.quantity() - itemsDelivered.getOrDefault(line.item(), 0L);
      if (missing > 0 && commitment.itemBound(n) != AmountBound.UP_TO) {
        parts.add(String.format(Locale.ROOT, "%,d %s", missing, line.item()));
      }
    }
    return parts.isEmpty() ? "nothing" : String.join("; ", parts);
  }

  /**
   * An amount as a person reads it: whole amounts without decimals, others to the currency's minor unit or finer when
   * the value is finer. Always two decimals hid a breach in a three-decimal currency (review 6, M1: "KWD 333.33 of
   * KWD 333.33 delivered" for 333.330 of 333.333).
   */
  static String amount(String currency, BigDecimal value) {
    int scale = value.stripTrailingZeros().scale();
    int digits = scale <= 0 ? 0 : Math.max(MinorUnits.digits(currency), scale);
    return currency + " " + String.format(Locale.ROOT, "%,." + digits + "f", value);
  }

  private static String percent(BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      return "100%";
    }
    return part.multiply(BigDecimal.valueOf(100)).divide(whole, 0, RoundingMode.FLOOR).toPlainString() + "%";
  }
}

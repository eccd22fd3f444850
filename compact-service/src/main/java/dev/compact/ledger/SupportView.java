package dev.compact.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One recorded allocation or delivery. {@code amount} is exact decimal text (never a binary float),
 * {@code rate} an exchange rate and its currency ("1.08 USD"), {@code items} the item lines joined by
 * "; ", {@code scope} {@code lethal} or {@code non-lethal} when the record says (null when it does not). {@code storeSeq}
 * (its log position) is shown only to readers cleared for secret.
 */
public record SupportView(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long storeSeq, String kind, String guarantor,
    String category, @Nullable String amount, @Nullable String currency, @Nullable String rate, String items,
    @Nullable String countsAgainst, @Nullable String scope, Instant occurredAt, String classification) {

  /** The same row without its log position, for a reader who is not shown sequence numbers. */
  public SupportView withoutSequence() {
    return new SupportView(null, kind, guarantor, category, amount, currency, rate, items, countsAgainst, scope, occurredAt, classification);
  }
}

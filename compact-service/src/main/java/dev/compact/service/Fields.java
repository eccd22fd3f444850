package dev.compact.service;

import dev.compact.agreements.Domain;
import dev.compact.agreements.IsoDuration;
import dev.compact.agreements.ItemLine;
import dev.compact.agreements.Keywords;
import dev.compact.agreements.Money;
import dev.compact.agreements.PartyCode;
import dev.compact.text.Shown;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the fields of a request or a form and turns them into core values, with messages that say
 * which field is wrong and what would be right. The API and the dashboard both use it, so they accept
 * and refuse the same things. Every failure is an IllegalArgumentException.
 */
public final class Fields {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
  private static final Pattern PLACE = Pattern.compile("[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}(-[A-Z0-9]{1,8})*");

  private Fields() {}

  public static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is required");
    }
    return limited(value, field);
  }

  /** Free text of at most 2,000 characters. */
  public static String limited(String value, String field) {
    if (value.length() > 2_000) {
      throw new IllegalArgumentException("'" + field + "' is longer than 2,000 characters");
    }
    return value;
  }

  public static String id(String value, String field) {
    required(value, field);
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException("'" + field + "' must be 1 to 80 letters, digits, '.', '_' or '-', not '" + Shown.value(value) + "'");
    }
    return value;
  }

  public static PartyCode party(String value, String field) {
    required(value, field);
    if (!PartyCode.isKnown(value)) {
      throw new IllegalArgumentException("'" + field + "': unknown party '" + Shown.value(value) + "'; use an ISO 3166-1 alpha-3 code such as GBR");
    }
    return new PartyCode(value);
  }

  /** Parties named in a list, each once, in the order first named. */
  public static List<PartyCode> parties(List<String> values, String field) {
    java.util.LinkedHashSet<PartyCode> parties = new java.util.LinkedHashSet<>();
    for (String value : values == null ? List.<String>of() : values) {
      parties.add(party(value, field));
    }
    return List.copyOf(parties);
  }

  /** An element of a list in a request: {@code [null]} is refused, not taken for an empty entry. */
  public static <T> T present(T element, String field) {
    if (element == null) {
      throw new IllegalArgumentException("'" + field + "' must not contain null");
    }
    return element;
  }

  public static String place(String value) {
    required(value, "place");
    if (value.length() > 40 || !dev.compact.agreements.Places.isKnown(value)) {
      throw new IllegalArgumentException("'place' must be an ISO 3166-1 alpha-3 code, a Ukrainian ISO 3166-2 code or a maritime zone"
          + " such as UKR, UA-63 or UKR-EEZ, not '" + Shown.value(value) + "'");
    }
    return value;
  }

  public static <E extends Enum<E>> E keyword(Class<E> type, String value, String field) {
    required(value, field);
    return Keywords.parse(type, value).orElseThrow(() ->
        new IllegalArgumentException("'" + field + "' must be one of " + Keywords.choices(type) + ", not '" + Shown.value(value) + "'"));
  }

  /** A record's classification; public when not given. */
  public static dev.compact.agreements.Classification classification(String value) {
    return value == null || value.isBlank() ? dev.compact.agreements.Classification.PUBLIC
        : keyword(dev.compact.agreements.Classification.class, value, "classification");
  }

  /** The time a client says something happened, or now; never in the future. */
  public static Instant occurredAt(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return now;
    }
    try {
      Instant at = Instant.parse(value);
      if (at.isAfter(now)) {
        throw new IllegalArgumentException("'occurredAt' " + value + " is in the future");
      }
      return at;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'occurredAt' must be an ISO-8601 UTC time such as 2026-03-01T06:00:00Z, not '" + Shown.value(value) + "'");
    }
  }

  public static Optional<Instant> optionalInstant(String value, String field) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + field + "' must be an ISO-8601 UTC time, not '" + Shown.value(value) + "'");
    }
  }

  public static IsoDuration duration(String value, String field) {
    required(value, field);
    return IsoDuration.parse(value).orElseThrow(() ->
        new IllegalArgumentException("'" + field + "' must be an ISO-8601 duration such as PT24H or P30D, not '" + Shown.value(value) + "'"));
  }

  public record MoneyInput(BigDecimal value, String currency) {}

  public record ItemInput(String item, long quantity) {}

  public static Optional<Money> money(MoneyInput input, String field) {
    if (input == null) {
      return Optional.empty();
    }
    if (input.value() == null || input.value().signum() <= 0) {
      throw new IllegalArgumentException("'" + field + ".value' must be a positive number");
    }
    amount(input.value(), field + ".value");
    if (input.currency() == null || !input.currency().matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("'" + field + ".currency' must be an ISO 4217 code such as EUR");
    }
    return Optional.of(new Money(input.value(), input.currency()));
  }

  /** The largest amount a record holds: 18 digits before the point. */
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1E18");
  /** The most decimals an amount or a rate may have. */
  private static final int MAX_SCALE = 8;

  /**
   * An amount or a rate, kept exactly as given: under 10^18 and with at most 8 decimals, so that it
   * fits the record's columns without rounding. Anything else is refused rather than rounded.
   */
  public static BigDecimal amount(BigDecimal value, String field) {
    BigDecimal plain = value.stripTrailingZeros();
    if (plain.compareTo(MAX_AMOUNT) >= 0 || plain.scale() > MAX_SCALE) {
      throw new IllegalArgumentException("'" + field + "' must be below 10^18 with at most " + MAX_SCALE
          + " decimals (it is kept exactly, never rounded), not " + (value.precision() > 40 ? "a number of " + value.precision()
          + " digits" : value.toString()));
    }
    return value;
  }

  public static List<ItemLine> items(List<ItemInput> inputs) {
    List<ItemLine> items = new ArrayList<>();
    for (ItemInput input : inputs == null ? List.<ItemInput>of() : inputs) {
      present(input, "items");
      required(input.item(), "items.item");
      if (input.quantity() <= 0) {
        throw new IllegalArgumentException("'items.quantity' must be a positive whole number");
      }
      items.add(new ItemLine(input.item(), input.quantity()));
    }
    return items;
  }

  public static Domain domain(String value) {
    return keyword(Domain.class, value, "category");
  }
}

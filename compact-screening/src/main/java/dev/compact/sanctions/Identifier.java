package dev.compact.sanctions;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A typed identifier of an entity: a passport number, an IMO number, a crypto address...
 *
 * @param type what kind of identifier it is
 * @param value the identifier as published
 * @param country the issuing country when the source gives it
 * @param label the source's own wording for the type ("Cedula No.", "Digital Currency Address -
 *     XBT"), kept for explanations; empty when it says nothing more than the type
 */
public record Identifier(
    IdentifierType type, String value, Optional<Country> country, String label) {

  private static final Pattern NOT_LETTER_OR_DIGIT =
      Pattern.compile("[^\\p{L}\\p{N}]");

  public Identifier {
    if (type == null) {
      throw new IllegalArgumentException("an identifier needs a type");
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an identifier must not be blank");
    }
    value = value.strip();
    country = country == null ? Optional.empty() : country;
    label = label == null ? "" : label.strip();
  }

  public Identifier(IdentifierType type, String value) {
    this(type, value, Optional.empty(), "");
  }

  public Identifier(IdentifierType type, String value, Country country) {
    this(type, value, Optional.of(country), "");
  }

  /** Whether a match on this identifier alone is near-conclusive; see {@link IdentifierType}. */
  public boolean isStrong() {
    return type.isStrong();
  }

  /**
   * The value reduced for comparison: letters and digits only, upper case ("AB 12-34" becomes
   * "AB1234"). Crypto addresses are case-sensitive and keep their case.
   */
  public String normalisedValue() {
    String compact = NOT_LETTER_OR_DIGIT.matcher(value).replaceAll("");
    return type == IdentifierType.CRYPTO ? compact : compact.toUpperCase(Locale.ROOT);
  }
}

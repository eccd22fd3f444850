package dev.compact.sanctions;

import java.util.Optional;

/**
 * A postal address as one line of text, with its country when known.
 *
 * @param text street, city and region joined as the source gives them; may be empty when the
 *     source only gives a country
 * @param country the country of the address
 */
public record Address(String text, Optional<Country> country) {

  public Address {
    text = text == null ? "" : text.strip();
    country = country == null ? Optional.empty() : country;
    if (text.isEmpty() && country.isEmpty()) {
      throw new IllegalArgumentException("an address needs text or a country");
    }
  }
}

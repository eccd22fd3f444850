package dev.compact.sanctions;

/** A country together with the way it relates to an entity. */
public record CountryLink(Country country, CountryRole role) {

  public CountryLink {
    if (country == null || role == null) {
      throw new IllegalArgumentException("a country link needs a country and a role");
    }
  }
}

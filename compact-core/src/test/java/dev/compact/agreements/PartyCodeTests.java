package dev.compact.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A party's English name, which rendered text and quoted fields show. */
class PartyCodeTests {

  /**
   * The names are looked up in a table built once (issue #17); every code must still get the name
   * that walking the JDK's countries gives, the first country with the code naming it.
   */
  @Test
  void everyCodeIsNamedAsTheWalkOverTheJdksCountriesNamesIt() {
    for (String code : PartyCode.allCodes()) {
      assertThat(new PartyCode(code).displayName()).as(code).isEqualTo(walked(code));
    }
    assertThat(new PartyCode("XYZ").displayName()).isEqualTo(walked("XYZ")).isEqualTo("XYZ");
    assertThat(new PartyCode("DEU").displayName()).isEqualTo("Germany");
    assertThat(new PartyCode("GBR").displayName()).isEqualTo("the United Kingdom");
  }

  private static String walked(String code) {
    if (PartyCode.ORGANISATIONS.contains(code)) {
      return new PartyCode(code).displayName();
    }
    for (String alpha2 : Locale.getISOCountries()) {
      Locale locale = Locale.of("", alpha2);
      if (locale.getISO3Country().equals(code)) {
        return switch (code) {
          case "GBR" -> "the United Kingdom";
          case "USA" -> "the United States";
          default -> locale.getDisplayCountry(Locale.ENGLISH);
        };
      }
    }
    return code;
  }
}

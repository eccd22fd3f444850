package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class OfacRemarksTests {

  @Test
  void readsDayMonthYearDateOfBirth() {
    assertThat(OfacRemarks.parse("DOB 23 Nov 1962.").birthDates())
        .containsExactly(PartialDate.of(1962, 11, 23));
  }

  @Test
  void readsSeveralDatesOfBirthIncludingAlternatives() {
    OfacRemarks r = OfacRemarks.parse("DOB 13 May 1965; alt. DOB 13 Apr 1968; alt. DOB 1964.");
    assertThat(r.birthDates())
        .containsExactly(PartialDate.of(1965, 5, 13), PartialDate.of(1968, 4, 13), PartialDate.ofYear(1964));
  }

  @Test
  void keepsCircaAndMonthOnlyDates() {
    OfacRemarks r = OfacRemarks.parse("DOB circa 1951; alt. DOB Oct 1963");
    assertThat(r.birthDates()).extracting(PartialDate::toString).containsExactly("~1951", "1963-10");
  }

  @Test
  void expandsDateOfBirthRanges() {
    assertThat(OfacRemarks.parse("DOB 1960 to 1962").birthDates())
        .extracting(PartialDate::toString)
        .containsExactly("~1960", "~1961", "~1962");
    assertThat(OfacRemarks.parse("DOB circa 1979-1982").birthDates())
        .extracting(PartialDate::toString)
        .containsExactly("~1979", "~1980", "~1981", "~1982");
    assertThat(OfacRemarks.parse("DOB 01 Jan 1958 to 31 Jan 1958").birthDates())
        .containsExactly(PartialDate.ofMonth(1958, 1));
  }

  @Test
  void keepsAnUnreadableDateOfBirthAsARemark() {
    OfacRemarks r = OfacRemarks.parse("DOB sometime in the sixties");
    assertThat(r.birthDates()).isEmpty();
    assertThat(r.other()).containsExactly("DOB sometime in the sixties");
  }

  @Test
  void takesTheCountryOfBirthFromThePlaceOfBirth() {
    OfacRemarks r = OfacRemarks.parse("POB Culiacan, Sinaloa, Mexico; nationality Korea, North; citizen Russia");
    assertThat(r.birthPlaces()).containsExactly("Culiacan, Sinaloa, Mexico");
    assertThat(r.countries())
        .containsExactly(
            new CountryLink(new Country("MX"), CountryRole.BIRTH),
            new CountryLink(new Country("KP"), CountryRole.NATIONALITY),
            new CountryLink(new Country("RU"), CountryRole.CITIZENSHIP));
  }

  @Test
  void findsCountriesOfBirthWrittenWithACommaOrNoLongerExisting() {
    assertThat(OfacRemarks.parse("POB Kinshasa, Congo, Democratic Republic of the").countries())
        .containsExactly(new CountryLink(new Country("CD"), CountryRole.BIRTH));
    assertThat(OfacRemarks.parse("POB Belgrade, Serbia and Montenegro").countries())
        .containsExactly(new CountryLink(new Country("CS"), CountryRole.BIRTH));
  }

  @Test
  void readsGender() {
    assertThat(OfacRemarks.parse("Gender Female").gender()).contains(Gender.FEMALE);
    assertThat(OfacRemarks.parse("Gender Male").gender()).contains(Gender.MALE);
  }

  @Test
  void readsPassportWithCountryAndDropsValidityDates() {
    OfacRemarks r = OfacRemarks.parse(
        "Passport 1084010 (Egypt); alt. Passport L 191609 issued 28 Feb 1996 expires 27 Feb 2001");
    assertThat(r.identifiers())
        .containsExactly(
            new Identifier(IdentifierType.PASSPORT, "1084010", Optional.of(new Country("EG")), "Passport"),
            new Identifier(IdentifierType.PASSPORT, "L 191609", Optional.empty(), "Passport"));
  }

  @Test
  void readsNationalIdsUnderTheirManyNames() {
    OfacRemarks r = OfacRemarks.parse(
        "Cedula No. 16247821 (Colombia); C.U.R.P. AIMM67125HCHRRG06 (Mexico) issued 1968; National ID No. 660000 73767 (Belgium)");
    assertThat(r.identifiers()).extracting(Identifier::type).containsOnly(IdentifierType.NATIONAL_ID);
    assertThat(r.identifiers()).extracting(Identifier::value)
        .containsExactly("16247821", "AIMM67125HCHRRG06", "660000 73767");
    assertThat(r.identifiers()).extracting(Identifier::label)
        .containsExactly("Cedula No.", "C.U.R.P.", "National ID No.");
  }

  @Test
  void readsImoNumbersWhateverTheLabel() {
    OfacRemarks r = OfacRemarks.parse(
        "Vessel Registration Identification IMO 9187629; Identification Number IMO 9339301; Company Number IMO 5055293; MMSI 636013272");
    assertThat(r.identifiers()).extracting(Identifier::type, Identifier::value)
        .containsExactly(
            Tuple.tuple(IdentifierType.IMO, "9187629"),
            Tuple.tuple(IdentifierType.IMO, "9339301"),
            Tuple.tuple(IdentifierType.IMO, "5055293"),
            Tuple.tuple(IdentifierType.MMSI, "636013272"));
  }

  @Test
  void readsCryptoAddressesWithTheirCurrency() {
    OfacRemarks r = OfacRemarks.parse(
        "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital Currency Address - ETH 0x7F367cC41522cE07553e823bf3be79A889DEbe1B");
    assertThat(r.identifiers()).extracting(Identifier::type).containsOnly(IdentifierType.CRYPTO);
    assertThat(r.identifiers()).extracting(Identifier::value)
        .containsExactly("12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h", "0x7F367cC41522cE07553e823bf3be79A889DEbe1B");
    assertThat(r.identifiers()).extracting(Identifier::label)
        .containsExactly("Digital Currency Address - XBT", "Digital Currency Address - ETH");
  }

  @Test
  void readsBankAndCompanyIdentifiers() {
    OfacRemarks r = OfacRemarks.parse(
        "SWIFT/BIC HAVIGB2L; Legal Entity Number 254900PJOTUJX5BMRN14; Legal Entity Number 851683897 (Netherlands); Registration Number 02696754 (United Kingdom)");
    assertThat(r.identifiers()).extracting(Identifier::type)
        .containsExactly(IdentifierType.BIC, IdentifierType.LEI, IdentifierType.REGISTRATION, IdentifierType.REGISTRATION);
  }

  @Test
  void recognisesRussianInnAndOgrn() {
    OfacRemarks r = OfacRemarks.parse(
        "Tax ID No. 9709063550 (Russia); Business Registration Number 1207700248030 (Russia); Tax ID No. 100036386 (Serbia)");
    assertThat(r.identifiers()).extracting(Identifier::type)
        .containsExactly(IdentifierType.INN, IdentifierType.OGRN, IdentifierType.TAX_ID);
  }

  @Test
  void readsLinksAndWeakAliases() {
    OfacRemarks r = OfacRemarks.parse(
        "a.k.a. 'BURTON BURGESS'; Linked To: D'S SUPERMARKET COMPANY LTD.; Linked To: MAHAN AIR.");
    assertThat(r.weakAliases()).containsExactly("BURTON BURGESS");
    assertThat(r.linkedTo()).containsExactly("D'S SUPERMARKET COMPANY LTD.", "MAHAN AIR");
  }

  @Test
  void keepsStatementsItDoesNotUnderstand() {
    OfacRemarks r = OfacRemarks.parse(
        "Additional Sanctions Information - Subject to Secondary Sanctions; Website www.gicdf.org; Passport 123 (Egypt)");
    assertThat(r.other())
        .containsExactly("Additional Sanctions Information - Subject to Secondary Sanctions", "Website www.gicdf.org");
    assertThat(r.identifiers()).hasSize(1);
  }

  @Test
  void readsNothingFromEmptyRemarks() {
    OfacRemarks r = OfacRemarks.parse("");
    assertThat(r.birthDates()).isEmpty();
    assertThat(r.identifiers()).isEmpty();
    assertThat(r.other()).isEmpty();
  }
}

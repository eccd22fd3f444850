package dev.compact.sanctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SanctionedEntityTests {

  @Test
  void builderPutsThePrimaryNameFirstWhateverTheOrder() {
    SanctionedEntity e =
        SanctionedEntity.builder("306", Schema.COMPANY)
            .name("BNC", NameStrength.ALIAS)
            .name("BANCO NACIONAL DE CUBA", NameStrength.PRIMARY)
            .build();

    assertThat(e.primaryName().full()).isEqualTo("BANCO NACIONAL DE CUBA");
    assertThat(e.names()).extracting(EntityName::strength)
        .containsExactly(NameStrength.PRIMARY, NameStrength.ALIAS);
  }

  @Test
  void refusesAnEntityWithoutAPrimaryName() {
    assertThatThrownBy(
            () -> SanctionedEntity.builder("1", Schema.PERSON).name("X", NameStrength.ALIAS).build())
        .hasMessageContaining("primary");
  }

  @Test
  void isImmutableOnceBuilt() {
    List<EntityName> names = new ArrayList<>(List.of(EntityName.primary("A")));
    SanctionedEntity e = SanctionedEntity.builder("1", Schema.PERSON).name(names.getFirst()).build();

    assertThatThrownBy(() -> e.names().add(EntityName.primary("B")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void dropsDuplicateIdentifiersAndCountries() {
    Country ru = Country.fromName("Russia").orElseThrow();
    SanctionedEntity e =
        SanctionedEntity.builder("1", Schema.PERSON)
            .name(EntityName.primary("A"))
            .identifier(new Identifier(IdentifierType.PASSPORT, "4005504207", ru))
            .identifier(new Identifier(IdentifierType.PASSPORT, "4005504207", ru))
            .country(ru, CountryRole.NATIONALITY)
            .country(ru, CountryRole.NATIONALITY)
            .build();

    assertThat(e.identifiers()).hasSize(1);
    assertThat(e.countries(CountryRole.NATIONALITY)).containsExactly(ru);
  }

  @Test
  void strongIdentifiersAreThoseThatIdentifyOnTheirOwn() {
    assertThat(new Identifier(IdentifierType.IMO, "9187629").isStrong()).isTrue();
    assertThat(new Identifier(IdentifierType.CRYPTO, "1Abc").isStrong()).isTrue();
    assertThat(new Identifier(IdentifierType.MMSI, "123456789").isStrong()).isFalse();
    assertThat(new Identifier(IdentifierType.REGISTRATION, "12345").isStrong()).isFalse();
  }

  @Test
  void normalisesIdentifierValuesButKeepsCryptoCase() {
    assertThat(new Identifier(IdentifierType.PASSPORT, "ab 12-34").normalisedValue())
        .isEqualTo("AB1234");
    assertThat(new Identifier(IdentifierType.CRYPTO, "1AbC").normalisedValue()).isEqualTo("1AbC");
  }

  @Test
  void normalisesCountryNamesAndCodesToAlpha2() {
    assertThat(Country.fromName("Korea, North")).contains(new Country("KP"));
    assertThat(Country.fromName("Iran (Islamic Republic of)")).contains(new Country("IR"));
    assertThat(Country.fromName("Côte d'Ivoire")).contains(new Country("CI"));
    assertThat(Country.fromName("Germany")).contains(new Country("DE"));
    assertThat(Country.fromCode("rus")).contains(new Country("RU"));
    assertThat(Country.fromCode("ru")).contains(new Country("RU"));
    assertThat(Country.fromName("Atlantis")).isEmpty();
    assertThat(Country.fromName("na")).as("'na' in a name field means not available").isEmpty();
    assertThat(Country.fromName("UK")).contains(new Country("GB"));
    assertThat(Country.fromName("Trinidad and Tobago")).contains(new Country("TT"));
    assertThat(Country.fromName("the Philippines")).contains(new Country("PH"));
  }

  @Test
  void organisationsAndCompaniesAreCompatibleSchemata() {
    assertThat(Schema.ORGANIZATION.compatibleWith(Schema.COMPANY)).isTrue();
    assertThat(Schema.PERSON.compatibleWith(Schema.COMPANY)).isFalse();
    assertThat(Schema.VESSEL.compatibleWith(Schema.AIRCRAFT)).isFalse();
  }

  @Test
  void listRefusesDuplicateIds() {
    SanctionedEntity a = SanctionedEntity.builder("1", Schema.PERSON).name(EntityName.primary("A")).build();
    assertThatThrownBy(() -> new SanctionsList("L", "", "", Optional.empty(), List.of(a, a)))
        .hasMessageContaining("twice");
  }
}

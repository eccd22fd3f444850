package dev.compact.screening;

import dev.compact.sanctions.Country;
import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.IdentifierType;
import dev.compact.sanctions.PartialDate;
import dev.compact.sanctions.SanctionedEntity;
import java.util.List;
import java.util.Locale;

/**
 * What a query's date of birth, country, gender and identifiers do to an entity's score (the
 * amounts are {@link Screener}'s constants). Each adds its effect to {@code effects} for the
 * explanation, or only returns it when {@code effects} is null (ranking needs the number alone).
 */
final class Qualifiers {

  private Qualifiers() {}

  static double birthDateEffect(ScreeningQuery q, SanctionedEntity entity,
      List<QualifierEffect> effects) {
    if (q.birthDate().isEmpty() || entity.birthDates().isEmpty()) {
      return 0;
    }
    PartialDate date = q.birthDate().get();
    boolean sameYear = false;
    for (PartialDate listed : entity.birthDates()) {
      if (listed.consistentWith(date)) {
        if (effects != null) {
          effects.add(new QualifierEffect("date-of-birth", format(date) + " agrees with listed "
              + format(listed), 0));
        }
        return 0;
      }
      sameYear |= listed.year() == date.year();
    }
    double effect = sameYear ? Screener.DOB_DAY_DIFFERS : Screener.DOB_YEAR_DIFFERS;
    if (effects != null) {
      effects.add(new QualifierEffect("date-of-birth", format(date)
          + (sameYear ? " has the year but not the day of " : " differs from ")
          + entity.birthDates().stream().map(Qualifiers::format).toList(), effect));
    }
    return effect;
  }

  private static String format(PartialDate date) {
    if (date.hasDay()) {
      return String.format(Locale.ROOT, "%04d-%02d-%02d", date.year(), date.month(), date.day());
    }
    return date.hasMonth() ? String.format(Locale.ROOT, "%04d-%02d", date.year(), date.month())
        : String.format(Locale.ROOT, "%04d", date.year());
  }

  static double countryEffect(ScreeningQuery q, SanctionedEntity entity,
      List<QualifierEffect> effects) {
    if (q.country().isEmpty() || entity.allCountries().isEmpty()) {
      return 0;
    }
    Country country = q.country().get();
    if (entity.allCountries().contains(country)) {
      if (effects != null) {
        effects.add(new QualifierEffect("country", country.code() + " is listed", 0));
      }
      return 0;
    }
    if (effects != null) {
      effects.add(new QualifierEffect("country", country.code() + " is not among listed "
          + entity.allCountries().stream().map(Country::code).toList(), Screener.COUNTRY_DIFFERS));
    }
    return Screener.COUNTRY_DIFFERS;
  }

  static double genderEffect(ScreeningQuery q, SanctionedEntity entity,
      List<QualifierEffect> effects) {
    if (q.gender().isEmpty() || entity.gender().isEmpty()
        || q.gender().get() == entity.gender().get()) {
      return 0;
    }
    if (effects != null) {
      effects.add(new QualifierEffect("gender", q.gender().get() + " against listed "
          + entity.gender().get(), Screener.GENDER_DIFFERS));
    }
    return Screener.GENDER_DIFFERS;
  }

  /**
   * An exact strong identifier (IMO, LEI, passport, crypto address, ...) wins whatever the name;
   * a weak one (MMSI, registration number) only adds. Types must agree unless one side does not
   * know it, and a passport with a different issuing country is a different passport.
   */
  static double identifierEffect(ScreeningQuery q, SanctionedEntity entity, double score,
      List<QualifierEffect> effects) {
    for (Identifier wanted : q.identifiers()) {
      for (Identifier listed : entity.identifiers()) {
        if (!listed.normalisedValue().equals(wanted.normalisedValue())) {
          continue;
        }
        boolean typesAgree = listed.type() == wanted.type()
            || listed.type() == IdentifierType.OTHER || wanted.type() == IdentifierType.OTHER;
        boolean countriesAgree = listed.country().isEmpty() || wanted.country().isEmpty()
            || listed.country().equals(wanted.country());
        if (!typesAgree || !countriesAgree) {
          continue;
        }
        String detail = listed.type() + " " + listed.value() + " matches exactly";
        if (listed.isStrong() && wanted.type() != IdentifierType.OTHER || wanted.isStrong()
            && listed.type() != IdentifierType.OTHER) {
          double lifted = Math.max(score, Screener.STRONG_IDENTIFIER);
          if (effects != null) {
            effects.add(new QualifierEffect("identifier", detail + " (strong)", lifted - score));
          }
          return lifted;
        }
        if (effects != null) {
          effects.add(new QualifierEffect("identifier", detail + " (weak)", Screener.WEAK_IDENTIFIER));
        }
        return score + Screener.WEAK_IDENTIFIER;
      }
    }
    return score;
  }
}

package dev.compact.screening;

import dev.compact.sanctions.Country;
import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.IdentifierType;
import dev.compact.sanctions.PartialDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a screening query from the text a person types or a file holds (type, date of birth,
 * country, TYPE:VALUE identifiers), so that the command line, the API and the dashboard read them
 * the same way and say the same thing when they cannot.
 */
public final class QueryText {
  private QueryText() {}

  /** Builds a query from text fields, adding a sentence to {@code problems} for each one that cannot be read. */
  public static ScreeningQuery query(String name, String type, String dob, String country,
      List<String> ids, List<String> problems) {
    ScreeningQuery query = ScreeningQuery.of(name);
    if (type != null && !type.isBlank()) {
      Optional<NameKind> kind = NameKind.parse(type);
      if (kind.isEmpty()) {
        problems.add("unknown type '" + type + "': use person, company or vessel");
      } else {
        query = query.withKind(kind.get());
      }
    }
    if (dob != null && !dob.isBlank()) {
      Optional<PartialDate> date = PartialDate.parse(dob);
      if (date.isEmpty()) {
        problems.add("cannot read the date of birth '" + dob + "': use 1965, 1965-03 or 1965-03-24");
      } else {
        query = query.withBirthDate(date.get());
      }
    }
    if (country != null && !country.isBlank()) {
      Optional<Country> c = Country.fromCode(country).or(() -> Country.fromName(country));
      if (c.isEmpty()) {
        problems.add("unknown country '" + country + "': use an ISO code such as RU");
      } else {
        query = query.withCountry(c.get());
      }
    }
    for (String id : ids) {
      int colon = id.indexOf(':');
      if (colon <= 0 || colon == id.length() - 1) {
        problems.add("cannot read the identifier '" + id + "': use TYPE:VALUE, e.g. imo:9187629");
        continue;
      }
      String typeName = id.substring(0, colon).strip().toUpperCase(Locale.ROOT).replace('-', '_');
      IdentifierType idType;
      try {
        idType = IdentifierType.valueOf(typeName);
      } catch (IllegalArgumentException e) {
        problems.add("unknown identifier type '" + id.substring(0, colon) + "': use one of "
            + java.util.Arrays.stream(IdentifierType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
        continue;
      }
      query = query.withIdentifier(new Identifier(idType, id.substring(colon + 1)));
    }
    return query;
  }

}

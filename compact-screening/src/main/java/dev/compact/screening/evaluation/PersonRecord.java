package dev.compact.screening.evaluation;

import dev.compact.sanctions.Country;
import dev.compact.sanctions.PartialDate;
import dev.compact.screening.NameKind;
import dev.compact.screening.ScreeningQuery;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A person from yente's benchmark fixtures (listed positives or synthetic negatives):
 * {@code full_name,...,date_of_birth,place_of_birth,nationality}.
 */
public record PersonRecord(int line, String fullName, Optional<PartialDate> birthDate,
    Optional<Country> nationality) {

  /** Reads the fixture; the source name appears in error messages. */
  public static List<PersonRecord> read(String source, Reader reader) {
    CsvTable table = CsvTable.read(source, reader,
        List.of("full_name", "date_of_birth", "nationality"));
    List<PersonRecord> people = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      String name = row.get("full_name").strip();
      if (name.isEmpty()) {
        throw new EvaluationDataException(source + ":" + row.line() + ": empty full_name");
      }
      String nationality = row.get("nationality").strip();
      Optional<Country> country = Country.fromCode(nationality).or(() -> Country.fromName(
          nationality));
      people.add(new PersonRecord(row.line(), name, PartialDate.parse(row.get("date_of_birth")),
          country));
    }
    return List.copyOf(people);
  }

  /** A person query by name only. */
  public ScreeningQuery nameQuery() {
    return ScreeningQuery.of(fullName).withKind(NameKind.PERSON);
  }

  /** A person query with the date of birth and nationality as qualifiers. */
  public ScreeningQuery fullQuery() {
    ScreeningQuery query = nameQuery();
    if (birthDate.isPresent()) {
      query = query.withBirthDate(birthDate.get());
    }
    if (nationality.isPresent()) {
      query = query.withCountry(nationality.get());
    }
    return query;
  }
}

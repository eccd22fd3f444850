package dev.compact.screening;

import dev.compact.sanctions.Country;
import dev.compact.sanctions.Gender;
import dev.compact.sanctions.Identifier;
import dev.compact.sanctions.PartialDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to screen: a name and, optionally, the kind of party and the attributes that can confirm
 * or weaken a name match.
 */
public record ScreeningQuery(
    String name,
    NameKind kind,
    Optional<PartialDate> birthDate,
    Optional<Country> country,
    Optional<Gender> gender,
    List<Identifier> identifiers) {

  /** Names longer than this are refused: no listed name comes close, and they cost time. */
  public static final int MAX_NAME_LENGTH = 300;

  public ScreeningQuery {
    name = name == null ? "" : name;
    kind = kind == null ? NameKind.UNKNOWN : kind;
    birthDate = birthDate == null ? Optional.empty() : birthDate;
    country = country == null ? Optional.empty() : country;
    gender = gender == null ? Optional.empty() : gender;
    identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
  }

  /** A query by name only, of any kind of party. */
  public static ScreeningQuery of(String name) {
    return new ScreeningQuery(name, NameKind.UNKNOWN, Optional.empty(), Optional.empty(),
        Optional.empty(), List.of());
  }

  public ScreeningQuery withKind(NameKind value) {
    return new ScreeningQuery(name, value, birthDate, country, gender, identifiers);
  }

  public ScreeningQuery withBirthDate(PartialDate value) {
    return new ScreeningQuery(name, kind, Optional.of(value), country, gender, identifiers);
  }

  public ScreeningQuery withCountry(Country value) {
    return new ScreeningQuery(name, kind, birthDate, Optional.of(value), gender, identifiers);
  }

  public ScreeningQuery withGender(Gender value) {
    return new ScreeningQuery(name, kind, birthDate, country, Optional.of(value), identifiers);
  }

  public ScreeningQuery withIdentifier(Identifier value) {
    List<Identifier> all = new ArrayList<>(identifiers);
    all.add(value);
    return new ScreeningQuery(name, kind, birthDate, country, gender, all);
  }

  /**
   * What is wrong with the query, if anything: a name that is empty, absurdly long, or has
   * nothing left to match on after normalisation (only punctuation, titles or legal forms).
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (name.isBlank()) {
      problems.add("the name is empty");
    } else if (name.length() > MAX_NAME_LENGTH) {
      problems.add("the name has " + name.length() + " characters; at most " + MAX_NAME_LENGTH
          + " are accepted");
    } else if (NameNormaliser.normalise(name, kind).isEmpty()) {
      problems.add("the name '" + name + "' has nothing to match on after normalisation"
          + " (only punctuation, titles, initials, particles or legal forms)");
    }
    return problems;
  }
}

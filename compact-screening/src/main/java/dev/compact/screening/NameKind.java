package dev.compact.screening;

import java.util.Locale;
import java.util.Optional;

/** The kind of party a name belongs to, which decides reordering and title handling. */
public enum NameKind {
  PERSON,
  ORGANISATION,
  VESSEL,
  /** Aircraft and anything the query does not type: handled like an organisation or a person. */
  UNKNOWN;

  /** Parses the CLI and API spelling ({@code person}, {@code company}, {@code vessel}, ...). */
  public static Optional<NameKind> parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "person", "individual" -> Optional.of(PERSON);
      case "company", "organisation", "organization", "entity", "legalentity" ->
          Optional.of(ORGANISATION);
      case "vessel" -> Optional.of(VESSEL);
      case "any", "unknown", "aircraft" -> Optional.of(UNKNOWN);
      default -> Optional.empty();
    };
  }

  /** Whether two kinds can describe the same party. */
  public boolean compatibleWith(NameKind other) {
    return this == UNKNOWN || other == UNKNOWN || this == other;
  }
}

package dev.compact.screening;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A name split into comparable parts.
 *
 * @param original the name as given
 * @param kind the kind of party the name was normalised for
 * @param parts the parts in reading order (a "SURNAME, Given" name is already reordered)
 */
public record NormalisedName(String original, NameKind kind, List<NamePart> parts) {

  public NormalisedName {
    parts = List.copyOf(parts);
  }

  /**
   * Whether nothing identifying is left (only punctuation, titles, particles, initials or legal
   * forms); such a
   * name never matches anything, so that an untransliterable name cannot hit every entry.
   */
  public boolean isEmpty() {
    return parts.stream().noneMatch(p -> p.kind() == PartKind.WORD || p.kind() == PartKind.NUMBER);
  }

  /** The comparison form, parts separated by spaces, for display and exact lookups. */
  public String key() {
    return parts.stream().map(NamePart::text).collect(Collectors.joining(" "));
  }
}

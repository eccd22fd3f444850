package dev.compact.screening;

import dev.compact.sanctions.NameStrength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why an entity was hit, complete enough to reproduce the score from the list version and the
 * algorithm version.
 *
 * @param matchedName the listed name that aligned best, as listed
 * @param strength whether that name is the primary name, an alias or a weak alias
 * @param name the part-by-part alignment of the query with that name
 * @param qualifiers the attributes that moved the score
 * @param listName the list the entity comes from
 * @param listVersion the version hash of that list
 * @param algorithm {@link Algorithm#ID}
 */
public record Explanation(
    String matchedName,
    NameStrength strength,
    NameMatch name,
    List<QualifierEffect> qualifiers,
    String listName,
    String listVersion,
    String algorithm) {

  public Explanation {
    qualifiers = List.copyOf(qualifiers);
  }

  /** Human-readable lines, in the order a reviewer reads them. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "matched %s name '%s'",
        strength.name().toLowerCase(Locale.ROOT).replace('_', ' '), matchedName));
    lines.addAll(name.describe());
    for (QualifierEffect q : qualifiers) {
      lines.add(q.describe());
    }
    lines.add("list " + listName + " version " + listVersion + ", algorithm " + algorithm);
    return lines;
  }
}

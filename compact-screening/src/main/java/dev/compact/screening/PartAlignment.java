package dev.compact.screening;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One step of an alignment: query parts paired with candidate parts (one to one, or one to two
 * when a name is written joined or split), how alike they are and how much the pair weighs.
 *
 * @param query the query parts
 * @param candidate the candidate parts
 * @param basis what the similarity rests on: exact, edits, phonetic, initial, skeleton (an abjad
 *     transliteration), legal-form, joined
 * @param similarity from 0 to 1
 * @param weight the sum of the part weights
 */
public record PartAlignment(
    List<NamePart> query, List<NamePart> candidate, String basis, double similarity, double weight) {

  public PartAlignment {
    query = List.copyOf(query);
    candidate = List.copyOf(candidate);
  }

  /** Renders as {@code 'oleg'≈'oleg' exact 1.00 (w 2.0)}, quoting parts as written. */
  public String describe() {
    return String.format(Locale.ROOT, "'%s'≈'%s' %s %.2f (w %.1f)", written(query),
        written(candidate), basis, similarity, weight);
  }

  static String written(List<NamePart> parts) {
    return parts.stream().map(NamePart::original).collect(Collectors.joining(" "));
  }
}

package dev.compact.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison of a query name with a candidate name.
 *
 * @param score from 0 (nothing in common) to 1 (the same name)
 * @param aligned the part pairs, in query order
 * @param unmatchedQuery query parts that aligned with nothing
 * @param unmatchedCandidate candidate parts that aligned with nothing
 * @param notes adjustments applied, such as a conflict or a change of word order
 */
public record NameMatch(
    double score,
    List<PartAlignment> aligned,
    List<NamePart> unmatchedQuery,
    List<NamePart> unmatchedCandidate,
    List<String> notes) {

  public NameMatch {
    aligned = List.copyOf(aligned);
    unmatchedQuery = List.copyOf(unmatchedQuery);
    unmatchedCandidate = List.copyOf(unmatchedCandidate);
    notes = List.copyOf(notes);
  }

  static final NameMatch NONE = new NameMatch(0.0, List.of(), List.of(), List.of(),
      List.of("a name is empty after normalisation"));

  /** One line per alignment, then the unmatched parts and the notes. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (PartAlignment a : aligned) {
      lines.add(a.describe());
    }
    if (!unmatchedQuery.isEmpty()) {
      lines.add("unmatched in query: " + PartAlignment.written(unmatchedQuery));
    }
    if (!unmatchedCandidate.isEmpty()) {
      lines.add("unmatched in listed name: " + PartAlignment.written(unmatchedCandidate));
    }
    lines.addAll(notes);
    lines.add(String.format(Locale.ROOT, "name score %.3f", score));
    return lines;
  }
}

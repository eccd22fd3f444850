package dev.compact.screening;

import java.util.Locale;

/**
 * The tunable weights of the name comparison: what a leftover part costs, what each kind of
 * inexact agreement is worth. {@link #FITTED} is the set the matcher uses; the cross-validation in
 * {@code evaluation.CrossValidation} refits them on each training fold, so the held-out figures it
 * reports are not flattered by weights chosen on the very pairs they are measured on.
 *
 * @param extraQuery share of its weight an unmatched query part costs when the listed name has
 *     none left (divided by the number of agreeing content parts)
 * @param extraCandidate the same for an unmatched listed part when the query has none left
 * @param reordered factor on the score when content parts align in a different order
 * @param phonetic similarity of two words with the same Double Metaphone key and first letter
 * @param initial similarity of an initial and a word starting with that letter
 * @param folded factor on a similarity found only after folding romanisation variants or
 *     stripping a Latvian or Lithuanian gendered ending
 * @param skeleton similarity of equal consonant skeletons across an abjad transliteration
 * @param nickname similarity of a given name and its nickname or short form ("Bill", "William")
 */
public record MatchWeights(double extraQuery, double extraCandidate, double reordered,
    double phonetic, double initial, double folded, double skeleton, double nickname) {

  /**
   * The weights the matcher uses: {@code CrossValidation}'s fit on all 553 shared labelled pairs,
   * except {@code initial}, kept at 0.7 where the fit says 0.8, because 0.8 gains one pair
   * in-sample but doubles the alerts that rest on an initial among the shared negatives
   * (docs/screening.md).
   */
  public static final MatchWeights FITTED = new MatchWeights(0.6, 0.4, 0.95, 0.6, 0.7, 0.93, 0.9, 0.6);

  /** The same weights with component {@code i} (in declaration order) replaced. */
  public MatchWeights with(int i, double value) {
    double[] v = toArray();
    v[i] = value;
    return new MatchWeights(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
  }

  /** The components in declaration order. */
  public double[] toArray() {
    return new double[] {extraQuery, extraCandidate, reordered, phonetic, initial, folded,
        skeleton, nickname};
  }

  /** Component names in declaration order, for reports. */
  public static final java.util.List<String> NAMES = java.util.List.of("extraQuery",
      "extraCandidate", "reordered", "phonetic", "initial", "folded", "skeleton", "nickname");

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    double[] v = toArray();
    for (int i = 0; i < v.length; i++) {
      out.append(i == 0 ? "" : " ").append(NAMES.get(i)).append('=')
          .append(String.format(Locale.ROOT, "%.2f", v[i]));
    }
    return out.toString();
  }
}

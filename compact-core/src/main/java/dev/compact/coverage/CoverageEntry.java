package dev.compact.coverage;

/**
 * One thing a party is bound to (or holds), as one clause or one line of an agreement's header
 * states it.
 *
 * @param agreement the agreement's id
 * @param clause the clause's id, or empty for the agreement's header (term, ending conditions)
 * @param brief a few characters for a table cell: "24h", "24h~", "EUR 7.1bn", "10y"
 * @param summary the commitment in words: "within 24 hours of the request for consultations"
 * @param firmness how firm it is: the deadline's firmness, the amount's bound, conditions precedent,
 *     and the agreement's binding force
 * @param source the clause's source as written
 * @param status how firm the source is
 * @param stage the agreement's stage ("in force", "published as recommendations on 2022-09-13, not
 *     signed"): an entry from a text never signed binds nobody yet
 * @param signed whether the agreement was signed (or went further)
 */
public record CoverageEntry(
    String agreement, String clause, String brief, String summary, String firmness, String source, SourceStatus status,
    String stage, boolean signed) {

  /** {@code agreement/clause}, or the agreement alone for a header entry. */
  public String reference() {
    return clause.isEmpty() ? agreement : agreement + "/" + clause;
  }
}
